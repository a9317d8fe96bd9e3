/** store: the DuckDB workspace. The only folder that imports DuckDB. */
export { Workspace, type Prelude, type Row, type SqlParams } from './workspace.js';
export { importBatch, type FileOutcome, type StagedFile } from './import-batch.js';
export { readStatus, readRejects, type StatusReport, type RejectsReport } from './status.js';
export { SCHEMA_VERSION } from './migrations.js';
export { saveRun, latestRun, type StoredRun, type RunKind } from './runs.js';
export { checkWorkspace, type CheckReport, type CheckItem } from './check.js';
