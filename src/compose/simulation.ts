import { createHash } from 'node:crypto';
import type { Queryable } from '../db.js';
import { BallastError } from '../errors.js';
import { describeScenario, parseScenario, type Scenario, type WorkspaceFacts } from '../scenario/index.js';
import {
  backtest,
  simulate,
  startWorkers,
  type BacktestRow,
  type Pool,
  type PathOutputs,
  type SimModel,
  type SimulationSummary,
} from '../simulate/index.js';

import { HISTORY_DAYS, cachedSimData, readSimData } from './sim-data.js';
import { buildSimModel } from './sim-model.js';
import { baseCurrency } from '../db.js';

export interface SimulationRun extends SimulationSummary {
  runId: string;
  scenario: { name: string; start: string; sha256: string; description: string[]; warnings: string[] };
  baseCurrency: string;
  cells: number;
  /** Plain-words caveats about what the run could not know (costs, stock). */
  notes: string[];
}

export interface RunSettings {
  paths?: number;
  horizonDays?: number;
  seed?: number;
  workers: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  signal?: AbortSignal;
  /** Main paths run elsewhere (server mode's blocks of paths); see simulate's option of that name. */
  mainPaths?: (model: SimModel) => Promise<PathOutputs>;
}

/** What the workspace knows, for checking a scenario's names. */
export async function workspaceFacts(db: Queryable): Promise<WorkspaceFacts> {
  const [row] = await db.rows<{ channels: string[] | null; markets: string[] | null; last: string | null }>(
    `SELECT list_sort(list(DISTINCT channel)) AS channels, list_sort(list(DISTINCT market)) AS markets,
       strftime(max(order_time), '%Y-%m-%d') AS last FROM sales_lines`,
  );
  const locations = await db.rows<{ location: string }>(
    `SELECT location FROM locations UNION SELECT location FROM inventory ORDER BY location`,
  );
  return {
    channels: row?.channels ?? [],
    markets: row?.markets ?? [],
    locations: locations.map((l) => l.location),
    lastOrderDate: row?.last ?? null,
  };
}

/** Parses a scenario against the workspace and applies command-line overrides. */
export async function loadScenario(
  db: Queryable,
  yaml: string,
  fileName: string,
  settings: Partial<RunSettings> = {},
): Promise<Scenario> {
  const facts = await workspaceFacts(db);
  if (facts.channels.length === 0) {
    throw new BallastError('bad-input', 'the workspace has no orders to simulate', {
      hint: 'Import your channel exports first: ballast import FILE…',
    });
  }
  const scenario = parseScenario(yaml, facts, fileName);
  return {
    ...scenario,
    ...(settings.paths !== undefined ? { paths: settings.paths } : {}),
    ...(settings.horizonDays !== undefined ? { horizonDays: settings.horizonDays } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
  };
}

/** Builds the simulator's model for a parsed scenario from the workspace. */
export async function modelFor(
  db: Queryable,
  scenario: Scenario,
): Promise<{ model: SimModel; notes: string[] }> {
  const data = await cachedSimData(db, scenario.start);
  if (data.cells.length === 0) {
    throw new BallastError(
      'bad-input',
      `no sales in the ${HISTORY_DAYS} days before ${scenario.start} to simulate from`,
      {
        hint: 'Set `start:` in the scenario to the day after your last orders, or import more recent exports.',
      },
    );
  }
  const model = buildSimModel(scenario, data);
  const notes: string[] = [];
  if (!data.costsKnown)
    notes.push(
      'No costs imported: profit is unknown and only revenue results are shown. Import a costs file (sku,unit_cost,currency).',
    );
  else if (Number.isNaN(model.unitCost.reduce((a, b) => a + b, 0)))
    notes.push('Some SKUs have no cost: profit is unknown. Import costs for every SKU.');
  if (!model.stock)
    notes.push('No inventory imported: stock is unconstrained and stranded stock is unknown.');
  return { model, notes };
}

/** Parse → model → simulate; the caller stores the run. */
export async function runSimulation(
  db: Queryable,
  yaml: string,
  fileName: string,
  settings: RunSettings,
): Promise<SimulationRun> {
  // The worker threads start (load the kernel) while the workspace is read.
  const pool = settings.mainPaths ? undefined : startWorkers(settings.workers, settings.signal);
  try {
    return await simulateScenario(db, yaml, fileName, settings, pool);
  } finally {
    await pool?.close();
  }
}

async function simulateScenario(
  db: Queryable,
  yaml: string,
  fileName: string,
  settings: RunSettings,
  pool: Pool | undefined,
): Promise<SimulationRun> {
  const scenario = await loadScenario(db, yaml, fileName, settings);
  const { model, notes } = await modelFor(db, scenario);
  const base = await baseCurrency(db);
  const summary = await simulate(model, {
    ...(pool ? { pool } : {}),
    workers: settings.workers,
    lossThreshold: scenario.lossThreshold ?? 0,
    // A tenth of the paths (200 to 500) per case: low and high share their random numbers, so the
    // swing is precise long before the level is, and the tornado costs about three main runs.
    tornadoPaths: Math.min(scenario.paths, 500, Math.max(200, Math.round(scenario.paths / 10))),
    ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
    ...(settings.signal ? { signal: settings.signal } : {}),
    ...(settings.mainPaths ? { mainPaths: settings.mainPaths } : {}),
  });
  const sha256 = createHash('sha256').update(yaml).digest('hex');
  return {
    runId: `sim-${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${sha256.slice(0, 8)}`,
    scenario: {
      name: scenario.name,
      start: scenario.start,
      sha256,
      description: describeScenario(scenario),
      warnings: scenario.warnings,
    },
    baseCurrency: base,
    cells: model.cellGroup.length,
    notes,
    ...summary,
  };
}

/** Holdout accuracy of the baseline model on the workspace's own cells (last 8 weeks held out). */
export async function forecastBacktest(
  db: Queryable,
): Promise<{ rows: BacktestRow[]; cells: number; through: string }> {
  const facts = await workspaceFacts(db);
  if (!facts.lastOrderDate)
    throw new BallastError('bad-input', 'the workspace has no orders', {
      hint: 'Import your channel exports first: ballast import FILE…',
    });
  const start = new Date(Date.parse(`${facts.lastOrderDate}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  const data = await readSimData(db, start);
  const series = data.cells.map((_, c) =>
    data.history.subarray(c * data.historyDays, (c + 1) * data.historyDays),
  );
  const firstDay = new Date(Date.parse(`${start}T00:00:00Z`) - data.historyDays * 86_400_000);
  const dow = (firstDay.getUTCDay() + 6) % 7;
  return {
    rows: backtest(
      series,
      series.map(() => dow),
      56,
    ),
    cells: series.length,
    through: facts.lastOrderDate,
  };
}
