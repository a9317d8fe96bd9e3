/**
 * Summary statistics over per-path values, computed in path order on one thread so the numbers do
 * not depend on how paths were split across workers.
 */
export interface Stats {
  mean: number;
  stdev: number;
  /** Monte Carlo standard error of the mean: stdev / √paths. */
  stderr: number;
  p5: number;
  p50: number;
  p95: number;
  var90: number;
  var95: number;
  var99: number;
  cvar90: number;
  cvar95: number;
  cvar99: number;
}

/** Neumaier's compensated sum: order-independent to rounding for the sizes we sum. */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}

/** The lower empirical quantile: the ⌈q·n⌉-th smallest value. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length - 1e-9)));
  return sorted[rank - 1];
}

/** Mean of the ⌈(1−α)·n⌉ largest values (expected shortfall of a loss). */
function upperTailMean(sorted: Float64Array, alpha: number): number {
  const m = Math.max(1, Math.ceil((1 - alpha) * sorted.length - 1e-9));
  return sum(sorted.subarray(sorted.length - m)) / m;
}

/** Mean of the ⌈(1−α)·n⌉ smallest values (the bad tail of a revenue or profit). */
function lowerTailMean(sorted: Float64Array, alpha: number): number {
  const m = Math.max(1, Math.ceil((1 - alpha) * sorted.length - 1e-9));
  return sum(sorted.subarray(0, m)) / m;
}

/**
 * For a loss, VaR_α is its α-quantile and CVaR_α the mean of the worst (1−α) share of paths
 * (large losses). For a revenue or profit, the bad tail is the low one: VaR_α is the (1−α)-quantile
 * and CVaR_α the mean of the lowest (1−α) share. Returns null when values are unknown (NaN).
 */
export function statsOf(values: Float64Array, kind: 'loss' | 'level'): Stats | null {
  const n = values.length;
  if (n === 0 || Number.isNaN(values[0])) return null;
  const mean = sum(values) / n;
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) squares[i] = (values[i] - mean) ** 2;
  const stdev = n > 1 ? Math.sqrt(sum(squares) / (n - 1)) : 0;
  const sorted = Float64Array.from(values).sort();
  const tail = (alpha: number) =>
    kind === 'loss' ? quantileSorted(sorted, alpha) : quantileSorted(sorted, 1 - alpha);
  const shortfall = (alpha: number) =>
    kind === 'loss' ? upperTailMean(sorted, alpha) : lowerTailMean(sorted, alpha);
  return {
    mean,
    stdev,
    stderr: stdev / Math.sqrt(n),
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    var90: tail(0.9),
    var95: tail(0.95),
    var99: tail(0.99),
    cvar90: shortfall(0.9),
    cvar95: shortfall(0.95),
    cvar99: shortfall(0.99),
  };
}

/** Share of paths where `values` is above `threshold`. */
export function probabilityAbove(values: Float64Array, threshold: number): number | null {
  if (values.length === 0 || Number.isNaN(values[0])) return null;
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > threshold) count++;
  return count / values.length;
}

/** Indexes of the ⌈(1−α)·n⌉ largest values, the tail CVaR averages over (ties broken by path order). */
export function tailIndexes(values: Float64Array, alpha: number): Int32Array {
  const m = Math.max(1, Math.ceil((1 - alpha) * values.length - 1e-9));
  const order = Int32Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
  return order.subarray(0, Math.min(m, values.length));
}
