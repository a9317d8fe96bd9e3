import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Job, Report, measure, type Step } from './plan-measure.js';
import { NATIVE_SOLVERS, installed, runNative, type NativeRun, type NativeSolver } from './plan-native.js';
import { benchOptions, printTable, runIfChild, spawnChild } from './common.js';

/**
 * The plan benchmark: the planner's model (src/plan/lp.ts) at several scenario counts — build,
 * HiGHS (WebAssembly) create and solve, LP export — and the same exported LP solved by Debian's
 * native `glpsol` and `cbc` in the same run, whose objectives must agree with HiGHS's to 1e-6.
 */
const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
const RESULTS_PATH = join(BENCH_DIR, 'plan-results.json');
const AGREEMENT = 1e-6;
/** Total (build + solve) may take this many times the fastest native solver on the same LP. */
const TARGET_RATIO = 2;
const INSTALL = 'apt-get install -y glpk-utils coinor-cbc';

const scenarioList = z
  .string()
  .transform((s) => s.split(',').map((v) => Number(v.trim().replaceAll('_', ''))))
  .pipe(z.array(z.number().int().min(10).max(1_000_000)).min(1));

const Options = z.object({
  scenarios: scenarioList.default([1_000, 5_000, 20_000]),
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31 - 1)
    .default(42),
  repeat: z.coerce.number().int().min(1).max(15).default(1),
  alpha: z.coerce.number().min(0.5).max(0.999).default(0.95),
  lambda: z.coerce.number().min(0).max(100).default(1),
  timeLimit: z.coerce.number().int().min(10).max(86_400).default(600),
  workers: z.coerce.number().int().min(1).max(64).default(2),
  lossLeaders: z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

export const PLAN_USAGE = `plan [--scenarios 1000,5000,20000] [--seed N] [--repeat N] [--alpha A] [--lambda L] [--time-limit S] [--workers N] [--loss-leaders] [--reprint]
    --scenarios   simulated paths the model is built on, one run each (default 1000,5000,20000)
    --repeat      rounds of build, create, export and solve on the same samples; median reported (default 1)
    --time-limit  seconds for each solve, HiGHS and native alike (default 600)
    --lambda      weight of CVaR in the objective (default 1); --alpha its level (default 0.95)
    --loss-leaders  keep the cheapest SKUs' loss-making prices (see README: lost-sales columns of such sources)
    --reprint     print the table of the last run again from .bench/plan-results.json`;

type Done = Extract<Report, { event: 'done' }>;

interface ScenarioResult {
  scenarios: number;
  steps: Partial<Record<Step, Done[]>>;
  failed?: { step: Step; message: string };
  lpBytes?: number;
  native: Partial<Record<NativeSolver, NativeRun | { missing: true } | { skipped: string }>>;
}

/** The round with the median wall time, the lower one of an even count (its CPU seconds go with it). */
function medianRun(runs: readonly Done[] | undefined): Done | undefined {
  if (!runs?.length) return undefined;
  return [...runs].sort((a, b) => a.seconds - b.seconds)[(runs.length - 1) >> 1];
}

/** Runs one scenario count in a child; stops it when a solve passes the time limit (plus a minute). */
function inChild(job: Job, timeLimit: number, onReport: (r: Report) => void): Promise<{ killed?: Step }> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(import.meta.url, job);
    let buffered = '';
    let watchdog: NodeJS.Timeout | undefined;
    let killed: Step | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // split gives at least one piece: the unfinished line
      for (const line of lines) {
        const parsed = Report.safeParse(line.startsWith('{') ? JSON.parse(line) : undefined);
        if (!parsed.success) continue;
        const report = parsed.data;
        clearTimeout(watchdog);
        if (report.event === 'start' && report.step === 'solve') {
          watchdog = setTimeout(
            () => {
              killed = 'solve';
              child.kill('SIGKILL');
            },
            (timeLimit + 60) * 1000,
          );
        }
        onReport(report);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(watchdog);
      resolve(killed ? { killed } : {});
    });
  });
}

