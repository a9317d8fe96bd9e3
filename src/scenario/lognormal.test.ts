import { describe, expect, test } from 'vitest';
import { lognormalParams, lognormalQuantile, Z90 } from './index.js';

/** Standard normal CDF from erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): an independent check. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

describe('lognormalParams', () => {
  test('median 30, p90 120 by hand: mu = ln 30, sigma = ln 4 / 1.2815515655446004', () => {
    const { mu, sigma } = lognormalParams(30, 120);
    expect(mu).toBeCloseTo(3.4011973816621555, 14);
    expect(sigma).toBeCloseTo(1.0817312376586106, 14);
  });

  test.each([
    [30, 120],
    [1, 1.5],
    [0.6, 14],
    [200, 2000],
  ])('round trip median %d, p90 %d', (median, p90) => {
    const params = lognormalParams(median, p90);
    expect(lognormalQuantile(params, 0)).toBeCloseTo(median, 9);
    expect(lognormalQuantile(params, Z90)).toBeCloseTo(p90, 9);
    // P(X ≤ p90) = Φ((ln p90 − mu) / sigma) should be 0.9 by an independent CDF.
    expect(normalCdf((Math.log(p90) - params.mu) / params.sigma)).toBeCloseTo(0.9, 6);
  });

  test('p90 equal to the median is a fixed duration', () => {
    expect(lognormalParams(14, 14)).toEqual({ mu: Math.log(14), sigma: 0 });
  });

  test('p90 below the median or a non-positive median is refused', () => {
    expect(() => lognormalParams(30, 20)).toThrow(RangeError);
    expect(() => lognormalParams(0, 20)).toThrow(RangeError);
    expect(() => lognormalParams(Number.NaN, 20)).toThrow(RangeError);
  });
});
