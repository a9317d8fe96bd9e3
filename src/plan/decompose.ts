/**
 * The sample-average model solved by decomposition (the L-shaped method with CVaR cuts,
 * docs/formulation.md §4), so that the number of paths no longer decides whether HiGHS fits in its
 * 2 GB of WebAssembly memory. HiGHS sees only a small master problem: the decisions taken now, η
 * (the value-at-risk), and per cluster of paths an upper estimate θ of their summed profit and a
 * lower estimate ω of their summed tail excess. Each round solves the master, evaluates every path
 * exactly at its answer (recourse.ts, in closed form) and adds one cut per cluster where the master
 * was too optimistic. Both estimates are polyhedral and exact at every point evaluated, so the
 * rounds end, in finitely many steps, at the optimum of the same model the extensive form states
 * (lp.ts), to a relative gap of GAP.
 */
import type { Highs, Model } from 'highs';
import { BallastError } from '../errors.js';
import { tailIndexes } from '../simulate/index.js';
import type { Risk } from './lp.js';
import type { Recourse } from './recourse.js';
import { forgetHighs, loadHighs } from './solver.js';

/** What a solve maximises: the plan's λ objective, mean profit under a CVaR limit, or −CVaR alone. */
export type Goal = Risk | { kind: 'min-cvar' };

export interface Decomposed {
  status: 'optimal' | 'infeasible';
  objective: number;
  /** The first-stage vector (recourse.ts's layout). */
  first: Float64Array;
  /** Master solves, cuts in the master, and the final gap between the master's bound and the best plan. */
  rounds: number;
  cuts: number;
  gap: number;
}

/** Relative gap at which the rounds stop: well below any figure the plan prints. */
export const GAP = 1e-9;
/** Clusters of paths, each with its own θ and ω: more cuts per round, fewer rounds. */
export const CLUSTERS = 64;
const MAX_ROUNDS = 1_000;
/** Trust-region half-width as a share of each decision's range: at first, and at the smallest. */
const START_RADIUS = 0.1;
const MIN_RADIUS = 1e-4;

export class Decomposition {
  private readonly n: number;
  private readonly size: number;
  /** Columns: the first stage [0, size), η, then θ per cluster, then ω per cluster. */
  private readonly eta: number;
  private readonly theta: number;
  private readonly omega: number;
  private readonly cluster: Int32Array;
  private readonly k: number;
  private readonly limitRow: number;
  private rows = 0;
  private cutCount = 0;
  /** Where the trust region starts: the best plan of the last solve (doing nothing at first). */
  private center: Float64Array;
  /** Upper bounds of the first-stage columns, and which of them the box applies to (continuous ones). */
  private readonly upper: Float64Array;
  private readonly boxed: number[];

  private constructor(
    private readonly highs: Highs,
    private readonly model: Model & { dispose(): void },
    readonly recourse: Recourse,
    private readonly alpha: number,
    clusters: number,
  ) {
    this.n = recourse.samples.paths;
    this.size = recourse.layout.size;
    this.k = Math.max(1, Math.min(clusters, this.n));
    this.eta = this.size;
    this.theta = this.size + 1;
    this.omega = this.theta + this.k;
    // Paths in order of their do-nothing loss, cut into contiguous clusters: paths alike in the tail
    // share a cut, so the tail's shape is learnt early.
    const { profit, profitNoEvents } = recourse.samples;
    const order = Array.from({ length: this.n }, (_, s) => s).sort(
      (a, b) => profitNoEvents[a] - profit[a] - (profitNoEvents[b] - profit[b]) || a - b,
    );
    this.cluster = new Int32Array(this.n);
    order.forEach((s, rank) => (this.cluster[s] = Math.floor((rank * this.k) / this.n)));
    this.limitRow = 0;
    this.center = new Float64Array(this.size);
    const { options, layout, pays } = recourse;
    this.upper = new Float64Array(this.size);
    options.stock.forEach((o, i) => (this.upper[layout.stock[i]] = pays[i] ? o.capacity : 0));
    layout.budget.forEach((cols, q) =>
      cols.forEach((col, i) => (this.upper[col] = options.budget[q].segments[i].width)),
    );
    this.boxed = [...layout.stock, ...layout.budget.flat()].filter((col) => this.upper[col] > 0);
  }

