/**
 * The one façade the CLI, the HTTP API and the dashboard call. Each function opens the workspace,
 * composes the domains and returns plain data; none prints or exits.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { BallastError } from './errors.js';
import {
  compileFile,
  prelude,
  type CompiledFile,
  type Encoding,
  type ReaderOptions,
} from './ingest/index.js';
import {
  forecastBacktest as backtestCells,
  loadScenario,
  runSimulation,
  workspaceFacts,
  type SimulationRun,
} from './compose/simulation.js';
import { runPlan, type PlanRun, type PlanRunSettings } from './compose/plan.js';
import { takeaways } from './compose/takeaways.js';
import { DEFAULT_DEMO_SEED, demoScenarioText, generateDemo, type DemoResult } from './demo/index.js';
import {
  describeScenario,
  listEvents,
  readScenarioFile,
  starterScenario,
  type LibraryEntry,
} from './scenario/index.js';
import type { BacktestRow } from './simulate/demand/index.js';
import {
  computeExposure,
  monthlyShares,
  type ExposureOptions,
  type ExposureReport,
} from './exposure/index.js';
import { LANGS, renderHtml, type Lang } from './report/index.js';
import {
  Workspace,
  importBatch,
  latestRun,
  readRejects,
  readStatus,
  saveRun,
  type FileOutcome,
  type RejectsReport,
  type StatusReport,
} from './store/index.js';

export type {
  StatusReport,
  RejectsReport,
  FileOutcome,
  ExposureOptions,
  ExposureReport,
  SimulationRun,
  PlanRun,
  LibraryEntry,
  BacktestRow,
};

export const DEFAULT_DB = 'ballast.duckdb';
export { formatMoney } from './plan/index.js';

/** Where the workspace lives: `--db`, else `BALLAST_DB`, else `./ballast.duckdb`. */
export function resolveDb(flag?: string): string {
  return flag ?? process.env.BALLAST_DB ?? DEFAULT_DB;
}

async function withWorkspace<T>(
  db: string,
  create: boolean,
  work: (ws: Workspace) => Promise<T>,
): Promise<T> {
  const ws = await Workspace.open(db, { create, prelude: prelude() });
  try {
    return await work(ws);
  } finally {
    ws.close();
  }
}

export interface ImportOptions extends ReaderOptions {
  encoding?: Encoding;
  /** Called as each file starts and ends, for progress display. */
  onFile?: (event: { name: string; phase: 'start' | 'done'; index: number; total: number }) => void;
}

export interface ImportSummary {
  files: FileOutcome[];
  added: number;
  updated: number;
  rejects: number;
  warnings: string[];
}

/**
 * Imports channel exports and input files in one transaction: all land or none do.
 * @example
 *   const summary = await importFiles('shop.duckdb', ['orders_export_1.csv', 'All Orders.txt']);
 *   console.log(summary.added, 'lines added,', summary.rejects, 'rows kept for review');
 */
