import { BallastError } from '../../errors.js';

/**
 * Settings of the baseline demand model. Every default is a documented choice (see docs/forecast.md);
 * callers normally pass nothing.
 */
export interface DemandOptions {
  /**
   * φ of Holt's damped trend, per week. FPP3 §8.2 (Hyndman & Athanasopoulos) keeps φ in 0.8–0.98; at
   * 0.92 a trend adds at most φ/(1−φ) ≈ 11.5 weeks' worth of growth however long the horizon, so a
   * young channel's launch curve is not extrapolated forever. 1 turns damping off.
   */
  dampingPerWeek: number;
  /** Full weeks of recent history the level and trend are fitted on. */
  trendWeeks: number;
  /** Full weeks of recent history the weekday pattern is estimated from. */
  seasonWeeks: number;
  /** Below this many days (after leading zeros) the model falls back to the mean, with no trend. */
  minHistoryDays: number;
  /**
   * Share of zero days, over the last `intermittentWindowDays`, from which a cell is intermittent.
   * Syntetos, Boylan & Croston (2005) put the cut-off at a mean inter-demand interval of 1.32 periods,
   * but at a daily grain a steady seller of one unit a day already has 37 % zero days (Poisson) and a
   * shop with quiet weekends 29 %; 0.5 (an interval of 2 days) keeps those on the trend model.
   */
  intermittentZeroShare: number;
  intermittentWindowDays: number;
  /** Smoothing constant of Croston/SBA; Syntetos & Boylan (2005) recommend 0.05–0.2. */
  sbaAlpha: number;
  /**
   * Histories usually start at a common date, before a new channel or SKU sold anything; the zeros
   * before the first sale say nothing about demand, so they are dropped.
   */
  trimLeadingZeros: boolean;
  /**
   * Choose each cell's model among the rules' model, its alternative and their mean by rolling-origin
   * errors on the cell's last 8 weeks, and fit the cell's noise on them (select.ts). Off: the rules only.
   */
  select: boolean;
}

export const DEMAND_DEFAULTS: DemandOptions = {
  dampingPerWeek: 0.92,
  trendWeeks: 52,
  seasonWeeks: 26,
  minHistoryDays: 28,
  intermittentZeroShare: 0.5,
  intermittentWindowDays: 182,
  sbaAlpha: 0.1,
  trimLeadingZeros: true,
  select: true,
};

function check(ok: boolean, name: string, value: unknown, expected: string): void {
  if (!ok) {
    throw new BallastError('bad-input', `demand option ${name}: ${String(value)}, expected ${expected}`, {
      hint: 'Leave demand options unset unless you are tuning the model.',
    });
  }
}

const isCount = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/** Merges options over the defaults and validates them once, outside any loop. */
export function resolveDemandOptions(options: Partial<DemandOptions> = {}): DemandOptions {
  const o = { ...DEMAND_DEFAULTS, ...options } satisfies DemandOptions;
  check(o.dampingPerWeek > 0 && o.dampingPerWeek <= 1, 'dampingPerWeek', o.dampingPerWeek, '0 < φ ≤ 1');
  check(isCount(o.trendWeeks, 2), 'trendWeeks', o.trendWeeks, 'an integer ≥ 2');
  check(isCount(o.seasonWeeks, 2), 'seasonWeeks', o.seasonWeeks, 'an integer ≥ 2');
  check(isCount(o.minHistoryDays, 14), 'minHistoryDays', o.minHistoryDays, 'an integer ≥ 14');
  check(o.intermittentZeroShare > 0, 'intermittentZeroShare', o.intermittentZeroShare, 'a share > 0');
  check(isCount(o.intermittentWindowDays, 7), 'intermittentWindowDays', o.intermittentWindowDays, '≥ 7');
  check(o.sbaAlpha > 0 && o.sbaAlpha < 1, 'sbaAlpha', o.sbaAlpha, '0 < α < 1');
  return o;
}

/** Validates the day arguments shared by every entry point. */
export function checkDays(startDow: number, horizonDays: number): void {
  check(isCount(startDow, 0) && startDow <= 6, 'startDow', startDow, 'an integer 0 (Monday) … 6');
  check(isCount(horizonDays, 0), 'horizonDays', horizonDays, 'an integer ≥ 0');
}
