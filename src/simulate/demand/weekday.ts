/**
 * Multiplicative day-of-week indices.
 *
 * Estimate: each day's units over a 7-day moving average around it — the ratio-to-moving-average step
 * of classical decomposition (Hyndman & Athanasopoulos, FPP3 §3.4) — pooled per weekday as a ratio of
 * sums, so a slow day with a tiny average does not dominate, then normalised to mean 1. A full 7-day
 * window holds every weekday once, so the average is free of the weekly pattern, and centring it takes
 * out a trend; at the two ends of the window the 7 days are shifted inward instead of shortened.
 *
 * Shrinkage toward 1 (no pattern): each index is a noisy estimate, and with few weeks or few units the
 * noise is most of what it shows. The weight kept on the pattern is the empirical-Bayes ratio of signal
 * variance to total variance (Efron & Morris 1975, method of moments): total = spread of the 7 indices
 * around 1, noise = mean sampling variance of an index, measured from how much the same weekday varies
 * from week to week. A pattern that repeats exactly keeps weight 1; Poisson noise around a flat rate
 * keeps about 0. Short and sparse histories are shrunk by the same rule, with no tuning constant.
 */

// Per-weekday accumulators, reused by every call (the fit is synchronous and single-threaded).
const units = new Float64Array(7);
const reference = new Float64Array(7);
const days = new Float64Array(7);
const squaredError = new Float64Array(7);

/**
 * Fills `out` (by weekday, 0 = Monday) with the shrunk indices of y[start, end) and returns the weight
 * kept on the raw pattern. `end − start` must be a whole number of weeks, at least 2; `dowStart` is the
 * weekday of y[start].
 */
export function weekdayIndices(
  y: Float64Array,
  start: number,
  end: number,
  dowStart: number,
  out: Float64Array,
): number {
  units.fill(0);
  reference.fill(0);
  days.fill(0);
  squaredError.fill(0);
  out.fill(1);

  // Pass 1: pooled ratio of units to the surrounding 7-day mean, per weekday.
  let a = start;
  let sum7 = 0;
  for (let i = start; i < start + 7; i++) sum7 += y[i];
  let d = dowStart;
  for (let i = start; i < end; i++) {
    const want = Math.min(Math.max(i - 3, start), end - 7);
    if (want > a) {
      sum7 += y[a + 7] - y[a];
      a++;
    }
    const ref = sum7 / 7;
    if (ref > 0) {
      units[d] += y[i];
      reference[d] += ref;
      days[d]++;
    }
    d = d === 6 ? 0 : d + 1;
  }
  for (let k = 0; k < 7; k++) if (days[k] < 2) return 0;

  // Pass 2: week-to-week scatter of each weekday around its index (same windows as pass 1).
  a = start;
  sum7 = 0;
  for (let i = start; i < start + 7; i++) sum7 += y[i];
  d = dowStart;
  for (let i = start; i < end; i++) {
    const want = Math.min(Math.max(i - 3, start), end - 7);
    if (want > a) {
      sum7 += y[a + 7] - y[a];
      a++;
    }
    const ref = sum7 / 7;
    if (ref > 0) {
      const e = y[i] - (units[d] / reference[d]) * ref;
      squaredError[d] += e * e;
    }
    d = d === 6 ? 0 : d + 1;
  }

  let mean = 0;
  for (let k = 0; k < 7; k++) mean += units[k] / reference[k];
  mean /= 7;
  if (!(mean > 0)) return 0;
  let spread = 0;
  let noise = 0;
  for (let k = 0; k < 7; k++) {
    const index = units[k] / reference[k] / mean;
    out[k] = index;
    spread += (index - 1) * (index - 1);
    // Sampling variance of a ratio of sums (delta method), small-sample corrected, on the mean-1 scale.
    const n = days[k];
    noise += ((squaredError[k] / (reference[k] * reference[k])) * n) / (n - 1) / (mean * mean);
  }
  spread /= 6; // one degree of freedom went into the normalisation
  noise /= 7;
  const weight = spread > 0 ? Math.max(0, 1 - noise / spread) : 0;
  for (let k = 0; k < 7; k++) out[k] = 1 + weight * (out[k] - 1);
  return weight;
}
