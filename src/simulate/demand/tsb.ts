import type { DemandFit } from './demand-fit.js';

/**
 * Intermittent demand by TSB (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking forecasting
 * to inventory obsolescence", EJOR 214). Where Croston smooths the interval between sales, and so moves
 * only on sales, TSB smooths the probability of a sale every day:
 *
 *   p(t) = p(t−1) + β (1[y(t) > 0] − p(t−1))        every day
 *   z(t) = z(t−1) + α (y(t) − z(t−1))               on days with a sale
 *   forecast p · z, flat
 *
 * so a SKU that stops selling fades at rate β a day. α = 0.1 as for SBA; β is chosen on a small grid by
 * in-sample one-step squared error. Initial p and z are the share of sale days and the mean sale.
 */

const ALPHA = 0.1;
const BETAS = [0.02, 0.05, 0.1, 0.2];

/** Fits on y[start, end); writes the rate (units/day) into `fit.tsbRate`. */
export function fitTsb(y: Float64Array, start: number, end: number, fit: DemandFit): void {
  let sales = 0;
  let units = 0;
  for (let i = start; i < end; i++) {
    if (y[i] > 0) {
      sales++;
      units += y[i];
    }
  }
  if (sales === 0 || end <= start) {
    fit.tsbRate = 0;
    return;
  }
  let best = Infinity;
  for (const beta of BETAS) {
    let p = sales / (end - start);
    let z = units / sales;
    let sse = 0;
    for (let i = start; i < end; i++) {
      const v = y[i];
      const e = v - p * z;
      sse += e * e;
      if (v > 0) {
        p += beta * (1 - p);
        z += ALPHA * (v - z);
      } else {
        p -= beta * p;
      }
    }
    if (sse < best) {
      best = sse;
      fit.tsbRate = p * z;
      fit.tsbBeta = beta;
    }
  }
}
