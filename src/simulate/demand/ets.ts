import type { DemandFit } from './demand-fit.js';

/**
 * Exponential smoothing with an additive weekly season on daily units, ETS(A,N,A) (Hyndman et al.,
 * "Forecasting with Exponential Smoothing", 2008; FPP3 §8.3):
 *
 *   forecast  ŷ(t) = ℓ(t−1) + s(t−7)
 *   level     ℓ(t) = ℓ(t−1) + α e(t)
 *   season    s(t) = s(t−7) + γ (1 − α) e(t),   e(t) = y(t) − ŷ(t)
 *
 * It works day by day, so it follows a level shift within a week where the weekly damped trend
 * (damped-trend.ts) waits for whole weeks. No trend: over a few weeks of retail sales a trend is mostly
 * noise, and the damped-trend candidate carries one. α and γ are chosen on a grid by in-sample one-step
 * SSE, as for the damped trend. The initial level is the mean of the first two weeks and each weekday's
 * season its mean there less the level.
 */

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.4];
const GAMMAS = [0, 0.05, 0.15];
const season = new Float64Array(7);
const initial = new Float64Array(7);

/** Fits on y[start, end) (at least 14 days); `dowStart` is the weekday of y[start]. */
export function fitEtsWeekly(
  y: Float64Array,
  start: number,
  end: number,
  dowStart: number,
  fit: DemandFit,
): void {
  let level0 = 0;
  for (let i = start; i < start + 14; i++) level0 += y[i];
  level0 /= 14;
  initial.fill(0);
  let d = dowStart;
  for (let i = start; i < start + 14; i++) {
    initial[d] += (y[i] - level0) / 2;
    d = d === 6 ? 0 : d + 1;
  }
  let best = Infinity;
  for (const alpha of ALPHAS) {
    for (const gamma of GAMMAS) {
      season.set(initial);
      let level = level0;
      let sse = 0;
      d = dowStart;
      for (let i = start; i < end; i++) {
        const e = y[i] - (level + season[d]);
        sse += e * e;
        level += alpha * e;
        season[d] += gamma * (1 - alpha) * e;
        d = d === 6 ? 0 : d + 1;
      }
      if (sse < best) {
        best = sse;
        fit.etsLevel = level;
        fit.etsSeason.set(season);
        fit.etsAlpha = alpha;
        fit.etsGamma = gamma;
      }
    }
  }
}
