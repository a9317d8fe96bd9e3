import {
  METHOD_COMBINED,
  METHOD_DAMPED,
  METHOD_ETS,
  METHOD_SBA,
  METHOD_TSB,
  createDemandFit,
  type DemandFit,
} from './demand-fit.js';
import { fitRules, weekdayOf } from './fit.js';
import { fitNoise, type NoiseFit } from './noise.js';
import type { DemandOptions } from './options.js';
import { projectDemand } from './project.js';

/**
 * Chooses each cell's model by rolling-origin evaluation on its own history (Tashman 2000, "Out-of-
 * sample tests of forecasting accuracy", IJF 16; FPP3 §5.10), then fits its noise on the same errors.
 *
 * The rules (fit.ts) pick a family — damped trend for steady cells, SBA for intermittent ones. Three
 * candidates of that family are then scored: the rule's model, its alternative (ETS(A,N,A) or TSB) and
 * the mean of the two, a simple combination, which on retail data is often better than either
 * (Makridakis et al. 2020, M4, IJF 36). Each forecasts the last 8 weeks of the history in two 4-week
 * blocks from origins 8 and 4 weeks back, fitted only on the days before its origin; the lowest sum
 * of squared errors wins (squared, because the simulator draws around the mean). Ties keep the rule's.
 * Everything is inside the history the caller gives: a backtest's held-out weeks are never seen.
 */

const BLOCK_DAYS = 28;
const ORIGINS = 2;
/** Days the rolling origins span: a cell needs the rules' minimum history before them (young.ts). */
export const SELECTION_DAYS = ORIGINS * BLOCK_DAYS;
/** The rules' model, its alternative, their mean — in preference order for ties. */
const CANDIDATES = 3;
const scratch = createDemandFit();
const forecasts = new Float64Array(CANDIDATES * ORIGINS * BLOCK_DAYS);
const actuals = new Float64Array(ORIGINS * BLOCK_DAYS);
const noise: NoiseFit = { dispersion: NaN, zeroInflation: NaN };

function candidateMethod(rule: number, k: number): number {
  if (k === 0) return rule;
  if (k === 2) return METHOD_COMBINED;
  return rule === METHOD_SBA ? METHOD_TSB : METHOD_ETS;
}

/**
 * One cell's baseline fit: the rules, then (with `options.select`) the rolling-origin choice and the
 * cell's noise. history: daily units, oldest first, ending the day before the forecast; startDow: the
 * weekday of the first forecast day (0 = Monday). Values are trusted: finite and ≥ 0.
 */
export function fitDemand(
  history: Float64Array,
  startDow: number,
  options: DemandOptions,
  fit: DemandFit,
): DemandFit {
  fitRules(history, startDow, options, fit);
  fit.rule = fit.method;
  const n = history.length;
  const family = fit.method;
  if (!options.select || (family !== METHOD_DAMPED && family !== METHOD_SBA)) return fit;
  // Each origin's fit needs the rules' minimum history before it.
  if (fit.historyDays < options.minHistoryDays + SELECTION_DAYS) return fit;

  const sse = [0, 0, 0];
  let days = 0;
  for (let o = 0; o < ORIGINS; o++) {
    const origin = n - (ORIGINS - o) * BLOCK_DAYS;
    const dow = weekdayOf(origin, n, startDow);
    fitRules(history.subarray(0, origin), dow, options, scratch);
    scratch.rule = scratch.method;
    if (scratch.method !== family) return fit; // the family changed within 8 weeks: keep the rules' pick
    actuals.set(history.subarray(origin, origin + BLOCK_DAYS), days);
    for (let k = 0; k < CANDIDATES; k++) {
      scratch.method = candidateMethod(family, k);
      const out = forecasts.subarray(
        k * ORIGINS * BLOCK_DAYS + days,
        k * ORIGINS * BLOCK_DAYS + days + BLOCK_DAYS,
      );
      projectDemand(scratch, dow, out);
      for (let t = 0; t < BLOCK_DAYS; t++) sse[k] += (history[origin + t] - out[t]) ** 2;
    }
    days += BLOCK_DAYS;
  }
  let chosen = 0;
  for (let k = 1; k < CANDIDATES; k++) if (sse[k] < sse[chosen]) chosen = k;
  fit.method = candidateMethod(family, chosen);
  fitNoise(actuals, forecasts.subarray(chosen * ORIGINS * BLOCK_DAYS), days, noise);
  fit.dispersion = noise.dispersion;
  fit.zeroInflation = noise.zeroInflation;
  return fit;
}
