/**
 * Benchmark forecasts and error measures for the backtest.
 *
 * MASE (Hyndman & Koehler 2006, "Another look at measures of forecast accuracy", IJF 22): the mean
 * absolute error of a forecast divided by the in-sample mean absolute error of the seasonal naive
 * forecast (here lag 7, a week). Below 1, the forecast beats repeating last week on the history it was
 * fitted to; it is scale-free, so cells selling 1 and 1,000 a day can be averaged; and it stays finite
 * on cells with zero days, unlike percentage errors. It is undefined when the scale is 0 (a history
 * that repeats exactly every week, or is all zeros).
 */

export const SEASON_DAYS = 7;

/** In-sample MAE of the lag-7 seasonal naive on y[0, end): the MASE scale. NaN with a week or less. */
export function seasonalNaiveScale(y: Float64Array, end: number): number {
  if (end <= SEASON_DAYS) return NaN;
  let sum = 0;
  for (let t = SEASON_DAYS; t < end; t++) sum += Math.abs(y[t]! - y[t - SEASON_DAYS]!);
  return sum / (end - SEASON_DAYS);
}

/** Seasonal naive (FPP3 §5.2): each forecast day repeats the same weekday of the last week of y[0, end). */
export function seasonalNaiveInto(y: Float64Array, end: number, out: Float64Array): void {
  const from = end - SEASON_DAYS;
  let k = 0;
  for (let t = 0; t < out.length; t++) {
    out[t] = y[from + k]!;
    k = k === SEASON_DAYS - 1 ? 0 : k + 1;
  }
}

/** Naive (FPP3 §5.2): every forecast day repeats the last day of y[0, end). */
export function naiveInto(y: Float64Array, end: number, out: Float64Array): void {
  out.fill(end > 0 ? y[end - 1]! : 0);
}

/** Σ |actual[from + t] − forecast[t]| over the forecast's length. */
export function absoluteErrorSum(actual: Float64Array, from: number, forecast: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < forecast.length; t++) sum += Math.abs(actual[from + t]! - forecast[t]!);
  return sum;
}

export function sumOf(y: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += y[i]!;
  return sum;
}

/**
 * MASE of `forecast` against actual[from, from + forecast.length), scaled by the seasonal naive MAE of
 * actual[0, from). NaN when the scale is 0 or undefined.
 */
export function mase(actual: Float64Array, from: number, forecast: Float64Array): number {
  const scale = seasonalNaiveScale(actual, from);
  if (!(scale > 0) || forecast.length === 0) return NaN;
  return absoluteErrorSum(actual, from, forecast) / forecast.length / scale;
}
