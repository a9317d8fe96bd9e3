/**
 * A linear congruential generator (Numerical Recipes' constants), a uniform in (0, 1) per call: the
 * exposure, statistics and report tests made their data with it before src/random.ts's mulberry32
 * was shared, and their expected figures (a halo interval that covers 0 on five seeds, a report's
 * charts) are of those series, so they keep it. New tests take mulberry32.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}
