/** simulate: Monte Carlo paths of a seller's demand, stock, costs and cash under scenario events. */
export { simulate, type SimulateOptions, type SimulationSummary } from './run.js';
export type { SimModel, SimEvent, SimVariant, SimCommitment, SimStock, SimArrival } from './model.js';
export { DURATION_FIXED, DURATION_UNIFORM, DURATION_LOGNORMAL, arrivalColumns, arrivalsOf } from './model.js';
export type { Stats } from './stats.js';
export type { TornadoRow } from './tornado.js';
export { newPathEvents, samplePathEvents, targetMultiplier, type PathEvents } from './events.js';
