/**
 * Planning end to end on a simulator model: simulate the planning paths (recording what the
 * optimiser needs), build and solve the sample-average model with HiGHS, then measure the chosen
 * plan, doing nothing, the simple rules and the user's own plans on the same fresh paths of another
 * seed through the real simulator, and solve again on resampled paths to see how stable the choice is.
 */
import { BallastError } from '../errors.js';
import { Pool, concatOutputs, pathRange, prepare, tailIndexes, type SimModel } from '../simulate/index.js';
import { describeActions, type PlanAction } from './actions.js';
import { applyPlan } from './apply.js';
import { contributionsOf, planProfit } from './contributions.js';
import type { Risk } from './lp.js';
import { cvarOf, lossesOf, meanAndStderr, measure, type Measured } from './measure.js';
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';
import { Recourse } from './recourse.js';
import { simpleRules, type NamedPlan, type RuleKind } from './rules.js';
import { planSamples, resampled, type PlanSamples } from './samples.js';
import { resolve, rounded, solvePlan, type SolverReport } from './solve.js';
import { stabilityOf, type Stability } from './stability.js';

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
  /** Plans of the user's own (`--compare`), scored beside the optimiser's and the simple rules. */
  compare?: NamedPlan[];
  /** Bootstrap resamples of the planning paths the plan is solved again on (0: no stability table). */
  resamples: number;
  /**
   * How the model is solved: by default decomposition for a λ objective (any number of paths), the
   * extensive form under a CVaR limit; `extensive` forces the latter.
   */
  method?: SolverReport['method'];
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
  /** Mean profit − λ·CVaR on the fresh paths (λ 0 under a CVaR limit), and its standard error. */
  objective: number;
  objectiveStderr: number;
  probBeatsDoNothing: number;
  /** Profit minus doing nothing's, path by path. */
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
  /** What HiGHS held: the extensive form, or the decomposition's masters together. */
  model: { columns: number; rows: number; integers: number; nonzeros: number };
  solver: SolverReport;
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
  const pool = new Pool(Math.max(1, Math.floor(settings.workers)), settings.signal);
  try {
    const planning = { ...model, paths: settings.planPaths };
    const samples = await simulateSamples(planning, options, pool, settings);
    const seconds = { simulate: clock.lap(), build: 0, solve: 0, evaluate: 0, stability: 0 };

    const recourse = new Recourse(options, samples);
    const solution = await solvePlan(options, samples, recourse, settings, exportLp);
    const frontier: Array<FrontierRow & { choice: PlanChoice }> = solution.frontier;
    seconds.build = solution.build;
    seconds.solve = clock.lap() - solution.build;

    const parts = solution.parts;
    const inPlan = planProfit(samples, parts);
    const doNothingIn = measure(samples.profit, samples.profitNoEvents, settings.alpha);
    const choice = rounded(solution.exact);
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
    // Each action's reason is its part of the solved (unrounded) plan, as the optimiser saw it;
    // other plans' reasons come from the same second stage in closed form.
    const actions = describeActions(context, choice, parts);
    const describe = (other: PlanChoice) => describeActions(context, other, contributionsOf(recourse, other));

    const lambda = settings.risk.kind === 'lambda' ? settings.risk.lambda : 0;
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
      const profit = sameChoice(other.choice, choice) ? planned : await fresh.run(options, other.choice);
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
      samples.paths,
      settings.resamples,
      async (pick) => describe(await resolve(resampled(samples, pick), options, settings)),
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
      objective: solution.objective,
      inSample,
      outOfSample: { ...evaluated, objective: outObjective, objectiveStderr: planScore.stderr },
      optimism: solution.objective - outObjective,
      gainOptimism:
        solution.objective -
        (doNothingIn.expectedProfit - lambda * doNothingIn.cvar) -
        (outObjective - (evaluated.doNothing.expectedProfit - lambda * evaluated.doNothing.cvar)),
      compared,
      stability,
      frontier: frontier.map(({ choice: _, ...row }) => row),
      model: solution.model,
      solver: solution.solver,
      seconds,
    };
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
    measure(profit: Float64Array): Omit<PlanResult['outOfSample'], 'objective' | 'objectiveStderr'> {
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

/** The same decisions (a rule the optimiser chose is not simulated twice). */
function sameChoice(a: PlanChoice, b: PlanChoice): boolean {
  const equal = (x: ArrayLike<number>, y: ArrayLike<number>) =>
    x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);
  return (
    equal(a.stock, b.stock) && equal(a.open, b.open) && equal(a.budget, b.budget) && equal(a.cancel, b.cancel)
  );
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
