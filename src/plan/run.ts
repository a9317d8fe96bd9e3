/**
 * Planning end to end on a simulator model: simulate the planning paths (recording what the
 * optimiser needs), build and solve the sample-average model with HiGHS, then measure the chosen
 * plan and doing nothing on fresh paths of another seed through the real simulator.
 */
import { BallastError } from '../errors.js';
import { Pool, concatOutputs, pathRange, prepare, tailIndexes, type SimModel } from '../simulate/index.js';
import { describeActions, formatMoney, type PlanAction } from './actions.js';
import { applyPlan } from './apply.js';
import { contributions, planProfit } from './contributions.js';
import { buildLinearModel, type LinearModel, type Risk } from './lp.js';
import { lossesOf, meanAndStderr, measure, type Measured } from './measure.js';
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';
import { planSamples, type PlanSamples } from './samples.js';
import { PlanSolver, type Solved } from './solver.js';

/** λ values of the efficient frontier: from profit only to strongly risk-averse. */
export const FRONTIER_LAMBDAS = [0, 0.25, 0.5, 1, 2, 4, 8];
/** The evaluation seed is the planning seed plus this, so the two never share a path. */
export const EVALUATION_SEED_OFFSET = 1_000_003;

export interface PlanSettings {
  alpha: number;
  risk: Risk;
  /** Paths the optimiser sees, and fresh paths the result is measured on. */
  planPaths: number;
  evaluationPaths: number;
  workers: number;
  /** Measure every frontier plan on the fresh paths too (otherwise in-sample only). */
  evaluateFrontier: boolean;
  start: string;
  currency: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Stops the simulations between chunks of paths (a 'cancelled' BallastError). */
  signal?: AbortSignal;
}

