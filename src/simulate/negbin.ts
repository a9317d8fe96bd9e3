/**
 * Exact negative-binomial draws by inverse CDF from one uniform each.
 *
 * NB with mean μ and size k (variance μ + μ²/k) is the Gamma–Poisson mixture docs/scenarios.md describes.
 * A cell's baseline mean depends on the day but not on the path, so each distinct mean gets one
 * CDF table, built once and shared by every path; a guide table (Chen & Asau, 1974) jumps straight
 * to the right region, so a draw costs about one comparison.
 */
export interface NegBinTables {
  /** Cumulative probabilities of all tables, back to back. */
  cdf: Float64Array;
  /** Per table: where its CDF starts in `cdf`, and its length. */
  cdfStart: Int32Array;
  cdfLength: Int32Array;
  /**
   * Per table, as many guide entries as its CDF has (at least MIN_GUIDE): entry g is the first x with
   * CDF(x) ≥ g / guideSize, so a draw starts at most a step or two below its answer whatever the mean
   * (a fixed 64 entries left a table with a mean in the hundreds a dozen comparisons per draw).
   */
  guide: Int32Array;
  guideStart: Int32Array;
  guideSize: Int32Array;
}

const MIN_GUIDE = 64;
/** Tail mass left out of a table; the last entry absorbs it, so draws stay finite. */
const TAIL = 1e-13;
/** Below e^−700 a probability is near the smallest normal double (e^−708): step in logs there. */
const MIN_LOG_PROB = -700;

/**
 * Builds one table per mean in `means` (deduplicated by the caller). `sizes` and `inflations`, when
 * given, are per table: a zero-inflated NB, P(0) = π + (1 − π)·NB(0), with the NB mean μ/(1 − π) so
 * the table's mean stays μ.
 */
export function buildTables(
  means: Float64Array,
  size: number,
  sizes?: Float64Array,
  inflations?: Float64Array,
): NegBinTables {
  const pieces: Float64Array[] = [];
  let total = 0;
  for (let t = 0; t < means.length; t++) {
    const inflation = inflations ? inflations[t] : 0;
    const piece = cdfOf(means[t] / (1 - inflation), sizes ? sizes[t] : size, inflation);
    pieces.push(piece);
    total += piece.length;
  }
  const cdf = new Float64Array(total);
  const cdfStart = new Int32Array(means.length);
  const cdfLength = new Int32Array(means.length);
  const guideStart = new Int32Array(means.length);
  const guideSize = Int32Array.from(pieces, (piece) => Math.max(MIN_GUIDE, piece.length));
  const guide = new Int32Array(guideSize.reduce((n, size) => n + size, 0));
  let at = 0;
  let guideAt = 0;
  for (let t = 0; t < pieces.length; t++) {
    const piece = pieces[t];
    cdf.set(piece, at);
    cdfStart[t] = at;
    cdfLength[t] = piece.length;
    guideStart[t] = guideAt;
    const size = guideSize[t];
    let x = 0;
    for (let g = 0; g < size; g++) {
      while (x < piece.length - 1 && piece[x] < g / size) x++;
      guide[guideAt + g] = x;
    }
    at += piece.length;
    guideAt += size;
  }
  return { cdf, cdfStart, cdfLength, guide, guideStart, guideSize };
}

/** P(X ≤ x) for x = 0, 1, … until the tail is below TAIL; the last entry is set to 1. */
function cdfOf(mean: number, size: number, inflation = 0): Float64Array {
  if (!(mean > 0)) return Float64Array.of(1);
  const p = size / (size + mean);
  // Recurrence P(x+1) = P(x)·(x+k)/(x+1)·(1−p) from P(0) = p^k. A steady cell (large k) with a large
  // mean has P(0) far below the smallest double (k = 1,000, mean 1,200: e^−789), so the steps stay in
  // logs until the probabilities can be represented; multiplying from an underflowed 0 left a table of
  // zeros and every draw at its cap, 50 × the mean.
  let logProb = size * Math.log(p);
  let prob = Math.exp(logProb);
  const values: number[] = [];
  let cumulative = 0;
  for (let x = 0; ; x++) {
    cumulative += prob;
    values.push(inflation + (1 - inflation) * cumulative);
    if (1 - cumulative < TAIL && x > mean) break;
    if (x > mean * 50 + 1000) break;
    const step = ((x + size) / (x + 1)) * (1 - p);
    if (logProb < MIN_LOG_PROB) {
      logProb += Math.log(step);
      prob = Math.exp(logProb);
    } else prob *= step;
  }
  values[values.length - 1] = 1;
  return Float64Array.from(values);
}

/** The draw for uniform `u` from table `t`. */
export function drawNegBin(tables: NegBinTables, t: number, u: number): number {
  const start = tables.cdfStart[t];
  let x = tables.guide[tables.guideStart[t] + Math.floor(u * tables.guideSize[t])];
  const cdf = tables.cdf;
  while (cdf[start + x] < u) x++;
  return x;
}
