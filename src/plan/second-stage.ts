/**
 * The model's second stage as a function of the decisions taken now, for the decomposition
 * (decompose.ts): for continuous first-stage values x (units per stock option, spend per budget
 * segment) and fixed openings and cancellations, each path's profit in closed form and a
 * supergradient of it (the recourse LP's dual, read off the greedy fill), then the mean profit and the
 * CVaR of loss with a supergradient and a subgradient. Both are exact: the values are what the
 * extensive form of lp.ts gives with the same first stage fixed, so cuts built from them are valid.
 *
 * x's layout: the stock options in order, then each budget's segments in order.
 */
import type { PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

/**
 * Mean profit and CVaR of loss at a point, with a subgradient of the CVaR in x, and the mean's
 * parts piece by piece: each destination (a move on its own, or the moves sharing a destination's
 * shortfall) and each source that loses sales, with its value and supergradient on its own moves.
 * The rest of the mean (moving costs, budgets) is linear: `meanLinear`.
 */
export interface Cut {
  mean: number;
  cvar: number;
  cvarGradient: Float64Array;
  /** Per destination piece: mean value, and (over all stock options) its supergradient. */
  destinationValue: Float64Array;
  destinationGradient: Float64Array;
  /** Per source piece: mean value, and its derivative in the units moved out of the source. */
  sourceValue: Float64Array;
  sourceGradient: Float64Array;
}

export class SecondStage {
  /** Length of x. */
  readonly size: number;
  /** Bounds of x: a stock option that cannot pay in any path is fixed at 0, as lp.ts does. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /**
   * Per path, built once (x changes, these do not): the moves that sell there on their own
   * (`solo*`), and the shared destinations with a move selling there (`group*`), each group's
   * moves sorted best margin first, which is the order the greedy fill takes them in.
   */
  private readonly soloStart: Int32Array;
  private readonly solo: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupDestination: Int32Array;
  private readonly groupMoveStart: Int32Array;
  private readonly groupMove: Int32Array;
  /** Per budget segment and path: profit per unit of spend. */
  private readonly segmentSlope: Float64Array[];
  /** Destination pieces (the stock options in each) and the piece each stock option is in. */
  readonly destinations: number[][];
  private readonly destinationOf: Int32Array;
  /** The mean's linear part: moving cost and mean budget slope per unit of x. */
  readonly meanLinear: Float64Array;
  private readonly profit: Float64Array;
  private readonly order: Int32Array;
  private readonly moved: Float64Array;
  /** Per stock option, the source pieces (indexes into samples.sources) it draws on. */
  private readonly sourcesOf: number[][];

  constructor(
    readonly options: PlanOptions,
    readonly samples: PlanSamples,
    readonly alpha: number,
  ) {
    const n = samples.paths;
    const stock = options.stock.length;
    this.segmentSlope = [];
    options.budget.forEach((b, q) =>
      b.segments.forEach((segment) =>
        this.segmentSlope.push(
          Float64Array.from(samples.budgetMargin[q], (margin) => segment.slope * margin - 1),
        ),
      ),
    );
    this.size = stock + this.segmentSlope.length;
    this.lower = new Float64Array(this.size);
    this.upper = new Float64Array(this.size);
    const pays = paying(options, samples);
    options.stock.forEach((o, i) => (this.upper[i] = pays[i] ? o.capacity : 0));
    let at = stock;
    for (const b of options.budget) for (const segment of b.segments) this.upper[at++] = segment.width;

    const inShared = new Uint8Array(stock);
    for (const d of samples.shared) for (const o of d.options) inShared[o] = 1;
    this.destinations = [
      ...samples.shared.map((d) => d.options),
      ...options.stock.flatMap((_, i) => (inShared[i] ? [] : [[i]])),
    ];
    this.destinationOf = new Int32Array(stock);
    this.destinations.forEach((list, p) => list.forEach((i) => (this.destinationOf[i] = p)));
    this.meanLinear = new Float64Array(this.size);
    options.stock.forEach((o, i) => (this.meanLinear[i] = -o.costPerUnit));
    this.segmentSlope.forEach(
      (slopes, j) => (this.meanLinear[stock + j] = slopes.reduce((a, b) => a + b, 0) / n),
    );
    const solo: number[] = [];
    const soloStart = [0];
    const groupStart = [0];
    const groupDestination: number[] = [];
    const groupMoveStart = [0];
    const groupMove: number[] = [];
    for (let s = 0; s < n; s++) {
      for (let i = 0; i < stock; i++) if (!inShared[i] && sells(samples, i, s)) solo.push(i);
      soloStart.push(solo.length);
      samples.shared.forEach((d, k) => {
        const selling = d.options.filter((i) => sells(samples, i, s));
        if (selling.length === 0) return;
        selling.sort((a, b) => samples.gain[b][s] - samples.gain[a][s] || a - b);
        groupDestination.push(k);
        groupMove.push(...selling);
        groupMoveStart.push(groupMove.length);
      });
      groupStart.push(groupDestination.length);
    }
    this.solo = Int32Array.from(solo);
    this.soloStart = Int32Array.from(soloStart);
    this.groupStart = Int32Array.from(groupStart);
    this.groupDestination = Int32Array.from(groupDestination);
    this.groupMoveStart = Int32Array.from(groupMoveStart);
    this.groupMove = Int32Array.from(groupMove);
    this.profit = new Float64Array(n);
    this.order = new Int32Array(n);
    this.moved = new Float64Array(samples.sources.length);
    this.sourcesOf = options.stock.map(() => []);
    samples.sources.forEach((src, k) => src.options.forEach((o) => this.sourcesOf[o].push(k)));
  }

  /** Per path, the profit of doing nothing plus that of the openings and cancellations chosen. */
  fixedProfit(open: Uint8Array, cancel: Uint8Array): Float64Array {
    const { samples } = this;
    const out = Float64Array.from(samples.profit);
    open.forEach((y, j) => {
      if (y) for (let s = 0; s < out.length; s++) out[s] += samples.openDelta[j][s];
    });
    cancel.forEach((z, r) => {
      if (z) for (let s = 0; s < out.length; s++) out[s] += samples.cancelDelta[r][s];
    });
    return out;
  }

  /**
   * Mean profit and CVaR of loss (the LP's: η + Σ(L − η)⁺/((1−α)n) at its best η, the worst
   * (1−α)·n paths with the last one fractional) at x, given the per-path profit of the fixed decisions.
   */
  cut(x: Float64Array, fixed: Float64Array): Cut {
    const n = this.samples.paths;
    const stock = this.options.stock.length;
    const sources = this.samples.sources.length;
    const { profit, order, moved } = this;
    const reference = this.samples.profitNoEvents;
    // Moving costs and units taken from each source do not depend on the path.
    let linear = 0;
    for (let i = 0; i < stock; i++) linear += this.meanLinear[i] * x[i];
    this.samples.sources.forEach((src, k) => {
      let sum = 0;
      for (const o of src.options) sum += x[o];
      moved[k] = sum;
    });
    const mean = new Accumulator(this.size, this.destinations.length, sources);
    let total = 0;
    for (let s = 0; s < n; s++) {
      profit[s] = fixed[s] + linear + this.pathProfit(x, s, mean, 1 / n);
      total += profit[s];
    }
    // Tail weights: the worst ⌊k⌋ losses whole and a share k − ⌊k⌋ of the next (k = (1−α)n).
    const k = (1 - this.alpha) * n;
    for (let s = 0; s < n; s++) order[s] = s;
    order.sort((a, b) => reference[b] - profit[b] - (reference[a] - profit[a]) || a - b);
    const tail = new Accumulator(this.size, 0, sources);
    let cvar = 0;
    let left = k;
    for (let i = 0; i < n && left > 0; i++) {
      const s = order[i];
      const w = Math.min(1, left);
      left -= w;
      cvar += (w / k) * (reference[s] - profit[s]);
      // Loss is the reference minus profit: its gradient is minus the profit's.
      this.pathProfit(x, s, tail, -w / k);
    }
    // Tail weights add up to 1, so the moving cost enters the CVaR's gradient once.
    const cvarGradient = tail.gradient;
    for (let i = 0; i < stock; i++) {
      cvarGradient[i] -= this.meanLinear[i];
      for (const src of this.sourcesOf[i]) cvarGradient[i] += tail.source[src];
    }
    return {
      mean: total / n,
      cvar,
      cvarGradient,
      destinationValue: mean.value,
      destinationGradient: mean.gradient.subarray(0, stock),
      sourceValue: mean.sourceValue,
      sourceGradient: mean.source,
    };
  }

  /**
   * One path's profit from selling moved units and losing sales at sources (moving costs and budgets'
   * mean are in meanLinear; a budget's path slope is added here to `into.gradient` only). `scale`
   * times the values and supergradients are added to `into`: per destination piece and per source.
   * Units sell at a destination up to its shortfall, best margin first where moves share it (only at
   * a positive margin: the LP would not sell at a loss); the shared shortfall's price is the margin
   * of the move it cuts off, each move's the margin above that while its units are what binds.
   */
  private pathProfit(x: Float64Array, s: number, into: Accumulator, scale: number): number {
    const { samples } = this;
    const { short, gain } = samples;
    const { gradient, value } = into;
    let profit = 0;
    for (let e = this.soloStart[s]; e < this.soloStart[s + 1]; e++) {
      const i = this.solo[e];
      const sold = x[i] < short[i][s] ? x[i] : short[i][s];
      if (x[i] < short[i][s]) gradient[i] += scale * gain[i][s];
      profit += gain[i][s] * sold;
      if (value.length > 0) value[this.destinationOf[i]] += scale * gain[i][s] * sold;
    }
    for (let g = this.groupStart[s]; g < this.groupStart[s + 1]; g++) {
      const [from, to] = [this.groupMoveStart[g], this.groupMoveStart[g + 1]];
      let cap = Math.max(0, samples.shared[this.groupDestination[g]].short[s]);
      let price = 0;
      let sale = 0;
      for (let e = from; e < to; e++) {
        const i = this.groupMove[e];
        const wanted = Math.min(x[i], short[i][s]);
        if (wanted >= cap) {
          // The shared shortfall runs out on this move: its margin is the shortfall's price.
          sale += gain[i][s] * cap;
          price = gain[i][s];
          break;
        }
        sale += gain[i][s] * wanted;
        cap -= wanted;
      }
      profit += sale;
      if (value.length > 0) value[this.groupDestination[g]] += scale * sale;
      for (let e = from; e < to; e++) {
        const i = this.groupMove[e];
        if (gain[i][s] <= price) break;
        if (x[i] < short[i][s]) gradient[i] += scale * (gain[i][s] - price);
      }
    }
    // The mean's budget part is linear (meanLinear); a path's own slope matters to the tail's gradient.
    const stock = this.options.stock.length;
    for (let j = 0; j < this.segmentSlope.length; j++) {
      const slope = this.segmentSlope[j][s];
      profit += slope * x[stock + j];
      if (value.length === 0) gradient[stock + j] += scale * slope;
    }
    for (let k = 0; k < samples.sources.length; k++) {
      const src = samples.sources[k];
      if (src.margin <= 0) continue;
      const beyond = this.moved[k] - src.unsold[s];
      if (beyond <= 0) continue;
      profit -= src.margin * beyond;
      into.source[k] -= scale * src.margin;
      into.sourceValue[k] -= scale * src.margin * beyond;
    }
    return profit;
  }
}

/** Sums over paths: gradient in x, value per destination piece, derivative and value per source. */
class Accumulator {
  readonly gradient: Float64Array;
  readonly value: Float64Array;
  readonly source: Float64Array;
  readonly sourceValue: Float64Array;
  constructor(size: number, destinations: number, sources: number) {
    this.gradient = new Float64Array(size);
    this.value = new Float64Array(destinations);
    this.source = new Float64Array(sources);
    this.sourceValue = new Float64Array(sources);
  }
}

/** A move sells in path s only where its destination is short and at a positive margin. */
function sells(samples: PlanSamples, i: number, s: number): boolean {
  return samples.short[i][s] > 0 && samples.gain[i][s] > 0;
}

/**
 * A move whose unit sells for no more than it costs to move, in every path, lowers profit in every
 * path: it can help neither the mean nor the tail, so the model fixes it at 0.
 */
export function paying(options: PlanOptions, samples: PlanSamples): boolean[] {
  return options.stock.map((o, i) =>
    samples.short[i].some((short, s) => short > 0 && samples.gain[i][s] > o.costPerUnit),
  );
}
