import { describe, expect, it } from 'vitest';
import { lcg } from '../../test/random.js';
import { estimateHalo } from './halo.js';

function poisson(next: () => number, mean: number): number {
  // Knuth's method is fine for the small daily means here.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/**
 * Two years of days: TikTok grows and has creator spikes; Amazon's organic demand has its own trend
 * and weekday cycle, and `halo` of Amazon's mean demand moves with TikTok's units (same day and the
 * next two days).
 */
function synthetic(halo: number, seed: number): { tiktok: Float64Array; amazon: Float64Array } {
  const next = lcg(seed);
  const days = 730;
  const tiktok = new Float64Array(days);
  const expected = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    const spike = next() < 0.06 ? 4 + 6 * next() : 1;
    expected[t] = (20 + 60 * (t / days)) * spike * (t % 7 === 5 ? 1.3 : 1);
    tiktok[t] = poisson(next, expected[t]);
  }
  const meanTiktok = expected.reduce((s, v) => s + v, 0) / days;
  const amazonMean = 100;
  // Halo units follow TikTok's *expected* sales, split over the day and the next two.
  const perUnit = (halo * amazonMean) / meanTiktok;
  const amazon = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    const organic = (1 - halo) * amazonMean * (0.9 + 0.2 * (t / days)) * (t % 7 === 6 ? 0.8 : 1.05);
    const driven =
      perUnit *
      (0.5 * expected[t] + 0.3 * (expected[t - 1] ?? expected[t]) + 0.2 * (expected[t - 2] ?? expected[t]));
    amazon[t] = poisson(next, organic + driven);
  }
  return { tiktok, amazon };
}

describe('halo estimator', () => {
  it('recovers a planted 15 % halo within its interval', () => {
    const { tiktok, amazon } = synthetic(0.15, 3);
    const h = estimateHalo('tiktok-shop', 'amazon', tiktok, amazon);
    expect(h.identified).toBe(true);
    expect(h.low).toBeLessThan(0.15);
    expect(h.high).toBeGreaterThan(0.15);
    expect(h.share).toBeGreaterThan(0.1);
    expect(h.share).toBeLessThan(0.2);
  });

  it('covers 0 when there is no halo', () => {
    let covered = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { tiktok, amazon } = synthetic(0, seed);
      const h = estimateHalo('tiktok-shop', 'amazon', tiktok, amazon);
      // An unidentified halo has no interval and claims no halo: that covers 0 too.
      if ((h.low === null || h.low <= 0) && (h.high === null || h.high >= 0)) covered++;
    }
    // A 95 % interval: all five seeds here cover zero.
    expect(covered).toBe(5);
  });

  it('gives no share the other way round: the channel the halo lands on does not lead', () => {
    for (const seed of [1, 2, 3]) {
      const { tiktok, amazon } = synthetic(0.15, seed);
      const h = estimateHalo('amazon', 'tiktok-shop', amazon, tiktok);
      expect(h).toMatchObject({ identified: false, share: null });
      expect(h.reason).toMatch(/no sign that amazon leads/);
    }
  });

  it('does not read a season every channel shares as halo once the other channels are in the regression', () => {
    // Five-day peaks (×2.5) four times a year on all three channels, creator spikes on TikTok only, no halo.
    const clear = { alone: [] as number[], controlled: [] as number[] };
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const next = lcg(seed);
      const days = 730;
      const season = (t: number) => (t % 91 < 5 ? 2.5 : 1);
      const series = (level: number, spikes: boolean) =>
        Float64Array.from({ length: days }, (_, t) =>
          poisson(next, level * season(t) * (spikes && next() < 0.06 ? 3 + 4 * next() : 1)),
        );
      const [tiktok, amazon, shopify] = [series(40, true), series(100, false), series(60, false)];
      for (const [kind, h] of [
        ['alone', estimateHalo('tiktok-shop', 'amazon', tiktok, amazon)],
        ['controlled', estimateHalo('tiktok-shop', 'amazon', tiktok, amazon, shopify)],
      ] as const) {
        if (h.identified && h.low !== null && h.low > 0 && h.share !== null) clear[kind].push(h.share);
      }
    }
    // Without Shopify the shared peaks read as a 15 % halo on one seed; with it, nothing above 10 %.
    expect(Math.max(...clear.alone)).toBeGreaterThan(0.1);
    expect(clear.controlled.every((share) => share < 0.1)).toBe(true);
  });

  it('says so instead of printing a number when the history is short or flat', () => {
    const short = estimateHalo(
      'tiktok-shop',
      'amazon',
      new Float64Array(60).fill(3),
      new Float64Array(60).fill(5),
    );
    expect(short).toMatchObject({ identified: false, share: null });
    expect(short.reason).toMatch(/60 days/);
    const flat = estimateHalo(
      'tiktok-shop',
      'amazon',
      new Float64Array(400).fill(3),
      new Float64Array(400).fill(5),
    );
    expect(flat.identified).toBe(false);
    expect(flat.reason).toMatch(/barely vary/);
  });
});
