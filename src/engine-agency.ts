/**
 * The engine's server-mode half (docs/agency.md): organisations, users, jobs on BullMQ, stored figures
 * and alerts in PostgreSQL, and the simulation's blocks of paths that workers share. It is kept apart
 * from engine.ts so a single-seller command never loads the Postgres and Redis clients (about 0.8 CPU
 * seconds at every start); only the server-mode faces (src/server/agencies, `ballast serve --postgres`,
 * `ballast worker`, `ballast org`) import it.
 */
import { Agency, type AgencyOptions } from './agency/index.js';
export {
  runBlock as simulateBlock,
  concatOutputs,
  type PathOutputs,
  type SimModel,
} from './simulate/index.js';
export {
  Agency,
  Tenant,
  ROLES,
  PERMISSIONS,
  unreachable as agencyUnreachable,
  JobQueue,
  BlockQueue,
  startWorker,
  WORK_KINDS,
  ATTEMPTS,
  AlertQueue,
  startAlertWorker,
  JOB_STATES as AGENCY_JOB_STATES,
} from './agency/index.js';
export { parseAlertRulesValue, type AlertRules } from './monitor/index.js';
export type {
  AgencyOptions,
  Principal,
  Role,
  Permission,
  Seller,
  Session,
  JobRecord,
  JobState as AgencyJobState,
  ServerJob,
  WorkData,
  BlockData,
  WorkKind,
  RunningWorker,
  AlertJobData,
  SellerAlert,
  SellerAlerts,
  StoredAlertRules,
  CheckedAlert,
  ExposureFigures,
  RiskFigures,
  FiguresUpdate,
  StoredFigures,
} from './agency/index.js';

/**
 * Server mode for agencies (docs/agency.md): connects to PostgreSQL, migrates its schema, and makes
 * the data folder that holds each seller's workspace. Every query then goes through a Tenant.
 * @example
 *   const agency = await openAgency({ postgres: 'postgres://ballast@127.0.0.1/ballast', dataDir: 'data' });
 *   const principal = await agency.fromToken(secret);
 *   if (principal) console.log(await agency.tenant(principal).sellers());
 */
export function openAgency(options: AgencyOptions): Promise<Agency> {
  return Agency.open(options);
}
