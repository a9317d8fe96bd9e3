import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { importFiles } from '../src/engine.js';
import { asBallastError, BallastError } from '../src/errors.js';
import { DEFAULT_DEMO_SEED, generateDemo } from '../src/demo/index.js';
import { ensureOrders, type GeneratedFile, type OrderKind } from './generate-orders.js';
import { benchOptions, inChild, median, printTable, removeWorkspace, runIfChild } from './common.js';

/**
 * The import benchmark: the whole `ballast import` command and Ballast's `importFiles` on generated
 * exports, next to DuckDB's typed load of the same file (`CREATE TABLE … AS SELECT * FROM read_csv`,
 * the reference issue 19 names) and its plain `count(*)`. Every measurement runs in its own child
 * process, so its peak RSS (Node plus DuckDB's native memory) belongs to that run only.
 */
export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
const RESULTS_PATH = join(BENCH_DIR, 'import-results.json');

const Options = z.object({
  seed: z.coerce.number().int().nonnegative().default(42),
  lines: z.coerce.number().int().min(1_000).default(5_000_000),
  repeat: z.coerce.number().int().min(1).max(15).optional(),
  only: z.enum(['generic', 'shopify', 'demo']).optional(),
});

export const IMPORT_USAGE = `import [--seed N] [--lines N] [--repeat N] [--only generic|shopify|demo]
    --lines    generic CSV data rows (default 5,000,000); the Shopify export gets a fifth of it
    --repeat   runs per timing, median reported (default 3 below 1,000,000 lines, else 1)`;

const Job = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('reference'), path: z.string(), allVarchar: z.boolean() }),
  z.object({ mode: z.literal('load'), path: z.string(), db: z.string() }),
  z.object({ mode: z.literal('import'), path: z.string(), db: z.string(), fresh: z.boolean() }),
]);
type Job = z.infer<typeof Job>;

/** JSON turns NaN (a failed run) into null; read it back as NaN. */
const seconds = z
  .number()
  .nullable()
  .transform((s) => s ?? NaN);

const Measured = z.object({
  seconds,
  /** User + system CPU of the child during the call: steadier than wall time on a busy machine. */
  cpuSeconds: seconds,
  peakRssMB: z.number(),
  rows: z.number().optional(),
  rejects: z.number().optional(),
  status: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
type Measured = z.infer<typeof Measured>;

/** Median wall and CPU seconds of the runs of one step. */
interface Timing {
  seconds: number;
  cpuSeconds: number;
}

export interface FileResult {
  file: OrderKind;
  path: string;
  records: number;
  bytes: number;
  reference: {
    auto: Timing;
    varchar: Timing;
    /** DuckDB's typed load into a fresh database file: `CREATE TABLE t AS SELECT * FROM read_csv(file)`. */
    load: Timing;
    autoRows: number | undefined;
    peakRssMB: number;
  };
  ballast:
    | {
        /** The whole `ballast --db … import FILE` process, start to exit. */
        command: Timing;
        import: Timing;
        reimport: Timing;
        linesPerSecond: number;
        peakRssMB: number;
        rows: number;
        rejects: number;
      }
    | { error: { code: string; message: string } };
  /** Throughput over DuckDB's (its seconds / Ballast's), wall and CPU; re-import seconds / import seconds. */
  ratios: {
    /** DuckDB typed load seconds ÷ the whole import command's seconds: the target. */
    vsLoad?: number;
    /** The same in CPU seconds. */
    cpuVsLoad?: number;
    vsVarchar?: number;
    vsAuto?: number;
    cpuVsVarchar?: number;
    reimport?: number;
  };
}

/** Wall time, CPU time and peak RSS of this process since the clock started. */
function startClock(): () => Omit<Measured, 'rows'> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      seconds: (performance.now() - wall) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  };
}

