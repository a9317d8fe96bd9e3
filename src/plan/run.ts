/**
 * Planning end to end on a simulator model: simulate the planning paths (recording what the
 * optimiser needs), solve the sample-average model by decomposition with HiGHS, then measure the
 * chosen plan, doing nothing, the simple rules and the user's own plans on the same fresh paths of
 * another seed through the real simulator, and re-solve on resampled paths to see how stable the
 * choice is.
 */
import { BallastError } from '../errors.js';
import { Pool, concatOutputs, pathRange, prepare, tailIndexes, type SimModel } from '../simulate/index.js';
import { describeActions, formatMoney, type PlanAction } from './actions.js';
import { applyPlan } from './apply.js';
import { contributions, planProfit } from './contributions.js';
import { Decomposition, type Goal } from './decompose.js';
import { buildLinearModel, type Risk } from './lp.js';
import { cvarOf, lossesOf, meanAndStderr, measure, type Measured } from './measure.js';
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';
import { Recourse, type Layout } from './recourse.js';
import { simpleRules, type NamedPlan, type RuleKind } from './rules.js';
import { planSamples, resampled, type PlanSamples } from './samples.js';
import { PlanSolver } from './solver.js';
import { stabilityOf, type Stability } from './stability.js';

/** λ values of the efficient frontier: from profit only to strongly risk-averse. */
export const FRONTIER_LAMBDAS = [0, 0.25, 0.5, 1, 2, 4, 8];
/** The evaluation seed is the planning seed plus this, so the two never share a path. */
export const EVALUATION_SEED_OFFSET = 1_000_003;
/** Seed of the bootstrap resamples of the planning paths (stability), fixed so a run repeats. */
const RESAMPLE_SEED = 0x5eed;

