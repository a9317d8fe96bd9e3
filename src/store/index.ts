/** store: the DuckDB workspace. The only folder that imports DuckDB. */
export { Workspace, type OpenOptions, type Prelude, type Row, type SqlParams } from './workspace.js';
export { markSuperseded } from './superseded.js';
export { refreshLineSummaries } from './line-summaries.js';
export { importBatch, type FileOutcome, type StagedFile } from './import-batch.js';
export { readStatus, readRejects, type StatusReport, type RejectsReport } from './status.js';
export { SCHEMA_VERSION } from './migrations.js';
export {
  saveRun,
  freeRunId,
  latestRun,
  latestRunPerScenario,
  listRuns,
  readRun,
  type StoredRun,
  type RunKind,
  type RunListing,
} from './runs.js';
export {
  listScenarios,
  readSavedScenario,
  saveScenario,
  deleteScenario,
  type SavedScenario,
} from './scenarios.js';
export {
  recordCheck,
  markDelivered,
  alertHistory,
  saveAlertRules,
  savedAlertRules,
  type AlertRecord,
  type AlertInput,
  type DeliveryChannel,
} from './alerts.js';
export { checkWorkspace, type CheckReport, type CheckItem } from './check.js';
