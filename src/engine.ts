/**
 * The one façade the faces call: the CLI (src/cli) and the HTTP server (src/server). Each function
 * takes plain data and returns plain data; none prints or exits. Options are zod schemas with their
 * defaults and limits (compose/options.ts), parsed here whatever the caller already checked.
 *
 * Two ways to reach a workspace: the functions below open the file, do one thing and close it (the
 * CLI, one command per process); `openWorkspace` keeps it open for a process's life (the server) and
 * offers the same operations as methods. DuckDB lets one process at a time hold a workspace file;
 * another waits a few seconds, then gets a 'busy' error naming the holder.
 */
import { basename } from 'node:path';
import {
  OpenWorkspace,
  loadDemo,
  runDemo,
  type DemoHooks,
  type DemoOptionsInput,
  type DemoRun,
  type ExposureOptionsInput,
  type ImportHooks,
  type ImportOptionsInput,
  type AlertCheck,
  type ImportSummary,
  type PlanOptionsInput,
  type PlanRun,
  type RejectsOptionsInput,
  type ReportOptionsInput,
  type ReportResult,
  type RunHooks,
  type ScenarioCheck,
  type ScenarioSource,
  type SimulateOptionsInput,
  type SimulationRun,
} from './compose/index.js';
import type { ExposureReport } from './exposure/index.js';
import { LANGS, type Lang } from './report/index.js';
import { tableFile as fileOfTable, type Table, type TableFormat } from './compose/index.js';
import { listEvents, readScenarioFile as readScenarioText, type LibraryEntry } from './scenario/index.js';
import type { BacktestRow } from './simulate/index.js';
import type { AlertRecord, CheckReport, FileOutcome, RejectsReport, StatusReport } from './store/index.js';
import { BallastError } from './errors.js';
import { checkEvents as checkLibraryEvents, type EventCheck } from './compose/index.js';

export type {
  AlertCheck,
  AlertRecord,
  CheckReport,
  StatusReport,
  RejectsReport,
  FileOutcome,
  ExposureReport,
  SimulationRun,
  PlanRun,
  LibraryEntry,
  BacktestRow,
  ImportSummary,
  ReportResult,
  DemoRun,
  ScenarioSource,
  ScenarioCheck,
  RunHooks,
  ImportHooks,
  DemoHooks,
  EventCheck,
};
export type ImportOptions = ImportOptionsInput & ImportHooks;
export type ExposureOptions = ExposureOptionsInput;
export type ReportOptions = ReportOptionsInput & { now?: Date };
export type SimulateOptions = SimulateOptionsInput & RunHooks;
export type PlanOptions = PlanOptionsInput & RunHooks & { exportLp?: (lp: string) => Promise<void> };
export type DemoOptions = DemoOptionsInput & DemoHooks;
export type { OpenWorkspace as WorkspaceHandle };

export {
  demoOptions,
  exposureOptions,
  importOptions,
  planOptions,
  rejectsOptions,
  reportOptions,
  simulateOptions,
  PLAN_DEFAULTS,
  DEFAULT_SKU_THRESHOLD,
  parseOptions,
  tableOptions,
  TABLES,
  TABLE_FORMATS,
  type Table,
  type TableName,
  type TableFormat,
  DEFAULT_DEMO_DIR,
  DEMO_STEPS,
  DEMO_SCENARIO_NAME,
  type DemoStep,
} from './compose/index.js';
export { formatMoney } from './money.js';

export const DEFAULT_DB = 'ballast.duckdb';
export const REPORT_LANGS = LANGS;
export type ReportLang = Lang;

/** Where the workspace lives: the given path, else `BALLAST_DB`, else `./ballast.duckdb`. */
export function resolveDb(given?: string): string {
  return given ?? process.env.BALLAST_DB ?? DEFAULT_DB;
}

/**
 * Opens a workspace for as long as the caller needs it (a server's life); close it when done.
 * @example
 *   const ws = await openWorkspace('shop.duckdb');
 *   const [status, exposure] = await Promise.all([ws.status(), ws.exposure({ window: 30 })]);
 *   ws.close();
 */
export function openWorkspace(
  db: string,
  options: { create?: boolean; lockWaitMs?: number } = {},
): Promise<OpenWorkspace> {
  return OpenWorkspace.open(db, options);
}

/** Opens, does one thing, closes: what each function below does. */
async function once<T>(db: string, create: boolean, work: (ws: OpenWorkspace) => Promise<T>): Promise<T> {
  const ws = await OpenWorkspace.open(db, { create });
  try {
    return await work(ws);
  } finally {
    ws.close();
  }
}