export async function importFiles(
  db: string,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  if (paths.length === 0) {
    throw new BallastError('usage', 'no files to import', {
      hint: 'Name one or more export files: ballast import orders.csv',
    });
  }
  const workDir = await mkdtemp(join(tmpdir(), 'ballast-import-'));
  try {
    const compiled: CompiledFile[] = [];
    for (const [index, path] of paths.entries()) {
      options.onFile?.({ name: path, phase: 'start', index, total: paths.length });
      compiled.push(await compileFile(path, options, workDir, index));
    }
    const files = await withWorkspace(db, true, async (ws) => {
      const base = await ws.value<string>(`SELECT value FROM settings WHERE key = 'base_currency'`);
      return importBatch(ws, compiled, base);
    });
    options.onFile?.({ name: '', phase: 'done', index: paths.length, total: paths.length });
    return {
      files,
      added: files.reduce((sum, f) => sum + f.added, 0),
      updated: files.reduce((sum, f) => sum + f.updated, 0),
      rejects: files.reduce((sum, f) => sum + f.rejects, 0),
      warnings: compiled.flatMap((c) => c.warnings),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * What the workspace holds: files, per channel × market × currency totals, rejects waiting.
 * @example
 *   const { totals } = await status('shop.duckdb');
 */
export async function status(db: string): Promise<StatusReport> {
  return withWorkspace(db, false, readStatus);
}

/**
 * Rows that could not be read, with file, line, column, value and reason.
 * @example
 *   const { rejects } = await rejectsOf('shop.duckdb', 50);
 */
export async function rejectsOf(db: string, limit = 100): Promise<RejectsReport> {
  return withWorkspace(db, false, (ws) => readRejects(ws, limit));
}

/**
 * Exposure over a window (SPEC §4): shares, growth, concentration, SKU dependency, locked stock,
 * commitments, halo and alerts, in base currency.
 * @example
 *   const report = await exposure('shop.duckdb', { window: 90 });
 *   console.log(report.concentration.channel.effectiveNumber);
 */
export async function exposure(db: string, options: ExposureOptions = {}): Promise<ExposureReport> {
  return withWorkspace(db, false, (ws) => computeExposure(ws, options));
}

export const REPORT_LANGS = LANGS;
export type ReportLang = Lang;

export interface ReportOptions extends ExposureOptions {
  /** Language of the whole report (default `en`). */
  lang?: ReportLang;
  /** The date printed as "prepared on" (default now); fixed in tests. */
  now?: Date;
}

export interface ReportResult {
  /** One self-contained HTML document: inline CSS and SVG charts, no scripts, no URLs. */
  html: string;
  lang: ReportLang;
  from: string | null;
  to: string | null;
}

/**
 * The shareable exposure report (SPEC §2, §4, §6): every exposure table with its chart, monthly
 * channel and market shares over the last 24 months, and the risk from the newest stored simulation
 * run (or how to make one), as one HTML file that prints to A4.
 * @example
 *   const { html } = await report('shop.duckdb', { lang: 'zh-CN', window: 90 });
 *   await writeFile('ballast-report.html', html);
 */
export async function report(db: string, options: ReportOptions = {}): Promise<ReportResult> {
  const { lang = 'en', ...rest } = options;
  return (await reports(db, [lang], rest))[0]!;
}

/** The same report in several languages, from one reading of the workspace. */
export async function reports(
  db: string,
  langs: readonly ReportLang[],
  options: Omit<ReportOptions, 'lang'> = {},
): Promise<ReportResult[]> {
  const { now = new Date(), ...exposureOptions } = options;
  const skuThreshold = exposureOptions.skuThreshold ?? 0.8;
  return withWorkspace(db, false, async (ws) => {
    const exposure = await computeExposure(ws, { ...exposureOptions, skuThreshold });
    const monthly = await monthlyShares(ws, exposure.to ? { to: exposure.to } : {});
    const stored = await latestRun<SimulationRun>(ws, 'simulation');
    const simulation = stored ? { ...stored.summary, storedAt: stored.createdAt } : null;
    const storedPlan = await latestRun<PlanRun>(ws, 'plan');
    const plan = storedPlan ? { ...storedPlan.summary, storedAt: storedPlan.createdAt } : null;
    const data = { exposure, monthly, skuThreshold, generatedAt: now.toISOString(), simulation, plan };
    return langs.map((lang) => ({
      html: renderHtml(data, { lang }),
      lang,
      from: exposure.from,
      to: exposure.to,
    }));
  });
}

export interface SimulateOptions {
  paths?: number;
  horizonDays?: number;
  seed?: number;
  /** Worker threads (default: the machine's cores); results are identical for any count. */
  workers?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/**
 * Monte Carlo of a scenario file on the workspace's own demand, stock, costs and commitments
 * (SPEC §5–6). The run is stored in the workspace for the report and the dashboard.
 * @example
 *   const run = await simulate('shop.duckdb', 'tiktok-ban.yaml', { paths: 20000, seed: 7 });
 *   console.log(run.profitLoss?.cvar95 ?? run.revenueLoss?.cvar95);
 */
export async function simulate(
  db: string,
  scenarioPath: string,
  options: SimulateOptions = {},
): Promise<SimulationRun> {
  const yaml = await readScenarioFile(scenarioPath);
  return withWorkspace(db, false, async (ws) => {
    const run = await runSimulation(ws, yaml, basename(scenarioPath), {
      ...options,
      workers: options.workers ?? availableParallelism(),
    });
    await saveRun(ws, 'simulation', {
      runId: run.runId,
      scenarioName: run.scenario.name,
      scenarioSha256: run.scenario.sha256,
      settings: { paths: run.paths, horizonDays: run.horizonDays, seed: run.seed, start: run.scenario.start },
      summary: run,
    });
    return run;
  });
}

/** The newest stored simulation run, or null. */
export async function latestSimulation(db: string): Promise<SimulationRun | null> {
  return withWorkspace(
    db,
    false,
    async (ws) => (await latestRun<SimulationRun>(ws, 'simulation'))?.summary ?? null,
  );
}

export type PlanOptions = Omit<PlanRunSettings, 'workers' | 'compare'> & {
  workers?: number;
  /** Files of plans of the user's own (YAML lists of actions), scored beside the optimiser's. */
  compare?: string[];
};

/**
 * A plan for a scenario file (SPEC §7): decisions chosen on simulated paths with HiGHS, measured
 * against doing nothing on fresh paths, with the efficient frontier. Stored for the report.
 * @example
 *   const run = await plan('shop.duckdb', 'tiktok-ban.yaml', { lambda: 1 });
 *   for (const action of run.actions) console.log(action.text);
 */
export async function plan(db: string, scenarioPath: string, options: PlanOptions = {}): Promise<PlanRun> {
  const yaml = await readScenarioFile(scenarioPath);
  const compare = await Promise.all(
    (options.compare ?? []).map(async (file) => ({
      fileName: basename(file),
      text: await readScenarioFile(file),
    })),
  );
  return withWorkspace(db, false, async (ws) => {
    const run = await runPlan(ws, yaml, basename(scenarioPath), {
      ...options,
      compare,
      workers: options.workers ?? availableParallelism(),
    });
    await saveRun(ws, 'plan', {
      runId: run.runId,
      scenarioName: run.scenario.name,
      scenarioSha256: run.scenario.sha256,
      settings: {
        alpha: run.alpha,
        risk: run.risk,
        paths: run.inSample.paths,
        evaluationPaths: run.outOfSample.paths,
        seed: run.inSample.seed,
      },
      summary: run,
    });
    return run;
  });
}

/** The newest stored plan, or null. */
export async function latestPlan(db: string): Promise<PlanRun | null> {
  return withWorkspace(db, false, async (ws) => (await latestRun<PlanRun>(ws, 'plan'))?.summary ?? null);
}

/**
 * Validates a scenario file against the workspace without simulating.
 * @example
 *   const { description } = await checkScenario('shop.duckdb', 'tiktok-ban.yaml');
 */
export async function checkScenario(
  db: string,
  scenarioPath: string,
): Promise<{ name: string; start: string; description: string[]; warnings: string[] }> {
  const yaml = await readScenarioFile(scenarioPath);
  return withWorkspace(db, false, async (ws) => {
    const scenario = await loadScenario(ws, yaml, basename(scenarioPath));
    return {
      name: scenario.name,
      start: scenario.start,
      description: describeScenario(scenario),
      warnings: scenario.warnings,
    };
  });
}

/** A commented starter scenario for the workspace's own channels. */
export async function newScenario(db: string): Promise<string> {
  return withWorkspace(db, false, async (ws) => starterScenario(await workspaceFacts(ws)));
}

/** The historical event library (SPEC §5). */
export function events(): readonly LibraryEntry[] {
  return listEvents();
}

/** Baseline forecast accuracy on the last 8 weeks held out, next to seasonal naive. */
export async function forecastBacktest(
  db: string,
): Promise<{ rows: BacktestRow[]; cells: number; through: string }> {
  return withWorkspace(db, false, backtestCells);
}

const DEMO_PLAN_PATHS = { plan: 400, evaluation: 1_000 };

/** The demo's steps, in the order it runs them. */
export const DEMO_STEPS = ['generate', 'import', 'exposure', 'simulate', 'plan', 'report'] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

/** Marks a folder `ballast demo` made, so running it again may clear it and nothing else. */
const DEMO_MARKER = '.ballast-demo';

export interface DemoOptions {
  /** Folder for the files, the workspace and the report (default `ballast-demo`). */
  dir?: string;
  seed?: number;
  workers?: number;
  /** Each step as it starts and ends; `index` counts from 1 over DEMO_STEPS. */
  onStep?: (event: {
    step: DemoStep;
    index: number;
    phase: 'start' | 'done';
    seconds?: number;
    detail?: string;
  }) => void;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoRun {
  dir: string;
  db: string;
  seed: number;
  reports: Record<ReportLang, string>;
  scenario: string;
  steps: Array<{ step: DemoStep; seconds: number; detail: string }>;
  /** What the generator wrote and planted (files in import order, each file's expected reader, the truth). */
  generated: DemoResult;
  imported: ImportSummary;
  exposure: ExposureReport;
  simulation: SimulationRun;
  plan: PlanRun;
  takeaways: string[];
}

/**
 * The whole product on a made-up seller (SPEC §8): generate its channel exports, import them into a
 * fresh workspace, then exposure, simulation, plan and report, timing each step.
 * @example
 *   const run = await demo({ dir: 'ballast-demo' });
 *   console.log(run.reports.en, run.takeaways.join('\n'));
 */
export async function demo(options: DemoOptions = {}): Promise<DemoRun> {
  const dir = options.dir ?? 'ballast-demo';
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const workers = options.workers ?? availableParallelism();
  await freshDemoFolder(dir);
  const db = join(dir, 'ballast.duckdb');
  const steps: DemoRun['steps'] = [];
  const step = async <T>(
    name: DemoStep,
    work: () => Promise<T>,
    describe: (result: T) => string,
  ): Promise<T> => {
    const index = DEMO_STEPS.indexOf(name) + 1;
    options.onStep?.({ step: name, index, phase: 'start' });
    const started = performance.now();
    const result = await work();
    const done = { step: name, seconds: (performance.now() - started) / 1000, detail: describe(result) };
    steps.push(done);
    options.onStep?.({ ...done, index, phase: 'done' });
    return result;
  };
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};

  const generated = await step(
    'generate',
    () => generateDemo({ seed, outDir: join(dir, 'files') }),
    (g) => `${g.files.length} files, seed ${seed}`,
  );
  const scenario = join(dir, 'scenario.yaml');
  await writeFile(scenario, await demoScenarioText());
  const imported = await step(
    'import',
    () => importFiles(db, generated.files),
    (r) => `${r.added.toLocaleString('en-US')} lines, ${r.rejects} rejects`,
  );
  const exposed = await step(
    'exposure',
    () => exposure(db),
    (x) => `${x.byChannel.length} channels, ${x.from} – ${x.to}`,
  );
  const simulation = await step(
    'simulate',
    () => simulate(db, scenario, { workers, ...progress }),
    (r) => `${r.paths.toLocaleString('en-US')} paths × ${r.horizonDays} days`,
  );
  // Fewer paths than a real plan would use, so the whole demo stays within two minutes.
  const planned = await step(
    'plan',
    () =>
      plan(db, scenario, {
        workers,
        paths: DEMO_PLAN_PATHS.plan,
        evaluationPaths: DEMO_PLAN_PATHS.evaluation,
        ...progress,
      }),
    (p) =>
      `${p.actions.length} action${p.actions.length === 1 ? '' : 's'} on ${p.inSample.paths} paths, measured on ${p.outOfSample.paths.toLocaleString('en-US')} fresh ones`,
  );
  const written = await step(
    'report',
    async () => {
      const out = {} as Record<ReportLang, string>;
      for (const { lang, html } of await reports(db, REPORT_LANGS)) {
        out[lang] = join(dir, lang === 'en' ? 'report.html' : `report.${lang}.html`);
        await writeFile(out[lang], html);
      }
      return out;
    },
    (r) => Object.values(r).join(', '),
  );
  return {
    dir,
    db,
    seed,
    reports: written,
    scenario,
    steps,
    generated,
    imported,
    exposure: exposed,
    simulation,
    plan: planned,
    takeaways: takeaways(exposed, simulation, planned, planned.baseCurrency, simulation.horizonDays),
  };
}

/** An empty folder, or one an earlier demo made (then cleared); anything else is refused. */
async function freshDemoFolder(dir: string): Promise<void> {
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw new BallastError('usage', `${dir} already exists and was not made by \`ballast demo\``, {
        hint: 'Choose another folder with --out, or move that one away; the demo never clears a folder it did not make.',
      });
    }
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, DEMO_MARKER), 'Made by `ballast demo`; running it again clears this folder.\n');
}
