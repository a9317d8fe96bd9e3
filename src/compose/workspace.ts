/**
 * Every operation on one open workspace. A process opens the file once (the CLI per command, the
 * server for its life) and each operation runs on a connection of its own, so concurrent requests
 * share no transaction or TEMP table.
 */
import { availableParallelism } from 'node:os';
import { BallastError } from '../errors.js';
import { DEFAULT_RULES, parseAlertRules } from '../monitor/index.js';
import type { ExposureReport } from '../exposure/index.js';
import { prelude } from '../ingest/index.js';
import type { Lang } from '../report/index.js';
import { describeScenario, locateKey, starterScenario } from '../scenario/index.js';
import type { BacktestRow } from '../simulate/index.js';
import {
  Workspace,
  alertHistory,
  checkWorkspace,
  saveAlertRules,
  savedAlertRules,
  deleteScenario,
  latestRun,
  listRuns,
  listScenarios,
  readRejects,
  readRun,
  readSavedScenario,
  readStatus,
  freeRunId,
  saveRun,
  saveScenario,
  type AlertRecord,
  type CheckReport,
  type RejectsReport,
  type RunKind,
  type RunListing,
  type SavedScenario,
  type StatusReport,
} from '../store/index.js';
import { checkAlerts, type AlertCheck } from './alerts.js';
import { importFiles, type ImportHooks, type ImportSummary } from './import.js';
import {
  exposureOptions,
  parseOptions,
  planOptions,
  rejectsOptions,
  reportOptions,
  simulateOptions,
  type ExposureOptionsInput,
  type ImportOptionsInput,
  type PlanOptionsInput,
  type RejectsOptionsInput,
  type ReportOptionsInput,
  type SimulateOptionsInput,
  tableOptions,
  type TableOptionsInput,
} from './options.js';
import { noSuchRun, tableOf, type Table, type TableName } from './tables.js';
import { runPlan, type PlanRun } from './plan.js';
import { buildReports, exposureOf, type ReportResult } from './report.js';
import {
  forecastBacktest,
  loadScenario,
  runSimulation,
  workspaceFacts,
  type RunSettings,
  type SimulationRun,
} from './simulation.js';

/** Scenario text and the name it is shown under (a file name, or a saved scenario's name). */
export interface ScenarioSource {
  text: string;
  name: string;
}

export interface RunHooks {
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Cancels the run between chunks of paths: it then rejects with a 'cancelled' BallastError. */
  signal?: AbortSignal;
}

export interface ScenarioCheck {
  name: string;
  start: string;
  description: string[];
  warnings: string[];
}

/** Connections kept ready for reads: setting one up (macros and views) costs tens of milliseconds. */
const IDLE_READERS = 4;
/** Remembered answers (status, exposure per set of options); beyond this they are forgotten at once. */
const REMEMBERED = 32;

export class OpenWorkspace {
  private readonly idle: Workspace[] = [];
  /**
   * Counts the operations that may have changed the workspace (every one run by `with`). This process
   * holds the file's lock, so nothing else writes to it and a remembered answer stays true until the
   * count moves.
   */
  private version = 0;
  private readonly remembered = new Map<string, { version: number; value: Promise<unknown> }>();

  private constructor(private root: Workspace) {}

  /** Opens (and migrates) the workspace file; `create: false` refuses a path with no workspace. */
  static async open(
    db: string,
    options: { create?: boolean; lockWaitMs?: number } = {},
  ): Promise<OpenWorkspace> {
    return new OpenWorkspace(
      await Workspace.open(db, {
        create: options.create ?? true,
        prelude: prelude(),
        ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
      }),
    );
  }

  get path(): string {
    return this.root.path;
  }

  close(): void {
    for (const ws of this.idle.splice(0)) ws.close();
    this.root.close();
  }

  /**
   * Runs `work` on a connection of its own, closed afterwards (its TEMP tables go with it). Anything run
   * here may write, so remembered answers are forgotten before and after: a read that overlapped it
   * is not kept either.
   */
  private async with<T>(work: (ws: Workspace) => Promise<T>): Promise<T> {
    this.changed();
    const ws = await this.root.connect();
    try {
      return await work(ws);
    } catch (error) {
      await this.recover(error);
      throw error;
    } finally {
      ws.close();
      this.changed();
    }
  }

