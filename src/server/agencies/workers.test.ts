/**
 * Server mode with workers: real `ballast worker` processes (bin/ballast.js, so `npm run build`
 * first, as the other process tests) on a throwaway Postgres and Redis. A queued import lands; a job
 * with a user error fails at once with its error visible; a worker SIGKILLed in the middle of a
 * simulation hands it to another, which finishes it, and the run is stored once; Redis restarted
 * mid-run (its queue lost: no persistence) → the running job finishes once and the lost one is queued
 * again from Postgres; a queued job is cancelled (out of BullMQ, never run), a running one is a 409.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../test/services.js';
import { tempDir } from '../../../test/workspace.js';
import { createAgencyApp, type AgencyServer } from './app.js';
import { keepQueued } from './requeue.js';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');

const history = () => {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let d = 0; d < 60; d++)
    rows.push(
      `H-${d},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},MUG,5,10,USD,tiktok-shop,US`,
    );
  return rows.join('\n') + '\n';
};

/** Long enough (seconds, even on an idle machine) that a worker is still simulating when it is killed. */
const LONG = (channel: string) => `name: ban
horizon_days: 365
paths: 25000
events:
  - id: ban
    target: { channel: ${channel} }
    probability: 0.5
    onset: 2024-03-05
    duration: { permanent: 1 }
`;

interface JobView {
  id: string;
  state: string;
  attempts: number;
  runId: string | null;
  result: unknown;
  error: { code: string; message: string } | null;
}