// NaN comes back from the results file as null.
const secs = (s: number | null | undefined) =>
  typeof s !== 'number' || Number.isNaN(s) ? '—' : s < 10 ? s.toFixed(2) : s.toFixed(1);
const both = (r: { seconds: number; cpuSeconds: number } | undefined) =>
  r ? `${secs(r.seconds)} (${secs(r.cpuSeconds)})` : '—';
const int = (n: number | string | undefined) =>
  typeof n === 'number' ? n.toLocaleString('en-US') : (n ?? '—');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a));

async function runScenario(
  options: Options,
  scenarios: number,
  solvers: readonly NativeSolver[],
): Promise<ScenarioResult> {
  const lpPath = join(BENCH_DIR, `plan-${scenarios}.lp`);
  const nativeLpPath = join(BENCH_DIR, `plan-${scenarios}.native.lp`);
  const job: Job = {
    seed: options.seed,
    scenarios,
    repeat: options.repeat,
    alpha: options.alpha,
    lambda: options.lambda,
    workers: options.workers,
    lossLeaders: options.lossLeaders,
    lpPath,
    nativeLpPath,
  };
  const result: ScenarioResult = { scenarios, steps: {}, native: {} };
  const label = `${int(scenarios)} scenarios`;
  const { killed } = await inChild(job, options.timeLimit, (report) => {
    if (report.event === 'start') return;
    if (report.event === 'error') {
      result.failed = { step: report.step, message: report.message };
      console.log(`  ${label}: ${report.step} failed: ${report.message}`);
      return;
    }
    (result.steps[report.step] ??= []).push(report);
    const detail = report.detail
      ? ` ${Object.entries(report.detail)
          .map(([k, v]) => `${k} ${int(v)}`)
          .join(', ')}`
      : '';
    console.log(
      `  ${label}: ${report.step}${options.repeat > 1 && report.step !== 'samples' ? ` #${report.round + 1}` : ''} ${secs(report.seconds)} s (cpu ${secs(report.cpuSeconds)} s, peak RSS ${int(Math.round(report.peakRssMB))} MB, load ${loadavg()[0].toFixed(1)})${detail}`,
    );
  });
  if (killed) {
    result.failed = {
      step: killed,
      message: `stopped after ${options.timeLimit + 60} s (time limit ${options.timeLimit} s)`,
    };
    console.log(`  ${label}: HiGHS ${killed} ${result.failed.message}`);
  }
  if (!result.steps.export) return result;
  result.lpBytes = (await stat(lpPath)).size;
  for (const solver of NATIVE_SOLVERS) {
    if (!solvers.includes(solver)) {
      result.native[solver] = { missing: true };
      continue;
    }
    const run = await runNative(solver, nativeLpPath, options.timeLimit);
    result.native[solver] = run;
    console.log(
      `  ${label}: ${solver} ${secs(run.seconds)} s (cpu ${secs(run.cpuSeconds)} s, peak RSS ${int(Math.round(run.peakRssMB))} MB): ${run.status}, objective ${run.objective}${run.killed ? ' (killed)' : ''}`,
    );
  }
  return result;
}

