/**
 * The model's second stage solved in closed form (docs/formulation.md §4), for plans the optimiser
 * did not choose (a simple rule, a file of the user's) and for resampled paths. Once the decisions
 * taken now are fixed, a path's recourse LP has an obvious answer: each destination sells the moved
 * units up to its shortfall, best margin first when several moves share it, and only at a positive
 * margin (a continuous knapsack with unit weights, which the greedy fill solves exactly), and a
 * source loses the sales of every unit moved beyond what would have been left there. It gives the path the same profit as the
 * extensive form of lp.ts with the first stage fixed (lp.ts fixes at 0 the moves that cannot pay in
 * any path; a plan given here may still take them, and their units sell).
 */
import type { PlanChoice, PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

/** Per path: units each move sells at its destination, and sales each source loses. */
export interface Allocation {
  sold: Float64Array;
  lost: Float64Array;
}

export class Recourse {
  /** Per stock option, the shared destination it belongs to (index into samples.shared), or −1. */
  private readonly sharedOf: Int32Array;
  private readonly order: number[] = [];

  constructor(
    readonly options: PlanOptions,
    readonly samples: PlanSamples,
  ) {
    this.sharedOf = new Int32Array(options.stock.length).fill(-1);
    samples.shared.forEach((d, k) => d.options.forEach((o) => (this.sharedOf[o] = k)));
  }

  /**
   * Profit of path s under a choice; with `allocation`, the units sold per option and lost per
   * source are written into it.
   */
  profit(choice: PlanChoice, s: number, allocation?: Allocation): number {
    const { options, samples } = this;
    let profit = samples.profit[s];
    options.stock.forEach((o, i) => (profit -= o.costPerUnit * choice.stock[i]));
    choice.open.forEach((x, j) => (profit += x * samples.openDelta[j][s]));
    options.budget.forEach((b, q) => {
      let left = choice.budget[q];
      for (const segment of b.segments) {
        const spend = Math.min(left, segment.width);
        profit += spend * (segment.slope * samples.budgetMargin[q][s] - 1);
        left -= spend;
      }
    });
    choice.cancel.forEach((x, r) => (profit += x * samples.cancelDelta[r][s]));

    const sold = allocation?.sold;
    sold?.fill(0);
    const active: number[][] = samples.shared.map(() => []);
    options.stock.forEach((_, i) => {
      // The LP sells nothing at a margin of 0 or less (its sales column only adds loss there).
      if (samples.short[i][s] <= 0 || samples.gain[i][s] <= 0 || choice.stock[i] <= 0) return;
      const k = this.sharedOf[i];
      if (k >= 0) active[k].push(i);
      else profit += this.sell(choice, s, i, Infinity, sold).value;
    });
    active.forEach((list, k) => {
      if (list.length === 0) return;
      const gain = (i: number) => samples.gain[i][s];
      this.order.length = 0;
      this.order.push(...list.sort((a, b) => gain(b) - gain(a) || a - b));
      let cap = samples.shared[k].short[s];
      for (const i of this.order) {
        const sale = this.sell(choice, s, i, cap, sold);
        cap -= sale.units;
        profit += sale.value;
      }
    });

    const lost = allocation?.lost;
    lost?.fill(0);
    samples.sources.forEach((src, k) => {
      // A source that sells at a loss loses nothing by giving units up (lp.ts leaves it out too).
      if (src.margin <= 0) return;
      let moved = 0;
      for (const o of src.options) moved += choice.stock[o];
      const beyond = moved - src.unsold[s];
      if (beyond <= 0) return;
      profit -= src.margin * beyond;
      if (lost) lost[k] = beyond;
    });
    return profit;
  }

  /** Profit per path under a choice. */
  profits(choice: PlanChoice): Float64Array {
    return Float64Array.from({ length: this.samples.paths }, (_, s) => this.profit(choice, s));
  }

  /** One move's sale at its destination, at most `cap` units. */
  private sell(
    choice: PlanChoice,
    s: number,
    i: number,
    cap: number,
    sold?: Float64Array,
  ): { units: number; value: number } {
    const units = Math.max(0, Math.min(choice.stock[i], this.samples.short[i][s], cap));
    if (sold) sold[i] = units;
    return { units, value: this.samples.gain[i][s] * units };
  }
}
