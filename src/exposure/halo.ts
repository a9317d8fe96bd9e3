import { olsHac } from './ols.js';

export interface HaloEstimate {
  /** The channel whose sales may drive the other's. */
  driver: string;
  channel: string;
  /** Share of `channel`'s units that move with `driver`'s (0.15 = 15 %); null when not identified. */
  share: number | null;
  low: number | null;
  high: number | null;
  identified: boolean;
  /** Why not, when not identified. */
  reason: string | null;
  days: number;
}

const LAGS = 7; // a creator video keeps selling for about a week
const HAC_LAGS = 14;
const MIN_DAYS = 120;
const MIN_SELLING_DAYS = 60;

/**
 * Halo of `driver` on `channel` from daily units (same days, oldest first): the regression
 *   channel_t = a + b₁·t + b₂·t² + Σ weekday_d + Σ_{k=0..6} β_k · driver_{t−k} + ε_t
 * controls for trend, curvature and weekday, so shared growth and the weekly cycle are not read as
 * halo. The halo share is Σβ_k · mean(driver) / mean(channel): the part of `channel`'s units that
 * rises and falls with `driver`. Its 95 % interval uses Newey–West standard errors (errors are
 * autocorrelated day to day). Short or flat series cannot identify it: then no number is given.
 */
export function estimateHalo(driver: string, channel: string, a: Float64Array, b: Float64Array): HaloEstimate {
  const n = a.length - LAGS;
  const none = (reason: string): HaloEstimate => ({ driver, channel, share: null, low: null, high: null, identified: false, reason, days: a.length });
  if (a.length < MIN_DAYS) return none(`only ${a.length} days of history; at least ${MIN_DAYS} are needed`);
  const meanA = mean(a.subarray(LAGS));
  const meanB = mean(b.subarray(LAGS));
  if (!(meanA > 0) || !(meanB > 0)) return none('one of the channels has no sales in the period');
  // A handful of sales days cannot carry a regression with 16 terms: require a steady seller on both sides.
  const sellingDays = (v: Float64Array) => v.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
  if (sellingDays(a) < MIN_SELLING_DAYS || sellingDays(b) < MIN_SELLING_DAYS) {
    return none(`one of the channels sold on fewer than ${MIN_SELLING_DAYS} days`);
  }
  if (variation(a) < 0.05) return none(`${driver} sales barely vary, so their effect cannot be told apart from the trend`);
  const p = 3 + 6 + LAGS;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const day = t + LAGS;
    const row = t * p;
    const time = day / a.length;
    x[row] = 1;
    x[row + 1] = time;
    x[row + 2] = time * time;
    const weekday = day % 7;
    if (weekday > 0) x[row + 2 + weekday] = 1;
    for (let k = 0; k < LAGS; k++) x[row + 9 + k] = a[day - k]!;
    y[t] = b[day]!;
  }
  const fit = olsHac(x, y, n, p, HAC_LAGS);
  if (!fit) return none(`${driver} sales move too closely with the trend and weekday pattern to separate their effect`);
  let sumBeta = 0;
  let varSum = 0;
  for (let i = 9; i < p; i++) {
    sumBeta += fit.beta[i]!;
    for (let j = 9; j < p; j++) varSum += fit.covariance[i * p + j]!;
  }
  const scale = meanA / meanB;
  const share = sumBeta * scale;
  const se = Math.sqrt(Math.max(0, varSum)) * scale;
  if (!Number.isFinite(se)) return none('the estimate is unstable');
  return { driver, channel, share, low: share - 1.96 * se, high: share + 1.96 * se, identified: true, reason: null, days: a.length };
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length ? s / v.length : 0;
}

/** Coefficient of variation of weekly totals: how much a series moves beyond its weekday cycle. */
function variation(v: Float64Array): number {
  const weeks: number[] = [];
  for (let i = 0; i + 7 <= v.length; i += 7) weeks.push(v.subarray(i, i + 7).reduce((s, x) => s + x, 0));
  const m = weeks.reduce((s, x) => s + x, 0) / (weeks.length || 1);
  if (m <= 0) return 0;
  const sd = Math.sqrt(weeks.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, weeks.length - 1));
  return sd / m;
}
