/**
 * The Postgres tables of server mode, as Kysely sees them. Postgres holds who may do what to which
 * seller; each seller's order lines stay in its own DuckDB workspace under the data folder.
 */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface UserTable {
  id: string;
  org_id: string;
  /** Lower-cased: one account per address across the server. */
  email: string;
  name: string;
  password_hash: string;
  role: string;
  created_at: CreatedAt;
}

export interface SessionTable {
  /** SHA-256 of the cookie's value: a stolen database does not hand out live sessions. */
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface TokenTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_by: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface SellerTable {
  id: string;
  org_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  email: string;
  ok: boolean;
  at: CreatedAt;
}

export interface AuditTable {
  id: Generated<string>;
  org_id: string;
  actor: string;
  action: string;
  seller_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
  at: CreatedAt;
}

export interface JobTable {
  id: string;
  org_id: string;
  seller_id: string;
  kind: string;
  input: ColumnType<Record<string, unknown>, string, string>;
  state: string;
  attempts: ColumnType<number, number | undefined, number>;
  /** `host:pid` of the worker that last started it. */
  worker: string | null;
  run_id: string | null;
  result: ColumnType<unknown, string | null, string | null> | null;
  error: ColumnType<{ code: string; message: string; hint?: string } | null, string | null, string | null>;
  created_by: string;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  /** Run by the server itself (no workers): never queued again from Postgres. */
  in_server: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AlertRuleTable {
  seller_id: string;
  org_id: string;
  /** The alerts.yaml schema as JSON, validated before it is stored. */
  rules: ColumnType<Record<string, unknown>, string, string>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A copy of a seller's workspace alert history, one row per alert (seller_id, seq). */
export interface AlertTable {
  id: Generated<string>;
  org_id: string;
  seller_id: string;
  seq: number;
  key: string;
  rule_id: string;
  kind: string;
  subject: string;
  value: number;
  threshold: number;
  message: string;
  opened_at: Date;
  last_seen_at: Date;
  closed_at: Date | null;
  webhook_at: Date | null;
  email_at: Date | null;
}

/** Each seller's headline figures, written by the job that computed them (figures.ts). */
export interface SellerFiguresTable {
  seller_id: string;
  org_id: string;
  headline: ColumnType<unknown, string | undefined, string>;
  headline_job_id: string | null;
  headline_at: Date | null;
  risk: ColumnType<unknown, string | undefined, string>;
  risk_job_id: string | null;
  risk_at: Date | null;
}

export interface Database {
  alert_rules: AlertRuleTable;
  alerts: AlertTable;
  jobs: JobTable;
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: TokenTable;
  sellers: SellerTable;
  seller_figures: SellerFiguresTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditTable;
}