/** Table row and verdicts of one scenario count. */
function summarise(r: ScenarioResult) {
  const [build, create, exported, solve] = (['build', 'create', 'export', 'solve'] as const).map((s) =>
    medianRun(r.steps[s]),
  );
  const size = r.steps.build?.[0]?.detail ?? {};
  const objective = typeof solve?.detail?.objective === 'number' ? solve.detail.objective : NaN;
  const natives = NATIVE_SOLVERS.map((s) => r.native[s]).filter(
    (n): n is NativeRun => n !== undefined && 'solver' in n,
  );
  const agreeing = natives.filter((n) => n.optimal && Number.isFinite(n.objective));
  const differences = agreeing.map((n) => relative(objective, n.objective));
  const maxDifference = differences.length ? Math.max(...differences) : NaN;
  // Every solver that reached an optimum must agree; one stopped at the time limit has no objective to compare.
  const agree = agreeing.length > 0 && maxDifference <= AGREEMENT && solve?.detail?.status === 'optimal';
  const unsolved = natives
    .filter((n) => !n.optimal)
    .map((n) => `${n.solver}: ${n.status}${n.killed ? ', killed' : ''} after ${secs(n.seconds)} s`);
  const add = (...runs: Array<Done | undefined>) => {
    const done = runs.filter((x) => x !== undefined);
    return done.length === runs.length
      ? {
          seconds: done.reduce((s, x) => s + x.seconds, 0),
          cpuSeconds: done.reduce((s, x) => s + x.cpuSeconds, 0),
        }
      : undefined;
  };
  // As plan() counts it: building is buildLinearModel plus handing the model to HiGHS.
  const building = add(build, create);
  const total = add(build, create, solve);
  const fastest = agreeing.reduce<NativeRun | undefined>(
    (best, n) => (!best || n.seconds < best.seconds ? n : best),
    undefined,
  );
  const fastestCpu = agreeing.reduce((best, n) => Math.min(best, n.cpuSeconds), Infinity);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'pass' : 'MISS');
  const buildBelowSolve = building && solve ? building.cpuSeconds < solve.cpuSeconds : undefined;
  const ratio =
    total && fastest
      ? { wall: total.seconds / fastest.seconds, cpu: total.cpuSeconds / fastestCpu }
      : undefined;
  // No native optimum within the limit: the time a native solver ran without one bounds its time from below.
  const stopped = natives.filter((n) => !n.optimal && Number.isFinite(n.cpuSeconds));
  const bound =
    total && !fastest && stopped.length
      ? total.cpuSeconds / Math.min(...stopped.map((n) => n.cpuSeconds))
      : undefined;
  const native = (s: NativeSolver) => {
    const n = r.native[s];
    if (!n || 'skipped' in n) return '—';
    if ('missing' in n) return 'missing';
    return n.optimal ? both(n) : `${both(n)} no optimum`;
  };
  const row = [
    int(r.scenarios),
    int(size.columns),
    int(size.rows),
    int(size.nonzeros),
    int(size.integers),
    both(build),
    both(create),
    solve ? both(solve) : r.failed ? `${r.failed.step} failed` : '—',
    both(exported),
    native('glpsol'),
    native('cbc'),
    Number.isFinite(objective) ? objective.toFixed(4) : '—',
    Number.isFinite(maxDifference)
      ? `${maxDifference.toExponential(1)} ${agree ? 'pass' : 'FAIL'}`
      : natives.length
        ? 'no native optimum'
        : '—',
    `${verdict(buildBelowSolve)}${building && solve ? ` ${(building.cpuSeconds / solve.cpuSeconds).toFixed(2)}×` : ''}`,
    ratio
      ? `${verdict(ratio.cpu <= TARGET_RATIO)} ${ratio.cpu.toFixed(2)}× (wall ${ratio.wall.toFixed(2)}×)`
      : bound !== undefined && bound <= TARGET_RATIO
        ? `pass < ${bound.toFixed(2)}× (no native optimum)`
        : '—',
  ];
  return {
    row,
    objective,
    maxDifference,
    agree,
    unsolved,
    building,
    total,
    ratio,
    bound,
    buildBelowSolve,
    fastest: fastest?.solver,
  };
}

