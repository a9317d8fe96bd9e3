import { describe, expect, it } from 'vitest';
import { event, identity, model } from '../../test/sim-model.js';
import { simulate } from './index.js';
import { LOSS_HISTOGRAM_BINS, lossHistogram } from './run.js';

const total = (counts: number[]) => counts.reduce((s, c) => s + c, 0);

describe('lossHistogram', () => {
  it('splits [min, max] into equal ranges and counts every value once, the maximum in the last range', () => {
    const h = lossHistogram(Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
  });

  it('keeps negative losses (an event that helps) and counts in path order, whatever the order', () => {
    const values = [-50, 150, 25, -50, 90, 150, 10];
    const h = lossHistogram(Float64Array.from(values), 4);
    expect(h.edges[0]).toBe(-50);
    expect(h.edges.at(-1)).toBe(150);
    expect(h.counts).toEqual([2, 2, 1, 2]);
    expect(lossHistogram(Float64Array.from([...values].reverse()), 4)).toEqual(h);
  });

  it('uses one range of width zero when every path loses the same, and none without paths or with unknowns', () => {
    expect(lossHistogram(Float64Array.of(20_000, 20_000, 20_000), 30)).toEqual({
      edges: [20_000, 20_000],
      counts: [3],
    });
    expect(lossHistogram(new Float64Array(0), 30)).toEqual({ edges: [], counts: [] });
    expect(lossHistogram(Float64Array.of(1, NaN), 30)).toEqual({ edges: [], counts: [] });
  });

  it('never has more ranges than values', () => {
    const h = lossHistogram(Float64Array.of(1, 2, 3), 30);
    expect(h.counts).toHaveLength(3);
    expect(total(h.counts)).toBe(3);
  });
});

describe('the stored loss histogram of a run', () => {
  it('covers the loss basis of every path: half the paths lose nothing, half lose 20,000', async () => {
    const m = model([{ sku: 'A', channel: 'tiktok-shop', daily: 100, price: 10 }], {
      horizonDays: 30,
      paths: 1000,
    });
    m.events = [event('ban', [0], 1, { probability: 0.5 })];
    m.cholesky = identity(1);
    const r = await simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: 20 });
    const h = r.lossHistogram;
    expect(r.lossBasis).toBe('revenue');
    expect(h.counts).toHaveLength(LOSS_HISTOGRAM_BINS);
    expect(h.edges).toHaveLength(LOSS_HISTOGRAM_BINS + 1);
    expect([h.edges[0], h.edges.at(-1)]).toEqual([0, 20_000]);
    expect(total(h.counts)).toBe(1000);
    // Only the first and last ranges hold paths, in the proportion the event happened.
    expect(h.counts.slice(1, -1).every((c) => c === 0)).toBe(true);
    expect(h.counts[h.counts.length - 1] / 1000).toBeCloseTo(r.eventFrequency[0].probability, 10);
  });

  it('is the same for any number of workers', async () => {
    const m = model([{ sku: 'A', channel: 'tiktok-shop', daily: 40, price: 10 }], {
      horizonDays: 60,
      paths: 1200,
      noise: true,
    });
    m.events = [event('ban', [0], 1, { probability: 0.6, onsetFrom: 5, onsetTo: 40 })];
    m.cholesky = identity(1);
    const one = await simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: 10 });
    const two = await simulate(m, { workers: 2, lossThreshold: 0, tornadoPaths: 10 });
    expect(two.lossHistogram).toEqual(one.lossHistogram);
    expect(total(one.lossHistogram.counts)).toBe(1200);
  });
});
