/**
 * compose: where the domains meet. The operations on an open workspace (workspace.ts), each
 * operation's options as a zod schema (options.ts), and the multi-domain flows: import, simulation,
 * plan, report and the demo. Only the engine façade imports this.
 */
export { OpenWorkspace, type RunHooks, type ScenarioCheck, type ScenarioSource } from './workspace.js';
export {
  loadDemo,
  runDemo,
  DEMO_STEPS,
  DEMO_SCENARIO_NAME,
  type DemoHooks,
  type DemoRun,
  type DemoStep,
} from './demo.js';
export type { ImportHooks, ImportSummary } from './import.js';
export type { ReportResult } from './report.js';
export type { SimulationRun } from './simulation.js';
export type { PlanRun } from './plan.js';
export * from './options.js';
export { TABLES, TABLE_FORMATS, tableFile, type Table, type TableName, type TableFormat } from './tables.js';
