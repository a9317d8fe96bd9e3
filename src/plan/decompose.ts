/**
 * The λ model of lp.ts solved by decomposition (docs/formulation.md §4), so that the number of paths
 * no longer sets the size of what HiGHS holds: the second stage is solved in closed form per path
 * (second-stage.ts), and HiGHS only solves a small master over the decisions taken now.
 *
 * Openings and cancellations are the only integers; each of their 2^k combinations is a convex
 * problem in the continuous decisions (mean profit is concave in them, CVaR of loss convex), solved by
 * cutting planes in a trust region (Linderoth & Wright, 2003): the master maximises θP − λ·θC under
 * cuts θP ≤ mean(xᵢ) + gᵢ·(x − xᵢ) and θC ≥ CVaR(xᵢ) + hᵢ·(x − xᵢ) in a box around the best point so
 * far. Mean and CVaR have cuts of their own, so every frontier λ reuses the cuts of the others. The
 * master without the box is an upper bound on the combination's optimum; a combination stops when
 * that bound is within the tolerance of its best point, and the reported gap is the largest bound
 * over all combinations minus the best value found.
 */
import type { Highs, Model } from 'highs';
import { BallastError } from '../errors.js';
import type { PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';
import { SecondStage } from './second-stage.js';

/** Relative optimality gap the decomposition stops at (of the objective's size, at least 1). */
export const DECOMPOSITION_GAP = 1e-6;
/** Openings and cancellations beyond which enumerating their combinations is not attempted. */
export const MAX_ENUMERATED_INTEGERS = 6;
const MAX_ITERATIONS = 2_000;

export interface FirstStage {
  lambda: number;
  /** Mean profit − λ·CVaR of loss at `x`, and its two parts. */
  objective: number;
  mean: number;
  cvar: number;
  /** Units per stock option, then spend per budget segment (second-stage.ts's layout). */
  x: Float64Array;
  open: Uint8Array;
  cancel: Uint8Array;
  /** Upper bound on the optimum minus `objective` (≥ 0): how far from optimal it may be. */
  gap: number;
  /** Points where the second stage was evaluated for this λ, over all combinations. */
  iterations: number;
  /** What HiGHS holds once this λ is solved: the masters of every combination together. */
  master: { combinations: number; columns: number; rows: number; nonzeros: number };
}

type Master = Model & { dispose(): void };

/** One combination of openings and cancellations: its fixed profit per path, master and best point. */
interface Combination {
  highs: Highs;
  open: Uint8Array;
  cancel: Uint8Array;
  fixed: Float64Array;
  fixedMean: number;
  master: Master;
  center: Float64Array;
  centerMean: number;
  centerCvar: number;
  rows: number;
  nonzeros: number;
}

/**
 * Solves the λ model for each λ in turn (cuts carried from one to the next) and returns the best
 * first stage for each.
 */
export function decompose(
  highs: Highs,
  options: PlanOptions,
  samples: PlanSamples,
  alpha: number,
  lambdas: number[],
): FirstStage[] {
  const stage = new SecondStage(options, samples, alpha);
  const combinations = enumerate(options).map(({ open, cancel }) =>
    combination(highs, stage, options, open, cancel),
  );
  try {
    return lambdas.map((lambda) => solveFor(highs, stage, combinations, lambda));
  } finally {
    for (const c of combinations) c.master.dispose();
  }
}

function enumerate(options: PlanOptions): Array<{ open: Uint8Array; cancel: Uint8Array }> {
  const J = options.open.length;
  const k = J + options.cancel.length;
  return Array.from({ length: 2 ** k }, (_, bits) => ({
    open: Uint8Array.from({ length: J }, (_, j) => (bits >> j) & 1),
    cancel: Uint8Array.from({ length: k - J }, (_, r) => (bits >> (J + r)) & 1),
  }));
}

function combination(
  highs: Highs,
  stage: SecondStage,
  options: PlanOptions,
  open: Uint8Array,
  cancel: Uint8Array,
): Combination {
  const d = stage.size;
  const columns = d + 1 + stage.destinations.length + stage.samples.sources.length;
  // Columns: x, θC (CVaR of loss), θ per destination piece, θ per source piece; rows: lanes, then cuts.
  const lanes = options.laneCapacity;
  const starts = [0];
  const indices: number[] = [];
  for (const lane of lanes) {
    indices.push(...lane.options);
    starts.push(indices.length);
  }
  const master = highs.createModel({
    numCols: columns,
    numRows: lanes.length,
    sense: highs.constants.objectiveSense.maximize,
    // The mean is its linear part plus the pieces' θ (the constant, the fixed decisions' mean, aside).
    colCost: Float64Array.from({ length: columns }, (_, i) =>
      i < d ? stage.meanLinear[i] : i === d ? 0 : 1,
    ),
    colLower: Float64Array.from({ length: columns }, (_, i) => (i < d ? stage.lower[i] : -highs.infinity)),
    colUpper: Float64Array.from({ length: columns }, (_, i) => (i < d ? stage.upper[i] : highs.infinity)),
    rowLower: new Float64Array(lanes.length).fill(-highs.infinity),
    rowUpper: Float64Array.from(lanes, (l) => l.capacity),
    matrix: {
      format: 'csr',
      numRows: lanes.length,
      numCols: columns,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: new Float64Array(indices.length).fill(1),
    },
  }) as Master;
  master.options.set({ output_flag: false });
  const fixed = stage.fixedProfit(open, cancel);
  const c: Combination = {
    highs,
    open,
    cancel,
    fixed,
    fixedMean: fixed.reduce((a, b) => a + b, 0) / fixed.length,
    master,
    center: new Float64Array(d),
    centerMean: 0,
    centerCvar: 0,
    rows: lanes.length,
    nonzeros: indices.length,
  };
  // Start from doing nothing, with a second cut at every decision's largest value (lanes allowing).
  const none = addCuts(stage, c, new Float64Array(d));
  [c.centerMean, c.centerCvar] = [none.mean, none.cvar];
  addCuts(stage, c, stage.upper);
  return c;
}

/**
 * Cuts at x: always the CVaR's; a piece's only where the master's θ for it (`claimed`, the trial
 * solution) exceeds the piece's true value at x, since otherwise the cut would not cut anything off.
 */
function addCuts(
  stage: SecondStage,
  c: Combination,
  x: Float64Array,
  claimed?: Float64Array,
): { mean: number; cvar: number } {
  const d = stage.size;
  const infinity = c.highs.infinity;
  const cut = stage.cut(x, c.fixed);
  const add = (upper: number, cols: number[], values: number[]) => {
    c.master.addRow(-infinity, upper, { indices: Int32Array.from(cols), values: Float64Array.from(values) });
    c.rows += 1;
    c.nonzeros += cols.length;
  };
  const violated = (col: number, value: number) =>
    !claimed || claimed[col] > value + DECOMPOSITION_GAP * Math.max(1, Math.abs(value));
  // h·x − θC ≤ h·xᵢ − CVaR(xᵢ)
  let dot = 0;
  for (let i = 0; i < d; i++) dot += cut.cvarGradient[i] * x[i];
  add(dot - cut.cvar, [...Array.from({ length: d }, (_, i) => i), d], [...cut.cvarGradient, -1]);
  // θp − g·x ≤ value(xᵢ) − g·xᵢ over the piece's own moves
  stage.destinations.forEach((moves, p) => {
    const col = d + 1 + p;
    if (!violated(col, cut.destinationValue[p])) return;
    let at = 0;
    for (const i of moves) at += cut.destinationGradient[i] * x[i];
    add(cut.destinationValue[p] - at, [...moves, col], [...moves.map((i) => -cut.destinationGradient[i]), 1]);
  });
  stage.samples.sources.forEach((src, k) => {
    const col = d + 1 + stage.destinations.length + k;
    if (!violated(col, cut.sourceValue[k])) return;
    let moved = 0;
    for (const o of src.options) moved += x[o];
    const g = cut.sourceGradient[k];
    add(cut.sourceValue[k] - g * moved, [...src.options, col], [...src.options.map(() => -g), 1]);
  });
  return { mean: cut.mean, cvar: cut.cvar };
}

function solveFor(highs: Highs, stage: SecondStage, combinations: Combination[], lambda: number): FirstStage {
  const d = stage.size;
  const value = (mean: number, cvar: number) => mean - lambda * cvar;
  let best: Combination | undefined;
  let bestValue = -Infinity;
  let bound = -Infinity;
  let iterations = 0;
  const global = (c: Combination) => masterSolve(highs, c, stage.lower, stage.upper);
  // The combination with the highest bound first: the best is usually found first, and the others
  // stop as soon as their bound falls below it.
  const bounded = combinations.map((c) => {
    c.master.changeColCost(d, -lambda);
    return { c, upper: global(c).objective };
  });
  bounded.sort((a, b) => b.upper - a.upper);
  for (const entry of bounded) {
    const { c } = entry;
    const tolerance = () => DECOMPOSITION_GAP * Math.max(1, Math.abs(value(c.centerMean, c.centerCvar)));
    let radius = 0.1;
    let steps = 0;
    while (entry.upper - value(c.centerMean, c.centerCvar) > tolerance()) {
      // A combination whose bound is below the best found cannot win: no need to refine it.
      if (entry.upper <= bestValue + tolerance() || iterations >= MAX_ITERATIONS * combinations.length) break;
      const fc = value(c.centerMean, c.centerCvar);
      let trial = masterSolve(highs, c, ...boxAround(stage, c.center, radius));
      if (trial.objective - fc <= tolerance()) {
        // Nothing left to gain near the best point: is there elsewhere? Widen the box, try the bound's point.
        trial = global(c);
        entry.upper = trial.objective;
        radius = Math.min(1, radius * 4);
        if (entry.upper - fc <= tolerance()) break;
      } else if (++steps % 10 === 0) entry.upper = global(c).objective;
      const predicted = trial.objective - fc;
      const at = clamp(trial.values.subarray(0, d), stage);
      const { mean, cvar } = addCuts(stage, c, at, trial.values);
      iterations++;
      const actual = value(mean, cvar) - fc;
      if (actual >= 0.1 * predicted) {
        c.center = at;
        [c.centerMean, c.centerCvar] = [mean, cvar];
        if (actual >= 0.5 * predicted) radius = Math.min(1, radius * 2);
      } else if (actual < 0) radius = Math.max(1e-4, radius / 2);
    }
    bound = Math.max(bound, entry.upper);
    const fc = value(c.centerMean, c.centerCvar);
    if (fc > bestValue) [best, bestValue] = [c, fc];
  }
  const winner = best ?? combinations[0];
  return {
    lambda,
    objective: bestValue,
    mean: winner.centerMean,
    cvar: winner.centerCvar,
    x: Float64Array.from(winner.center),
    open: winner.open,
    cancel: winner.cancel,
    gap: Math.max(0, bound - bestValue),
    iterations,
    master: {
      combinations: combinations.length,
      columns: combinations.length * (d + 1 + stage.destinations.length + stage.samples.sources.length),
      rows: combinations.reduce((sum, c) => sum + c.rows, 0),
      nonzeros: combinations.reduce((sum, c) => sum + c.nonzeros, 0),
    },
  };
}

function boxAround(stage: SecondStage, center: Float64Array, radius: number): [Float64Array, Float64Array] {
  const lower = new Float64Array(stage.size);
  const upper = new Float64Array(stage.size);
  for (let i = 0; i < stage.size; i++) {
    const r = radius * (stage.upper[i] - stage.lower[i]);
    lower[i] = Math.max(stage.lower[i], center[i] - r);
    upper[i] = Math.min(stage.upper[i], center[i] + r);
  }
  return [lower, upper];
}

function clamp(x: Float64Array, stage: SecondStage): Float64Array {
  return x.map((v, i) => Math.min(stage.upper[i], Math.max(stage.lower[i], v)));
}

/** The master in a box: its optimum (the fixed decisions' mean added back) and every column's value. */
function masterSolve(
  highs: Highs,
  c: Combination,
  lower: Float64Array,
  upper: Float64Array,
): { objective: number; values: Float64Array } {
  const d = lower.length;
  if (d > 0) c.master.changeColsBounds({ kind: 'range', from: 0, to: d - 1 }, lower, upper);
  const { modelStatus } = c.master.run();
  if (modelStatus !== highs.constants.modelStatus.optimal)
    throw new BallastError(
      'internal',
      `the decomposition's master problem stopped with HiGHS status ${modelStatus}`,
      {
        hint: 'Plan with a CVaR limit instead (it solves the whole model at once), or report the scenario.',
      },
    );
  return {
    objective: c.master.getObjectiveValue() + c.fixedMean,
    values: Float64Array.from(c.master.getSolution().colValue),
  };
}
