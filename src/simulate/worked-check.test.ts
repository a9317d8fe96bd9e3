import { describe, expect, it } from 'vitest';
import { present } from '../errors.js';
import { event, identity, model } from '../../test/sim-model.js';
import { simulate } from './index.js';

const run = (m: Parameters<typeof simulate>[0]) =>
  simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: 50 });

// The worked check of docs/simulation.md: one SKU on one channel and market, 100 units a day at 10, horizon 30 days,
// an event with probability 1 on day 11 (index 10), permanent, severity 1: days 11–30 are lost,
// 20 × 100 × 10 = 20,000 of revenue on every path.
describe('the worked check of docs/simulation.md (noise: none)', () => {
  const one = () =>
    model([{ sku: 'A', channel: 'tiktok-shop', daily: 100, price: 10 }], { horizonDays: 30, paths: 200 });

  it('loses exactly 20,000 on every path', async () => {
    const m = one();
    m.events = [event('ban', [0], 1)];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss).toMatchObject({
      mean: 20_000,
      stdev: 0,
      p5: 20_000,
      p95: 20_000,
      var95: 20_000,
      cvar95: 20_000,
    });
    expect(r.revenue?.mean).toBe(10_000);
    expect(r.profit).toBeNull();
  });

  it('loses 15,000 with 25 % diverted to a channel the seller already uses', async () => {
    const m = model(
      [
        { sku: 'A', channel: 'tiktok-shop', daily: 100, price: 10 },
        { sku: 'A', channel: 'amazon', daily: 0, price: 10 },
      ],
      { horizonDays: 30, paths: 200 },
    );
    m.events = [
      event(
        'ban',
        [0],
        2,
        {},
        {
          divertFrom: Int32Array.of(0),
          divertTo: Int32Array.of(1),
          divertShare: Float64Array.of(0.25),
          divertRampDays: Float64Array.of(0),
        },
      ),
    ];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss?.mean).toBe(15_000);
    expect(r.divertedUnits).toEqual([
      { channel: 'tiktok-shop', mean: 0 },
      { channel: 'amazon', mean: 500 },
    ]);
  });

  it('with probability 0.5: mean ≈ 10,000, VaR95 = CVaR95 = 20,000', async () => {
    const m = one();
    m.paths = 20_000;
    m.events = [event('ban', [0], 1, { probability: 0.5 })];
    m.cholesky = identity(1);
    const r = await run(m);
    const loss = present(r.revenueLoss, 'the revenue loss statistics');
    // Binomial(20,000, 0.5) × 20,000: stderr of the mean is 20,000 × 0.5 / √20,000 ≈ 70.7.
    expect(Math.abs(loss.mean - 10_000)).toBeLessThan(4 * 70.8);
    expect(loss.stderr).toBeCloseTo(loss.stdev / Math.sqrt(20_000), 10);
    expect(loss.var95).toBe(20_000);
    expect(loss.cvar95).toBe(20_000);
    expect(r.eventFrequency[0].probability).toBeCloseTo(0.5, 1);
  });
});
