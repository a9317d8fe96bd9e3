/**
 * Lognormal durations given the two numbers people can say: "typically about M days, and 9 times
 * out of 10 under P days". ln(X) ~ Normal(mu, sigma) with median e^mu and 90th percentile
 * e^(mu + z90·sigma), z90 = Φ⁻¹(0.9).
 */

/** Φ⁻¹(0.9), the standard normal 90th percentile. */
export const Z90 = 1.2815515655446004;

/** mu and sigma of ln(days); p90 = median gives sigma 0 (a fixed duration). */
export function lognormalParams(median: number, p90: number): { mu: number; sigma: number } {
  if (!(median > 0) || !(p90 >= median)) {
    throw new RangeError(`lognormal needs 0 < median ≤ p90, got median ${median}, p90 ${p90}`);
  }
  return { mu: Math.log(median), sigma: Math.log(p90 / median) / Z90 };
}

/** The q-quantile of the lognormal with these parameters, given Φ⁻¹(q) as `z`. */
export function lognormalQuantile(params: { mu: number; sigma: number }, z: number): number {
  return Math.exp(params.mu + z * params.sigma);
}
