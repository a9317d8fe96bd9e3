/**
 * The fitted state of one cell: everything the projection needs and the notes describe. One object is
 * reused across cells in bulk fits, so a fit allocates nothing per day (and nothing per cell).
 */

/** The model chosen for a cell, in the order the rules are tried (see fit.ts). */
export const DEMAND_METHODS = [
  'zero',
  'short-mean',
  'flat',
  'sba',
  'damped-trend',
  'ets',
  'tsb',
  'combined',
] as const;
export type DemandMethod = (typeof DEMAND_METHODS)[number];

export const METHOD_ZERO = 0;
export const METHOD_SHORT = 1;
export const METHOD_FLAT = 2;
export const METHOD_SBA = 3;
export const METHOD_DAMPED = 4;
/** Candidates chosen per cell by rolling-origin evaluation (select.ts); `rule` keeps the rules' pick. */
export const METHOD_ETS = 5;
export const METHOD_TSB = 6;
/** The mean of the rules' model (damped trend or SBA) and its alternative (ETS or TSB). */
export const METHOD_COMBINED = 7;

export interface DemandFit {
  /** Index into DEMAND_METHODS. */
  method: number;
  /** Days of history dropped: before the first sale, less the gap kept before it. */
  leadingZeroDays: number;
  /** Zero days kept before the first sale (the expected wait before it; see fit.ts). */
  gapDays: number;
  /** Days of history the model used (after leading zeros). */
  historyDays: number;
  /** short-mean, flat, sba: units per day. damped-trend: level in units per week. */
  level: number;
  /** damped-trend: trend in units per week, per week. */
  trendPerWeek: number;
  /** damped-trend: φ per week and the smoothing constants the grid search chose. */
  damping: number;
  alpha: number;
  beta: number;
  /** Weeks fitted by the trend model. */
  trendWeeks: number;
  /** Multiplicative weekday indices, by weekday (0 = Monday), mean 1; all 1 without a pattern. */
  weekday: Float64Array;
  /** Full weeks the weekday pattern came from; 0 when there is none. */
  seasonWeeks: number;
  /** Weight kept on the raw weekday pattern, 0 … 1 (1 − how far it was shrunk toward flat). */
  seasonWeight: number;
  /** Share of zero days in the intermittency window. */
  zeroShare: number;
  /** sba: smoothed demand size and inter-demand interval (days). */
  demandSize: number;
  demandIntervalDays: number;
  /** sba: days since the last sale at the end of the history. */
  daysSinceLastSale: number;
  /** The model the rules chose (METHOD_*), before rolling-origin selection. */
  rule: number;
  /** ETS(A,N,A): final level (units/day), additive season by weekday, smoothing constants. */
  etsLevel: number;
  etsSeason: Float64Array;
  etsAlpha: number;
  etsGamma: number;
  /** TSB: rate (units/day) and the β chosen. */
  tsbRate: number;
  tsbBeta: number;
  /**
   * Daily noise around the forecast, fitted on the cell's own forecast errors (noise.ts): negative-
   * binomial size k (variance μ + μ²/k) and the extra share of zero days. NaN: not enough history.
   */
  dispersion: number;
  zeroInflation: number;
}

export function createDemandFit(): DemandFit {
  return {
    method: METHOD_ZERO,
    leadingZeroDays: 0,
    gapDays: 0,
    historyDays: 0,
    level: 0,
    trendPerWeek: 0,
    damping: 1,
    alpha: 0,
    beta: 0,
    trendWeeks: 0,
    weekday: new Float64Array(7).fill(1),
    seasonWeeks: 0,
    seasonWeight: 0,
    zeroShare: 0,
    demandSize: 0,
    demandIntervalDays: 0,
    daysSinceLastSale: 0,
    rule: METHOD_ZERO,
    etsLevel: 0,
    etsSeason: new Float64Array(7),
    etsAlpha: 0,
    etsGamma: 0,
    tsbRate: 0,
    tsbBeta: 0,
    dispersion: NaN,
    zeroInflation: NaN,
  };
}

/** Puts a reused fit back to its empty state. */
export function resetDemandFit(fit: DemandFit): void {
  fit.method = METHOD_ZERO;
  fit.leadingZeroDays = 0;
  fit.gapDays = 0;
  fit.historyDays = 0;
  fit.level = 0;
  fit.trendPerWeek = 0;
  fit.damping = 1;
  fit.alpha = 0;
  fit.beta = 0;
  fit.trendWeeks = 0;
  fit.weekday.fill(1);
  fit.seasonWeeks = 0;
  fit.seasonWeight = 0;
  fit.zeroShare = 0;
  fit.demandSize = 0;
  fit.demandIntervalDays = 0;
  fit.daysSinceLastSale = 0;
  fit.rule = METHOD_ZERO;
  fit.etsLevel = 0;
  fit.etsSeason.fill(0);
  fit.etsAlpha = 0;
  fit.etsGamma = 0;
  fit.tsbRate = 0;
  fit.tsbBeta = 0;
  fit.dispersion = NaN;
  fit.zeroInflation = NaN;
}