/** `npm run bench -- plan …` */
export async function runPlanBench(args: readonly string[]): Promise<void> {
  const flags = {
    scenarios: { type: 'string' },
    seed: { type: 'string' },
    repeat: { type: 'string' },
    alpha: { type: 'string' },
    lambda: { type: 'string' },
    'time-limit': { type: 'string' },
    workers: { type: 'string' },
    'loss-leaders': { type: 'boolean' },
    reprint: { type: 'boolean' },
  } as const;
  const { values } = parseArgs({ args: [...args], options: flags, strict: true });
  const options = benchOptions(
    'plan',
    Options,
    { ...values, timeLimit: values['time-limit'], lossLeaders: values['loss-leaders'] },
    PLAN_USAGE,
  );
  if (values.reprint) return reprint();
  await mkdir(BENCH_DIR, { recursive: true });
  const solvers = NATIVE_SOLVERS.filter(installed);
  console.log(
    `plan benchmark: 40 SKUs × 5 channel-market groups, 4 locations (FBT-US strandable), 3 correlated events; ` +
      `max mean profit − ${options.lambda}·CVaR${Math.round(options.alpha * 100)}; scenarios ${options.scenarios.map(int).join(', ')}, seed ${options.seed}, repeat ${options.repeat}, ` +
      `time limit ${options.timeLimit} s; ${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, Node ${process.version}`,
  );
  for (const s of NATIVE_SOLVERS.filter((s) => !solvers.includes(s)))
    console.log(`  ${s} is not installed: skipped (${INSTALL})`);
  if (loadavg()[0] > cpus().length)
    console.log('  the machine is busy: wall times stretch; the verdicts use CPU seconds');

  const results: ScenarioResult[] = [];
  for (const scenarios of options.scenarios) results.push(await runScenario(options, scenarios, solvers));

  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const summaries = printResults(options, results);
  const json = {
    options,
    machine: { node: process.version, cpus: cpus().length, loadAverage: loadavg() },
    nativeSolvers: Object.fromEntries(NATIVE_SOLVERS.map((s) => [s, solvers.includes(s)])),
    results: results.map((r, i) => ({ ...r, summary: { ...summaries[i], row: undefined } })),
  };
  await writeFile(RESULTS_PATH, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nresults: ${RESULTS_PATH}`);
}

/** `--reprint`: the table of the last run again, from its results file (a full run takes hours). */
async function reprint(): Promise<void> {
  const saved = JSON.parse(await readFile(RESULTS_PATH, 'utf8')) as {
    options: Options;
    machine: { loadAverage: number[] };
    results: ScenarioResult[];
  };
  console.log(
    `plan benchmark results from ${RESULTS_PATH} (load average at the end of that run: ${saved.machine.loadAverage.map((l) => l.toFixed(1)).join(' ')})`,
  );
  printResults(saved.options, saved.results);
}

function printResults(
  options: Options,
  results: readonly ScenarioResult[],
): Array<ReturnType<typeof summarise>> {
  const summaries = results.map(summarise);
  console.log(
    `\nseconds: wall (cpu); median of ${options.repeat}; build = buildLinearModel, create = PlanSolver.create`,
  );
  printTable(
    [
      'scenarios',
      'columns',
      'rows',
      'nonzeros',
      'ints',
      'build s',
      'create s',
      'HiGHS solve s',
      'export s',
      'glpsol s',
      'cbc s',
      'objective (HiGHS)',
      `max rel diff ≤ ${AGREEMENT}`,
      'build+create < solve',
      `total ≤ ${TARGET_RATIO}× fastest native`,
    ],
    summaries.map((s) => s.row),
  );
  for (const [i, s] of summaries.entries()) {
    if (s.unsolved.length)
      console.log(
        `${int(results[i].scenarios)} scenarios, no optimum within the time limit: ${s.unsolved.join('; ')}`,
      );
    if (results[i].failed)
      console.log(
        `${int(results[i].scenarios)} scenarios, HiGHS ${results[i].failed.step}: ${results[i].failed.message}`,
      );
  }
  console.log(
    `\ntargets (CPU seconds): "build time below solve time" — buildLinearModel + PlanSolver.create against solve(); ` +
      `"total within ${TARGET_RATIO}×" — build + create + solve against the fastest native solver that reached the optimum (its CPU includes reading the file).`,
  );
  console.log(
    'native solvers read .bench/plan-N.native.lp: `bin` → `binary`, `gen` → `general`, empty sections dropped (the model is unchanged; bench/plan-native.ts says why)',
  );
  return summaries;
}

// Each scenario count's child process: `node dist/bench/plan.js --child '<job JSON>'`.
runIfChild(import.meta.url, Job, measure);
