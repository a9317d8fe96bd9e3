/**
 * Solving the sample-average model of docs/formulation.md, the plan's λ and the frontier's, in one of
 * two ways that reach the same optimum: by decomposition (decompose.ts; HiGHS holds only a small
 * master, so any number of paths fits) whenever the risk is a λ and the openings and cancellations
 * are few enough to enumerate, otherwise as one extensive form (lp.ts) with HiGHS's MIP solver.
 */
import { BallastError } from '../errors.js';
import { formatMoney } from '../money.js';
import { contributions, contributionsOf, planProfit, type Contributions } from './contributions.js';
import { MAX_ENUMERATED_INTEGERS, type FirstStage } from './decompose.js';
import { buildLinearModel, type LinearModel, type Risk } from './lp.js';
import { measure } from './measure.js';
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';
import type { Recourse } from './recourse.js';
import type { PlanSamples } from './samples.js';
import { PlanSolver, type Solved } from './solver.js';

/** λ values of the efficient frontier: from profit only to strongly risk-averse. */
export const FRONTIER_LAMBDAS = [0, 0.25, 0.5, 1, 2, 4, 8];
/** Moves of fewer units are not worth a shipment: the plan leaves them out. */
export const MIN_MOVE_UNITS = 10;

export interface FrontierPoint {
  lambda: number;
  expectedProfit: number;
  cvar: number;
  actions: number;
  choice: PlanChoice;
}

/** How the model was solved, for the result. */
export interface SolverReport {
  method: 'decomposition' | 'extensive';
  /** Upper bound on the optimum minus the plan's objective: 0 up to HiGHS's MIP gap for the extensive form. */
  gap: number;
  /** Second-stage evaluations (decomposition), 0 for the extensive form. */
  iterations: number;
}

export interface Solution {
  objective: number;
  /** The plan as solved (unrounded), and each decision's part of its profit per path. */
  exact: PlanChoice;
  parts: Contributions;
  frontier: FrontierPoint[];
  /** What HiGHS held: the extensive form, or the decomposition's masters together. */
  model: { columns: number; rows: number; integers: number; nonzeros: number };
  solver: SolverReport;
  /** Seconds building the extensive form (solved, or only exported with `exportLp`). */
  build: number;
}

export interface SolveSettings {
  alpha: number;
  risk: Risk;
  currency: string;
  /** `extensive` solves the whole model at once even where decomposition applies (to check one against the other). */
  method?: SolverReport['method'];
}

/** Decomposition applies to a λ objective with few enough openings and cancellations to enumerate. */
function decomposable(
  options: PlanOptions,
  settings: SolveSettings,
): settings is SolveSettings & {
  risk: { kind: 'lambda' };
} {
  return (
    settings.method !== 'extensive' &&
    settings.risk.kind === 'lambda' &&
    options.open.length + options.cancel.length <= MAX_ENUMERATED_INTEGERS
  );
}

export async function solvePlan(
  options: PlanOptions,
  samples: PlanSamples,
  recourse: Recourse,
  settings: SolveSettings,
  exportLp?: (lp: string) => Promise<void>,
): Promise<Solution> {
  const started = performance.now();
  if (exportLp) {
    // The decomposition never builds the extensive form; the export does, as it would be solved.
    const solver = await PlanSolver.create(buildLinearModel(options, samples, settings.alpha, settings.risk));
    try {
      await exportLp(await solver.exportLp());
    } finally {
      solver.dispose();
    }
  }
  if (decomposable(options, settings)) {
    const build = (performance.now() - started) / 1000;
    const lambda = settings.risk.lambda;
    const lambdas = [lambda, ...FRONTIER_LAMBDAS.filter((l) => l !== lambda)];
    const solved = await PlanSolver.decompose(options, samples, settings.alpha, lambdas);
    const point = (s: FirstStage): FrontierPoint => {
      const exact = choiceOfStage(options, s);
      const m = measure(
        planProfit(samples, contributionsOf(recourse, exact)),
        samples.profitNoEvents,
        settings.alpha,
      );
      return { lambda: s.lambda, expectedProfit: m.expectedProfit, cvar: m.cvar, ...counted(rounded(exact)) };
    };
    const plan = solved[0];
    const exact = choiceOfStage(options, plan);
    const last = solved[solved.length - 1].master;
    return {
      objective: plan.objective,
      exact,
      parts: contributionsOf(recourse, exact),
      frontier: FRONTIER_LAMBDAS.map((l) => point(solved.find((s) => s.lambda === l) ?? plan)),
      model: { columns: last.columns, rows: last.rows, integers: 0, nonzeros: last.nonzeros },
      solver: {
        method: 'decomposition',
        gap: plan.gap,
        iterations: solved.reduce((sum, s) => sum + s.iterations, 0),
      },
      build,
    };
  }

  const linear = buildLinearModel(options, samples, settings.alpha, settings.risk);
  const solver = await PlanSolver.create(linear);
  const build = (performance.now() - started) / 1000;
  try {
    const solved = await solver.solve();
    if (solved.status === 'infeasible') throw await unreachable(options, samples, settings);
    const frontier = await frontierOf(
      settings.risk.kind === 'lambda' ? { solver, lambda: settings.risk.lambda, solved } : undefined,
      options,
      samples,
      settings,
    );
    return {
      objective: solved.objective,
      exact: choiceOfValues(linear, solved.values),
      parts: contributions(options, samples, linear, solved.values),
      frontier,
      model: {
        columns: linear.numCols,
        rows: linear.numRows,
        integers: linear.integrality.reduce((a, b) => a + b, 0),
        nonzeros: linear.values.length,
      },
      solver: { method: 'extensive', gap: 0, iterations: 0 },
      build,
    };
  } finally {
    solver.dispose();
  }
}

