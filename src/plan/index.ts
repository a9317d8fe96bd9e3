/** plan: decisions taken now, chosen on simulated futures to trade expected profit against tail risk. */
export { plan, EVALUATION_SEED_OFFSET, type PlanResult, type PlanSettings, type FrontierRow } from './run.js';
export { FRONTIER_LAMBDAS } from './solve.js';
export { resolveDecisions, DEFAULT_REDIRECT, DEFAULT_TRANSFER } from './decisions.js';
export type { PlanAction } from './actions.js';
export type { PlanOptions, PlanChoice } from './options.js';
export type { Risk } from './lp.js';
export { readUserPlan } from './user-plan.js';
export type { ComparedPlan } from './run.js';
export type { RuleKind } from './rules.js';
export type { Stability, StabilityRow } from './stability.js';
