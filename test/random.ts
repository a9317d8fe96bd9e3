/**
 * mulberry32 (Tommy Ettinger, public domain): a tiny seeded generator, a uniform in [0, 1) per call.
 * Tests, benchmarks and the reliability runs draw their made-up data from it so the same seed gives
 * the same series on every run; the simulator itself uses its own streams (src/simulate/prng.ts).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
