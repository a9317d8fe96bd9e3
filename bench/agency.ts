import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis as RedisClient } from 'ioredis';
import pg from 'pg';
import { z } from 'zod';
import * as engine from '../src/engine.js';
import * as agencyEngine from '../src/engine-agency.js';
import { demoScenarioText, generateDemo } from '../src/demo/index.js';
import { createAgencyApp } from '../src/server/agencies/app.js';
import { launchPostgres, launchRedis } from '../test/servers.js';
import { benchOptions, inChild, median, printTable, runIfChild } from './common.js';

export const AGENCY_USAGE =
  'npm run bench -- agency [--sellers 200] [--days 90] [--paths 2000] [--workers 1,2] [--reference 5]';

const Options = z.object({
  sellers: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Days of history in each seller's exports (the demo generator's last days). */
  days: z.coerce.number().int().min(30).max(800).default(90),
  paths: z.coerce.number().int().min(100).max(100_000).default(2_000),
  workers: z
    .string()
    .default('1,2')
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(64)).min(1)),
  /** Sellers run in this process first, straight through the engine: the same work without server mode. */
  reference: z.coerce.number().int().min(0).max(50).default(5),
});
type Options = z.output<typeof Options>;

const BIN = join(import.meta.dirname, '../../bin/ballast.js');
const HOST = 'http://bench.invalid';
const OWNER = { email: 'owner@bench.example', password: 'bench-password-123', name: 'Bench Owner' };
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

// ---- the sellers' exports, generated before anything is timed --------------------------------------

const GenerateJob = z.object({ seeds: z.array(z.number()), root: z.string(), days: z.number() });

/** Child side: the demo generator for some seeds, each seller's files in `root/<seed>`. */
runIfChild(import.meta.url, GenerateJob, async ({ seeds, root, days }) => {
  for (const seed of seeds) await generateDemo({ seed, outDir: join(root, String(seed)), lastDays: days });
  return { done: seeds.length };
});

/** Every seller's export files (input files first, as the demo imports them), generated on every core. */
async function generateSellers(root: string, sellers: number, days: number): Promise<string[][]> {
  const seeds = Array.from({ length: sellers }, (_, i) => i + 1);
  const cores = Math.min(availableParallelism(), sellers);
  await Promise.all(
    Array.from({ length: cores }, (_, c) =>
      inChild(
        import.meta.url,
        { seeds: seeds.filter((_, i) => i % cores === c), root, days },
        z.object({ done: z.number() }),
        'generate sellers',
      ),
    ),
  );
  return seeds.map((seed) => filesOf(join(root, String(seed))));
}

function filesOf(dir: string): string[] {
  const inputs = join(dir, 'inputs');
  const list = (d: string) => readdirSync(d).map((f) => join(d, f));
  const channels = readdirSync(dir).filter((d) => d !== 'inputs');
  return [...(existsSync(inputs) ? list(inputs) : []), ...channels.flatMap((c) => list(join(dir, c)))];
}

const bytesOf = (files: readonly string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0);

// ---- reference: the same work in one process, through the engine -----------------------------------

interface StageTimes {
  import: number;
  exposure: number;
  simulate: number;
}

async function reference(files: readonly string[][], scenario: string, paths: number, dir: string) {
  const times: StageTimes[] = [];
  const started = performance.now();
  for (const [i, sellerFiles] of files.entries()) {
    const ws = await engine.openWorkspace(join(dir, `reference-${i}.duckdb`), { create: true });
    try {
      const t0 = performance.now();
      await ws.importFiles([...sellerFiles], {});
      const t1 = performance.now();
      await ws.exposure({});
      const t2 = performance.now();
      await ws.simulate({ text: scenario, name: 'scenario.yaml' }, { paths });
      times.push({ import: t1 - t0, exposure: t2 - t1, simulate: performance.now() - t2 });
    } finally {
      ws.close();
    }
  }
  return { times, seconds: (performance.now() - started) / 1000 };
}

// ---- memory and CPU of the other processes, read from /proc -----------------------------------------