  /**
   * After an internal error DuckDB refuses every later statement on the instance ("database has been
   * invalidated"), though nothing of the failed transaction reached the file. A process that keeps
   * the workspace open (the server) would fail every request from then on; it reopens the file instead.
   * Found by `npm run fuzz`: a mutated Etsy export made DuckDB's CSV reader fail internally.
   */
  private async recover(error: unknown): Promise<void> {
    if (!invalidates(error)) return;
    for (const ws of this.idle.splice(0)) ws.close();
    this.root.close();
    this.root = await Workspace.open(this.root.path, { create: false, prelude: prelude() });
  }

  private changed(): void {
    this.version++;
    this.remembered.clear();
  }

  /**
   * The answer of a read for `key`, computed once until the workspace changes; concurrent callers
   * share one computation. Each caller gets its own copy, so none can alter another's.
   */
  private async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = this.version;
    let entry = this.remembered.get(key);
    if (!entry || entry.version !== version) {
      if (this.remembered.size >= REMEMBERED) this.remembered.clear();
      entry = { version, value: compute() };
      this.remembered.set(key, entry);
    }
    try {
      return structuredClone((await entry.value) as T);
    } catch (error) {
      if (this.remembered.get(key) === entry) this.remembered.delete(key);
      throw error;
    }
  }

  /**
   * Runs a read on a connection of its own, taken from the idle ones when there is one and given back
   * afterwards: a server answering a dashboard pays the connection's set-up once, not per request.
   * Reads leave nothing behind on a connection (exposure drops its scratch tables); after a failure
   * the connection is closed all the same, in case the failure was the connection's.
   */
  private async read<T>(work: (ws: Workspace) => Promise<T>): Promise<T> {
    const ws = this.idle.pop() ?? (await this.root.connect());
    try {
      const result = await work(ws);
      if (this.idle.length < IDLE_READERS) this.idle.push(ws);
      else ws.close();
      return result;
    } catch (error) {
      ws.close();
      await this.recover(error);
      throw error;
    }
  }

  importFiles(
    paths: readonly string[],
    options: ImportOptionsInput & ImportHooks = {},
  ): Promise<ImportSummary> {
    return this.with((ws) => importFiles(ws, paths, options));
  }

  status(): Promise<StatusReport> {
    return this.remember('status', () => this.read(readStatus));
  }

  rejects(options: RejectsOptionsInput = {}): Promise<RejectsReport> {
    const { limit } = parseOptions(rejectsOptions, options);
    return this.read((ws) => readRejects(ws, limit));
  }

  async exposure(options: ExposureOptionsInput = {}): Promise<ExposureReport> {
    // Keyed by the parsed options, so `{}` and the same options spelled out share one answer.
    const parsed = parseOptions(exposureOptions, options);
    return this.remember(`exposure ${JSON.stringify(parsed)}`, () =>
      this.read((ws) => exposureOf(ws, parsed)),
    );
  }

  /** The report in one language (`lang` among the options). */
  async report(options: ReportOptionsInput & { now?: Date } = {}): Promise<ReportResult> {
    const { now, ...rest } = options;
    const { lang } = parseOptions(reportOptions, rest);
    const [result] = await this.reports([lang], { ...rest, ...(now ? { now } : {}) });
    if (!result) throw new BallastError('internal', `no report was made for ${lang}`);
    return result;
  }

  /** The same report in several languages, from one reading of the workspace. */
  reports(
    langs: readonly Lang[],
    options: ExposureOptionsInput & { now?: Date } = {},
  ): Promise<ReportResult[]> {
    return this.with((ws) => buildReports(ws, langs, options));
  }

  /** Simulates a scenario and stores the run. */
  simulate(
    source: ScenarioSource,
    options: SimulateOptionsInput & RunHooks & Pick<RunSettings, 'mainPaths'> = {},
  ): Promise<SimulationRun> {
    const { onProgress, signal, mainPaths, ...rest } = options;
    const o = parseOptions(simulateOptions, rest);
    return this.with(async (ws) => {
      const found = await located(source, () =>
        runSimulation(ws, source.text, source.name, {
          ...o,
          workers: o.workers ?? availableParallelism(),
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
          ...(mainPaths ? { mainPaths } : {}),
        }),
      );
      const runId = await freeRunId(ws, 'simulation', found.runId);
      const run = runId === found.runId ? found : { ...found, runId };
      await saveRun(ws, 'simulation', {
        runId,
        scenarioName: run.scenario.name,
        scenarioSha256: run.scenario.sha256,
        settings: {
          paths: run.paths,
          horizonDays: run.horizonDays,
          seed: run.seed,
          start: run.scenario.start,
        },
        summary: run,
      });
      return run;
    });
  }

  /** Plans for a scenario and stores the plan. */
  plan(
    source: ScenarioSource,
    options: PlanOptionsInput & RunHooks & { exportLp?: (lp: string) => Promise<void> } = {},
  ): Promise<PlanRun> {
    const { onProgress, signal, exportLp, ...rest } = options;
    const o = parseOptions(planOptions, rest);
    return this.with(async (ws) => {
      const found = await located(source, () =>
        runPlan(ws, source.text, source.name, {
          ...o,
          workers: o.workers ?? availableParallelism(),
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
          ...(exportLp ? { exportLp } : {}),
        }),
      );
      const runId = await freeRunId(ws, 'plan', found.runId);
      const run = runId === found.runId ? found : { ...found, runId };
      await saveRun(ws, 'plan', {
        runId,
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

  /** Checks a scenario against the workspace without simulating. */
  checkScenario(source: ScenarioSource): Promise<ScenarioCheck> {
    return this.with((ws) =>
      located(source, async () => {
        const scenario = await loadScenario(ws, source.text, source.name);
        return {
          name: scenario.name,
          start: scenario.start,
          description: describeScenario(scenario),
          warnings: scenario.warnings,
        };
      }),
    );
  }

  /** A commented starter scenario for the workspace's own channels. */
  newScenario(): Promise<string> {
    return this.read(async (ws) => starterScenario(await workspaceFacts(ws)));
  }

  forecastBacktest(): Promise<{ rows: BacktestRow[]; cells: number; through: string }> {
    return this.with(forecastBacktest);
  }

  latestSimulation(): Promise<SimulationRun | null> {
    return this.read(async (ws) => (await latestRun<SimulationRun>(ws, 'simulation'))?.summary ?? null);
  }

  latestPlan(): Promise<PlanRun | null> {
    return this.read(async (ws) => (await latestRun<PlanRun>(ws, 'plan'))?.summary ?? null);
  }

  runs(kind?: RunKind): Promise<RunListing[]> {
    return this.read((ws) => listRuns(ws, kind));
  }

  /** A stored run's full result (what `simulate` or `plan` returned), or null. */
  run(runId: string): Promise<{ kind: RunKind; summary: SimulationRun | PlanRun } | null> {
    return this.read(async (ws) => {
      const stored = await readRun<SimulationRun | PlanRun>(ws, runId);
      return stored ? { kind: stored.kind, summary: stored.summary } : null;
    });
  }

  scenarios(): Promise<Array<Omit<SavedScenario, 'yaml'>>> {
    return this.read(listScenarios);
  }

  savedScenario(name: string): Promise<SavedScenario | null> {
    return this.read((ws) => readSavedScenario(ws, name));
  }

  /** Checks the scenario, then saves it under `name` (replacing one of that name). */
  saveScenario(name: string, text: string): Promise<Omit<SavedScenario, 'yaml'>> {
    return this.with(async (ws) => {
      await located({ text, name }, () => loadScenario(ws, text, name));
      return saveScenario(ws, name, text);
    });
  }

  /** True when there was a scenario of that name. */
  deleteScenario(name: string): Promise<boolean> {
    return this.with((ws) => deleteScenario(ws, name));
  }

  /**
   * Checks the alert rules given (which are then saved for later checks), else those saved, else the
   * exposure defaults; records the history and delivers new alerts unless `deliver` is false.
   */
  async alerts(options: { rules?: ScenarioSource; deliver?: boolean; now?: Date } = {}): Promise<AlertCheck> {
    const given = options.rules ? parseAlertRules(options.rules.text, options.rules.name) : null;
    return this.with(async (ws) => {
      if (options.rules) await saveAlertRules(ws, options.rules.text);
      const saved = given ? null : await savedAlertRules(ws);
      const rules = given ?? (saved ? parseAlertRules(saved, 'the saved alert rules') : DEFAULT_RULES);
      return checkAlerts(ws, {
        rules,
        deliver: options.deliver ?? true,
        now: options.now ?? new Date(),
        env: process.env,
      });
    });
  }

  /** Alerts opened so far, newest first. */
  alertHistory(limit = 50): Promise<AlertRecord[]> {
    return this.read((ws) => alertHistory(ws, limit));
  }

  /** Schema version, lines without a file, totals against provenance, runs readable. */
  check(): Promise<CheckReport> {
    return this.with(checkWorkspace);
  }

  /** One of the dashboard's tables (`TABLES`), as headers and rows for a spreadsheet. */
  async table(name: TableName, input: TableOptionsInput = {}): Promise<Table> {
    const o = parseOptions(tableOptions, input);
    const window = { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}), window: o.window };
    const stored = async <S>(kind: RunKind): Promise<S> => {
      const found = o.run ? await this.run(o.run) : null;
      if (o.run && (!found || found.kind !== kind))
        throw new BallastError('not-found', `no stored ${kind} run ${o.run} in this workspace`, {
          hint: 'List the stored runs (GET /api/v1/runs) and pick one of their ids.',
        });
      const summary = found
        ? found.summary
        : kind === 'simulation'
          ? await this.latestSimulation()
          : await this.latestPlan();
      if (!summary) throw noSuchRun(kind);
      return summary as S;
    };
    const objects = async (): Promise<ReadonlyArray<object>> => {
      switch (name) {
        case 'status-totals':
          return (await this.status()).totals;
        case 'status-files':
          return (await this.status()).files;
        case 'rejects':
          return (await this.rejects({ limit: o.limit ?? 100_000 })).rejects;
        case 'exposure-channels':
          return (await this.exposure(window)).byChannel;
        case 'exposure-markets':
          return (await this.exposure(window)).byMarket;
        case 'exposure-channel-market':
          return (await this.exposure(window)).byChannelMarket;
        case 'exposure-skus':
          return (await this.exposure(window)).skuDependency;
        case 'exposure-stock':
          return (await this.exposure(window)).lockedStock ?? [];
        case 'exposure-commitments':
          return (await this.exposure(window)).commitments ?? [];
        case 'exposure-halo':
          return (await this.exposure(window)).halo;
        case 'simulation-loss': {
          const run = await stored<SimulationRun>('simulation');
          const measures = {
            revenue: run.revenue,
            profit: run.profit,
            revenueLoss: run.revenueLoss,
            profitLoss: run.profitLoss,
          };
          return Object.entries(measures).flatMap(([measure, stats]) =>
            stats ? [{ measure, ...stats }] : [],
          );
        }
        case 'simulation-tornado':
          return (await stored<SimulationRun>('simulation')).tornado;
        case 'simulation-tail-shares':
          return (await stored<SimulationRun>('simulation')).tailShare;
        case 'plan-actions':
          return (await stored<PlanRun>('plan')).actions;
        case 'plan-frontier':
          return (await stored<PlanRun>('plan')).frontier;
        case 'forecast-backtest':
          return (await this.forecastBacktest()).rows;
      }
    };
    const rows = await objects();
    return tableOf(name, o.limit !== undefined ? rows.slice(0, o.limit) : rows, o.lang);
  }

  /**
   * Computes the answers a dashboard asks for first (status, the default exposure) ahead of time, so
   * its first page does not wait for them. A failure here is left for the request that asks to report.
   */
  warm(): void {
    this.status().catch(() => undefined);
    this.exposure().catch(() => undefined);
  }

  /** True when the workspace holds any order line (the demo refuses to load over them). */
  hasOrders(): Promise<boolean> {
    return this.read(async (ws) => (await ws.value<number>(`SELECT count(*) FROM order_lines`)) > 0);
  }
}

/**
 * Runs scenario work, adding the line and column of the key path a scenario error names, so a face
 * can point at it in the text.
 */
async function located<T>(source: ScenarioSource, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BallastError) || !error.place.path || error.place.line !== undefined) throw error;
    const at = error.place.path.length > 0 ? locateKey(source.text, error.place.path) : null;
    if (!at) throw error;
    throw new BallastError(error.code, error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      cause: error.cause,
      place: { ...error.place, ...at },
    });
  }
}

/** DuckDB's internal and fatal errors invalidate the whole instance; ordinary ones do not. */
function invalidates(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause)
    if (/^(?:INTERNAL|FATAL) Error|database has been invalidated/m.test(e.message)) return true;
  return false;
}
