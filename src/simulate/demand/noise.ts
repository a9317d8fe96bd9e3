/**
 * Daily noise around a cell's forecast: a zero-inflated negative binomial (ZINB). With probability π a
 * day sells nothing whatever the demand (the SKU out of view, a seller away); otherwise units are
 * negative-binomial with size k, so variance = m + m²/k. The NB mean m = μ / (1 − π) keeps the day's
 * mean at the forecast μ. Real daily sales of one SKU scatter far more than Poisson (k small) and have
 * more zero days than any NB of the same mean and variance on intermittent items; one constant k for
 * every cell made every fan chart as wide for a steady seller as for a lumpy one.
 *
 * k and π are fitted per cell by maximum likelihood on a grid, from the cell's own out-of-sample
 * forecast errors at the rolling origins of select.ts: those errors include the forecast's own
 * uncertainty, which is what a prediction interval has to cover.
 */

const SIZES = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 50, 1000];
const INFLATIONS = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
/** Below this forecast a day's mean is taken as this: a sale on a day forecast 0 is not impossible. */
const MEAN_FLOOR = 1e-3;

/** ln Γ(y + k) − ln Γ(k) for a count y ≥ 0: a short product for small y, Stirling's series past it. */
function logRising(k: number, y: number): number {
  if (y <= 30) {
    let sum = 0;
    for (let j = 0; j < y; j++) sum += Math.log(k + j);
    return sum;
  }
  return logGamma(y + k) - logGamma(k);
}

/** ln Γ(x) for x > 0 (Stirling's series with shift; error < 1e-10 for x ≥ 7 after shifting). */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 7) {
    shift -= Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (
    shift +
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

/** ln P(Y = y) under ZINB(μ, k, π). */
export function zinbLogPmf(y: number, mu: number, size: number, inflation: number): number {
  const m = Math.max(mu, MEAN_FLOOR) / (1 - inflation);
  const logP = size * Math.log(size / (size + m));
  if (y === 0) return Math.log(inflation + (1 - inflation) * Math.exp(logP));
  const logFactorial = y <= 30 ? logRising(1, y) : logGamma(y + 1);
  return Math.log(1 - inflation) + logRising(size, y) - logFactorial + logP + y * Math.log(m / (size + m));
}

export interface NoiseFit {
  dispersion: number;
  zeroInflation: number;
}

/**
 * Maximum-likelihood (k, π) on the grid for actual[i] given forecast[i], i < length. Ties keep the
 * first (larger π last, so no inflation is preferred when it adds nothing).
 */
export function fitNoise(actual: Float64Array, forecast: Float64Array, length: number, out: NoiseFit): void {
  let best = -Infinity;
  out.dispersion = NaN;
  out.zeroInflation = NaN;
  for (const size of SIZES) {
    for (const inflation of INFLATIONS) {
      let logLik = 0;
      for (let i = 0; i < length; i++) logLik += zinbLogPmf(actual[i], forecast[i], size, inflation);
      if (logLik > best) {
        best = logLik;
        out.dispersion = size;
        out.zeroInflation = inflation;
      }
    }
  }
}

/**
 * P(Y ≤ y) under ZINB(μ, k, π); 0 for y < 0. The NB terms are stepped in logs: P(0) = (k/(k+m))^k
 * underflows to 0 once k·ln(1 + m/k) passes ~745 (a steady cell selling a few hundred a day with a
 * large k), and a product stepped from 0 would stay 0 however far it went.
 */
export function zinbCdf(y: number, mu: number, size: number, inflation: number): number {
  if (y < 0) return 0;
  if (!(mu > 0)) return 1;
  const m = mu / (1 - inflation);
  const logQ = Math.log(m / (size + m));
  let logP = size * Math.log(size / (size + m));
  let cdf = Math.exp(logP);
  for (let x = 0; x < y; x++) {
    logP += Math.log((x + size) / (x + 1)) + logQ;
    cdf += Math.exp(logP);
  }
  return Math.min(1, inflation + (1 - inflation) * cdf);
}

/**
 * The median of ZINB(μ, k, π): the smallest count y with P(Y ≤ y) ≥ ½. It is the point forecast that
 * minimises the expected absolute error (Kolassa 2016, "Evaluating predictive count data distributions
 * in retail sales forecasting", IJF 32(3)), so the backtest scores MASE on it; on an intermittent day
 * (P(0) ≥ ½) it is 0 whatever the mean. The simulator draws from the whole distribution and never uses
 * it. Steps the same log recursion as zinbCdf, so its cost grows with the median itself.
 */
export function zinbMedian(mu: number, size: number, inflation: number): number {
  if (!(mu > 0) || inflation >= 0.5) return 0;
  const m = mu / (1 - inflation);
  const logQ = Math.log(m / (size + m));
  let logP = size * Math.log(size / (size + m));
  let cdf = inflation + (1 - inflation) * Math.exp(logP);
  let y = 0;
  while (cdf < 0.5) {
    logP += Math.log((y + size) / (y + 1)) + logQ;
    cdf += (1 - inflation) * Math.exp(logP);
    y++;
  }
  return y;
}

/**
 * How much of an observed count falls inside the central `level` prediction interval, in expectation
 * over the randomised PIT of a discrete forecast (Czado, Gneiting & Held 2009, Biometrics 65): the share
 * of [F(y − 1), F(y)] inside [(1 − level)/2, (1 + level)/2]. Averaged over days it is the interval's
 * coverage, and it equals `level` exactly for a calibrated forecast however many zeros there are — a
 * plain "is y inside [q5, q95]" count over-covers on counts, where the interval's ends hold mass.
 */
export function coveredShare(y: number, mu: number, size: number, inflation: number, level: number): number {
  const lo = (1 - level) / 2;
  const hi = (1 + level) / 2;
  const a = zinbCdf(y - 1, mu, size, inflation);
  const b = zinbCdf(y, mu, size, inflation);
  if (b - a <= 0) return a >= lo && a <= hi ? 1 : 0;
  return Math.max(0, Math.min(b, hi) - Math.max(a, lo)) / (b - a);
}