/** Runs in the child: one measurement. */
async function measure(job: Job): Promise<Measured> {
  if (job.mode === 'reference') return reference(job.path, job.allVarchar);
  if (job.mode === 'load') return typedLoad(job.path, job.db);
  if (job.fresh) await removeWorkspace(job.db);
  const stop = startClock();
  try {
    const [file] = (await importFiles(job.db, [job.path])).files;
    return { ...stop(), rows: file.rows, rejects: file.rejects, status: file.status };
  } catch (error) {
    const { code, message } = asBallastError(error);
    return { ...stop(), error: { code, message } };
  }
}

/** DuckDB alone counting the rows in a fresh in-memory database: the floor for reading the same bytes. */
async function reference(path: string, allVarchar: boolean): Promise<Measured> {
  const stop = startClock();
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const options = allVarchar ? ', all_varchar = true' : '';
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_csv($path${options})`, { path });
    const measured = { ...stop(), rows: Number(reader.getRows()[0][0]) };
    connection.closeSync();
    instance.closeSync();
    return measured;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return { ...stop(), seconds: NaN, cpuSeconds: NaN, error: { code: 'duckdb', message } };
  }
}

/** DuckDB's own typed load of the file into a fresh database file, closed (so checkpointed) before the clock stops. */
async function typedLoad(path: string, db: string): Promise<Measured> {
  await removeWorkspace(db);
  const stop = startClock();
  try {
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv($path)`, { path });
    const rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM t`)).getRows()[0]?.[0]);
    connection.closeSync();
    instance.closeSync();
    const measured = { ...stop(), rows };
    await removeWorkspace(db);
    return measured;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    return { ...stop(), seconds: NaN, cpuSeconds: NaN, error: { code: 'duckdb', message } };
  }
}

const CLI = fileURLToPath(new URL('../../bin/ballast.js', import.meta.url));

/**
 * Loaded into the command's process with `--import`: at exit it writes the process's own resource use
 * (CPU of every thread, DuckDB's included, and peak RSS) to the file named by BALLAST_BENCH_USAGE.
 */
const REPORT_USAGE = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs';
   process.on('exit', () => writeFileSync(process.env.BALLAST_BENCH_USAGE, JSON.stringify(process.resourceUsage())));`,
)}`;

/**
 * The whole `ballast --db DB import FILE…` command as a user runs it, Node's start-up included: wall
 * seconds from spawn to exit, the process's CPU seconds and peak RSS. Throws when the command fails.
 */
export async function timeCommand(db: string, files: readonly string[]): Promise<Measured> {
  await removeWorkspace(db);
  const usagePath = `${db}.usage.json`;
  const stderr: Buffer[] = [];
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--import=${REPORT_USAGE}`, CLI, '--db', db, '--json', 'import', ...files],
      {
        // Progress lines go to stderr: kept, and shown only when the command fails.
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, BALLAST_BENCH_USAGE: usagePath },
      },
    );
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    const said = Buffer.concat(stderr).toString('utf8').trim().split('\n').slice(-3).join(' / ');
    throw new BallastError('internal', `ballast import exited with code ${code}: ${said}`);
  }
  const usage = z
    .object({ userCPUTime: z.number(), systemCPUTime: z.number(), maxRSS: z.number() })
    .parse(JSON.parse(await readFile(usagePath, 'utf8')));
  await rm(usagePath, { force: true });
  return {
    seconds,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMB: usage.maxRSS / 1024,
  };
}

function timing(runs: readonly Measured[]): Timing {
  const ok = runs.filter((m) => !m.error);
  return { seconds: median(ok.map((m) => m.seconds)), cpuSeconds: median(ok.map((m) => m.cpuSeconds)) };
}

const peak = (...runs: Measured[][]) => Math.max(...runs.flat().map((m) => m.peakRssMB));

