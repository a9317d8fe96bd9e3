/**
 * Level and trend: Holt's linear method with a damped trend (Gardner & McKenzie 1985; Hyndman &
 * Athanasopoulos, FPP3 §8.2), on weekly totals.
 *
 *   forecast  ŷ(T+h) = ℓ(T) + (φ + φ² + … + φʰ) b(T)
 *   level     ℓ(t) = α y(t) + (1 − α)(ℓ(t−1) + φ b(t−1))
 *   trend     b(t) = β (ℓ(t) − ℓ(t−1)) + (1 − β) φ b(t−1)
 *
 * Weekly totals, aligned so the last week ends the day before the forecast, hold every weekday once, so
 * the weekly pattern cancels out of them and needs no deseasonalising. φ is fixed (options): estimating
 * it on a young, fast-growing channel picks φ near 1 and extrapolates the launch curve. α and β are
 * chosen on a small grid by the in-sample sum of squared one-step errors — the least-squares criterion
 * of FPP3 §8.1, a grid instead of an optimiser so a fit costs a fixed, small number of passes.
 * Initial state: ordinary least squares line through the first weeks (Hyndman et al. 2008, §2.6 uses
 * the first ten observations; eight weeks is the same idea at this grain).
 */

const ALPHAS = [0.1, 0.2, 0.35, 0.5, 0.8];
const BETAS = [0.03, 0.1, 0.2];
const INIT_WEEKS = 8;

/** The fitted state at the last week, reused by the caller. */
export interface HoltState {
  level: number;
  trend: number;
  alpha: number;
  beta: number;
  sse: number;
}

/** Fills `out[0, weeks)` with the totals of the `weeks` whole weeks ending just before y[end]. */
export function weeklyTotals(y: Float64Array, end: number, weeks: number, out: Float64Array): void {
  let i = end - weeks * 7;
  for (let w = 0; w < weeks; w++) {
    let total = 0;
    for (let k = 0; k < 7; k++) total += y[i++];
    out[w] = total;
  }
}

/**
 * Runs the damped Holt recursion over w[0, n) from the least-squares initial state and writes the final
 * level, trend and one-step SSE into `state`.
 */
export function dampedHolt(
  w: Float64Array,
  n: number,
  alpha: number,
  beta: number,
  phi: number,
  state: HoltState,
): void {
  // Least-squares line y = ℓ0 + b0·t through t = 1 … m, so ℓ0 is the level just before the first week.
  const m = Math.min(n, INIT_WEEKS);
  let meanY = 0;
  for (let t = 0; t < m; t++) meanY += w[t];
  meanY /= m;
  const meanT = (m + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < m; t++) {
    sxy += (t + 1 - meanT) * (w[t] - meanY);
    sxx += (t + 1 - meanT) * (t + 1 - meanT);
  }
  let trend = sxx > 0 ? sxy / sxx : 0;
  let level = meanY - trend * meanT;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const forecast = level + phi * trend;
    const error = w[t] - forecast;
    sse += error * error;
    const previous = level;
    level = forecast + alpha * error;
    trend = beta * (level - previous) + (1 - beta) * phi * trend;
  }
  state.level = level;
  state.trend = trend;
  state.alpha = alpha;
  state.beta = beta;
  state.sse = sse;
}

const trial: HoltState = { level: 0, trend: 0, alpha: 0, beta: 0, sse: 0 };

/** Grid search over α × β; the first pair with the lowest SSE wins, so ties resolve the same way. */
export function fitDampedHolt(w: Float64Array, n: number, phi: number, best: HoltState): void {
  best.sse = Infinity;
  for (let i = 0; i < ALPHAS.length; i++) {
    const alpha = ALPHAS[i];
    for (let j = 0; j < BETAS.length; j++) {
      const beta = BETAS[j];
      dampedHolt(w, n, alpha, beta, phi, trial);
      if (trial.sse < best.sse) {
        best.level = trial.level;
        best.trend = trial.trend;
        best.alpha = alpha;
        best.beta = beta;
        best.sse = trial.sse;
      }
    }
  }
}

/** φ + φ² + … + φʰ for a real h ≥ 0, given φʰ: the damped multiplier of the trend at horizon h. */
export function dampedSum(phi: number, phiPowH: number, h: number): number {
  return phi === 1 ? h : (phi * (1 - phiPowH)) / (1 - phi);
}
