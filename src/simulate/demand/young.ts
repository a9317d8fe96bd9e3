import { firstSale, sumOf } from './accuracy.js';
import { METHOD_ZERO, createDemandFit, type DemandFit } from './demand-fit.js';
import { weekdayOf } from './fit.js';
import { fitNoise, type NoiseFit } from './noise.js';
import type { DemandOptions } from './options.js';
import { projectDemand } from './project.js';
import { SELECTION_DAYS, fitDemand } from './select.js';

/**
 * Young cells: too little life for the rolling-origin check of select.ts, so no noise of their own and
 * a rate read from their first weeks, which for a new SKU hold its launch. On a genuine wholesaler's
 * history (UCI Online Retail II, 8 weeks to 2010-12-05) cells under 84 days old were forecast 58,200
 * units and sold 10,750: one customer's bulk launch order of 175 new SKUs, a few thousand units each,
 * read as each SKU's rate for two months.
 *
 * What a workspace's own young cells did is the evidence (empirical Bayes: the pool of cells like this
 * one is its prior). At an origin 8 weeks before the history ends, the cells that were young then are
 * forecast as they would have been, and what they went on to sell is compared with it:
 *
 * - rate: young cells' forecasts are multiplied by Σ sold / Σ forecast over those cells, shrunk toward 1
 *   as if `PRIOR_CELLS` more young cells had sold exactly their forecast, so a handful of cells moves it
 *   little and none leaves it at 1. A new channel ramping up gets a factor above 1 the same way.
 * - noise: (k, π) by maximum likelihood on those cells' errors (with the factor applied), the way
 *   noise.ts fits one older cell on its own; with fewer than `MIN_CELLS` young cells then, the median
 *   k and π of the cells that have a fit of their own; with fewer of those too, none (the scenario's).
 *
 * Steady and intermittent cells (the rules' two families, by share of zero days) are pooled apart: a
 * channel launched three weeks ago selling every day is not a SKU with one bulk order. Everything is
 * inside the histories given: a backtest's held-out weeks are never seen.
 */

/** The shrinkage's weight, in young cells that sold exactly their forecast. */
export const PRIOR_CELLS = 10;
/** Fewest cells a pooled noise is fitted on (the median k and π of fitted cells likewise). */
export const MIN_CELLS = 10;
const FAMILIES = 2;

export interface YoungPool {
  /** By family (0 steady, 1 intermittent): the multiplier on a young cell's forecast. */
  rateFactor: Float64Array;
  /** By family: the pooled NB size k and zero inflation π; NaN where none could be learned. */
  dispersion: Float64Array;
  zeroInflation: Float64Array;
  /** By family: the young cells learned from, at the origin 8 weeks back. */
  cells: Int32Array;
}

/** A cell too young for its own rolling-origin check (select.ts): no noise fit, a launch-level rate. */
export function isYoung(fit: DemandFit, options: DemandOptions): boolean {
  return fit.method !== METHOD_ZERO && fit.historyDays < options.minHistoryDays + SELECTION_DAYS;
}

