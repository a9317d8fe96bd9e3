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
  const l = cholesky(a, p);
  return l && solveFactored(l, b, p);
}

/** The lower-triangular L with A = L Lᵀ, p × p row-major; null when A is not positive definite. */
function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (s <= 1e-10 * Math.max(1, Math.abs(a[i * p + i]))) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  return l;
}

/** x with L Lᵀ x = b: forward then back substitution. */
function solveFactored(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** X is n × p row-major. Newey–West with Bartlett weights up to `lags` days of autocorrelation. */
export function olsHac(x: Float64Array, y: Float64Array, n: number, p: number, lags: number): OlsFit | null {
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < p; i++) {
      const xi = x[t * p + i];
      xty[i] += xi * y[t];
      for (let j = 0; j < p; j++) xtx[i * p + j] += xi * x[t * p + j];
    }
  }
  // XᵀX is factored once: for β here and for its inverse's columns in the sandwich below.
  const factor = cholesky(xtx, p);
  if (!factor) return null;
  const beta = solveFactored(factor, xty, p);
  const e = new Float64Array(n);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let i = 0; i < p; i++) fit += x[t * p + i] * beta[i];
    e[t] = y[t] - fit;
    sse += e[t] ** 2;
  }
  // Meat: Σ_t e_t² x_t x_tᵀ + Σ_l w_l Σ_t e_t e_{t−l} (x_t x_{t−l}ᵀ + x_{t−l} x_tᵀ) = Σ_t s_t u_tᵀ with the
  // scores s_t = e_t x_t and u_t = Σ_{|t−r| ≤ lags} w_{|t−r|} s_r: n·p·(2·lags + 1) + n·p² steps instead
  // of (lags + 1)·n·p².
  const scores = new Float64Array(n * p);
  for (let t = 0; t < n; t++) for (let i = 0; i < p; i++) scores[t * p + i] = x[t * p + i] * e[t];
  const weights = new Float64Array(lags + 1);
  for (let lag = 0; lag <= lags; lag++) weights[lag] = 1 - lag / (lags + 1);
  const meat = new Float64Array(p * p);
  const u = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    u.fill(0);
    for (let r = Math.max(0, t - lags); r <= Math.min(n - 1, t + lags); r++) {
      const w = weights[Math.abs(t - r)];
      for (let j = 0; j < p; j++) u[j] += w * scores[r * p + j];
    }
    for (let i = 0; i < p; i++) {
      const si = scores[t * p + i];
      for (let j = 0; j < p; j++) meat[i * p + j] += si * u[j];
    }
  }
  // Sandwich (XᵀX)⁻¹ meat (XᵀX)⁻¹, column by column through the Cholesky solve.
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const unit = new Float64Array(p);
    unit[j] = 1;
    inv.set(solveFactored(factor, unit, p), j * p);
  }
  const covariance = new Float64Array(p * p);
  const tmp = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      for (let k = 0; k < p; k++) tmp[i * p + j] += inv[i * p + k] * meat[k * p + j];
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      for (let k = 0; k < p; k++) covariance[i * p + j] += tmp[i * p + k] * inv[k * p + j];
  return { beta, covariance, residualVariance: sse / Math.max(1, n - p) };
}
