/**
 * Expected profit and CVaR of loss over paths, with Monte Carlo standard errors, the way the
 * optimiser defines them (SAA): CVaR_α is the mean of the worst ⌈(1−α)·n⌉ losses.
 */
import { sum, tailIndexes } from '../simulate/index.js';

export interface Measured {
  expectedProfit: number;
  expectedProfitStderr: number;
  cvar: number;
  /** From the CVaR estimator's influence function: sd(VaR + (L − VaR)⁺ / (1−α)) / √n. */
  cvarStderr: number;
}

export function meanAndStderr(values: Float64Array): { mean: number; stderr: number } {
  const n = values.length;
  const mean = sum(values) / n;
  const squares = values.map((v) => (v - mean) ** 2);
  return { mean, stderr: n > 1 ? Math.sqrt(sum(squares) / (n - 1) / n) : 0 };
}

/** Loss per path: no-event, do-nothing profit minus this profit. */
export function lossesOf(profit: Float64Array, reference: Float64Array): Float64Array {
  return profit.map((p, s) => reference[s] - p);
}

export function cvarOf(
  loss: Float64Array,
  alpha: number,
): { cvar: number; valueAtRisk: number; stderr: number } {
  const tail = tailIndexes(loss, alpha);
  const cvar = sum(Float64Array.from(tail, (s) => loss[s])) / tail.length;
  const valueAtRisk = loss[tail[tail.length - 1]];
  const influence = loss.map((l) => valueAtRisk + Math.max(0, l - valueAtRisk) / (1 - alpha));
  return { cvar, valueAtRisk, stderr: meanAndStderr(influence).stderr };
}

export function measure(profit: Float64Array, reference: Float64Array, alpha: number): Measured {
  const { mean, stderr } = meanAndStderr(profit);
  const { cvar, stderr: cvarStderr } = cvarOf(lossesOf(profit, reference), alpha);
  return { expectedProfit: mean, expectedProfitStderr: stderr, cvar, cvarStderr };
}
