/**
 * The model's second stage solved in closed form (docs/formulation.md §4). Once the decisions taken
 * now are fixed, what happens in one path is a tiny linear program with an obvious answer: each
 * destination sells the moved units up to its shortfall, best margin first when several moves share
 * it (a continuous knapsack with unit weights, which the greedy fill solves exactly), and a source
 * loses the sales of every unit moved beyond what would have been left there. Its value is the LP's
 * recourse value, and the fill gives an optimal dual, so the gradient returned is a supergradient
 * of the path's profit: what the decomposition (decompose.ts) builds its cuts from.
 */
import type { PlanChoice, PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

/** Where each decision taken now sits in a first-stage vector. */
export interface Layout {
  stock: number[];
  open: number[];
  budget: number[][];
  cancel: number[];
  size: number;
}

export function layoutOf(options: PlanOptions): Layout {
  let next = 0;
  const take = () => next++;
  const stock = options.stock.map(take);
  const open = options.open.map(take);
  const budget = options.budget.map((b) => b.segments.map(take));
  const cancel = options.cancel.map(take);
  return { stock, open, budget, cancel, size: next };
}

/** A move whose unit sells for no more than it costs to move, in every path, can only lower profit. */
export function paying(options: PlanOptions, samples: PlanSamples): boolean[] {
  return options.stock.map((o, i) => {
    const short = samples.short[i];
    const gain = samples.gain[i];
    if (!short || !gain) return false;
    return short.some((units, s) => units > 0 && gain[s] > o.costPerUnit);
  });
}

/** Per path: units each move sells at its destination, and sales each source loses. */
export interface Allocation {
  sold: Float64Array;
  lost: Float64Array;
}

export class Recourse {
  readonly layout: Layout;
  readonly pays: boolean[];
  /** Per stock option, the shared destination it belongs to (index into samples.shared), or −1. */
  private readonly sharedOf: Int32Array;
  /** Per source, the paying options out of it; only sources that sell at a positive margin. */
  readonly sources: Array<{ options: number[]; unsold: Float64Array; margin: number; at: number }>;
  private readonly order: number[] = [];

  constructor(
    readonly options: PlanOptions,
    readonly samples: PlanSamples,
  ) {
    this.layout = layoutOf(options);
    this.pays = paying(options, samples);
    this.sharedOf = new Int32Array(options.stock.length).fill(-1);
    samples.shared.forEach((d, k) => d.options.forEach((o) => (this.sharedOf[o] = k)));
    // A source that sells at a loss loses nothing by giving units up: its lost sales would be a gain
    // growing faster than the move, which the LP cannot hold, so they are left out (lp.ts agrees).
    this.sources = samples.sources.flatMap((src, at) =>
      src.margin > 0
        ? [{ options: src.options.filter((o) => this.pays[o]), unsold: src.unsold, margin: src.margin, at }]
        : [],
    );
  }

  /** The first-stage vector of a choice (budgets filled segment by segment, cheapest first). */
  vectorOf(choice: PlanChoice): Float64Array {
    const z = new Float64Array(this.layout.size);
    this.layout.stock.forEach((col, o) => (z[col] = choice.stock[o]));
    this.layout.open.forEach((col, j) => (z[col] = choice.open[j]));
    this.layout.cancel.forEach((col, r) => (z[col] = choice.cancel[r]));
    this.layout.budget.forEach((cols, q) => {
      let left = choice.budget[q];
      cols.forEach((col, i) => {
        const width = this.options.budget[q].segments[i].width;
        z[col] = Math.min(left, width);
        left -= z[col];
      });
    });
    return z;
  }

  /**
   * Profit of path s under first-stage vector z. With `grad`, adds the path's supergradient into
   * it; with `allocation`, writes the units sold per option and lost per source.
   */
  profit(z: Float64Array, s: number, grad?: Float64Array, allocation?: Allocation): number {
    const { options, samples, layout } = this;
    let profit = samples.profit[s];
    // Linear first-stage terms: moving costs, and each opening, budget segment and cancellation's
    // effect in this path.
    options.stock.forEach((o, i) => {
      const col = layout.stock[i];
      profit -= o.costPerUnit * z[col];
      if (grad) grad[col] -= o.costPerUnit;
    });
    layout.open.forEach((col, j) => {
      const d = samples.openDelta[j][s];
      profit += d * z[col];
      if (grad) grad[col] += d;
    });
    layout.budget.forEach((cols, q) => {
      const margin = samples.budgetMargin[q][s];
      cols.forEach((col, i) => {
        const c = options.budget[q].segments[i].slope * margin - 1;
        profit += c * z[col];
        if (grad) grad[col] += c;
      });
    });
    layout.cancel.forEach((col, r) => {
      const d = samples.cancelDelta[r][s];
      profit += d * z[col];
      if (grad) grad[col] += d;
    });

    // Destinations: each move sells up to min(moved, shortfall); shared destinations fill best first.
    const sold = allocation?.sold;
    sold?.fill(0);
    const active: number[][] = samples.shared.map(() => []);
    options.stock.forEach((_, i) => {
      const short = samples.short[i][s];
      if (!this.pays[i] || short <= 0) return;
      const k = this.sharedOf[i];
      if (k >= 0) active[k].push(i);
      else profit += this.sell(z, s, i, Infinity, 0, grad, sold).value;
    });
    active.forEach((list, k) => {
      if (list.length === 0) return;
      if (list.length === 1) {
        profit += this.sell(z, s, list[0], Infinity, 0, grad, sold).value;
        return;
      }
      // The shared row's dual is the margin of the move where the shortfall runs out (0 if it never does).
      const gain = (i: number) => samples.gain[i][s];
      this.order.length = 0;
      this.order.push(...list.sort((a, b) => gain(b) - gain(a) || a - b));
      let cap = samples.shared[k].short[s];
      let dual = 0;
      for (const i of this.order) {
        const bound = Math.min(z[this.layout.stock[i]], samples.short[i][s]);
        if (bound >= cap) {
          dual = gain(i);
          break;
        }
        cap -= bound;
      }
      cap = samples.shared[k].short[s];
      for (const i of this.order) {
        const sale = this.sell(z, s, i, cap, dual, grad, sold);
        profit += sale.value;
        cap -= sale.units;
      }
    });

    // Sources: units moved beyond what would have been left lose their sales there.
    const lost = allocation?.lost;
    lost?.fill(0);
    for (const src of this.sources) {
      let moved = 0;
      for (const o of src.options) moved += z[layout.stock[o]];
      const beyond = moved - src.unsold[s];
      if (beyond <= 0) continue;
      profit -= src.margin * beyond;
      if (lost) lost[src.at] = beyond;
      if (grad) for (const o of src.options) grad[layout.stock[o]] -= src.margin;
    }
    return profit;
  }

  /** One move's sale at its destination, at most `cap`; its share of the supergradient beyond `dual`. */
  private sell(
    z: Float64Array,
    s: number,
    i: number,
    cap: number,
    dual: number,
    grad: Float64Array | undefined,
    sold: Float64Array | undefined,
  ): { value: number; units: number } {
    const col = this.layout.stock[i];
    const moved = z[col];
    const short = this.samples.short[i][s];
    const gain = this.samples.gain[i][s];
    const units = Math.max(0, Math.min(moved, short, cap));
    if (sold) sold[i] = units;
    // The move's own bound binds when it is below the shortfall: another unit moved sells, at its
    // margin less what the shared shortfall is worth to the others.
    if (grad && moved < short && gain > dual) grad[col] += gain - dual;
    return { value: gain * units, units };
  }
}
