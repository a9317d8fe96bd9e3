/** store: the DuckDB workspace. The only folder that imports DuckDB. */
export { Workspace, type OpenOptions, type Prelude, type Row, type SqlParams } from './workspace.js';
export { importBatch, type FileOutcome, type StagedFile } from './import-batch.js';
export { readStatus, readRejects, type StatusReport, type RejectsReport } from './status.js';
export { SCHEMA_VERSION } from './migrations.js';
export {
  saveRun,
  latestRun,
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
