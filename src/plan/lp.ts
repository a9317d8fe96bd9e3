/**
 * The sample-average model of docs/formulation.md as plain arrays (HiGHS's ModelData layout, rows
 * compressed): first-stage decisions, per-path recourse for stock, and the Rockafellar–Uryasev
 * variables for CVaR. Pure: the same samples and settings always give the same arrays.
 */
import type { PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

export type Risk = { kind: 'lambda'; lambda: number } | { kind: 'limit'; limit: number };

export interface LinearModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integrality: Int32Array;
  colNames: string[];
  rowLower: Float64Array;
  rowUpper: Float64Array;
  rowNames: string[];
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** Where things are, to read a solution and to change λ. */
  at: {
    stock: number[];
    open: number[];
    budget: number[][];
    cancel: number[];
    eta: number;
    /** First tail variable t_s (paths in order) and the number of paths. */
    tail: number;
    paths: number;
    /** Recourse columns: path, profit per unit, and the stock option (sold) or source (short) they belong to. */
    recourse: Array<{ col: number; path: number; coef: number; option?: number; source?: number }>;
  };
}

const INF = Infinity;

class Builder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: number[] = [];
  readonly colNames: string[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  readonly rowNames: string[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];

  col(name: string, cost: number, lower: number, upper: number, integer = false): number {
    this.colNames.push(name);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.colNames.length - 1;
  }

  row(name: string, lower: number, upper: number, entries: Array<[number, number]>): void {
    for (const [col, value] of entries) {
      if (value === 0) continue;
      this.indices.push(col);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.rowNames.push(name);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }
}

/**
 * Maximise mean profit − λ·CVaR_α(loss), or mean profit subject to CVaR_α(loss) ≤ limit, where a
 * path's loss is its no-event, do-nothing profit minus its profit under the plan.
 */
export function buildLinearModel(
  options: PlanOptions,
  samples: PlanSamples,
  alpha: number,
  risk: Risk,
): LinearModel {
  const n = samples.paths;
  const lambda = risk.kind === 'lambda' ? risk.lambda : 0;
  const tailWeight = 1 / ((1 - alpha) * n);
  const b = new Builder();
  const meanOf = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / n;

  // The do-nothing mean profit as a column fixed at 1, so every LP reader sees the same objective.
  b.col('baseline', meanOf(samples.profit), 1, 1);
  // A move whose unit sells for no more than it costs to move, in every path, lowers profit in every
  // path: it can help neither the mean nor the tail, so it is fixed at 0 (and gets no recourse).
  const pays = options.stock.map((o, i) =>
    samples.short[i].some((short, s) => short > 0 && samples.gain[i][s] > o.costPerUnit),
  );
  const stock = options.stock.map((o, i) => b.col(`move${i}`, -o.costPerUnit, 0, pays[i] ? o.capacity : 0));
  const open = samples.openDelta.map((d, j) => b.col(`open${j}`, meanOf(d), 0, 1, true));
  const budget = options.budget.map((q, i) =>
    q.segments.map((s, j) =>
      b.col(`spend${i}_${j}`, s.slope * meanOf(samples.budgetMargin[i]) - 1, 0, s.width),
    ),
  );
  const cancel = samples.cancelDelta.map((d, r) => b.col(`cancel${r}`, meanOf(d), 0, 1, true));
  const eta = b.col('var', -lambda, -INF, INF);
  const tail = b.colNames.length;
  for (let s = 0; s < n; s++) b.col(`tail${s}`, -lambda * tailWeight, 0, INF);

  for (const lane of options.laneCapacity) {
    b.row(
      `lane${b.rowNames.length}`,
      -INF,
      lane.capacity,
      lane.options.map((o) => [stock[o], 1]),
    );
  }

  const recourse: LinearModel['at']['recourse'] = [];
  const sold = new Int32Array(options.stock.length);
  for (let s = 0; s < n; s++) {
    sold.fill(-1);
    // Loss row: PB0 − P0 − (plan's effect) − η − t_s ≤ 0, written with the effect's terms on the left.
    const loss: Array<[number, number]> = [];
    options.stock.forEach((o, i) => {
      if (pays[i]) loss.push([stock[i], o.costPerUnit]);
      const short = samples.short[i][s];
      if (short <= 0 || !pays[i]) return;
      const coef = samples.gain[i][s];
      const u = b.col(`sold${s}_${i}`, coef / n, 0, short);
      recourse.push({ col: u, path: s, coef, option: i });
      sold[i] = u;
      b.row(`sold${s}_${i}`, -INF, 0, [
        [u, 1],
        [stock[i], -1],
      ]);
      loss.push([u, -coef]);
    });
    for (const [d, dest] of samples.shared.entries()) {
      const cols = dest.options.flatMap((i): Array<[number, number]> => (sold[i] >= 0 ? [[sold[i], 1]] : []));
      if (cols.length > 1) b.row(`dest${s}_${d}`, -INF, dest.short[s], cols);
    }
    for (const [k, source] of samples.sources.entries()) {
      const unsold = source.unsold[s];
      const most = source.options.reduce((sum, i) => sum + (pays[i] ? options.stock[i].capacity : 0), 0);
      // A source that sells at a loss loses nothing by giving units up (its lost sales would be a
      // gain, convex in the move, which a maximising LP cannot hold): leave it out, conservatively.
      if (unsold >= most || source.margin <= 0) continue;
      const v = b.col(`short${s}_${k}`, -source.margin / n, 0, INF);
      recourse.push({ col: v, path: s, coef: -source.margin, source: k });
      b.row(`source${s}_${k}`, -INF, unsold, [
        ...source.options.filter((i) => pays[i]).map((i): [number, number] => [stock[i], 1]),
        [v, -1],
      ]);
      loss.push([v, source.margin]);
    }
    open.forEach((col, j) => loss.push([col, -samples.openDelta[j][s]]));
    budget.forEach((cols, i) =>
      cols.forEach((col, j) =>
        loss.push([col, 1 - options.budget[i].segments[j].slope * samples.budgetMargin[i][s]]),
      ),
    );
    cancel.forEach((col, r) => loss.push([col, -samples.cancelDelta[r][s]]));
    loss.push([eta, -1], [tail + s, -1]);
    b.row(`loss${s}`, -INF, samples.profit[s] - samples.profitNoEvents[s], merge(loss));
  }
  if (risk.kind === 'limit') {
    const entries: Array<[number, number]> = [[eta, 1]];
    for (let s = 0; s < n; s++) entries.push([tail + s, tailWeight]);
    b.row('cvar', -INF, risk.limit, entries);
  }

  return {
    numCols: b.colNames.length,
    numRows: b.rowNames.length,
    colCost: Float64Array.from(b.cost),
    colLower: Float64Array.from(b.lower),
    colUpper: Float64Array.from(b.upper),
    integrality: Int32Array.from(b.integer),
    colNames: b.colNames,
    rowLower: Float64Array.from(b.rowLower),
    rowUpper: Float64Array.from(b.rowUpper),
    rowNames: b.rowNames,
    starts: Int32Array.from(b.starts),
    indices: Int32Array.from(b.indices),
    values: Float64Array.from(b.values),
    at: { stock, open, budget, cancel, eta, tail, paths: n, recourse },
  };
}

/** Entries on the same column added together (a row may not name a column twice). */
function merge(entries: Array<[number, number]>): Array<[number, number]> {
  const sums = new Map<number, number>();
  for (const [col, value] of entries) sums.set(col, (sums.get(col) ?? 0) + value);
  return [...sums];
}