async function measureFile(file: GeneratedFile, repeat: number): Promise<FileResult> {
  const db = join(BENCH_DIR, `workspace-${file.kind}.duckdb`);
  const runs: Record<'auto' | 'varchar' | 'load' | 'first' | 'again', Measured[]> = {
    auto: [],
    varchar: [],
    load: [],
    first: [],
    again: [],
  };
  const commands: Measured[] = [];
  let failure: Measured['error'];
  const step = async (list: Measured[], what: string, job: Job) => {
    const m = await inChild(import.meta.url, job, Measured, job.mode);
    list.push(m);
    const shown = m.error
      ? `failed: ${m.error.message}`
      : `${m.seconds.toFixed(2)} s (cpu ${m.cpuSeconds.toFixed(2)} s)`;
    console.log(`  ${file.kind.padEnd(8)} ${what.padEnd(24)} ${shown}`);
    return m;
  };
  const reference = (allVarchar: boolean): Job => ({ mode: 'reference', path: file.path, allVarchar });
  const load = (fresh: boolean): Job => ({ mode: 'import', path: file.path, db, fresh });
  for (let run = 1; run <= repeat; run++) {
    const tag = repeat > 1 ? ` ${run}/${repeat}` : '';
    await step(runs.auto, `DuckDB auto${tag}`, reference(false));
    await step(runs.varchar, `DuckDB all_varchar${tag}`, reference(true));
    await step(runs.load, `DuckDB typed load${tag}`, { mode: 'load', path: file.path, db: `${db}.load` });
    if (failure) continue;
    try {
      const m = await timeCommand(db, [file.path]);
      commands.push(m);
      console.log(
        `  ${file.kind.padEnd(8)} ${`ballast import command${tag}`.padEnd(24)} ${m.seconds.toFixed(2)} s (cpu ${m.cpuSeconds.toFixed(2)} s)`,
      );
    } catch (error) {
      failure = { code: 'bench', message: asBallastError(error).message };
      continue;
    }
    const first = await step(runs.first, `Ballast import${tag}`, load(true));
    if ((failure = first.error)) continue;
    const again = await step(runs.again, `Ballast re-import${tag}`, load(false));
    if (first.status !== 'imported' || again.status !== 'already imported') {
      const message = `expected imported, then already imported; got ${first.status}, then ${again.status}`;
      failure = { code: 'bench', message };
    }
  }
  await removeWorkspace(db);
  const base = {
    file: file.kind,
    path: file.path,
    records: file.records,
    bytes: file.bytes,
    reference: {
      auto: timing(runs.auto),
      varchar: timing(runs.varchar),
      load: timing(runs.load),
      autoRows: runs.auto[0]?.rows,
      peakRssMB: peak(runs.auto, runs.varchar, runs.load),
    },
  };
  const { reference: ref } = base;
  if (failure) return { ...base, ballast: { error: failure }, ratios: {} };
  const ballast = {
    command: timing(commands),
    import: timing(runs.first),
    reimport: timing(runs.again),
    linesPerSecond: file.records / timing(runs.first).seconds,
    peakRssMB: peak(runs.first, runs.again, commands),
    rows: runs.first[0].rows ?? 0,
    rejects: runs.first[0].rejects ?? 0,
  };
  const ratios = {
    vsLoad: ref.load.seconds / ballast.command.seconds,
    cpuVsLoad: ref.load.cpuSeconds / ballast.command.cpuSeconds,
    vsVarchar: ref.varchar.seconds / ballast.import.seconds,
    vsAuto: ref.auto.seconds / ballast.import.seconds,
    cpuVsVarchar: ref.varchar.cpuSeconds / ballast.import.cpuSeconds,
    reimport: ballast.reimport.seconds / ballast.import.seconds,
  };
  return { ...base, ballast, ratios };
}

/** What the import should reach, and for which files. */
interface Target {
  name: string;
  goal: string;
  files: readonly OrderKind[];
  value: (r: FileResult) => number | undefined;
  met: (value: number, result: FileResult) => boolean;
}

const BOTH = ['generic', 'shopify'] as const;
/** DuckDB's typed load ÷ the whole import command: 0.5 for the 5,000,000-line generic CSV, 0.3 below. */
const loadGoal = (r: FileResult) => (r.file === 'shopify' ? 0.25 : r.records >= 5_000_000 ? 0.5 : 0.3);
const TARGETS: readonly Target[] = [
  {
    name: 'DuckDB typed load / import command',
    goal: '>= 0.50 (5M), 0.30 (1M), 0.25 shopify',
    files: BOTH,
    value: (r) => r.ratios.vsLoad,
    met: (v, r) => v >= loadGoal(r),
  },
  {
    name: 're-import / import',
    goal: '< 0.10',
    files: BOTH,
    value: (r) => r.ratios.reimport,
    met: (v) => v < 0.1,
  },
  {
    name: 'peak RSS MB',
    goal: '< 1536',
    files: BOTH,
    value: (r) => ('error' in r.ballast ? undefined : r.ballast.peakRssMB),
    met: (v) => v < 1536,
  },
];

