import { choleskySolve, olsHac } from './ols.js';

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
/** χ² with LAGS = 7 degrees of freedom, 95th percentile: the Wald test's threshold at 5 %. */
const CHI2_7_95 = 14.067;

/**
 * Halo of `driver` on `channel` from daily units (same days, oldest first): the regression
 *   channel_t = a + b₁·t + b₂·t² + Σ weekday_d + Σ_{k=0..6} β_k · driver_{t−k} + Σ_{k=0..6} γ_k · others_{t−k} + ε_t
 * controls for trend, curvature and weekday, so shared growth and the weekly cycle are not read as
 * halo, and for `others`, the units of the seller's other channels in the same markets, so a season
 * every channel shares (Black Friday, Christmas) is not either. The halo share is Σβ_k · mean(driver) /
 * mean(channel): the part of `channel`'s units that rises and falls with `driver`. Its 95 % interval
 * uses Newey–West standard errors (errors are autocorrelated day to day).
 *
 * Same-day co-movement alone cannot say which channel drives which (a halo of TikTok on Amazon makes
 * Amazon "explain" TikTok too), so a share is given only where the driver leads: its past week of
 * sales must help predict the channel's beyond the channel's own past week (a Granger test at 5 %).
 * Short, flat or leaderless series get no number, and the reason.
 */
export function estimateHalo(
  driver: string,
  channel: string,
  a: Float64Array,
  b: Float64Array,
  others?: Float64Array,
): HaloEstimate {
  const none = (reason: string): HaloEstimate => ({
    driver,
    channel,
    share: null,
    low: null,
    high: null,
    identified: false,
    reason,
    days: a.length,
  });
  if (a.length < MIN_DAYS) return none(`only ${a.length} days of history; at least ${MIN_DAYS} are needed`);
  const meanA = mean(a.subarray(LAGS));
  const meanB = mean(b.subarray(LAGS));
  if (!(meanA > 0) || !(meanB > 0)) return none('one of the channels has no sales in the period');
  // A handful of sales days cannot carry a regression with up to 23 terms: require a steady seller on both sides.
  const sellingDays = (v: Float64Array) => v.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
  if (sellingDays(a) < MIN_SELLING_DAYS || sellingDays(b) < MIN_SELLING_DAYS) {
    return none(`one of the channels sold on fewer than ${MIN_SELLING_DAYS} days`);
  }
  if (variation(a) < 0.05)
    return none(`${driver} sales barely vary, so their effect cannot be told apart from the trend`);
  // Others that never move add columns without information (and could make the system singular).
  const control = others && variation(others) >= 0.05 ? others : undefined;
  const lagged = (v: Float64Array, from: number) => ({ v, from });
  const halo = regress(a.length, b, [lagged(a, 0), ...(control ? [lagged(control, 0)] : [])]);
  if (!halo)
    return none(
      `${driver} sales move too closely with the trend and weekday pattern to separate their effect`,
    );
  const lead = regress(a.length, b, [lagged(a, 1), lagged(b, 1), ...(control ? [lagged(control, 0)] : [])]);
  if (lead && wald(lead, BASE) < CHI2_7_95) {
    return none(
      `${driver}'s past sales do not help predict ${channel}'s beyond its own past: no sign that ${driver} leads`,
    );
  }
  let sumBeta = 0;
  let varSum = 0;
  for (let i = BASE; i < BASE + LAGS; i++) {
    sumBeta += halo.beta[i];
    for (let j = BASE; j < BASE + LAGS; j++) varSum += halo.covariance[i * halo.p + j];
  }
  const scale = meanA / meanB;
  const share = sumBeta * scale;
  const se = Math.sqrt(Math.max(0, varSum)) * scale;
  if (!Number.isFinite(se)) return none('the estimate is unstable');
  return {
    driver,
    channel,
    share,
    low: share - 1.96 * se,
    high: share + 1.96 * se,
    identified: true,
    reason: null,
    days: a.length,
  };
}

/** Intercept, trend, trend², six weekday dummies: the columns before the first lagged series. */
const BASE = 9;

/**
 * OLS with HAC errors of y_t on the base columns and, for each series, its values at lags
 * from … from + 6, over the days t ≥ LAGS (so every lag exists).
 */
function regress(days: number, y: Float64Array, series: Array<{ v: Float64Array; from: number }>) {
  const n = days - LAGS;
  const p = BASE + LAGS * series.length;
  const x = new Float64Array(n * p);
  const target = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const day = t + LAGS;
    const row = t * p;
    const time = day / days;
    x[row] = 1;
    x[row + 1] = time;
    x[row + 2] = time * time;
    const weekday = day % 7;
    if (weekday > 0) x[row + 2 + weekday] = 1;
    series.forEach(({ v, from }, s) => {
      for (let k = 0; k < LAGS; k++) x[row + BASE + s * LAGS + k] = v[day - from - k];
    });
    target[t] = y[day];
  }
  const fit = olsHac(x, target, n, p, HAC_LAGS);
  return fit && { ...fit, p };
}

/** Wald statistic βᵀ V⁻¹ β of the LAGS coefficients from column `at`, with their HAC covariance. */
function wald(fit: { beta: Float64Array; covariance: Float64Array; p: number }, at: number): number {
  const beta = fit.beta.subarray(at, at + LAGS);
  const v = new Float64Array(LAGS * LAGS);
  for (let i = 0; i < LAGS; i++)
    for (let j = 0; j < LAGS; j++) v[i * LAGS + j] = fit.covariance[(at + i) * fit.p + at + j];
  const solved = choleskySolve(v, beta, LAGS);
  if (!solved) return Infinity;
  return beta.reduce((s, b, i) => s + b * solved[i], 0);
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
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