/** Proportional set size (shared pages split between their users), in KB; 0 once the process is gone. */
function pssKB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU seconds of a process, and of its children it has reaped (Postgres's ended backends). */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at the 3rd; utime is the 14th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i] ?? 0), 0);
    return ticks / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return out;
}

/** Samples every second: the peak of Postgres (postmaster and backends together), Redis and each worker. */
class Sampler {
  readonly peakKB = { postgres: 0, redis: 0, workers: new Map<number, number>() };
  readonly cpu = { postgres: 0, workers: new Map<number, number>() };
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: { postgres: () => number | null; redis: () => number | null },
    private readonly workers: readonly ChildProcess[],
  ) {
    this.timer = setInterval(() => this.sample(), 1_000);
    this.sample();
  }

  sample(): void {
    const postmaster = this.pids.postgres();
    if (postmaster !== null) {
      const all = [postmaster, ...childrenOf(postmaster)];
      this.peakKB.postgres = Math.max(
        this.peakKB.postgres,
        all.reduce((s, p) => s + pssKB(p), 0),
      );
      this.cpu.postgres = Math.max(
        this.cpu.postgres,
        all.reduce((s, p) => s + cpuSeconds(p), 0),
      );
    }
    const redis = this.pids.redis();
    if (redis !== null) this.peakKB.redis = Math.max(this.peakKB.redis, pssKB(redis));
    for (const w of this.workers) {
      if (w.pid === undefined || w.exitCode !== null) continue;
      this.peakKB.workers.set(w.pid, Math.max(this.peakKB.workers.get(w.pid) ?? 0, pssKB(w.pid)));
      this.cpu.workers.set(w.pid, Math.max(this.cpu.workers.get(w.pid) ?? 0, cpuSeconds(w.pid)));
    }
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

// ---- one server-mode run: N sellers through W worker processes --------------------------------------

interface JobRow {
  kind: string;
  waitMs: number;
  runMs: number;
  totalMs: number;
}

interface AgencyRun {
  workers: number;
  seconds: number;
  jobs: JobRow[];
  exposureMs: number[];
  peakMB: { postgres: number; redis: number; workers: number[]; server: number };
  cpu: { postgres: number; workers: number[] };
  postgresMB: number;
  redisUsedPeakMB: number;
  dataMB: number;
}

async function agencyRun(
  files: readonly string[][],
  scenario: string,
  options: Options,
  workerCount: number,
  root: string,
): Promise<AgencyRun> {
  const [postgres, redis] = await Promise.all([launchPostgres(), launchRedis()]);
  const dataDir = join(root, `data-${workerCount}`);
  const agency = await agencyEngine.openAgency({ postgres: postgres.url, dataDir });
  const queue = agencyEngine.JobQueue.connect(redis.url);
  const server = createAgencyApp({ agency, queue, log: () => {} });
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const workers: ChildProcess[] = [];
  try {
    const { orgId } = await agency.createOrganisation('Bench Agency', OWNER);
    const signIn = await server.app.fetch(
      new Request(`${HOST}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
      }),
    );
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
      const response = await server.app.fetch(
        new Request(`${HOST}/api/v1${path}`, { ...init, headers: { ...init.headers, cookie } }),
      );
      const body: unknown = await response.json();
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${JSON.stringify(body)}`);
      return body;
    };
    const postJson = (path: string, body: unknown) =>
      call(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    const sellerIds: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const seller = z
        .object({ id: z.string() })
        .parse(await postJson(`/orgs/${orgId}/sellers`, { name: `Seller ${i + 1}` }));
      sellerIds.push(seller.id);
    }

    for (let i = 0; i < workerCount; i++) {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'worker',
          '--postgres',
          postgres.url,
          '--redis',
          redis.url,
          '--data',
          dataDir,
          '--concurrency',
          '1',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      workers.push(child);
    }
    const sampler = new Sampler({ postgres: postgres.pid, redis: redis.pid }, workers);

    // Every seller's import is queued at once, as a nightly batch would; as each import ends, the
    // server answers the seller's exposure and a simulation is queued. A seller is done when its
    // simulation is.
    const jobId = (body: unknown) => z.object({ job: z.object({ id: z.string() }) }).parse(body).job.id;
    const started = performance.now();
    const pending = new Map<string, { seller: number; kind: 'import' | 'simulation' }>();
    for (const [i, sellerFiles] of files.entries()) {
      const form = new FormData();
      for (const path of sellerFiles) form.append('files', new Blob([await readFile(path)]), basename(path));
      const id = jobId(await call(`/sellers/${sellerIds[i]}/imports`, { method: 'POST', body: form }));
      pending.set(id, { seller: i, kind: 'import' });
    }
    const exposureMs: number[] = [];
    while (pending.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await db.query<{ id: string; state: string; error: unknown }>(
        `SELECT id, state, error FROM jobs WHERE id = ANY($1::text[]) AND state IN ('done', 'failed')`,
        [[...pending.keys()]],
      );
      for (const row of rows) {
        const job = pending.get(row.id);
        if (!job) continue;
        pending.delete(row.id);
        if (row.state === 'failed')
          throw new Error(`seller ${job.seller + 1}'s ${job.kind} failed: ${JSON.stringify(row.error)}`);
        if (job.kind === 'simulation') continue;
        const seller = sellerIds[job.seller];
        const t0 = performance.now();
        await call(`/sellers/${seller}/exposure`);
        exposureMs.push(performance.now() - t0);
        const id = jobId(
          await postJson(`/sellers/${seller}/simulations`, { scenario, paths: options.paths }),
        );
        pending.set(id, { seller: job.seller, kind: 'simulation' });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    sampler.stop();

    const { rows: jobs } = await db.query<{ kind: string; wait: number; run: number; total: number }>(
      `SELECT kind,
              1000 * extract(epoch FROM started_at - created_at)::float8 AS wait,
              1000 * extract(epoch FROM finished_at - started_at)::float8 AS run,
              1000 * extract(epoch FROM finished_at - created_at)::float8 AS total
         FROM jobs WHERE state = 'done'`,
    );
    const { rows: size } = await db.query<{ bytes: string }>(
      `SELECT pg_database_size(current_database()) AS bytes`,
    );
    const info = await redisInfo(redis.url);
    return {
      workers: workerCount,
      seconds,
      jobs: jobs.map((j) => ({ kind: j.kind, waitMs: j.wait, runMs: j.run, totalMs: j.total })),
      exposureMs,
      peakMB: {
        postgres: sampler.peakKB.postgres / 1024,
        redis: sampler.peakKB.redis / 1024,
        workers: [...sampler.peakKB.workers.values()].map((kb) => kb / 1024),
        server: process.resourceUsage().maxRSS / 1024,
      },
      cpu: { postgres: sampler.cpu.postgres, workers: [...sampler.cpu.workers.values()] },
      postgresMB: Number(size[0]?.bytes ?? 0) / 2 ** 20,
      redisUsedPeakMB: info,
      dataMB: Number(execFileSync('du', ['-sm', dataDir], { encoding: 'utf8' }).split('\t')[0]),
    };
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(
      workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.once('exit', resolve)) : null)),
    );
    await db.end();
    await server.close();
    await queue.close();
    await agency.close();
    await Promise.all([postgres.remove(), redis.remove()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Redis's own peak of memory in use (`used_memory_peak`), in MB. */
async function redisInfo(url: string): Promise<number> {
  const client = new RedisClient(url);
  try {
    const info = await client.info('memory');
    return Number(/used_memory_peak:(\d+)/.exec(info)?.[1] ?? 0) / 2 ** 20;
  } finally {
    client.disconnect();
  }
}

// ---- the report -------------------------------------------------------------------------------------

const ms = (v: number) =>
  v >= 10_000
    ? `${(v / 1000).toFixed(0)} s`
    : v >= 1000
      ? `${(v / 1000).toFixed(1)} s`
      : `${v.toFixed(0)} ms`;
const mb = (v: number) => `${v.toFixed(0)} MB`;

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function printRun(run: AgencyRun, sellers: number): void {
  const perMinute = (sellers / run.seconds) * 60;
  console.log(
    `\n${run.workers} worker${run.workers > 1 ? 's' : ''}: ${sellers} sellers in ${run.seconds.toFixed(0)} s, ` +
      `${perMinute.toFixed(1)} sellers per minute (load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
  );
  const rows = ['import', 'simulation'].map((kind) => {
    const jobs = run.jobs.filter((j) => j.kind === kind);
    const total = jobs.map((j) => j.totalMs);
    const runs = jobs.map((j) => j.runMs);
    return [
      kind,
      String(jobs.length),
      ms(percentile(total, 50)),
      ms(percentile(total, 95)),
      ms(percentile(runs, 50)),
      ms(percentile(runs, 95)),
    ];
  });
  rows.push([
    'exposure (server)',
    String(run.exposureMs.length),
    ms(percentile(run.exposureMs, 50)),
    ms(percentile(run.exposureMs, 95)),
    '',
    '',
  ]);
  printTable(['job', 'count', 'latency p50', 'latency p95', 'run p50', 'run p95'], rows);
  const workerCpu = run.cpu.workers.reduce((s, v) => s + v, 0);
  console.log(
    [
      `peak memory (PSS): Postgres ${mb(run.peakMB.postgres)}, Redis ${mb(run.peakMB.redis)} ` +
        `(used_memory_peak ${run.redisUsedPeakMB.toFixed(1)} MB), workers ${run.peakMB.workers.map(mb).join(' / ')}, ` +
        `server and driver ${mb(run.peakMB.server)} (RSS)`,
      `CPU: workers ${workerCpu.toFixed(0)} s (${(workerCpu / sellers).toFixed(2)} s per seller), ` +
        `Postgres ${run.cpu.postgres.toFixed(1)} s (${((run.cpu.postgres / sellers) * 1000).toFixed(0)} ms per seller)`,
      `stored: Postgres database ${run.postgresMB.toFixed(1)} MB, seller workspaces ${run.dataMB} MB ` +
        `(${(run.dataMB / sellers).toFixed(1)} MB per seller)`,
    ].join('\n'),
  );
}

/**
 * `npm run bench -- agency`: demo-shaped sellers (the demo generator, one seed each, the last `days`
 * of history) imported, their exposure read and a simulation run, through server mode with real
 * Postgres, Redis and `ballast worker` processes — first with 1 worker, then 2. The reference is the
 * same work for a few sellers straight through the engine in one process. Figures feed docs/scaling.md.
 */
export async function runAgencyBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      sellers: { type: 'string' },
      days: { type: 'string' },
      paths: { type: 'string' },
      workers: { type: 'string' },
      reference: { type: 'string' },
    },
  });
  const options = benchOptions('agency', Options, values, AGENCY_USAGE);
  const root = mkdtempSync(join(tmpdir(), 'ballast-bench-agency-'));
  try {
    console.log(
      `agency benchmark: ${options.sellers} sellers, ${options.days} days of history each, ` +
        `${options.paths}-path simulations; ${availableParallelism()} cores, load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    let t = performance.now();
    const files = await generateSellers(join(root, 'exports'), options.sellers, options.days);
    const bytes = files.map(bytesOf);
    console.log(
      `generated in ${((performance.now() - t) / 1000).toFixed(0)} s: ${files[0]?.length ?? 0} files and ` +
        `${(median(bytes) / 2 ** 20).toFixed(1)} MB of exports per seller (median)`,
    );
    const scenario = await demoScenarioText();

    if (options.reference > 0) {
      t = performance.now();
      const ref = await reference(files.slice(0, options.reference), scenario, options.paths, root);
      const perSeller = ref.seconds / ref.times.length;
      console.log(
        `\nreference, one process through the engine: ${ref.times.length} sellers, ` +
          `${perSeller.toFixed(1)} s per seller (${(60 / perSeller).toFixed(1)} sellers per minute); ` +
          `median import ${ms(median(ref.times.map((x) => x.import)))}, exposure ${ms(median(ref.times.map((x) => x.exposure)))}, ` +
          `simulation ${ms(median(ref.times.map((x) => x.simulate)))}`,
      );
    }
    for (const count of options.workers)
      printRun(await agencyRun(files, scenario, options, count, root), files.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
