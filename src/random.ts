/**
 * mulberry32 (Tommy Ettinger, public domain): 32 bits of state, period 2^32, a uniform in [0, 1) per
 * call. Plenty for made-up data, and small enough that a stream is one number. The demo seller, the
 * benchmarks' generated exports and the tests' data draw from it, so the same seed gives the same
 * numbers on every run. The simulator has its own splittable streams (src/simulate/prng.ts).
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    const a = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** The generator as a function of no arguments, for code that only wants uniforms. */
export function mulberry32(seed: number): () => number {
  const stream = new Mulberry32(seed);
  return () => stream.next();
}
