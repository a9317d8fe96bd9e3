/**
 * Each decision's part of a plan's profit, path by path (the terms of a path's profit in
 * docs/formulation.md §3, with the second stage solved exactly by recourse.ts). They add up, with
 * the do-nothing profit, to the plan's in-sample profit per path; an action's reason is its mean
 * part over all paths and over the do-nothing tail.
 */
import type { Recourse } from './recourse.js';
import type { PlanSamples } from './samples.js';

export interface Contributions {
  stock: Float64Array[];
  open: Float64Array[];
  budget: Float64Array[];
  cancel: Float64Array[];
}

export function contributions(recourse: Recourse, z: Float64Array): Contributions {
  const { options, samples, layout } = recourse;
  const n = samples.paths;
  const moved = layout.stock.map((col) => z[col]);
  const stock = options.stock.map((o, i) => new Float64Array(n).fill(-o.costPerUnit * moved[i]));
  const allocation = {
    sold: new Float64Array(options.stock.length),
    lost: new Float64Array(samples.sources.length),
  };
  for (let s = 0; s < n; s++) {
    recourse.profit(z, s, undefined, allocation);
    allocation.sold.forEach((units, i) => (stock[i][s] += units * samples.gain[i][s]));
    for (const src of recourse.sources) {
      const lost = allocation.lost[src.at];
      const total = src.options.reduce((sum, i) => sum + moved[i], 0);
      if (lost <= 0 || total <= 0) continue;
      // Sales lost at the source are shared among the moves out of it, in proportion to their units.
      for (const i of src.options) stock[i][s] -= (src.margin * lost * moved[i]) / total;
    }
  }
  const scaled = (delta: Float64Array, x: number) => delta.map((d) => d * x);
  return {
    stock,
    open: layout.open.map((col, j) => scaled(samples.openDelta[j], z[col])),
    budget: layout.budget.map((cols, q) =>
      Float64Array.from({ length: n }, (_, s) =>
        cols.reduce(
          (sum, col, i) =>
            sum + z[col] * (options.budget[q].segments[i].slope * samples.budgetMargin[q][s] - 1),
          0,
        ),
      ),
    ),
    cancel: layout.cancel.map((col, r) => scaled(samples.cancelDelta[r], z[col])),
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