export interface FrontierRow {
  lambda: number;
  expectedProfit: number;
  cvar: number;
  actions: number;
  outOfSample?: { expectedProfit: number; cvar: number };
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
  frontier: FrontierRow[];
  model: { columns: number; rows: number; integers: number; nonzeros: number };
  seconds: { simulate: number; build: number; solve: number; evaluate: number };
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
  const pool = new Pool(Math.max(1, Math.floor(settings.workers)), settings.signal);
  try {
    const planning = { ...model, paths: settings.planPaths };
    const samples = await simulateSamples(planning, options, pool, settings);
    const seconds = { simulate: clock.lap(), build: 0, solve: 0, evaluate: 0 };

    const linear = buildLinearModel(options, samples, settings.alpha, settings.risk);
    const solver = await PlanSolver.create(linear);
    seconds.build = clock.lap();
    try {
      if (exportLp) await exportLp(await solver.exportLp());
      const solved = await solver.solve();
      if (solved.status === 'infeasible')
        throw await unreachable(options, samples, settings, settings.currency);
      const frontier = await frontierOf(
        settings.risk.kind === 'lambda' ? { solver, lambda: settings.risk.lambda, solved } : undefined,
        options,
        samples,
        settings,
      );
      seconds.solve = clock.lap();

      const parts = contributions(options, samples, linear, solved.values);
      const inPlan = planProfit(samples, parts);
      const doNothingIn = measure(samples.profit, samples.profitNoEvents, settings.alpha);
      const choice = choiceOf(linear, solved.values);
      const tail = tailIndexes(lossesOf(samples.profit, samples.profitNoEvents), settings.alpha);
      const actions = describeActions(
        {
          model,
          options,
          start: settings.start,
          currency: settings.currency,
          alpha: settings.alpha,
          tail,
          cvar: doNothingIn.cvar,
        },
        choice,
        parts,
      );

      const fresh = await freshPaths(model, settings, pool);
      const evaluated = await fresh.measure(options, choice);
      if (settings.evaluateFrontier) {
        for (const row of frontier) {
          const { expectedProfit, cvar } = await fresh.measure(options, row.choice);
          row.outOfSample = { expectedProfit, cvar };
        }
      }
      seconds.evaluate = clock.lap();

      const lambda = settings.risk.kind === 'lambda' ? settings.risk.lambda : 0;
      const inSample = {
        ...measure(inPlan, samples.profitNoEvents, settings.alpha),
        paths: samples.paths,
        seed: model.seed,
        doNothing: doNothingIn,
      };
      const outObjective = evaluated.expectedProfit - lambda * evaluated.cvar;
      return {
        alpha: settings.alpha,
        risk: settings.risk,
        actions,
        objective: solved.objective,
        inSample,
        outOfSample: { ...evaluated, objective: outObjective },
        optimism: solved.objective - outObjective,
        gainOptimism:
          solved.objective -
          (doNothingIn.expectedProfit - lambda * doNothingIn.cvar) -
          (outObjective - (evaluated.doNothing.expectedProfit - lambda * evaluated.doNothing.cvar)),
        frontier: frontier.map(({ choice: _, ...row }) => row),
        model: {
          columns: linear.numCols,
          rows: linear.numRows,
          integers: linear.integrality.reduce((a, b) => a + b, 0),
          nonzeros: linear.values.length,
        },
        seconds,
      };
    } finally {
      solver.dispose();
    }
  } finally {
    await pool.close();
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
function choiceOf(linear: LinearModel, values: Float64Array): PlanChoice {
  const { at } = linear;
  const units = (v: number) => (v + 1e-6 >= MIN_MOVE_UNITS ? Math.floor(v + 1e-6) : 0);
  return {
    stock: Float64Array.from(at.stock, (col) => units(values[col])),
    open: Uint8Array.from(at.open, (col) => (values[col] > 0.5 ? 1 : 0)),
    budget: Float64Array.from(at.budget, (cols) =>
      Math.round(cols.reduce((sum, col) => sum + values[col], 0)),
    ),
    cancel: Uint8Array.from(at.cancel, (col) => (values[col] > 0.5 ? 1 : 0)),
  };
}

type FrontierWork = FrontierRow & { choice: PlanChoice };

/**
 * Re-solves the λ model for each frontier λ, warm-starting from the previous solution; the λ the plan
 * was solved for reuses that solution. Under a CVaR limit the frontier needs a λ model of its own.
 */
async function frontierOf(
  main: { solver: PlanSolver; lambda: number; solved: Solved } | undefined,
  options: PlanOptions,
  samples: PlanSamples,
  settings: PlanSettings,
): Promise<FrontierWork[]> {
  const own = main
    ? undefined
    : await PlanSolver.create(
        buildLinearModel(options, samples, settings.alpha, { kind: 'lambda', lambda: 0 }),
      );
  const solver = main?.solver ?? own!;
  try {
    const rows: FrontierWork[] = [];
    let warm: Float64Array | undefined;
    for (const lambda of FRONTIER_LAMBDAS) {
      let solved = main?.lambda === lambda ? main.solved : undefined;
      if (!solved) {
        await solver.setLambda(lambda, settings.alpha);
        solved = await solver.solve(warm);
      }
      warm = solved.values;
      const parts = contributions(options, samples, solver.linear, solved.values);
      const m = measure(planProfit(samples, parts), samples.profitNoEvents, settings.alpha);
      const choice = choiceOf(solver.linear, solved.values);
      const actions = [...choice.stock, ...choice.open, ...choice.budget, ...choice.cancel].filter(
        (v) => v > 0,
      ).length;
      rows.push({ lambda, expectedProfit: m.expectedProfit, cvar: m.cvar, actions, choice });
    }
    return rows;
  } finally {
    own?.dispose();
  }
}

/** The infeasible-limit error, naming the lowest CVaR any plan reaches on these paths. */
async function unreachable(
  options: PlanOptions,
  samples: PlanSamples,
  settings: PlanSettings,
  currency: string,
): Promise<BallastError> {
  const linear = buildLinearModel(options, samples, settings.alpha, { kind: 'lambda', lambda: 0 });
  const solver = await PlanSolver.create(linear);
  try {
    await solver.minimiseCvar(settings.alpha);
    const best = -(await solver.solve()).objective;
    const limit = settings.risk.kind === 'limit' ? settings.risk.limit : NaN;
    return new BallastError(
      'infeasible',
      `no plan keeps CVaR${Math.round(settings.alpha * 100)} of loss at or below ${formatMoney(limit, currency)}: the lowest any plan reaches on these paths is ${formatMoney(best, currency)}`,
      {
        hint: `Use \`cvarLimit\` ${Math.ceil(best)} or higher, or allow more decisions in the scenario's decisions: block.`,
        place: { option: 'cvarLimit' },
      },
    );
  } finally {
    solver.dispose();
  }
}

/** Fresh paths (another seed): doing nothing is simulated once, each plan on the same paths. */
async function freshPaths(model: SimModel, settings: PlanSettings, pool: Pool) {
  const evaluation = {
    ...model,
    paths: settings.evaluationPaths,
    seed: (model.seed + EVALUATION_SEED_OFFSET) >>> 0,
  };
  const paths = pathRange(0, evaluation.paths);
  const run = async (m: SimModel) =>
    concatOutputs(
      await pool.run({ model: m, prepared: prepare(m), paths }, (done, total) =>
        settings.onProgress?.('measuring on fresh paths', done, total),
      ),
    );
  const none = await run(evaluation);
  const doNothingOut = measure(none.profitEvent, none.profitBase, settings.alpha);
  return {
    async measure(
      options: PlanOptions,
      choice: PlanChoice,
    ): Promise<Omit<PlanResult['outOfSample'], 'objective'>> {
      const planned = await run(applyPlan(evaluation, options, choice));
      const profit = planned.profitEvent;
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
