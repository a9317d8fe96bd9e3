import type { DemandFit } from './demand-fit.js';

/**
 * Intermittent demand: Croston's method (Croston 1972) with the Syntetos–Boylan approximation (SBA;
 * Syntetos & Boylan 2005, "The accuracy of intermittent demand estimates", IJF 21).
 *
 * Croston smooths, only on days with a sale, the size of the sale z and the interval p since the
 * previous sale, each by simple exponential smoothing with the same α, and forecasts the rate z / p,
 * flat. z / p is biased upward (E[1/p̂] > 1/E[p]); SBA multiplies it by (1 − α/2) to remove most of
 * the bias. The forecast is a rate, not a schedule: no weekday pattern and no trend, on purpose — a few
 * sales a month carry no reliable information about either.
 *
 * Initial z and p are the means over the window, so the first few sales do not set the rate alone.
 * With fewer than two sales there is no interval; the rate is then units over the window, which for a
 * young SKU includes the expected wait before its first sale (fit.ts).
 */

/** Share of days in y[start, end) with no sale. */
export function zeroShare(y: Float64Array, start: number, end: number): number {
  let zeros = 0;
  for (let i = start; i < end; i++) if (y[i] === 0) zeros++;
  return end > start ? zeros / (end - start) : 0;
}

/**
 * Fits SBA on y[start, end) and writes the rate (units/day) into `fit.level`, with the smoothed size,
 * interval and days since the last sale. With fewer than two sales there is no interval to smooth; the
 * rate is then the plain mean over the window.
 */
export function fitSba(y: Float64Array, start: number, end: number, alpha: number, fit: DemandFit): void {
  let sales = 0;
  let units = 0;
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const v = y[i];
    if (v > 0) {
      sales++;
      units += v;
      if (first < 0) first = i;
      last = i;
    }
  }
  fit.daysSinceLastSale = last < 0 ? end - start : end - 1 - last;
  if (sales < 2) {
    fit.demandSize = units;
    fit.demandIntervalDays = end - start;
    fit.level = units / (end - start);
    return;
  }
  let size = units / sales;
  let interval = (last - first) / (sales - 1);
  let previous = -1;
  for (let i = first; i <= last; i++) {
    const v = y[i];
    if (v > 0) {
      size += alpha * (v - size);
      if (previous >= 0) interval += alpha * (i - previous - interval);
      previous = i;
    }
  }
  // The gap still open at the end is censored: the next sale is at least `end − last` days after the
  // last one. Croston's recursion moves only on sales, so a SKU that stopped selling kept its rate for
  // ever. A memoryless wait runs past its mean 1 time in e and past twice its mean 1 time in e², so
  // only what the open gap runs past twice the usual interval is taken as evidence: it is smoothed into
  // the interval like a sale's gap, and a fresh series keeps its unbiased rate.
  const open = end - last;
  interval += alpha * Math.max(0, open - 2 * interval);
  fit.demandSize = size;
  fit.demandIntervalDays = interval;
  fit.level = ((1 - alpha / 2) * size) / interval;
}
