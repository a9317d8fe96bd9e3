import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { importFiles } from '../src/engine.js';
import { asBallastError } from '../src/errors.js';
import { ensureOrders, type GeneratedFile, type OrderKind } from './generate-orders.js';
import { benchOptions, inChild, median, printTable, runIfChild } from './common.js';

/**
 * The import benchmark: Ballast's `importFiles` on generated exports, next to DuckDB counting the same
 * file with `read_csv` (the floor: parsing alone). Every measurement runs in its own child process, so
 * its peak RSS (Node plus DuckDB's native memory) belongs to that run only.
 */
export const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
const RESULTS_PATH = join(BENCH_DIR, 'import-results.json');

const Options = z.object({
  seed: z.coerce.number().int().nonnegative().default(42),
  lines: z.coerce.number().int().min(1_000).default(5_000_000),
  repeat: z.coerce.number().int().min(1).max(15).optional(),
  only: z.enum(['generic', 'shopify']).optional(),
});

export const IMPORT_USAGE = `import [--seed N] [--lines N] [--repeat N] [--only generic|shopify]
    --lines    generic CSV data rows (default 5,000,000); the Shopify export gets a fifth of it
    --repeat   runs per timing, median reported (default 3 below 1,000,000 lines, else 1)`;

const Job = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('reference'), path: z.string(), allVarchar: z.boolean() }),
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
  reference: { auto: Timing; varchar: Timing; autoRows: number | undefined; peakRssMB: number };
  ballast:
    | {
        import: Timing;
        reimport: Timing;
        linesPerSecond: number;
        peakRssMB: number;
        rows: number;
        rejects: number;
      }
    | { error: { code: string; message: string } };
  /** Throughput over DuckDB's (its seconds / Ballast's), wall and CPU; re-import seconds / import seconds. */
  ratios: { vsVarchar?: number; vsAuto?: number; cpuVsVarchar?: number; reimport?: number };
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

async function removeWorkspace(db: string): Promise<void> {
  for (const suffix of ['', '.wal', '.tmp']) await rm(db + suffix, { recursive: true, force: true });
}

function timing(runs: readonly Measured[]): Timing {
  const ok = runs.filter((m) => !m.error);
  return { seconds: median(ok.map((m) => m.seconds)), cpuSeconds: median(ok.map((m) => m.cpuSeconds)) };
}

const peak = (...runs: Measured[][]) => Math.max(...runs.flat().map((m) => m.peakRssMB));

async function measureFile(file: GeneratedFile, repeat: number): Promise<FileResult> {
  const db = join(BENCH_DIR, `workspace-${file.kind}.duckdb`);
  const runs: Record<'auto' | 'varchar' | 'first' | 'again', Measured[]> = {
    auto: [],
    varchar: [],
    first: [],
    again: [],
  };
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
    if (failure) continue;
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
      autoRows: runs.auto[0]?.rows,
      peakRssMB: peak(runs.auto, runs.varchar),
    },
  };
  const { reference: ref } = base;
  if (failure) return { ...base, ballast: { error: failure }, ratios: {} };
  const ballast = {
    import: timing(runs.first),
    reimport: timing(runs.again),
    linesPerSecond: file.records / timing(runs.first).seconds,
    peakRssMB: peak(runs.first, runs.again),
    rows: runs.first[0].rows ?? 0,
    rejects: runs.first[0].rejects ?? 0,
  };
  const ratios = {
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
  met: (value: number) => boolean;
}

const BOTH = ['generic', 'shopify'] as const;
const TARGETS: readonly Target[] = [
  {
    name: 'throughput / DuckDB all_varchar',
    goal: '>= 0.50',
    files: ['generic'],
    value: (r) => r.ratios.vsVarchar,
    met: (v) => v >= 0.5,
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
        value === undefined || Number.isNaN(value) ? 'not measured' : t.met(value) ? 'pass' : 'MISS';
      return { file: r.file, target: t.name, goal: t.goal, value, verdict };
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
    ['file', 'DuckDB auto', 'DuckDB varchar', 'Ballast', 'ratio', 'Ballast re-import'],
    results.map((r) => [
      r.file,
      fixed(r.reference.auto.cpuSeconds),
      fixed(r.reference.varchar.cpuSeconds),
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
  console.log('\ntargets (ratio = Ballast lines/s ÷ DuckDB all_varchar lines/s, wall time)');
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
  const targets = report(results);
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
  };
  await writeFile(RESULTS_PATH, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nresults: ${RESULTS_PATH}`);
}

// Each measurement's child process: `node dist/bench/import.js --child '<job JSON>'`.
runIfChild(import.meta.url, Job, measure);
