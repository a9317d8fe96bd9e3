/**
 * Ordinary least squares with Newey–West (HAC) standard errors, for the halo regression. Small and
 * dense: a few dozen regressors over at most a few years of days.
 */
export interface OlsFit {
  beta: Float64Array;
  /** HAC covariance of beta, p × p row-major. */
  covariance: Float64Array;
  residualVariance: number;
}

/** Solves the symmetric positive-definite system A x = b by Cholesky; null when A is singular. */
export function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (s <= 1e-10 * Math.max(1, Math.abs(a[i * p + i]!))) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** X is n × p row-major. Newey–West with Bartlett weights up to `lags` days of autocorrelation. */
export function olsHac(x: Float64Array, y: Float64Array, n: number, p: number, lags: number): OlsFit | null {
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < p; i++) {
      const xi = x[t * p + i]!;
      xty[i]! += xi * y[t]!;
      for (let j = 0; j < p; j++) xtx[i * p + j]! += xi * x[t * p + j]!;
    }
  }
  const beta = choleskySolve(xtx, xty, p);
  if (!beta) return null;
  const e = new Float64Array(n);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let i = 0; i < p; i++) fit += x[t * p + i]! * beta[i]!;
    e[t] = y[t]! - fit;
    sse += e[t]! ** 2;
  }
  // Meat: Σ_t e_t² x_t x_tᵀ + Σ_l w_l Σ_t e_t e_{t−l} (x_t x_{t−l}ᵀ + x_{t−l} x_tᵀ).
  const meat = new Float64Array(p * p);
  for (let lag = 0; lag <= lags; lag++) {
    const w = lag === 0 ? 1 : 1 - lag / (lags + 1);
    for (let t = lag; t < n; t++) {
      const ee = e[t]! * e[t - lag]! * w;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          const v = x[t * p + i]! * x[(t - lag) * p + j]! * ee;
          meat[i * p + j]! += v;
          if (lag > 0) meat[j * p + i]! += v;
        }
      }
    }
  }
  // Sandwich (XᵀX)⁻¹ meat (XᵀX)⁻¹, column by column through the Cholesky solve.
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const unit = new Float64Array(p);
    unit[j] = 1;
    inv.set(choleskySolve(xtx, unit, p)!, j * p);
  }
  const covariance = new Float64Array(p * p);
  const tmp = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) tmp[i * p + j]! += inv[i * p + k]! * meat[k * p + j]!;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) covariance[i * p + j]! += tmp[i * p + k]! * inv[k * p + j]!;
  return { beta, covariance, residualVariance: sse / Math.max(1, n - p) };
}