/** The rules' family of a fitted cell: 1 intermittent (SBA, TSB), 0 steady. */
export function familyOf(fit: DemandFit, options: DemandOptions): number {
  return fit.zeroShare >= options.intermittentZeroShare ? 1 : 0;
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Learns the pool from `cells` histories. `history(c)` ends the day before cell c's forecast, whose
 * first weekday is `startDow(c)`; `family`, `dispersion` and `zeroInflation` are the cells' own fits
 * (dispersion NaN where a cell has none), for the median fallback.
 */
function learnYoungPool(
  cells: number,
  history: (cell: number) => Float64Array,
  startDow: (cell: number) => number,
  options: DemandOptions,
  own: { family: Uint8Array; dispersion: Float64Array; zeroInflation: Float64Array },
): YoungPool {
  const youngDays = options.minHistoryDays + SELECTION_DAYS;
  const forecastSum = new Float64Array(FAMILIES);
  const soldSum = new Float64Array(FAMILIES);
  const count = new Int32Array(FAMILIES);
  const actual: number[][] = [[], []];
  const forecast: number[][] = [[], []];
  const fit = createDemandFit();
  const out = new Float64Array(SELECTION_DAYS);
  for (let c = 0; c < cells; c++) {
    const y = history(c);
    const origin = y.length - SELECTION_DAYS;
    if (origin <= 0) continue;
    const first = firstSale(y, origin);
    // A life at the origin of youngDays or more is not young whatever gap fit.ts adds before it.
    if (first >= origin || origin - first >= youngDays) continue;
    const dow = weekdayOf(origin, y.length, startDow(c));
    fitDemand(y.subarray(0, origin), dow, options, fit);
    if (!isYoung(fit, options)) continue;
    projectDemand(fit, dow, out);
    const f = familyOf(fit, options);
    count[f]++;
    forecastSum[f] += sumOf(out, 0, SELECTION_DAYS);
    soldSum[f] += sumOf(y, origin, y.length);
    for (let t = 0; t < SELECTION_DAYS; t++) {
      actual[f].push(y[origin + t]);
      forecast[f].push(out[t]);
    }
  }

  const pool: YoungPool = {
    rateFactor: new Float64Array(FAMILIES),
    dispersion: new Float64Array(FAMILIES).fill(NaN),
    zeroInflation: new Float64Array(FAMILIES).fill(NaN),
    cells: count,
  };
  const noise: NoiseFit = { dispersion: NaN, zeroInflation: NaN };
  for (let f = 0; f < FAMILIES; f++) {
    const factor = forecastSum[f] > 0 ? soldSum[f] / forecastSum[f] : 1;
    pool.rateFactor[f] = (count[f] * factor + PRIOR_CELLS) / (count[f] + PRIOR_CELLS);
    if (count[f] >= MIN_CELLS) {
      const scaled = Float64Array.from(forecast[f], (v) => v * pool.rateFactor[f]);
      fitNoise(Float64Array.from(actual[f]), scaled, scaled.length, noise);
      pool.dispersion[f] = noise.dispersion;
      pool.zeroInflation[f] = noise.zeroInflation;
      continue;
    }
    const sizes: number[] = [];
    const inflations: number[] = [];
    for (let c = 0; c < cells; c++) {
      if (own.family[c] !== f || Number.isNaN(own.dispersion[c])) continue;
      sizes.push(own.dispersion[c]);
      inflations.push(own.zeroInflation[c]);
    }
    if (sizes.length >= MIN_CELLS) {
      pool.dispersion[f] = median(sizes);
      pool.zeroInflation[f] = median(inflations);
    }
  }
  return pool;
}

/**
 * A young cell's forecast and noise from the pool: `daily` is scaled in place, and the pooled (k, π)
 * written to `noise` where one was learned (left as it is otherwise).
 */
function applyYoungPool(pool: YoungPool, family: number, daily: Float64Array, noise: NoiseFit): void {
  const factor = pool.rateFactor[family];
  if (factor !== 1) for (let t = 0; t < daily.length; t++) daily[t] *= factor;
  if (!Number.isNaN(pool.dispersion[family])) {
    noise.dispersion = pool.dispersion[family];
    noise.zeroInflation = pool.zeroInflation[family];
  }
}

/**
 * Learns the pool from `history` and applies it to every young cell (`fits.young`): its forecast
 * (`forecastOf`) scaled in place, and its (k, π) in `fits` replaced where the pool learned one.
 */
export function poolYoungCells(
  cells: number,
  history: (cell: number) => Float64Array,
  startDow: (cell: number) => number,
  options: DemandOptions,
  fits: { young: Uint8Array; family: Uint8Array; dispersion: Float64Array; zeroInflation: Float64Array },
  forecastOf: (cell: number) => Float64Array,
): void {
  if (!fits.young.includes(1)) return;
  const pool = learnYoungPool(cells, history, startDow, options, fits);
  const noise: NoiseFit = { dispersion: NaN, zeroInflation: NaN };
  for (let c = 0; c < cells; c++) {
    if (fits.young[c] === 0) continue;
    noise.dispersion = fits.dispersion[c];
    noise.zeroInflation = fits.zeroInflation[c];
    applyYoungPool(pool, fits.family[c], forecastOf(c), noise);
    fits.dispersion[c] = noise.dispersion;
    fits.zeroInflation[c] = noise.zeroInflation;
  }
}