describe('server mode: queued jobs on real worker processes', () => {
  const dir = tempDir('ballast-workers-');
  const dataDir = join(dir, 'data');
  let pg: Postgres;
  let redis: Redis;
  let agency: agencyEngine.Agency;
  let queue: agencyEngine.JobQueue;
  let server: AgencyServer;
  const workers: ChildProcess[] = [];
  let cookie = '';
  let sellerId = '';
  let orgId = '';
  let importJobId = '';

  const call = (path: string, init: RequestInit = {}) =>
    server.app.request(`/api/v1${path}`, {
      ...init,
      headers: { Cookie: cookie, ...(init.headers ?? {}) },
    });
  const post = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });

  function startWorker(): ChildProcess {
    const child = spawn(
      process.execPath,
      [BIN, 'worker', '--postgres', pg.url, '--redis', redis.url, '--data', dataDir, '--lock-seconds', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    workers.push(child);
    return child;
  }

  /** Polls a job until `done(job)`; the test's own timeout bounds the wait. */
  async function until(jobId: string, done: (job: JobView) => boolean): Promise<JobView> {
    for (;;) {
      const job = (await (await call(`/sellers/${sellerId}/jobs/${jobId}`)).json()) as JobView;
      if (done(job)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    agency = await agencyEngine.openAgency({ postgres: pg.url, dataDir, log: () => {} });
    queue = agencyEngine.JobQueue.connect(redis.url);
    server = createAgencyApp({ agency, queue, log: () => {} });
    ({ orgId } = await agency.createOrganisation('Agency', {
      email: 'owner@agency.test',
      name: 'Owner',
      password: 'correct horse battery staple',
    }));
    const signIn = await server.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'owner@agency.test', password: 'correct horse battery staple' }),
      headers: { 'Content-Type': 'application/json' },
    });
    cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    sellerId = ((await (await post(`/orgs/${orgId}/sellers`, { name: 'Shop' })).json()) as { id: string }).id;
  }, 120_000);
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
    await server?.close();
    await queue?.close();
    await agency?.close();
  });

  it('imports an upload on a worker; the result and the lines are there afterwards', async () => {
    startWorker();
    const form = new FormData();
    form.append('files', new File([history()], 'history.csv'));
    const queued = await call(`/sellers/${sellerId}/imports`, { method: 'POST', body: form });
    expect(queued.status).toBe(202);
    const { job } = (await queued.json()) as { job: JobView };
    expect(job.state).toBe('queued');
    const done = await until(job.id, (j) => j.state === 'done' || j.state === 'failed');
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ added: 60 });
    importJobId = job.id;
    const status = (await (await call(`/sellers/${sellerId}/status`)).json()) as {
      totals: Array<{ lines: number }>;
    };
    expect(status.totals.reduce((s, t) => s + t.lines, 0)).toBe(60);
  }, 120_000);

  it("stores each job's headline figures in Postgres: the summary shows them with the seller's data folder gone", async () => {
    const scenario = LONG('tiktok-shop')
      .replace('horizon_days: 365', 'horizon_days: 30')
      .replace('paths: 25000', 'paths: 500');
    const { job } = (await (await post(`/sellers/${sellerId}/simulations`, { scenario })).json()) as {
      job: JobView;
    };
    const done = await until(job.id, (j) => j.state === 'done' || j.state === 'failed');
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    // What the seller's own routes say (they open its workspace).
    const exposure = (await (await call(`/sellers/${sellerId}/exposure`)).json()) as engine.ExposureReport;
    const run = (await (
      await call(`/sellers/${sellerId}/runs/${done.runId}`)
    ).json()) as engine.SimulationRun;
    const [top] = [...exposure.byChannel].sort((x, y) => y.share - x.share);
    const expected = {
      headline: {
        from: exposure.from,
        to: exposure.to,
        baseCurrency: exposure.baseCurrency,
        totalRevenue: exposure.totalRevenue,
        topChannel: { channel: top?.channel, share: top?.share },
        effectiveChannels: exposure.concentration.channel.effectiveNumber,
        orderLines: 60,
        jobId: importJobId,
      },
      risk: {
        runId: done.runId,
        scenarioName: 'ban',
        lossBasis: run.lossBasis,
        cvar95: run.revenueLoss?.cvar95,
        expectedLoss: run.revenueLoss?.mean,
        baseCurrency: 'USD',
        jobId: job.id,
      },
      openAlerts: 0,
    };
    const summary = async () => {
      const res = await call(`/orgs/${orgId}/summary`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { sellers: Array<Record<string, unknown>> }).sellers;
    };
    const [before] = await summary();
    expect(before).toMatchObject(expected);
    // The summary reads Postgres only: with every seller's workspace moved away it answers the same.
    const sellers = join(dataDir, 'sellers');
    renameSync(sellers, `${sellers}-away`);
    try {
      expect(await summary()).toEqual([before]);
      expect(existsSync(sellers)).toBe(false);
    } finally {
      renameSync(`${sellers}-away`, sellers);
    }
  }, 120_000);

  it('fails a job with a user error at once (no retry), its error visible through the API', async () => {
    const queued = await post(`/sellers/${sellerId}/simulations`, { scenario: LONG('no-such-channel') });
    expect(queued.status).toBe(202);
    const { job } = (await queued.json()) as { job: JobView };
    const failed = await until(job.id, (j) => j.state === 'done' || j.state === 'failed');
    expect(failed.state).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.error?.code).toBe('bad-input');
    expect(failed.error?.message).toMatch(/no-such-channel/);
    const listed = (await (await call(`/sellers/${sellerId}/jobs`)).json()) as JobView[];
    expect(listed.find((j) => j.id === job.id)?.state).toBe('failed');
    // Filtered to failed ones, per seller and per organisation: this job, with its error and attempts.
    for (const path of [`/sellers/${sellerId}/jobs?state=failed`, `/orgs/${orgId}/jobs?state=failed`]) {
      const failedOnly = (await (await call(path)).json()) as JobView[];
      expect(
        failedOnly.map((j) => [j.id, j.attempts, j.error?.code]),
        path,
      ).toEqual([[job.id, 1, 'bad-input']]);
    }
    const doneOnly = (await (await call(`/orgs/${orgId}/jobs?state=done`)).json()) as JobView[];
    expect(doneOnly.map((j) => j.state)).toEqual(['done', 'done']);
  }, 120_000);

  it("gives another organisation a 404 for this organisation's queued jobs and sellers, and nothing of them", async () => {
    const other = await agency.createOrganisation('Other', {
      email: 'owner@other.test',
      name: 'Other',
      password: 'correct horse battery staple',
    });
    const signIn = await server.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'owner@other.test', password: 'correct horse battery staple' }),
      headers: { 'Content-Type': 'application/json' },
    });
    const otherCookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const asOther = (path: string, init: RequestInit = {}) =>
      server.app.request(`/api/v1${path}`, {
        ...init,
        headers: { Cookie: otherCookie, ...(init.headers ?? {}) },
      });
    const own = (await (
      await asOther(`/orgs/${other.orgId}/sellers`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Theirs' }),
        headers: { 'Content-Type': 'application/json' },
      })
    ).json()) as { id: string };
    const before = (await (await call(`/sellers/${sellerId}/jobs`)).json()) as JobView[];
    const [job] = before;
    expect(job).toBeDefined();
    const jobId = job?.id ?? '';
    const json = { 'Content-Type': 'application/json' };
    for (const [method, path, body] of [
      ['GET', `/sellers/${sellerId}/jobs`, undefined],
      ['GET', `/sellers/${sellerId}/jobs?state=failed`, undefined],
      ['GET', `/orgs/${orgId}/jobs?state=failed`, undefined],
      ['GET', `/sellers/${sellerId}/jobs/${jobId}`, undefined],
      ['GET', `/sellers/${own.id}/jobs/${jobId}`, undefined],
      ['POST', `/sellers/${sellerId}/simulations`, JSON.stringify({ scenario: LONG('tiktok-shop') })],
      ['POST', `/sellers/${sellerId}/plans`, JSON.stringify({ scenario: LONG('tiktok-shop') })],
    ] as const) {
      const res = await asOther(path, { method, ...(body ? { body, headers: json } : {}) });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBe(404);
      expect(text).not.toContain(sellerId);
      expect(text).not.toContain(jobId);
    }
    const form = new FormData();
    form.append('files', new File([history()], 'history.csv'));
    expect((await asOther(`/sellers/${sellerId}/imports`, { method: 'POST', body: form })).status).toBe(404);
    // The other organisation's own job list holds none of these jobs.
    const theirs = await (await asOther(`/orgs/${other.orgId}/jobs`)).text();
    expect(JSON.parse(theirs)).toEqual([]);
    // Nothing was queued for this seller by the other organisation.
    const after = (await (await call(`/sellers/${sellerId}/jobs`)).json()) as JobView[];
    expect(after.map((j) => j.id)).toEqual(before.map((j) => j.id));
    expect(await agency.db.selectFrom('jobs').select('id').where('seller_id', '=', own.id).execute()).toEqual(
      [],
    );
  });

  it('documents the queued routes in /openapi.json, with their bodies', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    for (const path of ['simulations', 'plans', 'imports']) {
      const operation = doc.paths[`/sellers/{sellerId}/${path}`]?.post;
      expect(operation?.requestBody, path).toBeDefined();
      expect(operation?.responses['202'], path).toBeDefined();
    }
    expect(doc.paths['/sellers/{sellerId}/jobs/{jobId}']?.get?.responses['200']).toBeDefined();
  });

  it('refuses a bad body at once (400), before anything is queued', async () => {
    const res = await post(`/sellers/${sellerId}/simulations`, { scenario: 'x', paths: -5 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('`paths`');
  });

  it('splits a simulation into blocks of paths over 1, 2 and 4 worker processes, storing the JSON one process stores', async () => {
    const scenario = LONG('tiktok-shop')
      .replace('horizon_days: 365', 'horizon_days: 90')
      .replace('paths: 25000', 'paths: 4000');
    /** The stored run's JSON without its id (which carries the time it was made). */
    const stored = async (body: Record<string, unknown>): Promise<string> => {
      const { job } = (await (await post(`/sellers/${sellerId}/simulations`, body)).json()) as {
        job: JobView;
      };
      const done = await until(job.id, (j) => j.state === 'done' || j.state === 'failed');
      expect(done.state, JSON.stringify(done.error)).toBe('done');
      const text = await (await call(`/sellers/${sellerId}/runs/${done.runId}`)).text();
      expect(text).toContain(`"runId":"${done.runId}"`);
      return text.replace(`"runId":"${done.runId}"`, '"runId":""');
    };
    expect(workers.filter((w) => w.exitCode === null)).toHaveLength(1);
    const reference = await stored({ scenario });
    expect(JSON.parse(reference)).toMatchObject({ paths: 4000 });
    const blocks = { scenario, blockPaths: 1000 };
    expect(await stored(blocks)).toBe(reference);
    startWorker();
    expect(await stored(blocks)).toBe(reference);
    startWorker();
    startWorker();
    expect(await stored(blocks)).toBe(reference);
    expect(readdirSync(join(dataDir, 'blocks'))).toEqual([]);
  }, 180_000);

  it('finishes a job on another worker when its worker is SIGKILLed mid-run, storing the run once', async () => {
    const second = startWorker();
    const runsBefore = (await (await call(`/sellers/${sellerId}/runs?kind=simulation`)).json()) as Array<{
      runId: string;
    }>;
    const queued = await post(`/sellers/${sellerId}/simulations`, { scenario: LONG('tiktok-shop') });
    const { job } = (await queued.json()) as { job: JobView };
    await until(job.id, (j) => j.state === 'running');
    const row = await agency.db
      .selectFrom('jobs')
      .select('worker')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    const pid = Number(row.worker?.split(':').pop());
    const victim = workers.find((w) => w.pid === pid);
    expect(victim, `the worker running the job is one of ours (pid ${pid})`).toBeDefined();
    const exited = new Promise((resolve) => victim?.once('exit', resolve));
    victim?.kill('SIGKILL');
    await exited;
    // Whichever worker was killed, one is left to take the job.
    if (victim === second) expect(workers[0]?.exitCode).toBeNull();

    const done = await until(job.id, (j) => j.state === 'done' || j.state === 'failed');
    expect(done.state).toBe('done');
    expect(done.attempts).toBe(2);
    const runs = (await (await call(`/sellers/${sellerId}/runs?kind=simulation`)).json()) as Array<{
      runId: string;
    }>;
    // Exactly one new run, the job's: newest first.
    expect(runs.map((r) => r.runId)).toEqual([done.runId, ...runsBefore.map((r) => r.runId)]);
    const finishedBy = await agency.db
      .selectFrom('jobs')
      .select('worker')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(finishedBy.worker).not.toBe(row.worker);
  }, 180_000);

  it('carries on when Redis restarts mid-run: the running job finishes once, the lost one is queued again', async () => {
    for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
    // One worker, one job at a time: the second job waits in Redis, so the restart loses it.
    startWorker();
    const stop = keepQueued(agency, queue, 500, () => {});
    try {
      const before = (await (await call(`/sellers/${sellerId}/runs?kind=simulation`)).json()) as unknown[];
      const first = (
        (await (
          await post(`/sellers/${sellerId}/simulations`, { scenario: LONG('tiktok-shop') })
        ).json()) as { job: JobView }
      ).job;
      await until(first.id, (j) => j.state === 'running');
      const second = (
        (await (
          await post(`/sellers/${sellerId}/simulations`, { scenario: LONG('tiktok-shop'), paths: 2000 })
        ).json()) as { job: JobView }
      ).job;
      await redis.stop();
      await redis.start();
      const [one, two] = [
        await until(first.id, (j) => j.state === 'done' || j.state === 'failed'),
        await until(second.id, (j) => j.state === 'done' || j.state === 'failed'),
      ];
      expect([one.state, two.state]).toEqual(['done', 'done']);
      const runs = (await (await call(`/sellers/${sellerId}/runs?kind=simulation`)).json()) as Array<{
        runId: string;
      }>;
      expect(runs).toHaveLength(before.length + 2);
      expect(runs.map((r) => r.runId)).toEqual(expect.arrayContaining([one.runId, two.runId]));
    } finally {
      stop();
    }
  }, 180_000);

  it('ends by itself on SIGTERM once idle, after running simulations (no connection left open)', async () => {
    // A process ended by a signal keeps exitCode null: signalCode says it is gone.
    const live = workers.filter((w) => w.exitCode === null && w.signalCode === null);
    expect(live.length).toBeGreaterThan(0);
    const codes = live.map((w) => new Promise((resolve) => w.once('exit', (code) => resolve(code))));
    for (const w of live) w.kill('SIGTERM');
    expect(await Promise.all(codes)).toEqual(live.map(() => 0));
  }, 60_000);
  it('cancels a queued job (out of BullMQ, cancelled in Postgres, never run); a running one is a 409', async () => {
    // No worker is left (the test above ended them): a job queued now waits.
    expect(workers.filter((w) => w.exitCode === null && w.signalCode === null)).toEqual([]);
    const scenario = LONG('tiktok-shop');
    const waiting = (
      (await (await post(`/sellers/${sellerId}/simulations`, { scenario })).json()) as { job: JobView }
    ).job;
    // BullMQ's own view of the queue: what it holds for this job id.
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    const bull = new Queue('ballast-jobs', { connection });
    try {
      expect(await bull.getJob(waiting.id)).toBeDefined();
      const res = await call(`/sellers/${sellerId}/jobs/${waiting.id}`, { method: 'DELETE' });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as JobView).state).toBe('cancelled');
      expect(await bull.getJob(waiting.id)).toBeUndefined();
      // Cancelling it again: it has ended.
      const again = await call(`/sellers/${sellerId}/jobs/${waiting.id}`, { method: 'DELETE' });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(
        /already ended \(cancelled\)/,
      );
    } finally {
      await bull.close();
      connection.disconnect();
    }
    // A worker started now runs the next job, not the cancelled one.
    startWorker();
    const running = (
      (await (await post(`/sellers/${sellerId}/simulations`, { scenario })).json()) as { job: JobView }
    ).job;
    await until(running.id, (j) => j.state === 'running');
    const busy = await call(`/sellers/${sellerId}/jobs/${running.id}`, { method: 'DELETE' });
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as { error: { message: string } }).error.message).toMatch(
      /is running on a worker; only a queued job can be cancelled/,
    );
    const cancelled = (await (await call(`/sellers/${sellerId}/jobs/${waiting.id}`)).json()) as JobView;
    expect(cancelled).toMatchObject({ state: 'cancelled', attempts: 0, runId: null });
    const listed = (await (await call(`/sellers/${sellerId}/jobs?state=cancelled`)).json()) as JobView[];
    expect(listed.map((j) => j.id)).toEqual([waiting.id]);
    expect((await call(`/sellers/${sellerId}/jobs/job_${'0'.repeat(20)}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  }, 120_000);
});