function verdicts(results: readonly FileResult[]) {
  return results.flatMap((r) =>
    TARGETS.filter((t) => t.files.includes(r.file)).map((t) => {
      const value = t.value(r);
      const verdict =
        value === undefined || Number.isNaN(value) ? 'not measured' : t.met(value, r) ? 'pass' : 'MISS';
      const goal = t.files === BOTH && t.name.startsWith('DuckDB') ? `>= ${loadGoal(r).toFixed(2)}` : t.goal;
      return { file: r.file, target: t.name, goal, value, verdict };
    }),
  );
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits = 2) =>
  n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits);

function report(results: readonly FileResult[]): ReturnType<typeof verdicts> {
  const ok = (r: FileResult) => ('error' in r.ballast ? undefined : r.ballast);
  console.log('');
  printTable(
    [
      'file',
      'lines',
      'DuckDB auto s',
      'DuckDB varchar s',
      'DuckDB load s',
      'command s',
      'load/command',
      'Ballast s',
      'Ballast lines/s',
      'ratio',
      'ratio auto',
      're-import s',
      're-import ratio',
      'peak RSS MB',
    ],
    results.map((r) => {
      const done = ok(r);
      return [
        r.file,
        int(r.records),
        fixed(r.reference.auto.seconds),
        fixed(r.reference.varchar.seconds),
        fixed(r.reference.load.seconds),
        fixed(done?.command.seconds),
        fixed(r.ratios.vsLoad, 3),
        fixed(done?.import.seconds),
        done ? int(done.linesPerSecond) : 'failed',
        fixed(r.ratios.vsVarchar, 3),
        fixed(r.ratios.vsAuto, 3),
        fixed(done?.reimport.seconds),
        fixed(r.ratios.reimport, 3),
        done ? int(done.peakRssMB) : '-',
      ];
    }),
  );
  console.log('\nCPU seconds (user + system; less disturbed than wall time by other load on the machine)');
  printTable(
    [
      'file',
      'DuckDB auto',
      'DuckDB varchar',
      'DuckDB load',
      'command',
      'load/command',
      'Ballast',
      'ratio',
      'Ballast re-import',
    ],
    results.map((r) => [
      r.file,
      fixed(r.reference.auto.cpuSeconds),
      fixed(r.reference.varchar.cpuSeconds),
      fixed(r.reference.load.cpuSeconds),
      fixed(ok(r)?.command.cpuSeconds),
      fixed(r.ratios.cpuVsLoad, 3),
      fixed(ok(r)?.import.cpuSeconds),
      fixed(r.ratios.cpuVsVarchar, 3),
      fixed(ok(r)?.reimport.cpuSeconds),
    ]),
  );
  for (const r of results) {
    const b = ok(r);
    if (!b && 'error' in r.ballast)
      console.log(`\n${r.file}: not imported (${r.ballast.error.code}): ${r.ballast.error.message}`);
    if (b && (b.rejects > 0 || b.rows + b.rejects !== r.records)) {
      console.log(
        `\n${r.file}: ${int(b.rows)} rows imported and ${int(b.rejects)} rejected of ${int(r.records)} generated`,
      );
    }
    if (r.reference.autoRows !== r.records)
      console.log(`\n${r.file}: DuckDB counted ${r.reference.autoRows} rows, not ${r.records}`);
  }
  const checked = verdicts(results);
  console.log(
    '\ntargets (load/command = DuckDB typed load s ÷ whole `ballast import` command s, wall; ratio = Ballast import call lines/s ÷ DuckDB all_varchar lines/s)',
  );
  printTable(
    ['file', 'target', 'goal', 'value', 'verdict'],
    checked.map((v) => [
      v.file,
      v.target,
      v.goal,
      fixed(v.value, v.target.startsWith('peak') ? 0 : 3),
      v.verdict,
    ]),
  );
  return checked;
}

