/**
 * agency: server mode's accounts and tenancy in PostgreSQL — organisations, users and roles,
 * sessions, API tokens, sellers, the audit log — and the one place that decides what a caller may
 * touch (Tenant). Sellers' order lines stay in their own DuckDB workspaces under the data folder.
 */
export { Agency, type AgencyOptions, type Session } from './agency.js';
export type { NewUser } from './users.js';
export { Tenant, type Seller, type UserListing, type TokenListing, type AuditEntry } from './tenant.js';
export { ROLES, PERMISSIONS, type Role, type Permission, type Principal } from './roles.js';
export { unreachable } from './database.js';
export {
  JobQueue,
  BlockQueue,
  startWorker,
  WORK_KINDS,
  ATTEMPTS,
  type WorkData,
  type BlockData,
  type WorkKind,
  type RunningWorker,
} from './queue.js';
export { JOB_STATES } from './jobs.js';
export type { JobRecord, JobState, JobFilter, ServerJob } from './jobs.js';
export { AlertQueue, startAlertWorker, type AlertJobData } from './alert-queue.js';
export type { SellerAlert, StoredAlertRules, CheckedAlert } from './alerts.js';
export type { SellerAlerts } from './tenant.js';
export type { ExposureFigures, RiskFigures, FiguresUpdate, StoredFigures, Computed } from './figures.js';