/**
 * A scenario file as the text and name the scenario functions take.
 * @example
 *   const run = await simulate('shop.duckdb', await readScenarioFile('ban.yaml'));
 */
export async function readScenarioFile(path: string): Promise<ScenarioSource> {
  return { text: await readScenarioText(path), name: basename(path) };
}

/**
 * Imports channel exports and input files in one transaction: all land or none do.
 * @example
 *   const summary = await importFiles('shop.duckdb', ['orders_export_1.csv', 'All Orders.txt']);
 *   console.log(summary.added, 'lines added,', summary.rejects, 'rows kept for review');
 */
export function importFiles(
  db: string,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return once(db, true, (ws) => ws.importFiles(paths, options));
}

/**
 * What the workspace holds: files, per channel × market × currency totals, rejects waiting.
 * @example
 *   const { totals } = await status('shop.duckdb');
 */
export function status(db: string): Promise<StatusReport> {
  return once(db, false, (ws) => ws.status());
}

/**
 * Rows that could not be read, with file, line, column, value and reason.
 * @example
 *   const { rejects } = await rejectsOf('shop.duckdb', 50);
 */
export function rejectsOf(db: string, limit?: RejectsOptionsInput['limit']): Promise<RejectsReport> {
  return once(db, false, (ws) => ws.rejects(limit === undefined ? {} : { limit }));
}

/**
 * Exposure over a window: shares, growth, concentration, SKU dependency, locked stock, commitments,
 * halo and alerts, in base currency.
 * @example
 *   const report = await exposure('shop.duckdb', { window: 90 });
 *   console.log(report.concentration.channel.effectiveNumber);
 */
export function exposure(db: string, options: ExposureOptions = {}): Promise<ExposureReport> {
  return once(db, false, (ws) => ws.exposure(options));
}

/**
 * The shareable report: every exposure table with its chart, monthly shares over 24 months, and the
 * newest stored simulation and plan, as one HTML file that prints to A4.
 * @example
 *   const { html } = await report('shop.duckdb', { lang: 'zh-CN', window: 90 });
 */
export function report(db: string, options: ReportOptions = {}): Promise<ReportResult> {
  return once(db, false, (ws) => ws.report(options));
}

/**
 * The same report in several languages, from one reading of the workspace.
 * @example
 *   const [en, zh] = await reports('shop.duckdb', ['en', 'zh-CN']);
 */
export function reports(
  db: string,
  langs: readonly ReportLang[],
  options: Omit<ReportOptions, 'lang'> = {},
): Promise<ReportResult[]> {
  return once(db, false, (ws) => ws.reports(langs, options));
}

/**
 * Monte Carlo of a scenario on the workspace's own demand, stock, costs and commitments; the run is
 * stored for the report and the dashboard.
 * @example
 *   const run = await simulate('shop.duckdb', { text: yaml, name: 'ban.yaml' }, { paths: 20000 });
 *   console.log(run.profitLoss?.cvar95 ?? run.revenueLoss?.cvar95);
 */
export function simulate(
  db: string,
  scenario: ScenarioSource,
  options: SimulateOptions = {},
): Promise<SimulationRun> {
  return once(db, false, (ws) => ws.simulate(scenario, options));
}

/**
 * The newest stored simulation run, or null.
 * @example
 *   const run = await latestSimulation('shop.duckdb');
 */
export function latestSimulation(db: string): Promise<SimulationRun | null> {
  return once(db, false, (ws) => ws.latestSimulation());
}

/**
 * A plan for a scenario: decisions chosen on simulated paths with HiGHS, measured against doing
 * nothing on fresh paths, with the efficient frontier; stored for the report.
 * @example
 *   const run = await plan('shop.duckdb', await readScenarioFile('ban.yaml'), { lambda: 1 });
 *   for (const action of run.actions) console.log(action.text);
 */
export function plan(db: string, scenario: ScenarioSource, options: PlanOptions = {}): Promise<PlanRun> {
  return once(db, false, (ws) => ws.plan(scenario, options));
}

/**
 * The newest stored plan, or null.
 * @example
 *   const run = await latestPlan('shop.duckdb');
 */
export function latestPlan(db: string): Promise<PlanRun | null> {
  return once(db, false, (ws) => ws.latestPlan());
}

/**
 * Checks a scenario against the workspace without simulating; errors carry the key path, line and
 * column (`error.place`).
 * @example
 *   const { description } = await checkScenario('shop.duckdb', { text: yaml, name: 'ban.yaml' });
 */