/**
 * The demo seller's files (the same generator and order as `ballast demo`), imported by one
 * `ballast import` command into a fresh workspace.
 */
async function measureDemo(
  repeat: number,
): Promise<{ files: number; seconds: number; cpuSeconds: number; runs: Measured[] }> {
  const dir = join(BENCH_DIR, 'demo-files');
  await rm(dir, { recursive: true, force: true });
  const { files } = await generateDemo({ seed: DEFAULT_DEMO_SEED, outDir: dir });
  const db = join(BENCH_DIR, 'workspace-demo.duckdb');
  const runs: Measured[] = [];
  for (let run = 1; run <= Math.max(repeat, 3); run++) {
    const m = await timeCommand(db, files);
    runs.push(m);
    console.log(
      `  demo     ${`ballast import command ${run}`.padEnd(24)} ${m.seconds.toFixed(2)} s (cpu ${m.cpuSeconds.toFixed(2)} s)`,
    );
  }
  await removeWorkspace(db);
  return { files: files.length, ...timing(runs), runs };
}

/** `npm run bench -- import …`: generate (or reuse) the files, measure each, print and save. */
export async function runImportBench(args: readonly string[]): Promise<void> {
  const flags = {
    seed: { type: 'string' },
    lines: { type: 'string' },
    repeat: { type: 'string' },
    only: { type: 'string' },
  } as const;
  const options = benchOptions(
    'import',
    Options,
    parseArgs({ args: [...args], options: flags, strict: true }).values,
    IMPORT_USAGE,
  );
  const repeat = options.repeat ?? (options.lines < 1_000_000 ? 3 : 1);
  const sizes: Array<[OrderKind, number]> = [
    ['generic', options.lines],
    ['shopify', Math.max(1_000, Math.round(options.lines / 5))],
  ];
  await mkdir(BENCH_DIR, { recursive: true });
  const load = loadavg()[0];
  console.log(
    `import benchmark: seed ${options.seed}, repeat ${repeat}, ${cpus().length} CPUs, load ${load.toFixed(1)}, Node ${process.version}`,
  );
  if (load > cpus().length)
    console.log('  the machine is busy: wall times will be high and noisy; compare the CPU seconds too');
  const results: FileResult[] = [];
  const generated: GeneratedFile[] = [];
  for (const [kind, records] of sizes.filter(([kind]) => !options.only || kind === options.only)) {
    const file = await ensureOrders(BENCH_DIR, kind, options.seed, records);
    generated.push(file);
    const made = file.reused ? 'reused' : `generated in ${file.seconds.toFixed(1)} s`;
    console.log(`${kind}: ${int(records)} lines, ${int(file.bytes / 2 ** 20)} MB, ${made} (${file.path})`);
    results.push(await measureFile(file, repeat));
  }
  const demo = !options.only || options.only === 'demo' ? await measureDemo(repeat) : undefined;
  const targets = report(results);
  if (demo) {
    const verdict = Number.isNaN(demo.seconds) ? 'not measured' : demo.seconds <= 3 ? 'pass' : 'MISS';
    console.log(
      `\ndemo: ${demo.files} files, whole \`ballast import\` command ${fixed(demo.seconds)} s (median of ${demo.runs.map((r) => r.seconds.toFixed(2)).join(', ')}; CPU ${fixed(demo.cpuSeconds)} s); goal <= 3 s: ${verdict}`,
    );
  }
  const machine = { node: process.version, cpus: cpus().length, loadAverage: loadavg() };
  const json = {
    benchmark: 'import',
    at: new Date().toISOString(),
    ...machine,
    ...options,
    repeat,
    generated,
    results,
    targets,
    demo,
  };
  await writeFile(RESULTS_PATH, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nresults: ${RESULTS_PATH}`);
}

// Each measurement's child process: `node dist/bench/import.js --child '<job JSON>'`.
runIfChild(import.meta.url, Job, measure);
