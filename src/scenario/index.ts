/**
 * The scenario domain's one door: parse and check scenario files against the workspace, the
 * historical event library, a starter file and plain-English descriptions. Pure apart from
 * readScenarioFile; the engine composes it with the store and the simulator.
 */
export { parseScenario } from './parse.js';
export { readScenarioFile } from './read-file.js';
export { parseInputValue, parseYamlInput } from './yaml-input.js';
export { locateKey } from './locate.js';
export { describeScenario } from './describe.js';
export { starterScenario } from './starter.js';
export { lognormalParams, lognormalQuantile, Z90 } from './lognormal.js';
export {
  listEvents,
  libraryEvent,
  type EventFact,
  type FactQuantity,
  type LibraryEntry,
} from './library/index.js';
export { DEFAULTS, eventOutcomes } from './build.js';
export type {
  CashSettings,
  Correlation,
  Diversion,
  Duration,
  DurationDays,
  EventBranch,
  EventCosts,
  EventOutcome,
  EventTarget,
  Halo,
  MarketShocks,
  Scenario,
  ScenarioEvent,
  Stranded,
  WorkspaceFacts,
} from './types.js';
export type { RawEventInput } from './schema.js';
export {
  DECISION_DEFAULTS,
  decisionsSchema,
  parseChecked,
  parseDecisions,
  type DecisionsInput,
} from './decisions.js';
export { closest, scenarioProblem, type KeyPath } from './problem.js';
export { range } from './schema.js';
export { readYaml } from './read-yaml.js';
export { addDays } from '../dates.js';
