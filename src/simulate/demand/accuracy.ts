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

/** Index of the first day with a sale in y[0, end), or `end`. */
export function firstSale(y: Float64Array, end: number): number {
  let first = 0;
  while (first < end && y[first] === 0) first++;
  return first;
}

/**
 * In-sample MAE of the lag-7 seasonal naive on y[from, end): the MASE scale. NaN with a week or less.
 * The backtest starts it at the cell's first sale: the zeros before it are days the cell did not exist,
 * which the forecaster ignores too, and counted in the scale they shrank it and blew the MASE up.
 */
export function seasonalNaiveScale(y: Float64Array, end: number, from = 0): number {
  if (end - from <= SEASON_DAYS) return NaN;
  let sum = 0;
  for (let t = from + SEASON_DAYS; t < end; t++) sum += Math.abs(y[t] - y[t - SEASON_DAYS]);
  return sum / (end - from - SEASON_DAYS);
}

/**
 * In-sample mean squared one-day change on y[from, end): the RMSSE scale of the M5 competition
 * (Makridakis, Spiliotis & Assimakopoulos 2022, IJF 38), counted from the first sale as M5 does.
 * Squared errors are minimised by the mean, so RMSSE does not reward a forecast of all zeros on
 * intermittent cells the way MASE (minimised by the median) does.
 */
export function naiveSquaredScale(y: Float64Array, end: number, from = 0): number {
  if (end - from <= 1) return NaN;
  let sum = 0;
  for (let t = from + 1; t < end; t++) sum += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
  return sum / (end - from - 1);
}

/** Σ (actual[from + t] − forecast[t])² over the forecast's length. */
export function squaredErrorSum(actual: Float64Array, from: number, forecast: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < forecast.length; t++) sum += (actual[from + t] - forecast[t]) ** 2;
  return sum;
}

/** Seasonal naive (FPP3 §5.2): each forecast day repeats the same weekday of the last week of y[0, end). */
export function seasonalNaiveInto(y: Float64Array, end: number, out: Float64Array): void {
  const from = end - SEASON_DAYS;
  let k = 0;
  for (let t = 0; t < out.length; t++) {
    out[t] = y[from + k];
    k = k === SEASON_DAYS - 1 ? 0 : k + 1;
  }
}

/** Naive (FPP3 §5.2): every forecast day repeats the last day of y[0, end). */
export function naiveInto(y: Float64Array, end: number, out: Float64Array): void {
  out.fill(end > 0 ? y[end - 1] : 0);
}

/** Σ |actual[from + t] − forecast[t]| over the forecast's length. */
export function absoluteErrorSum(actual: Float64Array, from: number, forecast: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < forecast.length; t++) sum += Math.abs(actual[from + t] - forecast[t]);
  return sum;
}

export function sumOf(y: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += y[i];
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
