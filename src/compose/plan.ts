import { createHash } from 'node:crypto';
import type { Queryable } from '../db.js';
import { BallastError } from '../errors.js';
import {
  DEFAULT_REDIRECT,
  DEFAULT_TRANSFER,
  plan,
  readUserPlan,
  resolveDecisions,
  type PlanOptions,
  type PlanResult,
} from '../plan/index.js';
import { formatMoney } from '../money.js';
import { describeScenario, locateKey } from '../scenario/index.js';
import { PLAN_DEFAULTS } from './options.js';
import { loadScenario, modelFor } from './simulation.js';
import { baseCurrency } from '../db.js';

export interface PlanRunSettings {
  /** Paths the optimiser sees (default 1,000) and fresh paths it is measured on (default 4,000). */
  paths?: number;
  evaluationPaths?: number;
  alpha?: number;
  /** Either a weight on CVaR (default 1) or a CVaR limit in base currency. */
  lambda?: number;
  cvarLimit?: number;
  seed?: number;
  horizonDays?: number;
  workers: number;
  /** Measure each frontier plan on the fresh paths too. */
  frontier?: boolean;
  /** Plans of the user's own (a YAML list of actions each), scored beside the optimiser's. */
  compare?: ReadonlyArray<{ name: string; text: string }>;
  /** Bootstrap resamples of the planning paths for the stability table (0: none). */
  resamples?: number;
  exportLp?: (lp: string) => Promise<void>;
  onProgress?: (stage: string, done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface PlanRun extends PlanResult {
  runId: string;
  scenario: { name: string; start: string; sha256: string; description: string[] };
  baseCurrency: string;
  /** How many decisions the optimiser could choose from, by kind. */
  choices: { transfers: number; redirects: number; open: number; budget: number; cancel: number };
  /** Defaults the planner assumed where the scenario was silent (also worded in `notes`). */
  assumed: { transfer?: typeof DEFAULT_TRANSFER; redirect?: typeof DEFAULT_REDIRECT };
  notes: string[];
}

/** Scenario → model → decisions → plan; the caller stores the run. */
export async function runPlan(
  db: Queryable,
  yaml: string,
  fileName: string,
  settings: PlanRunSettings,
): Promise<PlanRun> {
  if (settings.lambda !== undefined && settings.cvarLimit !== undefined) {
    throw new BallastError('usage', 'give either `lambda` or `cvarLimit`, not both', {
      hint: '`lambda` trades expected profit against CVaR; `cvarLimit` caps CVaR and maximises expected profit under it.',
      place: { option: 'lambda' },
    });
  }
  const scenario = await loadScenario(db, yaml, fileName, {
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.horizonDays !== undefined ? { horizonDays: settings.horizonDays } : {}),
  });
  const { model, notes } = await modelFor(db, scenario);
  const options = resolveDecisions(scenario.decisions, model, fileName);
  const base = await baseCurrency(db);
  const compare = (settings.compare ?? []).map((file) => ({
    name: file.name.replace(/\.ya?ml$/i, ''),
    choice: locatedIn(file.text, () => readUserPlan(file.text, file.name, model, options)),
  }));
  const assumed = assumptions(scenario.decisions, options);
  notes.push(...assumedNotes(assumed, options, base));
  const result = await plan(
    model,
    options,
    {
      alpha: settings.alpha ?? PLAN_DEFAULTS.alpha,
      risk:
        settings.cvarLimit !== undefined
          ? { kind: 'limit', limit: settings.cvarLimit }
          : { kind: 'lambda', lambda: settings.lambda ?? PLAN_DEFAULTS.lambda },
      planPaths: settings.paths ?? PLAN_DEFAULTS.planPaths,
      evaluationPaths: settings.evaluationPaths ?? PLAN_DEFAULTS.evaluationPaths,
      workers: settings.workers,
      evaluateFrontier: settings.frontier === true,
      compare,
      resamples: settings.resamples ?? PLAN_DEFAULTS.resamples,
      start: scenario.start,
      currency: base,
      ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
      ...(settings.signal ? { signal: settings.signal } : {}),
    },
    settings.exportLp,
  );
  const sha256 = createHash('sha256').update(yaml).digest('hex');
  const count = (kind: string) => options.stock.filter((o) => o.kind === kind).length;
  return {
    runId: `plan-${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${sha256.slice(0, 8)}`,
    scenario: { name: scenario.name, start: scenario.start, sha256, description: describeScenario(scenario) },
    baseCurrency: base,
    choices: {
      transfers: count('transfer'),
      redirects: count('redirect'),
      open: options.open.length,
      budget: options.budget.length,
      cancel: options.cancel.length,
    },
    assumed,
    notes,
    ...result,
  };
}

/** The defaults the planner used: the scenario named no lanes or shipment terms, and such options exist. */
function assumptions(raw: unknown, options: PlanOptions): PlanRun['assumed'] {
  const given = (raw ?? {}) as Record<string, unknown>;
  return {
    ...(!given.transfers && options.stock.some((o) => o.kind === 'transfer')
      ? { transfer: DEFAULT_TRANSFER }
      : {}),
    ...(!given.shipments && options.stock.some((o) => o.kind === 'redirect')
      ? { redirect: DEFAULT_REDIRECT }
      : {}),
  };
}

function assumedNotes(assumed: PlanRun['assumed'], options: PlanOptions, currency: string): string[] {
  const notes: string[] = [];
  if (assumed.transfer) {
    notes.push(
      `Transfers out of locations a ban can strand assume ${formatMoney(DEFAULT_TRANSFER.costPerUnit, currency)} a unit and ${DEFAULT_TRANSFER.leadDays} days; set decisions.transfers in the scenario for your own lanes.`,
    );
  }
  if (assumed.redirect) {
    notes.push(
      `Redirecting a shipment assumes ${formatMoney(DEFAULT_REDIRECT.costPerUnit, currency)} a unit and ${DEFAULT_REDIRECT.extraDays} extra days; set decisions.shipments in the scenario for your carrier's terms.`,
    );
  }
  if (options.stock.length + options.open.length + options.budget.length + options.cancel.length === 0) {
    notes.push(
      'Nothing to decide: no location can be stranded and the scenario has no decisions: block (see docs/formulation.md).',
    );
  }
  return notes;
}

/**
 * A plan file's problem with its line and column in that file's own text (the scenario's
 * problems are placed in the scenario's text by the caller; this one is placed already).
 */
function locatedIn<T>(text: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof BallastError) || !error.place.path || error.place.line !== undefined) throw error;
    const at = locateKey(text, error.place.path) ?? { line: 1, column: 1 };
    throw new BallastError(error.code, error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      cause: error.cause,
      place: { ...error.place, option: 'compare', ...at },
    });
  }
}
