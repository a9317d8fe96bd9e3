import { fitDampedHolt, weeklyTotals, type HoltState } from './damped-trend.js';
import {
  METHOD_DAMPED,
  METHOD_FLAT,
  METHOD_SBA,
  METHOD_SHORT,
  resetDemandFit,
  type DemandFit,
} from './demand-fit.js';
import { fitEtsWeekly } from './ets.js';
import { fitSba, zeroShare } from './intermittent.js';
import { fitTsb } from './tsb.js';
import type { DemandOptions } from './options.js';
import { weekdayIndices } from './weekday.js';

/**
 * Fits one cell's baseline model by rules (select.ts then weighs the rule's model against its
 * alternative and their mean on the cell's own recent weeks). The rules, tried in order:
 *
 * 1. zero — no history or no sale at all: forecast 0.
 * 2. Leading zeros are dropped (options.trimLeadingZeros): the cell's life starts at its first sale.
 * 3. short-mean — under `minHistoryDays` days: the mean, no trend (a slope from three weeks is mostly
 *    noise); a weekday pattern only from 2 or more full weeks, and then the mean over those whole weeks
 *    so a partial week's weekday mix does not bias it. This is FPP3's "average method" (§5.2).
 * 4. flat — the fitting window is one constant: forecast that constant, bit for bit. Every smoother's
 *    fixed point is the constant; returning it verbatim avoids rounding drift.
 * 5. sba — intermittent (share of zero days ≥ `intermittentZeroShare` recently): Croston–SBA rate, flat,
 *    on the same window as the trend model.
 * 6. damped-trend — otherwise: weekday indices × Holt's damped trend on weekly totals.
 *
 * Rules 5 and 6 also fit their alternative on the same window (TSB beside SBA, ETS beside the damped
 * trend), so the rolling-origin choice costs no second pass.
 *
 * history: daily units, oldest first, ending the day before the forecast; startDow: weekday of the first
 * forecast day (0 = Monday). Values are trusted (validated at the edge): finite and ≥ 0.
 */

let weekly = new Float64Array(52);
const holt: HoltState = { level: 0, trend: 0, alpha: 0, beta: 0, sse: 0 };

/** Weekday (0 = Monday) of history[i], given the history length and the forecast's first weekday. */
export function weekdayOf(i: number, historyDays: number, startDow: number): number {
  return (((startDow - (historyDays - i)) % 7) + 7) % 7;
}

function meanOf(y: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += y[i];
  return sum / (end - start);
}

function isConstant(y: Float64Array, start: number, end: number): boolean {
  const v = y[end - 1];
  for (let i = start; i < end; i++) if (y[i] !== v) return false;
  return true;
}

/** Fits the weekday pattern on the last `weeks` full weeks; records how much of it was kept. */
function fitWeekday(y: Float64Array, startDow: number, weeks: number, fit: DemandFit): void {
  const n = y.length;
  const start = n - weeks * 7;
  fit.seasonWeeks = weeks;
  fit.seasonWeight = weekdayIndices(y, start, n, weekdayOf(start, n, startDow), fit.weekday);
}

/**
 * Zero days expected before a cell's first sale. A sparse SKU was listed some time before anyone bought
 * it: with sales every p days on average, a geometric wait has p − 1 zero days before the first success.
 * A steady seller (a sale every day) gets none, so a channel launched three weeks ago stays at its rate;
 * a cell with a single sale gets enough to make `minHistoryDays`, so one launch order is not a daily rate.
 */
function gapBeforeFirstSale(y: Float64Array, first: number, n: number, options: DemandOptions): number {
  let sales = 0;
  let last = first;
  for (let i = first; i < n; i++) {
    if (y[i] > 0) {
      sales++;
      last = i;
    }
  }
  const gap =
    sales >= 2 ? Math.round((last - first) / (sales - 1)) - 1 : options.minHistoryDays - (n - first);
  return Math.min(first, Math.max(0, gap));
}

/** The rules alone (no rolling-origin choice, no noise): see select.ts for `fitDemand`. */
export function fitRules(
  history: Float64Array,
  startDow: number,
  options: DemandOptions,
  fit: DemandFit,
): DemandFit {
  resetDemandFit(fit);
  const y = history;
  const n = y.length;
  let first = 0;
  while (first < n && y[first] === 0) first++;
  fit.historyDays = n;
  if (first === n) return fit; // rule 1

  const start = options.trimLeadingZeros ? first - gapBeforeFirstSale(y, first, n, options) : 0;
  const days = n - start;
  fit.leadingZeroDays = start;
  fit.gapDays = first - start;
  fit.historyDays = days;
  const fullWeeks = Math.floor(days / 7);
  fit.zeroShare = zeroShare(y, Math.max(start, n - options.intermittentWindowDays), n);
  const intermittent = fit.zeroShare >= options.intermittentZeroShare;

  if (days < options.minHistoryDays) {
    fit.method = METHOD_SHORT;
    // A few sales in a few weeks carry no weekday pattern: their rate is units over the days observed.
    const weekly = fullWeeks >= 2 && !intermittent;
    if (weekly) fitWeekday(y, startDow, fullWeeks, fit);
    const from = weekly ? n - fullWeeks * 7 : start;
    fit.level = isConstant(y, from, n) ? y[n - 1] : meanOf(y, from, n);
    return fit;
  }

  const trendWeeks = Math.min(fullWeeks, options.trendWeeks);
  // All zeros is not "flat" here: the sales before the window would be lost (they go to rule 5).
  if (y[n - 1] > 0 && isConstant(y, Math.max(start, n - trendWeeks * 7), n)) {
    fit.method = METHOD_FLAT;
    fit.level = y[n - 1];
    fit.trendWeeks = trendWeeks;
    return fit;
  }

  if (intermittent) {
    // Whole weeks rounded up, into the zeros before the start where there are some: rounded down, the
    // window lost a young SKU's first sale six days in seven.
    const weeks = Math.min(Math.ceil(days / 7), options.trendWeeks);
    fit.method = METHOD_SBA;
    fit.trendWeeks = weeks * 7 <= n ? weeks : trendWeeks;
    fitSba(y, n - fit.trendWeeks * 7, n, options.sbaAlpha, fit);
    fitTsb(y, n - fit.trendWeeks * 7, n, fit);
    return fit;
  }

  fit.method = METHOD_DAMPED;
  fitWeekday(y, startDow, Math.min(fullWeeks, options.seasonWeeks), fit);
  if (weekly.length < trendWeeks) weekly = new Float64Array(trendWeeks);
  weeklyTotals(y, n, trendWeeks, weekly);
  fitDampedHolt(weekly, trendWeeks, options.dampingPerWeek, holt);
  fit.trendWeeks = trendWeeks;
  fit.damping = options.dampingPerWeek;
  fit.level = holt.level;
  fit.trendPerWeek = holt.trend;
  fit.alpha = holt.alpha;
  fit.beta = holt.beta;
  const from = n - trendWeeks * 7;
  fitEtsWeekly(y, from, n, weekdayOf(from, n, startDow), fit);
  return fit;
}
