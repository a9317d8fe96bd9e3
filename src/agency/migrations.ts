/**
 * The Postgres schema, migrated with Kysely's Migrator (its own `kysely_migration` table records what
 * ran). Migrations are listed here rather than read from a folder so the built package carries them.
 * Numbered on their own: the DuckDB workspace's migrations (src/store) are a different schema.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { BallastError } from '../errors.js';

const accounts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'analyst', 'viewer')`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', sql`text[]`, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('sellers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('sellers_org_name', ['org_id', 'name'])
      .execute();
    await db.schema.createIndex('sellers_by_org').on('sellers').column('org_id').execute();
    await db.schema
      .createTable('login_attempts')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('ok', 'boolean', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('login_attempts_by_email')
      .on('login_attempts')
      .columns(['email', 'at'])
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('seller_id', 'text')
      .addColumn('detail', 'jsonb', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('audit_by_org').on('audit_log').columns(['org_id', 'id']).execute();
  },
};

/** Work queued for the workers: what Postgres knows of each BullMQ job, so the API can show it. */
const jobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      // What the worker is given, kept so a job lost from Redis can be queued again (requeue).
      .addColumn('input', 'jsonb', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('queued', 'running', 'done', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('worker', 'text')
      .addColumn('run_id', 'text')
      .addColumn('result', 'jsonb')
      .addColumn('error', 'jsonb')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('jobs_by_seller').on('jobs').columns(['seller_id', 'created_at']).execute();
  },
};

/**
 * Alert rules per seller (the alerts.yaml schema, as JSON) and a copy of each seller's alert history,
 * kept by the workers after every check so the API lists open alerts without opening a workspace.
 */
const alerts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('alert_rules')
      .addColumn('seller_id', 'text', (c) => c.primaryKey().references('sellers.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('rules', 'jsonb', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id').onDelete('cascade'))
      // The alert's number in the seller's workspace history: what a later check updates.
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('threshold', 'double precision', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
      .addColumn('closed_at', 'timestamptz')
      .addColumn('webhook_at', 'timestamptz')
      .addColumn('email_at', 'timestamptz')
      .addUniqueConstraint('alerts_seller_seq', ['seller_id', 'seq'])
      .execute();
    await db.schema.createIndex('alerts_by_org').on('alerts').columns(['org_id', 'closed_at']).execute();
  },
};

/**
 * Each seller's headline figures (exposure after its newest import, the tail of its newest
 * simulation), written by the job that computed them, so the organisation view reads Postgres only.
 * Jobs the server runs itself (no workers) get rows too, marked `in_server` (never queued again), and a
 * job may end cancelled; jobs are listed per organisation, newest first.
 */
const sellerFigures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('seller_figures')
      .addColumn('seller_id', 'text', (c) => c.primaryKey().references('sellers.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('headline', 'jsonb')
      .addColumn('headline_job_id', 'text')
      .addColumn('headline_at', 'timestamptz')
      .addColumn('risk', 'jsonb')
      .addColumn('risk_job_id', 'text')
      .addColumn('risk_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('seller_figures_by_org').on('seller_figures').column('org_id').execute();
    await db.schema
      .alterTable('jobs')
      .addColumn('in_server', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
    // Postgres named the column's check jobs_state_check (0002); the new one allows 'cancelled'.
    await sql`ALTER TABLE jobs DROP CONSTRAINT jobs_state_check`.execute(db);
    await sql`ALTER TABLE jobs ADD CONSTRAINT jobs_state_check
      CHECK (state in ('queued', 'running', 'done', 'failed', 'cancelled'))`.execute(db);
    await db.schema.createIndex('jobs_by_org').on('jobs').columns(['org_id', 'created_at']).execute();
  },
};

const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-jobs': jobs,
  '0003-alerts': alerts,
  '0004-seller-figures-and-job-list': sellerFigures,
};

/** Brings the database to the newest schema; a failed migration leaves it at the last good one. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new BallastError('internal', `the Postgres migration ${failed} failed: ${String(error)}`, {
      hint: 'The database was left at its last good migration; check the Postgres log, then start again.',
      cause: error,
    });
  }
}
