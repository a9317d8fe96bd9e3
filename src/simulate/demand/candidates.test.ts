import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.js';
import { createDemandFit } from './demand-fit.js';
import { fitEtsWeekly } from './ets.js';
import { baselineForecast, coveredShare, fitNoise, zinbCdf, zinbMedian, type NoiseFit } from './index.js';
import { zinbLogPmf } from './noise.js';
import { fitTsb } from './tsb.js';

/** A ZINB draw by inverting its CDF: independent of the kernel's tables. */
function drawZinb(u: number, mu: number, size: number, inflation: number): number {
  let y = 0;
  while (zinbCdf(y, mu, size, inflation) < u) y++;
  return y;
}

describe('ETS(A,N,A)', () => {
  it('keeps an exact weekly pattern: every one-step error is 0, so the grid keeps the first pair', () => {
    const pattern = [3, 5, 4, 6, 9, 12, 2];
    const y = Float64Array.from({ length: 70 }, (_, i) => pattern[i % 7]);
    const fit = createDemandFit();
    fitEtsWeekly(y, 0, 70, 0, fit);
    expect(fit.etsAlpha).toBe(0.02);
    for (let d = 0; d < 7; d++) expect(fit.etsLevel + fit.etsSeason[d]).toBeCloseTo(pattern[d], 12);
  });

  it('matches a plain recursion for the pair it chose', () => {
    const next = mulberry32(3);
    const y = Float64Array.from({ length: 120 }, (_, i) => Math.round(10 + (i > 80 ? 6 : 0) + 4 * next()));
    const fit = createDemandFit();
    fitEtsWeekly(y, 0, 120, 2, fit);
    const level0 = y.slice(0, 14).reduce((a, b) => a + b) / 14;
    const s = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 14; i++) s[(2 + i) % 7] += (y[i] - level0) / 2;
    let level = level0;
    for (let i = 0; i < 120; i++) {
      const d = (2 + i) % 7;
      const e = y[i] - level - s[d];
      level += fit.etsAlpha * e;
      s[d] += fit.etsGamma * (1 - fit.etsAlpha) * e;
    }
    expect(fit.etsLevel).toBeCloseTo(level, 10);
  });
});

describe('TSB', () => {
  it('fades a SKU that stopped selling, where Croston waits for the next sale', () => {
    const y = new Float64Array(400);
    for (let i = 0; i < 330; i += 3) y[i] = 5;
    const fit = createDemandFit();
    fitTsb(y, 0, 330, fit);
    const selling = fit.tsbRate;
    fitTsb(y, 0, 400, fit);
    expect(selling).toBeGreaterThan(1);
    expect(fit.tsbRate).toBeLessThan(0.3 * selling);
  });
});

describe('rolling-origin choice', () => {
  it('never reads past the history it is given', () => {
    const next = mulberry32(8);
    const y = Float64Array.from({ length: 300 }, () => Math.round(20 * next()));
    const a = baselineForecast(y.slice(0, 250), 3, 14);
    const changed = y.slice(0, 300);
    changed.fill(1000, 250);
    const b = baselineForecast(changed.subarray(0, 250), 3, 14);
    expect([...b.daily]).toEqual([...a.daily]);
  });
});

describe('ZINB noise', () => {
  it('has a CDF that sums its probabilities', () => {
    for (const [mu, size, inflation] of [
      [0.3, 0.5, 0.2],
      [12, 3, 0],
      [4, 50, 0.6],
    ] as const) {
      let sum = 0;
      for (let y = 0; y <= 40; y++) {
        sum += Math.exp(zinbLogPmf(y, mu, size, inflation));
        expect(zinbCdf(y, mu, size, inflation)).toBeCloseTo(sum, 10);
      }
    }
  });

  it('recovers dispersion and zero inflation from seeded draws, and covers them at the nominal rate', () => {
    const next = mulberry32(21);
    const n = 4000;
    const actual = new Float64Array(n);
    const forecast = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      forecast[i] = 1 + (i % 5);
      actual[i] = drawZinb(next(), forecast[i], 2, 0.3);
    }
    const noise: NoiseFit = { dispersion: NaN, zeroInflation: NaN };
    fitNoise(actual, forecast, n, noise);
    expect(noise.dispersion).toBeGreaterThanOrEqual(1.5);
    expect(noise.dispersion).toBeLessThanOrEqual(3);
    expect(noise.zeroInflation).toBeCloseTo(0.3, 5);
    let in80 = 0;
    for (let i = 0; i < n; i++) in80 += coveredShare(actual[i], forecast[i], 2, 0.3, 0.8);
    expect(in80 / n).toBeGreaterThan(0.78);
    expect(in80 / n).toBeLessThan(0.82);
  });

  it('has the median worked by hand: the smallest count whose cumulative probability reaches ½', () => {
    // Poisson-like (k large), mean 1: F(0) ≈ 0.368, F(1) ≈ 0.736 → 1. Mean 0.6: F(0) ≈ 0.549 → 0.
    expect(zinbMedian(1, 1e6, 0)).toBe(1);
    expect(zinbMedian(0.6, 1e6, 0)).toBe(0);
    // k = 1 is geometric: mean 3 gives F(y) = 1 − (3/4)^(y+1), F(1) = 0.4375, F(2) ≈ 0.578 → 2.
    expect(zinbMedian(3, 1, 0)).toBe(2);
    // Half the days zero by inflation alone: the median is 0 whatever the mean.
    expect(zinbMedian(40, 5, 0.5)).toBe(0);
    expect(zinbMedian(0, 5, 0)).toBe(0);
    for (const [mu, size, inflation] of [
      [0.3, 0.5, 0.2],
      [12, 3, 0],
      [4, 50, 0.4],
    ] as const) {
      const median = zinbMedian(mu, size, inflation);
      expect(zinbCdf(median, mu, size, inflation)).toBeGreaterThanOrEqual(0.5);
      expect(zinbCdf(median - 1, mu, size, inflation)).toBeLessThan(0.5);
    }
  });

  it('keeps the CDF and median where P(0) underflows: a steady cell selling 2,000 a day', () => {
    // (k / (k + m))^k with k = 10^6, m = 2,000 is e^−1999, below the smallest double: stepped from
    // it the CDF stayed 0 for every count. Near-Poisson with mean 2,000: median 2,000, sd ≈ 44.7.
    expect(zinbMedian(2000, 1e6, 0)).toBe(2000);
    expect(zinbCdf(2000, 2000, 1e6, 0)).toBeGreaterThan(0.5);
    expect(zinbCdf(2000, 2000, 1e6, 0)).toBeLessThan(0.52);
    expect(zinbCdf(1900, 2000, 1e6, 0)).toBeLessThan(0.02);
    expect(zinbCdf(2200, 2000, 1e6, 0)).toBeGreaterThan(0.99);
  });

  it('scores a count inside, across or outside the interval by the share of its PIT step', () => {
    // Poisson-like (k large), mean 1: F(0) ≈ 0.368, F(1) ≈ 0.736, F(2) ≈ 0.920, F(3) ≈ 0.981.
    expect(coveredShare(1, 1, 1e6, 0, 0.8)).toBeCloseTo(1, 6); // [0.368, 0.736] inside [0.1, 0.9]
    const f2 = zinbCdf(2, 1, 1e6, 0);
    const f1 = zinbCdf(1, 1, 1e6, 0);
    expect(coveredShare(2, 1, 1e6, 0, 0.8)).toBeCloseTo((0.9 - f1) / (f2 - f1), 10);
    expect(coveredShare(5, 1, 1e6, 0, 0.8)).toBe(0);
  });
});
