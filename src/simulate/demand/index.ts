/**
 * Baseline demand: each cell's expected daily units after its history (docs/forecast.md), before noise,
 * events and stock. The method is in docs/forecast.md.
 *
 * - baselineForecast: one cell, with the method chosen and notes in plain words.
 * - forecastCells: many cells in one typed array, the simulator's layout.
 * - fitDemand + projectDemand (+ describeFit): the two halves, for callers that reuse a fit.
 * - backtest + formatBacktest: holdout accuracy against seasonal naive and naive.
 */
export { baselineForecast, forecastCells, type BaselineForecast, type CellForecasts } from './forecast.js';
export { fitRules, weekdayOf } from './fit.js';
export { fitDemand } from './select.js';
export { projectDemand } from './project.js';
export { describeFit } from './notes.js';
export {
  DEMAND_METHODS,
  createDemandFit,
  resetDemandFit,
  type DemandFit,
  type DemandMethod,
} from './demand-fit.js';
export { DEMAND_DEFAULTS, resolveDemandOptions, type DemandOptions } from './options.js';
export {
  BACKTEST_METHODS,
  DEFAULT_DISPERSION,
  backtest,
  formatBacktest,
  type BacktestMethod,
  type BacktestPeer,
  type BacktestRow,
} from './backtest.js';
export { mase, naiveInto, seasonalNaiveInto, seasonalNaiveScale } from './accuracy.js';
export { coveredShare, fitNoise, zinbCdf, zinbMedian, type NoiseFit } from './noise.js';