  /** Bounds of the continuous decisions: within `radius` × their range of `center`, or all of it. */
  private setBox(center: Float64Array, radius: number): void {
    if (this.boxed.length === 0) return;
    const lower = Float64Array.from(this.boxed, (col) =>
      radius >= 1 ? 0 : Math.max(0, center[col] - radius * this.upper[col]),
    );
    const upper = Float64Array.from(this.boxed, (col) =>
      radius >= 1 ? this.upper[col] : Math.min(this.upper[col], center[col] + radius * this.upper[col]),
    );
    this.model.changeColsBounds({ kind: 'set', indices: Int32Array.from(this.boxed) }, lower, upper);
  }

  static async create(recourse: Recourse, alpha: number, clusters = CLUSTERS): Promise<Decomposition> {
    const highs = await loadHighs();
    const { options, layout, pays } = recourse;
    const size = layout.size;
    const k = Math.max(1, Math.min(clusters, recourse.samples.paths));
    const numCols = size + 1 + 2 * k;
    const lower = new Float64Array(numCols);
    const upper = new Float64Array(numCols);
    const integrality = new Int32Array(numCols);
    options.stock.forEach((o, i) => (upper[layout.stock[i]] = pays[i] ? o.capacity : 0));
    for (const col of [...layout.open, ...layout.cancel]) {
      upper[col] = 1;
      integrality[col] = 1;
    }
    layout.budget.forEach((cols, q) =>
      cols.forEach((col, i) => (upper[col] = options.budget[q].segments[i].width)),
    );
    lower[size] = -highs.infinity;
    upper[size] = highs.infinity;
    for (let c = size + 1; c < size + 1 + k; c++) [lower[c], upper[c]] = [-highs.infinity, highs.infinity];
    for (let c = size + 1 + k; c < numCols; c++) upper[c] = highs.infinity;
    // Row 0: the CVaR limit, η + Σω/((1−α)N) ≤ limit (open unless a limit is set); then lane capacities.
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [-highs.infinity];
    const rowUpper: number[] = [highs.infinity];
    indices.push(size);
    values.push(1);
    for (let c = size + 1 + k; c < numCols; c++) {
      indices.push(c);
      values.push(1 / ((1 - alpha) * recourse.samples.paths));
    }
    starts.push(indices.length);
    for (const lane of options.laneCapacity) {
      for (const o of lane.options) {
        indices.push(layout.stock[o]);
        values.push(1);
      }
      starts.push(indices.length);
      rowLower.push(-highs.infinity);
      rowUpper.push(lane.capacity);
    }
    const model = guarded(recourse.samples.paths, () =>
      highs.createModel({
        numCols,
        numRows: rowLower.length,
        sense: highs.constants.objectiveSense.maximize,
        colCost: new Float64Array(numCols),
        colLower: lower,
        colUpper: upper,
        rowLower: Float64Array.from(rowLower),
        rowUpper: Float64Array.from(rowUpper),
        matrix: {
          format: 'csr',
          numRows: rowLower.length,
          numCols,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
        ...(integrality.some((v) => v === 1) ? { integrality } : {}),
        modelName: 'ballast-plan-master',
      }),
    );
    model.options.set({ output_flag: false, mip_rel_gap: 1e-10, primal_feasibility_tolerance: 1e-9 });
    const out = new Decomposition(highs, model, recourse, alpha, clusters);
    out.rows = rowLower.length;
    // First cuts at doing nothing, so θ and η are bounded from the first round: the profit cut, the
    // tail cut at the do-nothing value-at-risk, and the cut on every path's loss (τ ≥ L − η).
    const zero = new Float64Array(size);
    const at = out.evaluate(zero);
    out.addCuts(zero, at, at.valueAtRisk, true);
    return out;
  }

  /** Every path at z: profits, supergradients summed per cluster (all paths, and those beyond η later). */
  private evaluate(z: Float64Array) {
    const { n, size, k } = this;
    const profit = new Float64Array(n);
    const grads = new Float64Array(n * size);
    for (let s = 0; s < n; s++)
      profit[s] = this.recourse.profit(z, s, grads.subarray(s * size, (s + 1) * size));
    const { profitNoEvents } = this.recourse.samples;
    const loss = Float64Array.from(profit, (p, s) => profitNoEvents[s] - p);
    const tail = tailIndexes(loss, this.alpha);
    const valueAtRisk = loss[tail[tail.length - 1]];
    let cvar = 0;
    for (const s of tail) cvar += loss[s];
    cvar /= tail.length;
    let mean = 0;
    for (const p of profit) mean += p;
    mean /= n;
    // Per cluster: Σ P_s and Σ g_s (the θ cut's constant and slope).
    const sumP = new Float64Array(k);
    const sumG = new Float64Array(k * size);
    for (let s = 0; s < n; s++) {
      const c = this.cluster[s];
      sumP[c] += profit[s];
      for (let d = 0; d < size; d++) sumG[c * size + d] += grads[s * size + d];
    }
    return { profit, grads, loss, mean, cvar, valueAtRisk, sumP, sumG };
  }

  private addCuts(z: Float64Array, at: ReturnType<Decomposition['evaluate']>, eta: number, all = false) {
    const { size, k, n } = this;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    const dot = (g: Float64Array) => g.reduce((acc, v, d) => acc + v * z[d], 0);
    const row = (entries: Array<[number, number]>, lo: number, hi: number) => {
      for (const [col, value] of entries) {
        if (value === 0) continue;
        indices.push(col);
        values.push(value);
      }
      starts.push(indices.length);
      lower.push(lo);
      upper.push(hi);
    };
    const slope = (g: Float64Array, sign: number) => Array.from(g, (v, d): [number, number] => [d, sign * v]);
    for (let c = 0; c < k; c++) {
      // θ_c ≤ ΣP(ẑ) + Σg·(z − ẑ)
      const g = at.sumG.subarray(c * size, (c + 1) * size);
      row([[this.theta + c, 1], ...slope(g, -1)], -this.highs.infinity, at.sumP[c] - dot(g));
    }
    // ω_c ≥ Σ_{s beyond η} (L_s(ẑ) − g_s·(z − ẑ) − η): with `all`, every path (valid since τ ≥ L − η).
    const cutsAt = (threshold: number, every: boolean) => {
      const h = new Float64Array(k * size);
      const constant = new Float64Array(k);
      const count = new Float64Array(k);
      for (let s = 0; s < n; s++) {
        if (!every && !(at.loss[s] > threshold)) continue;
        const c = this.cluster[s];
        count[c] += 1;
        constant[c] += at.loss[s];
        for (let d = 0; d < size; d++) h[c * size + d] += at.grads[s * size + d];
      }
      for (let c = 0; c < k; c++) {
        if (count[c] === 0) continue;
        const g = h.subarray(c * size, (c + 1) * size);
        row(
          [[this.omega + c, 1], [this.eta, count[c]], ...slope(g, 1)],
          constant[c] + dot(g),
          this.highs.infinity,
        );
      }
    };
    cutsAt(eta, false);
    if (at.valueAtRisk !== eta) cutsAt(at.valueAtRisk, false);
    if (all) cutsAt(-Infinity, true);
    const count = lower.length;
    if (count === 0) return;
    this.model.addRows({
      lower: Float64Array.from(lower),
      upper: Float64Array.from(upper),
      matrix: {
        format: 'csr',
        numRows: count,
        numCols: size + 1 + 2 * k,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
    });
    this.rows += count;
    this.cutCount += count;
  }

  /** Solves for `goal`, keeping every cut of earlier solves (they hold for any goal). */
  solve(goal: Goal): Decomposed {
    const { n, size, k, alpha } = this;
    const lambda = goal.kind === 'lambda' ? goal.lambda : goal.kind === 'min-cvar' ? 1 : 0;
    const profitWeight = goal.kind === 'min-cvar' ? 0 : 1;
    const cost = new Float64Array(size + 1 + 2 * k);
    cost[this.eta] = -lambda;
    for (let c = 0; c < k; c++) {
      cost[this.theta + c] = profitWeight / n;
      cost[this.omega + c] = -lambda / ((1 - alpha) * n);
    }
    this.model.changeColsCost({ kind: 'range', from: 0, to: cost.length - 1 }, cost);
    const limit = goal.kind === 'limit' ? goal.limit : this.highs.infinity;
    this.model.changeRowBounds(this.limitRow, -this.highs.infinity, limit);

    const valueOf = (at: ReturnType<Decomposition['evaluate']>) => profitWeight * at.mean - lambda * at.cvar;
    const feasible = (at: ReturnType<Decomposition['evaluate']>) =>
      goal.kind !== 'limit' || at.cvar <= goal.limit + GAP * (1 + Math.abs(goal.limit));
    let best: { value: number; first: Float64Array } | undefined;
    let gap = Infinity;
    let rounds = 0;
    // A trust region (Linderoth & Wright 2003): the continuous decisions stay within a box around
    // the best plan so far, so the master cannot jump to the far corners its few cuts allow. Under a
    // CVaR limit the best plan so far may not exist (nothing feasible yet): no box there.
    let radius = goal.kind === 'limit' ? 1 : START_RADIUS;
    let center = this.center;
    let misses = 0;
    this.setBox(center, radius);
    for (; rounds < MAX_ROUNDS; rounds++) {
      const { modelStatus } = guarded(n, () => this.model.run());
      const codes = this.highs.constants.modelStatus;
      if (modelStatus === codes.infeasible)
        return {
          status: 'infeasible',
          objective: NaN,
          first: new Float64Array(size),
          rounds,
          cuts: this.cutCount,
          gap,
        };
      if (modelStatus !== codes.optimal) {
        const name = Object.entries(codes).find(([, v]) => v === modelStatus)?.[0] ?? String(modelStatus);
        throw new BallastError('internal', `HiGHS stopped with status ${name} on the plan's master problem`, {
          hint: 'Run with fewer --paths, or export the model with --export-lp and report it.',
        });
      }
      const bound = this.model.getObjectiveValue();
      const solution = this.model.getSolution().colValue;
      const z = Float64Array.from({ length: size }, (_, d) => solution[d]);
      const eta = solution[this.eta];
      const at = this.evaluate(z);
      if (feasible(at)) {
        const value = valueOf(at);
        if (!best || value > best.value) {
          // A step that gets at least half the improvement the master promised earns a larger box.
          if (best && value - best.value >= 0.5 * (bound - best.value)) radius = Math.min(1, 2 * radius);
          best = { value, first: z };
          center = z;
          misses = 0;
        } else if (++misses >= 3) {
          radius = Math.max(MIN_RADIUS, radius / 2);
          misses = 0;
        }
      }
      gap = best ? bound - best.value : Infinity;
      if (best && gap <= GAP * (1 + Math.abs(best.value))) {
        // Optimal within the box: the box is dropped, and the master must confirm it over all plans.
        if (radius >= 1) break;
        radius = 1;
      } else this.addCuts(z, at, eta);
      this.setBox(center, radius);
    }
    if (best) this.center = best.first;
    if (!best) {
      throw new BallastError(
        'internal',
        `the plan's decomposition found no plan within the CVaR limit in ${rounds} rounds`,
        {
          hint: 'Run with fewer --paths or a looser --cvar-limit, and report the scenario.',
        },
      );
    }
    return {
      status: 'optimal',
      objective: best.value,
      first: best.first,
      rounds: rounds + 1,
      cuts: this.cutCount,
      gap,
    };
  }

  /** The master's size now: columns, rows (cuts included), integer columns, nonzeros. */
  dimensions(): { columns: number; rows: number; integers: number; nonzeros: number } {
    const d = this.model.getDimensions();
    const { open, cancel } = this.recourse.layout;
    return {
      columns: d.numCols,
      rows: d.numRows,
      integers: open.length + cancel.length,
      nonzeros: d.numNonzeros,
    };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** HiGHS's WebAssembly runtime aborts past 2 GB; the master is small, but say so plainly if it happens. */
function guarded<T>(paths: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      (error as Error | undefined)?.name !== 'RuntimeError' &&
      !/Aborted|out of memory/i.test(String(error))
    )
      throw error;
    forgetHighs();
    throw new BallastError(
      'internal',
      `HiGHS ran out of WebAssembly memory on the plan's master problem (${paths.toLocaleString('en-US')} paths)`,
      {
        hint: 'Plan on fewer --paths and report the scenario.',
        cause: error,
      },
    );
  }
}
