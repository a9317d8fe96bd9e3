/**
 * Each decision's part of a solved plan's profit, path by path (the terms of the loss rows in
 * lp.ts). They add up, with the do-nothing profit, to the plan's in-sample profit per path; an
 * action's reason is its mean part over all paths and over the do-nothing tail.
 */
import type { LinearModel } from './lp.js';
import type { PlanChoice, PlanOptions } from './options.js';
import type { Recourse } from './recourse.js';
import type { PlanSamples } from './samples.js';

export interface Contributions {
  stock: Float64Array[];
  open: Float64Array[];
  budget: Float64Array[];
  cancel: Float64Array[];
}

export function contributions(
  options: PlanOptions,
  samples: PlanSamples,
  linear: LinearModel,
  values: Float64Array,
): Contributions {
  const n = samples.paths;
  const { at } = linear;
  const moved = at.stock.map((col) => values[col]);
  const stock = options.stock.map((o, i) => new Float64Array(n).fill(-o.costPerUnit * moved[i]));
  const sourceUnits = samples.sources.map((src) => src.options.reduce((sum, i) => sum + moved[i], 0));
  for (const r of at.recourse) {
    const value = r.coef * values[r.col];
    if (r.option !== undefined) stock[r.option][r.path] += value;
    else if (r.source !== undefined && sourceUnits[r.source] > 0) {
      // Sales lost at the source are shared among the moves out of it, in proportion to their units.
      for (const i of samples.sources[r.source].options)
        stock[i][r.path] += (value * moved[i]) / sourceUnits[r.source];
    }
  }
  const scaled = (delta: Float64Array, x: number) => delta.map((d) => d * x);
  return {
    stock,
    open: at.open.map((col, j) => scaled(samples.openDelta[j], values[col])),
    budget: at.budget.map((cols, q) =>
      Float64Array.from({ length: n }, (_, s) =>
        cols.reduce(
          (sum, col, i) =>
            sum + values[col] * (options.budget[q].segments[i].slope * samples.budgetMargin[q][s] - 1),
          0,
        ),
      ),
    ),
    cancel: at.cancel.map((col, r) => scaled(samples.cancelDelta[r], values[col])),
  };
}

/** The plan's in-sample profit per path: do-nothing profit plus every contribution. */
export function planProfit(samples: PlanSamples, parts: Contributions): Float64Array {
  const out = Float64Array.from(samples.profit);
  for (const list of [parts.stock, parts.open, parts.budget, parts.cancel]) {
    for (const part of list) for (let s = 0; s < out.length; s++) out[s] += part[s];
  }
  return out;
}

/**
 * The same parts for any plan (a simple rule, a file of the user's), from the closed-form second
 * stage: the reasons its actions are given are measured the way the optimiser's are.
 */
export function contributionsOf(recourse: Recourse, choice: PlanChoice): Contributions {
  const { options, samples } = recourse;
  const n = samples.paths;
  const stock = options.stock.map((o, i) => new Float64Array(n).fill(-o.costPerUnit * choice.stock[i]));
  const allocation = {
    sold: new Float64Array(options.stock.length),
    lost: new Float64Array(samples.sources.length),
  };
  for (let s = 0; s < n; s++) {
    recourse.profit(choice, s, allocation);
    allocation.sold.forEach((units, i) => (stock[i][s] += units * samples.gain[i][s]));
    samples.sources.forEach((src, k) => {
      const lost = allocation.lost[k];
      const total = src.options.reduce((sum, i) => sum + choice.stock[i], 0);
      if (lost <= 0 || total <= 0) return;
      // Sales lost at the source are shared among the moves out of it, in proportion to their units.
      for (const i of src.options) stock[i][s] -= (src.margin * lost * choice.stock[i]) / total;
    });
  }
  const scaled = (delta: Float64Array, x: number) => delta.map((d) => d * x);
  return {
    stock,
    open: samples.openDelta.map((d, j) => scaled(d, choice.open[j])),
    budget: options.budget.map((b, q) =>
      Float64Array.from({ length: n }, (_, s) => {
        let [left, part] = [choice.budget[q], 0];
        for (const segment of b.segments) {
          const spend = Math.min(left, segment.width);
          part += spend * (segment.slope * samples.budgetMargin[q][s] - 1);
          left -= spend;
        }
        return part;
      }),
    ),
    cancel: samples.cancelDelta.map((d, r) => scaled(d, choice.cancel[r])),
  };
}
