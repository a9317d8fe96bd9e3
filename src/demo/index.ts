/**
 * The demo seller (docs/demo.md): a seeded generator of a cross-border seller's channel exports and input
 * files, the truth planted in them, and the scenario file for 19 January 2025. `ballast demo` calls
 * these through the engine. Parameters: seller.ts; docs: docs/demo.md.
 */
export {
  DEFAULT_DEMO_SEED,
  generateDemo,
  type DemoFile,
  type DemoOptions,
  type DemoResult,
} from './generate.js';
export type { DemoTruth } from './truth.js';
export { demoScenarioPath, demoScenarioText } from './scenario.js';