export interface PlanSettings {
  alpha: number;
  risk: Risk;
  /** Paths the optimiser sees, and fresh paths the result is measured on. */
  planPaths: number;
  evaluationPaths: number;
  workers: number;
  /** Measure every frontier plan on the fresh paths too (otherwise in-sample only). */
  evaluateFrontier: boolean;
  /** Plans of the user's own, scored beside the optimiser's (`--compare`). */
  compare?: NamedPlan[];
  /** Bootstrap resamples of the planning paths the plan is solved again on (0: no stability table). */
  resamples: number;
  start: string;
  currency: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface FrontierRow {
  lambda: number;
  expectedProfit: number;
  cvar: number;
  actions: number;
  outOfSample?: { expectedProfit: number; cvar: number };
}

/** A plan scored on the fresh paths beside the optimiser's: a simple rule, or a file of the user's. */
export interface ComparedPlan {
  name: string;
  source: 'rule' | 'file';
  /** Which rule (source `rule`), for a report in another language. */
  rule?: RuleKind;
  actions: PlanAction[];
  expectedProfit: number;
  expectedProfitStderr: number;
  cvar: number;
  cvarStderr: number;
  objective: number;
  objectiveStderr: number;
  probBeatsDoNothing: number;
  gain: { mean: number; stderr: number };
  /** Its objective minus the optimiser's plan's, with the paired standard error (same paths). */
  versusPlan: { mean: number; stderr: number };
}

export interface PlanResult {
  alpha: number;
  risk: Risk;
  actions: PlanAction[];
  /** Optimal value of the solved model: maximised mean profit − λ·CVaR (or mean profit under the limit), base currency. */
  objective: number;
  inSample: Measured & { paths: number; seed: number; doNothing: Measured };
  outOfSample: Measured & {
    paths: number;
    seed: number;
    objective: number;
    objectiveStderr: number;
    doNothing: Measured;
    probBeatsDoNothing: number;
    probBeatsDoNothingStderr: number;
    gain: { mean: number; stderr: number };
  };
  /** In-sample objective minus the same objective measured out of sample. */
  optimism: number;
  /**
   * The same for the improvement over doing nothing (plan − do nothing, in sample minus out of
   * sample): paired on each side, so it shows the optimiser's overfitting rather than the noise in the
   * level of profit between two sets of paths.
   */
  gainOptimism: number;
  /** The simple rules and the user's plans, on the same fresh paths. */
  compared: ComparedPlan[];
  stability: Stability;
  frontier: FrontierRow[];
  /** The master problem HiGHS solved last, and the decomposition's rounds. */
  model: { columns: number; rows: number; integers: number; nonzeros: number; rounds: number; gap: number };
  seconds: { simulate: number; build: number; solve: number; evaluate: number; stability: number };
}

export async function plan(
  model: SimModel,
  options: PlanOptions,
  settings: PlanSettings,
  exportLp?: (lp: string) => Promise<void>,
): Promise<PlanResult> {
  if (model.cellGroup.length > 0 && Number.isNaN(model.unitCost.reduce((a, b) => a + b, 0))) {
    throw new BallastError(
      'bad-input',
      'planning needs unit costs for every SKU: profit is unknown without them',
      {
        hint: 'Import a costs file (sku,unit_cost,currency; docs/formats.md) and run `ballast plan` again.',
      },
    );
  }
  const clock = stopwatch();
  const pool = new Pool(Math.max(1, Math.floor(settings.workers)));
  try {
    const planning = { ...model, paths: settings.planPaths };
    const samples = await simulateSamples(planning, options, pool, settings);
    const seconds = { simulate: clock.lap(), build: 0, solve: 0, evaluate: 0, stability: 0 };

    if (exportLp) await exportLp(await extensiveLp(options, samples, settings));
    const recourse = new Recourse(options, samples);
    const solver = await Decomposition.create(recourse, settings.alpha);
    seconds.build = clock.lap();
    try {
      const solved = solver.solve(settings.risk);
      if (solved.status === 'infeasible') throw unreachable(solver, settings);
      const frontier = frontierOf(solver, settings, settings.risk.kind === 'lambda' ? solved : undefined);
      seconds.solve = clock.lap();

      const lambda = settings.risk.kind === 'lambda' ? settings.risk.lambda : 0;
      const doNothingIn = measure(samples.profit, samples.profitNoEvents, settings.alpha);
      const tail = tailIndexes(lossesOf(samples.profit, samples.profitNoEvents), settings.alpha);
      const context = {
        model,
        options,
        start: settings.start,
        currency: settings.currency,
        alpha: settings.alpha,
        tail,
        cvar: doNothingIn.cvar,
      };
      const describe = (choice: PlanChoice) =>
        describeActions(context, choice, contributions(recourse, recourse.vectorOf(choice)));
      const choice = choiceOf(recourse.layout, solved.first);
      // Each action's reason is its part of the solved (unrounded) plan, as the optimiser saw it.
      const parts = contributions(recourse, solved.first);
      const inPlan = planProfit(samples, parts);
      const actions = describeActions(context, choice, parts);

      const fresh = await freshPaths(model, settings, pool);
      const planned = await fresh.run(options, choice);
      const evaluated = fresh.measure(planned);
      const planScore = fresh.score(planned, lambda);
      const compared: ComparedPlan[] = [];
      const others = [
        ...simpleRules(options, samples, model.stock?.locations ?? []).map((r) => ({
          ...r,
          source: 'rule' as const,
        })),
        ...(settings.compare ?? []).map((r) => ({ ...r, source: 'file' as const })),
      ];
      for (const other of others) {
        const profit = await fresh.run(options, other.choice);
        const m = fresh.measure(profit);
        const score = fresh.score(profit, lambda);
        const paired = meanAndStderr(score.influence.map((v, s) => v - planScore.influence[s]));
        compared.push({
          name: other.name,
          source: other.source,
          ...(other.rule ? { rule: other.rule } : {}),
          actions: describe(other.choice),
          expectedProfit: m.expectedProfit,
          expectedProfitStderr: m.expectedProfitStderr,
          cvar: m.cvar,
          cvarStderr: m.cvarStderr,
          objective: score.objective,
          objectiveStderr: score.stderr,
          probBeatsDoNothing: m.probBeatsDoNothing,
          gain: m.gain,
          versusPlan: { mean: score.objective - planScore.objective, stderr: paired.stderr },
        });
      }
      if (settings.evaluateFrontier) {
        for (const row of frontier) {
          const { expectedProfit, cvar } = fresh.measure(await fresh.run(options, row.choice));
          row.outOfSample = { expectedProfit, cvar };
        }
      }
      seconds.evaluate = clock.lap();

      const stability = await stabilityOf(
        {
          options,
          samples,
          alpha: settings.alpha,
          risk: settings.risk,
          resamples: settings.resamples,
          seed: RESAMPLE_SEED,
        },
        (resample) => resolve(resampled(samples, resample), options, settings.alpha, settings.risk),
        (first) => describe(choiceOf(recourse.layout, first)),
        actions,
        settings.onProgress,
      );
      seconds.stability = clock.lap();

      const inSample = {
        ...measure(inPlan, samples.profitNoEvents, settings.alpha),
        paths: samples.paths,
        seed: model.seed,
        doNothing: doNothingIn,
      };
      const outObjective = planScore.objective;
      return {
        alpha: settings.alpha,
        risk: settings.risk,
        actions,
        objective: solved.objective,
        inSample,
        outOfSample: { ...evaluated, objective: outObjective, objectiveStderr: planScore.stderr },
        optimism: solved.objective - outObjective,
        gainOptimism:
          solved.objective -
          (doNothingIn.expectedProfit - lambda * doNothingIn.cvar) -
          (outObjective - (evaluated.doNothing.expectedProfit - lambda * evaluated.doNothing.cvar)),
        compared,
        stability,
        frontier: frontier.map(({ choice: _, ...row }) => row),
        model: { ...solver.dimensions(), rounds: solved.rounds, gap: solved.gap },
        seconds,
      };
    } finally {
      solver.dispose();
    }
  } finally {
    await pool.close();
  }
}

/** The plan solved on other samples (a bootstrap resample): its first-stage vector. */
async function resolve(
  samples: PlanSamples,
  options: PlanOptions,
  alpha: number,
  risk: Risk,
): Promise<Float64Array> {
  const solver = await Decomposition.create(new Recourse(options, samples), alpha);
  try {
    const solved = solver.solve(risk);
    return solved.status === 'optimal' ? solved.first : new Float64Array(solver.recourse.layout.size);
  } finally {
    solver.dispose();
  }
}

/** The extensive form (every path's recourse written out, lp.ts) as LP text: what --export-lp writes. */
async function extensiveLp(
  options: PlanOptions,
  samples: PlanSamples,
  settings: PlanSettings,
): Promise<string> {
  const solver = await PlanSolver.create(buildLinearModel(options, samples, settings.alpha, settings.risk));
  try {
    return solver.exportLp();
  } finally {
    solver.dispose();
  }
}

async function simulateSamples(
  planning: SimModel,
  options: PlanOptions,
  pool: Pool,
  settings: PlanSettings,
): Promise<PlanSamples> {
  const paths = pathRange(0, planning.paths);
  const probes = [
    ...options.open.map((_, j) => ({ ...doNothing(options), open: single(options.open.length, j) })),
    ...options.cancel.map((_, r) => ({ ...doNothing(options), cancel: single(options.cancel.length, r) })),
  ];
  const total = 1 + probes.length;
  settings.onProgress?.('simulating planning paths', 0, total);
  const recorded = concatOutputs(
    await pool.run({ model: planning, prepared: prepare(planning), paths, record: true }),
  );
  const probed: Float64Array[] = [];
  for (const [i, choice] of probes.entries()) {
    settings.onProgress?.('simulating planning paths', i + 1, total);
    const withIt = applyPlan(planning, options, choice);
    probed.push(
      concatOutputs(await pool.run({ model: withIt, prepared: prepare(withIt), paths })).profitEvent,
    );
  }
  settings.onProgress?.('simulating planning paths', total, total);
  return planSamples(planning, options, recorded, probed);
}

function single(length: number, at: number): Uint8Array {
  const out = new Uint8Array(length);
  out[at] = 1;
  return out;
}

/** Moves of fewer units are not worth a shipment: the plan leaves them out. */
export const MIN_MOVE_UNITS = 10;

/**
 * Rounded to whole units (moves under MIN_MOVE_UNITS dropped) and whole currency: what a seller can
 * do, and what is measured out of sample.
 */
export function choiceOf(layout: Layout, first: Float64Array): PlanChoice {
  const units = (v: number) => (v + 1e-6 >= MIN_MOVE_UNITS ? Math.floor(v + 1e-6) : 0);
  return {
    stock: Float64Array.from(layout.stock, (col) => units(first[col])),
    open: Uint8Array.from(layout.open, (col) => (first[col] > 0.5 ? 1 : 0)),
    budget: Float64Array.from(layout.budget, (cols) =>
      Math.round(cols.reduce((sum, col) => sum + first[col], 0)),
    ),
    cancel: Uint8Array.from(layout.cancel, (col) => (first[col] > 0.5 ? 1 : 0)),
  };
}

type FrontierWork = FrontierRow & { choice: PlanChoice };

/**
 * Solves for each frontier λ on the same master: its cuts hold for any λ, so each point starts
 * from everything the earlier ones learnt. The λ the plan was solved for reuses that solution.
 */
function frontierOf(
  solver: Decomposition,
  settings: PlanSettings,
  main: { first: Float64Array } | undefined,
): FrontierWork[] {
  const { recourse } = solver;
  const lambda = settings.risk.kind === 'lambda' ? settings.risk.lambda : undefined;
  const rows: FrontierWork[] = [];
  for (const l of FRONTIER_LAMBDAS) {
    const first = l === lambda && main ? main.first : solver.solve({ kind: 'lambda', lambda: l }).first;
    const parts = contributions(recourse, first);
    const m = measure(planProfit(recourse.samples, parts), recourse.samples.profitNoEvents, settings.alpha);
    const choice = choiceOf(recourse.layout, first);
    const actions = [...choice.stock, ...choice.open, ...choice.budget, ...choice.cancel].filter(
      (v) => v > 0,
    ).length;
    rows.push({ lambda: l, expectedProfit: m.expectedProfit, cvar: m.cvar, actions, choice });
  }
  return rows;
}

/** The infeasible-limit error, naming the lowest CVaR any plan reaches on these paths. */
function unreachable(solver: Decomposition, settings: PlanSettings): BallastError {
  const goal: Goal = { kind: 'min-cvar' };
  const solved = solver.solve(goal);
  // The decomposition stops within GAP of the optimum: the limit offered is that optimum rounded up.
  const best = -solved.objective - solved.gap;
  const limit = settings.risk.kind === 'limit' ? settings.risk.limit : NaN;
  return new BallastError(
    'infeasible',
    `no plan keeps CVaR${Math.round(settings.alpha * 100)} of loss at or below ${formatMoney(limit, settings.currency)}: the lowest any plan reaches on these paths is ${formatMoney(best, settings.currency)}`,
    {
      hint: `Use --cvar-limit ${Math.ceil(best)} or higher, or allow more decisions in the scenario's decisions: block.`,
    },
  );
}

/** Fresh paths (another seed): doing nothing is simulated once, each plan on the same paths. */
async function freshPaths(model: SimModel, settings: PlanSettings, pool: Pool) {
  const evaluation = {
    ...model,
    paths: settings.evaluationPaths,
    seed: (model.seed + EVALUATION_SEED_OFFSET) >>> 0,
  };
  const paths = pathRange(0, evaluation.paths);
  const simulate = async (m: SimModel) =>
    concatOutputs(
      await pool.run({ model: m, prepared: prepare(m), paths }, (done, total) =>
        settings.onProgress?.('measuring on fresh paths', done, total),
      ),
    );
  const none = await simulate(evaluation);
  const doNothingOut = measure(none.profitEvent, none.profitBase, settings.alpha);
  return {
    /** Profit per fresh path under a plan. */
    async run(options: PlanOptions, choice: PlanChoice): Promise<Float64Array> {
      return (await simulate(applyPlan(evaluation, options, choice))).profitEvent;
    },
    measure(profit: Float64Array) {
      const n = profit.length;
      const beats = profit.map((p, s) => (p > none.profitEvent[s] + 1e-6 ? 1 : 0));
      const p = beats.reduce((a, b) => a + b, 0) / n;
      return {
        ...measure(profit, none.profitBase, settings.alpha),
        paths: n,
        seed: evaluation.seed,
        doNothing: doNothingOut,
        probBeatsDoNothing: p,
        probBeatsDoNothingStderr: Math.sqrt((p * (1 - p)) / n),
        gain: meanAndStderr(profit.map((v, s) => v - none.profitEvent[s])),
      };
    },
    /**
     * The objective (mean profit − λ·CVaR) on the fresh paths, and per path its influence value
     * P − λ·(VaR + (L − VaR)⁺/(1−α)), whose standard error is the objective's and whose paired
     * differences compare two plans on the same paths.
     */
    score(profit: Float64Array, lambda: number) {
      const loss = lossesOf(profit, none.profitBase);
      const { cvar, valueAtRisk } = cvarOf(loss, settings.alpha);
      const influence = profit.map(
        (p, s) => p - lambda * (valueAtRisk + Math.max(0, loss[s] - valueAtRisk) / (1 - settings.alpha)),
      );
      const mean = profit.reduce((a, b) => a + b, 0) / profit.length;
      return { objective: mean - lambda * cvar, stderr: meanAndStderr(influence).stderr, influence };
    },
  };
}

function stopwatch() {
  let last = performance.now();
  return {
    lap(): number {
      const now = performance.now();
      const seconds = (now - last) / 1000;
      last = now;
      return seconds;
    },
  };
}
