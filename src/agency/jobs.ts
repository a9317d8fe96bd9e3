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

export async function listJobs(db: Db, orgId: string, sellerId: string, limit = 100): Promise<JobRecord[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('seller_id', '=', sellerId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => record(r));
}

/** Marks a job running on `worker`; null when it is already done (another worker finished it). */
export async function startJob(db: Db, jobId: string, worker: string): Promise<JobRecord | null> {
  const row = await db
    .updateTable('jobs')
    .set({ state: 'running', worker, attempts: sql`attempts + 1`, started_at: new Date(), error: null })
    .where('id', '=', jobId)
    .where('state', '<>', 'done')
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
    .where('state', '<>', 'done')
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
