/** simulate: Monte Carlo paths of a seller's demand, stock, costs and cash under scenario events. */
export { simulate, runBlock, startWorkers, type SimulateOptions, type SimulationSummary } from './run.js';
export type { SimModel, SimEvent, SimVariant, SimCommitment, SimStock, SimArrival } from './model.js';
export { DURATION_FIXED, DURATION_UNIFORM, DURATION_LOGNORMAL, arrivalColumns, arrivalsOf } from './model.js';
export type { Stats } from './stats.js';
export { TORNADO_PARAMETERS, type TornadoParameter, type TornadoRow } from './tornado.js';
// The kernel and its pool, for callers that run paths themselves (the planner records extra outputs).
export {
  UNMET_BUCKET_DAYS,
  pathRange,
  prepare,
  runPaths,
  unmetBuckets,
  type PathOutputs,
  type Prepared,
  type RecordedOutputs,
  type RunOptions,
  type VariantWorld,
} from './kernel.js';
export { Pool, concatOutputs, type Job } from './pool.js';
export { sum, tailIndexes } from './stats.js';
export { mix32 } from './prng.js';
export { backtest, forecastCells, type BacktestRow } from './demand/index.js';
export { newPathEvents, samplePathEvents, targetMultiplier, type PathEvents } from './events.js';