/** The plan solved on other samples (a bootstrap resample), rounded as the plan is. */
export async function resolve(
  samples: PlanSamples,
  options: PlanOptions,
  settings: SolveSettings,
): Promise<PlanChoice> {
  if (decomposable(options, settings)) {
    const [solved] = await PlanSolver.decompose(options, samples, settings.alpha, [settings.risk.lambda]);
    return rounded(choiceOfStage(options, solved));
  }
  const linear = buildLinearModel(options, samples, settings.alpha, settings.risk);
  const solver = await PlanSolver.create(linear);
  try {
    const solved = await solver.solve();
    // A CVaR limit no plan meets on a resample: that resample chooses nothing.
    return solved.status === 'optimal' ? rounded(choiceOfValues(linear, solved.values)) : doNothing(options);
  } finally {
    solver.dispose();
  }
}

/**
 * Rounded to whole units (moves under MIN_MOVE_UNITS dropped) and whole currency: what a seller can
 * do, and what is measured out of sample.
 */
export function rounded(exact: PlanChoice): PlanChoice {
  const units = (v: number) => (v + 1e-6 >= MIN_MOVE_UNITS ? Math.floor(v + 1e-6) : 0);
  return {
    stock: exact.stock.map(units),
    open: Uint8Array.from(exact.open),
    budget: exact.budget.map(Math.round),
    cancel: Uint8Array.from(exact.cancel),
  };
}

function choiceOfValues(linear: LinearModel, values: Float64Array): PlanChoice {
  const { at } = linear;
  return {
    stock: Float64Array.from(at.stock, (col) => values[col]),
    open: Uint8Array.from(at.open, (col) => (values[col] > 0.5 ? 1 : 0)),
    budget: Float64Array.from(at.budget, (cols) => cols.reduce((sum, col) => sum + values[col], 0)),
    cancel: Uint8Array.from(at.cancel, (col) => (values[col] > 0.5 ? 1 : 0)),
  };
}

/** A decomposition's first stage as a choice: its x holds the stock options, then budget segments. */
function choiceOfStage(options: PlanOptions, s: FirstStage): PlanChoice {
  let at = options.stock.length;
  const budget = options.budget.map((b) => {
    let spend = 0;
    for (let j = 0; j < b.segments.length; j++) spend += s.x[at++];
    return spend;
  });
  return {
    stock: s.x.slice(0, options.stock.length),
    open: Uint8Array.from(s.open),
    budget: Float64Array.from(budget),
    cancel: Uint8Array.from(s.cancel),
  };
}

function counted(choice: PlanChoice): { actions: number; choice: PlanChoice } {
  const actions = [...choice.stock, ...choice.open, ...choice.budget, ...choice.cancel].filter(
    (v) => v > 0,
  ).length;
  return { actions, choice };
}

/**
 * Re-solves the λ model for each frontier λ, warm-starting from the previous solution; the λ the plan
 * was solved for reuses that solution. Under a CVaR limit the frontier needs a λ model of its own.
 */
async function frontierOf(
  main: { solver: PlanSolver; lambda: number; solved: Solved } | undefined,
  options: PlanOptions,
  samples: PlanSamples,
  settings: SolveSettings,
): Promise<FrontierPoint[]> {
  // The main solve's solver when there is one (it is warm); else one of its own, disposed of below.
  const solver =
    main?.solver ??
    (await PlanSolver.create(
      buildLinearModel(options, samples, settings.alpha, { kind: 'lambda', lambda: 0 }),
    ));
  try {
    const rows: FrontierPoint[] = [];
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
      const choice = rounded(choiceOfValues(solver.linear, solved.values));
      rows.push({ lambda, expectedProfit: m.expectedProfit, cvar: m.cvar, ...counted(choice) });
    }
    return rows;
  } finally {
    if (solver !== main?.solver) solver.dispose();
  }
}

/** The infeasible-limit error, naming the lowest CVaR any plan reaches on these paths. */
async function unreachable(
  options: PlanOptions,
  samples: PlanSamples,
  settings: SolveSettings,
): Promise<BallastError> {
  const linear = buildLinearModel(options, samples, settings.alpha, { kind: 'lambda', lambda: 0 });
  const solver = await PlanSolver.create(linear);
  try {
    await solver.minimiseCvar(settings.alpha);
    const best = -(await solver.solve()).objective;
    const limit = settings.risk.kind === 'limit' ? settings.risk.limit : NaN;
    return new BallastError(
      'infeasible',
      `no plan keeps CVaR${Math.round(settings.alpha * 100)} of loss at or below ${formatMoney(limit, settings.currency)}: the lowest any plan reaches on these paths is ${formatMoney(best, settings.currency)}`,
      {
        hint: `Use \`cvarLimit\` ${Math.ceil(best)} or higher, or allow more decisions in the scenario's decisions: block.`,
        place: { option: 'cvarLimit' },
      },
    );
  } finally {
    solver.dispose();
  }
}