export function checkScenario(db: string, scenario: ScenarioSource): Promise<ScenarioCheck> {
  return once(db, false, (ws) => ws.checkScenario(scenario));
}

/**
 * A commented starter scenario for the workspace's own channels.
 * @example
 *   await writeFile('scenario.yaml', await newScenario('shop.duckdb'));
 */
export function newScenario(db: string): Promise<string> {
  return once(db, false, (ws) => ws.newScenario());
}

/**
 * The historical event library (`use: ID` in a scenario).
 * @example
 *   for (const entry of events()) console.log(entry.id);
 */
export function events(): readonly LibraryEntry[] {
  return listEvents();
}

/**
 * Each library event simulated on a plain seller against what was observed (docs/scenarios.md).
 * @example
 *   const { events } = engine.checkEvents();
 *   const missed = events.flatMap((e) => e.facts.filter((f) => !f.covered));
 */
export function checkEvents(): { events: EventCheck[] } {
  return checkLibraryEvents();
}

/**
 * Baseline forecast accuracy on the last 8 weeks held out, next to seasonal naive.
 * @example
 *   const { rows } = await forecastBacktest('shop.duckdb');
 */
export function forecastBacktest(
  db: string,
): Promise<{ rows: BacktestRow[]; cells: number; through: string }> {
  return once(db, false, (ws) => ws.forecastBacktest());
}

/**
 * The whole product on a made-up seller: its channel exports generated into a fresh workspace, then
 * exposure, simulation, plan and report, timing each step.
 * @example
 *   const run = await demo({ dir: 'ballast-demo' });
 *   console.log(run.reports.en, run.takeaways.join('\n'));
 */
export function demo(options: DemoOptions = {}): Promise<DemoRun> {
  return runDemo(options);
}

/**
 * Loads the demo seller into an open, empty workspace: its exports imported, its scenario saved as
 * `tiktok-ban`.
 * @example
 *   const ws = await openWorkspace('demo.duckdb');
 *   await loadDemoSeller(ws);
 */
export function loadDemoSeller(
  ws: OpenWorkspace,
  options: { seed?: number } & Pick<RunHooks, 'onProgress' | 'signal'> = {},
): Promise<ImportSummary> {
  return loadDemo(ws, options);
}

/**
 * Checks the seller's alert rules (docs/alerts.md) against the workspace: exposure shares and their
 * rise, stock only one channel can sell, the CVaR of stored simulations. Opens and closes alerts in
 * the workspace's history and delivers new ones by webhook and e-mail. Without rules given or saved,
 * the exposure command's own alerts are checked.
 * @example
 *   const check = await alerts('shop.duckdb', { rules: { text: yaml, name: 'alerts.yaml' } });
 *   for (const a of check.alerts) console.log(a.isNew ? 'NEW' : '   ', a.message);
 */
export function alerts(
  db: string,
  options: { rules?: ScenarioSource; deliver?: boolean; now?: Date } = {},
): Promise<AlertCheck> {
  return once(db, false, (ws) => ws.alerts(options));
}

/** Alerts opened so far, newest first, with when each closed and was delivered. */
export function alertHistory(db: string, limit = 50): Promise<AlertRecord[]> {
  return once(db, false, (ws) => ws.alertHistory(limit));
}

/**
 * Verifies a workspace (schema version, lines without a file, totals against provenance, runs
 * readable); a file that is not a workspace, or is damaged, is a failed check rather than an error.
 * @example
 *   const { ok, checks } = await check('shop.duckdb');
 */
export async function check(db: string): Promise<CheckReport> {
  let ws: OpenWorkspace;
  try {
    ws = await OpenWorkspace.open(db, { create: false });
  } catch (error) {
    if (!(error instanceof BallastError) || (error.code !== 'workspace-damaged' && error.code !== 'usage'))
      throw error;
    return {
      workspace: db,
      ok: false,
      checks: [{ name: 'workspace opens', ok: false, detail: error.message }],
      hint: error.hint ?? null,
    };
  }
  try {
    const report = await ws.check();
    return { ...report, checks: [{ name: 'workspace opens', ok: true, detail: db }, ...report.checks] };
  } finally {
    ws.close();
  }
}

/**
 * A table (from `WorkspaceHandle.table`) as a CSV or XLSX file, with its file name and media type.
 * @example
 *   const { body, fileName } = await tableFile(await ws.table('exposure-channels'), 'xlsx');
 */
export function tableFile(
  table: Table,
  format: TableFormat,
): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  return fileOfTable(table, format);
}
