/**
 * What Postgres records of each queued job: its state, attempts, the worker that last ran it, its
 * result (a run id, an import summary) and its error. A job's result is written once: the first
 * worker to finish it wins, and a job already done is not run again.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { writeFigures, type FiguresUpdate } from './figures.js';
import type { WorkData, WorkKind } from './queue.js';

export interface JobRecord {
  id: string;
  sellerId: string;
  kind: string;
  state: string;
  attempts: number;
  runId: string | null;
  result: unknown;
  error: { code: string; message: string; hint?: string } | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const COLUMNS = [
  'id',
  'seller_id',
  'kind',
  'state',
  'attempts',
  'run_id',
  'result',
  'error',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

type Row = {
  id: string;
  seller_id: string;
  kind: string;
  state: string;
  attempts: number;
  run_id: string | null;
  result: unknown;
  error: { code: string; message: string; hint?: string } | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const record = (r: Row): JobRecord => ({
  id: r.id,
  sellerId: r.seller_id,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  runId: r.run_id,
  result: r.result,
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export async function insertJob(
  db: Db,
  job: {
    id: string;
    orgId: string;
    sellerId: string;
    kind: WorkKind;
    input: Record<string, unknown>;
    createdBy: string;
  },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: job.id,
      org_id: job.orgId,
      seller_id: job.sellerId,
      kind: job.kind,
      input: JSON.stringify(job.input),
      state: 'queued',
      created_by: job.createdBy,
      result: null,
      error: null,
    })
    .execute();
}

/** One seller's job, only within that organisation and seller (the caller checked both). */
export async function findJob(
  db: Db,
  orgId: string,
  sellerId: string,
  jobId: string,
): Promise<JobRecord | null> {
  const row = await db
    .selectFrom('jobs')
    .select(COLUMNS)
    .where('id', '=', jobId)
    .where('org_id', '=', orgId)
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row ? record(row) : null;
}

/** The states a job row goes through; `cancelled` only for work the server ran itself. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobFilter {
  /** One seller's jobs only (already checked to be the organisation's). */
  sellerId?: string;
  state?: JobState;
  limit: number;
}

/** An organisation's jobs (or one seller's), newest first. */
export async function listJobs(db: Db, orgId: string, filter: JobFilter): Promise<JobRecord[]> {
  let query = db.selectFrom('jobs').select(COLUMNS).where('org_id', '=', orgId);
  if (filter.sellerId !== undefined) query = query.where('seller_id', '=', filter.sellerId);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
  return rows.map((r) => record(r));
}

/** A job the server ran itself (no workers), as its own job list reports it. */
export interface ServerJob {
  id: string;
  kind: string;
  state: JobState;
  createdAt: string;
  finishedAt?: string;
  runId?: string;
  error?: { code: string; message: string; hint?: string };
}

/**
 * Records a job the server runs itself, when it starts and again when it ends, so the job lists show
 * it beside the workers' jobs; the seller's figures it computed are written in the same transaction.
 */
export async function recordServerJob(
  db: Db,
  seller: { orgId: string; sellerId: string },
  job: ServerJob,
  createdBy: string,
  figures: FiguresUpdate = {},
): Promise<void> {
  const ended = job.state !== 'queued' && job.state !== 'running';
  const changes = {
    state: job.state,
    run_id: job.runId ?? null,
    error: job.error ? JSON.stringify(job.error) : null,
    finished_at: ended && job.finishedAt ? new Date(job.finishedAt) : null,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('jobs')
      .values({
        id: job.id,
        org_id: seller.orgId,
        seller_id: seller.sellerId,
        kind: job.kind,
        input: '{}',
        attempts: 1,
        created_by: createdBy,
        created_at: new Date(job.createdAt),
        started_at: new Date(job.createdAt),
        result: null,
        in_server: true,
        ...changes,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
    if (job.state === 'done') await writeFigures(trx, seller, job.id, figures);
  });
}

/**
 * Marks a job running on `worker`; null when it is already done (another worker finished it) or was
 * cancelled while it waited (then it is not run at all).
 */
export async function startJob(db: Db, jobId: string, worker: string): Promise<JobRecord | null> {
  const row = await db
    .updateTable('jobs')
    .set({ state: 'running', worker, attempts: sql`attempts + 1`, started_at: new Date(), error: null })
    .where('id', '=', jobId)
    .where('state', 'not in', ['done', 'cancelled'])
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? record(row) : null;
}

/**
 * Stores a job's result unless one is stored already; true when this call stored it. The seller's
 * figures the job computed are written in the same transaction: stored once, with the result.
 */
export async function finishJob(
  db: Db,
  jobId: string,
  runId: string | null,
  result: unknown,
  figures: FiguresUpdate = {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('jobs')
      .set({ state: 'done', run_id: runId, result: JSON.stringify(result), finished_at: new Date() })
      .where('id', '=', jobId)
      .where('state', '<>', 'done')
      .returning(['org_id', 'seller_id'])
      .executeTakeFirst();
    if (!row) return false;
    await writeFigures(trx, { orgId: row.org_id, sellerId: row.seller_id }, jobId, figures);
    return true;
  });
}

/**
 * Cancels a job that is still waiting, in one statement: a worker that starts it first makes it
 * `running`, and then this changes nothing. Returns the job as it now is (null: no such job).
 */
export async function cancelJob(
  db: Db,
  orgId: string,
  sellerId: string,
  jobId: string,
): Promise<{ cancelled: boolean; job: JobRecord | null }> {
  const row = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', finished_at: new Date() })
    .where('id', '=', jobId)
    .where('org_id', '=', orgId)
    .where('seller_id', '=', sellerId)
    .where('state', '=', 'queued')
    .where('in_server', '=', false)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (row) return { cancelled: true, job: record(row) };
  return { cancelled: false, job: await findJob(db, orgId, sellerId, jobId) };
}

/** Records a failure: `final` when no retry follows (the state the API shows), else queued again. */
export async function failJob(
  db: Db,
  jobId: string,
  error: { code: string; message: string; hint?: string },
  final: boolean,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      state: final ? 'failed' : 'queued',
      error: JSON.stringify(error),
      ...(final ? { finished_at: new Date() } : {}),
    })
    .where('id', '=', jobId)
    .where('state', 'not in', ['done', 'cancelled'])
    .execute();
}

/** Whether a job is done (checked again under the seller's lock, before running it). */
export async function isDone(db: Db, jobId: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('state').where('id', '=', jobId).executeTakeFirst();
  return row?.state === 'done';
}

/** Jobs not yet finished, as the queue carries them: what to queue again if Redis lost them. */
export async function unfinishedJobs(db: Db): Promise<WorkData[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'org_id', 'seller_id', 'kind', 'input'])
    .where('state', 'in', ['queued', 'running'])
    .where('in_server', '=', false)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    jobId: r.id,
    orgId: r.org_id,
    sellerId: r.seller_id,
    kind: r.kind as WorkKind,
    input: r.input,
  }));
}
