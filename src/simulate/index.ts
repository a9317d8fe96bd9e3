/** simulate: Monte Carlo paths of a seller's demand, stock, costs and cash under scenario events. */
export { simulate, type SimulateOptions, type SimulationSummary } from './run.js';
export type { SimModel, SimEvent, SimVariant, SimCommitment, SimStock, SimArrival } from './model.js';
export { DURATION_FIXED, DURATION_UNIFORM, DURATION_LOGNORMAL, arrivalColumns, arrivalsOf } from './model.js';
export type { Stats } from './stats.js';
export type { TornadoRow } from './tornado.js';
// For the planner, which runs the simulator on its own paths with recording on (plan/run.ts).
export { Pool, concatOutputs } from './pool.js';
export { pathRange, prepare, unmetBuckets, UNMET_BUCKET_DAYS, type PathOutputs } from './kernel.js';
export { sum, tailIndexes } from './stats.js';
export { mix32 } from './prng.js';
