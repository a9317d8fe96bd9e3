import { Mulberry32 } from '../random.js';

/**
 * The demo's only source of randomness: mulberry32 (src/random.ts) with the draws the seller needs.
 * Each part of the seller (a channel's orders, the creator spikes, the stock counts) draws from its
 * own stream, forked from the seed by name, so changing one part's parameters leaves the others'
 * numbers as they were.
 */
export class Random extends Mulberry32 {
  /** An independent stream for `label`, from this stream's seed and the label (FNV-1a). */
  static fork(seed: number, label: string): Random {
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    // One round of the generator's mix so that near labels give far-apart states.
    const r = new Random(h >>> 0);
    r.next();
    return r;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and log-scale standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /**
   * Poisson: Knuth's product method for small means, else the normal approximation rounded
   * (the demo's daily means reach a few hundred, where the two agree to well within a unit).
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /** An index drawn by weight from cumulative weights (`cumulative[i]` = sum of weights 0..i). */
  pick(cumulative: ArrayLike<number>): number {
    const total = cumulative[cumulative.length - 1];
    const r = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** One of `items`, each with its weight (the cumulative weights are kept per list). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let cumulative = CUMULATIVE.get(items);
    if (!cumulative) CUMULATIVE.set(items, (cumulative = cumulate(items.map(([, w]) => w))));
    return items[this.pick(cumulative)][0];
  }

  /** One of `items`, all equally likely. */
  oneOf<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `digits` random decimal digits, the first not 0. */
  digits(digits: number): string {
    let s = String(1 + this.int(9));
    for (let i = 1; i < digits; i++) s += String(this.int(10));
    return s;
  }
}

const CUMULATIVE = new WeakMap<object, Float64Array>();

export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}
