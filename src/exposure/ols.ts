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
    const row = t * p;
    for (let i = 0; i < p; i++) {
      // Weekday dummies and days without sales are mostly zeros: adding nothing changes no sum.
      const xi = x[row + i];
      if (xi === 0) continue;
      xty[i] += xi * y[t];
      for (let j = 0; j <= i; j++) xtx[i * p + j] += xi * x[row + j];
    }
  }
  mirrorLower(xtx, p);
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
  // scores s_t = e_t x_t and u_t = Σ_{|t−r| ≤ lags} w_{|t−r|} s_r. Bartlett's weights w_k = 1 − k/(lags+1)
  // are a running sum of a running sum over lags + 1 days, divided by lags + 1, so u costs two passes
  // of n·p steps whatever the lags; the meat is symmetric, so only its lower half is summed.
  const scores = new Float64Array(n * p);
  for (let t = 0; t < n; t++) for (let i = 0; i < p; i++) scores[t * p + i] = x[t * p + i] * e[t];
  const u = bartlettSmooth(scores, n, p, lags);
  const meat = new Float64Array(p * p);
  for (let t = 0; t < n; t++) {
    const row = t * p;
    for (let i = 0; i < p; i++) {
      const si = scores[row + i];
      if (si === 0) continue;
      for (let j = 0; j <= i; j++) meat[i * p + j] += si * u[row + j];
    }
  }
  mirrorLower(meat, p);
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

/** Copies the lower triangle of a symmetric p × p matrix onto its upper one. */
function mirrorLower(m: Float64Array, p: number): void {
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) m[j * p + i] = m[i * p + j];
}

/**
 * u_t = Σ_r (1 − |t − r|/(lags + 1)) s_r over the rows r of the n × p matrix s (zero outside it): the
 * Bartlett kernel is a box of lags + 1 days convolved with itself, so a trailing running sum, then a
 * leading running sum of that, divided by lags + 1.
 */
function bartlettSmooth(s: Float64Array, n: number, p: number, lags: number): Float64Array {
  const width = lags + 1;
  // box[q] = Σ s_r for r from q − lags to q, for q up to n − 1 + lags (its last rows only fade out).
  const rows = n + lags;
  const box = new Float64Array(rows * p);
  const run = new Float64Array(p);
  for (let q = 0; q < rows; q++) {
    for (let j = 0; j < p; j++) {
      if (q < n) run[j] += s[q * p + j];
      if (q - width >= 0 && q - width < n) run[j] -= s[(q - width) * p + j];
      box[q * p + j] = run[j];
    }
  }
  // u_t = Σ box[q] for q from t to t + lags, / (lags + 1).
  const u = new Float64Array(n * p);
  run.fill(0);
  for (let q = 0; q < width - 1; q++) for (let j = 0; j < p; j++) run[j] += box[q * p + j];
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < p; j++) {
      run[j] += box[(t + lags) * p + j];
      u[t * p + j] = run[j] / width;
      run[j] -= box[t * p + j];
    }
  }
  return u;
}
