import { dampedSum } from './damped-trend.js';
import {
  METHOD_COMBINED,
  METHOD_DAMPED,
  METHOD_ETS,
  METHOD_SBA,
  METHOD_SHORT,
  METHOD_TSB,
  METHOD_ZERO,
  type DemandFit,
} from './demand-fit.js';

/**
 * Turns a fit into daily expected units for the days after the history: out[t] is day t of the
 * forecast, whose weekday is (startDow + t) mod 7. Returns the first day the forecast was floored at 0
 * (a declining trend), or −1. Allocates nothing.
 *
 * Damped trend at a daily grain: the weekly forecast ℓ + (φ + … + φʰ) b is the total of forecast week h,
 * so it is read at mid-week — day t sits at h = (t + 4)/7 weeks (day 3 of week 1 is h = 1) — with the
 * damped sum taken at real h so the curve is smooth rather than a staircase; a seventh of it times the
 * weekday index is the day's demand. A declining trend has no floor of its own (FPP3 §13.3 reaches
 * positivity through a log transform; on counts with zeros a floor is simpler), so demand is floored at 0.
 */
export function projectDemand(fit: DemandFit, startDow: number, out: Float64Array): number {
  if (fit.method === METHOD_ETS || fit.method === METHOD_TSB) {
    alternativeInto(fit, startDow, out, 0);
    return -1;
  }
  if (fit.method === METHOD_COMBINED) {
    const chosen = fit.method;
    fit.method = fit.rule;
    const flooredFrom = projectDemand(fit, startDow, out);
    fit.method = chosen;
    alternativeInto(fit, startDow, out, 0.5);
    return flooredFrom;
  }
  const horizon = out.length;
  const weekday = fit.weekday;
  if (fit.method === METHOD_ZERO) {
    out.fill(0);
    return -1;
  }
  if (fit.method !== METHOD_DAMPED && fit.method !== METHOD_SHORT) {
    out.fill(fit.level);
    return -1;
  }
  let dow = startDow;
  if (fit.method === METHOD_SHORT) {
    for (let t = 0; t < horizon; t++) {
      out[t] = fit.level * weekday[dow];
      dow = dow === 6 ? 0 : dow + 1;
    }
    return -1;
  }

  const phi = fit.damping;
  const phiPerDay = Math.pow(phi, 1 / 7);
  let phiPow = Math.pow(phi, 4 / 7);
  let flooredFrom = -1;
  for (let t = 0; t < horizon; t++) {
    const weekTotal = fit.level + dampedSum(phi, phiPow, (t + 4) / 7) * fit.trendPerWeek;
    if (weekTotal > 0) {
      out[t] = (weekTotal / 7) * weekday[dow];
    } else {
      out[t] = 0;
      if (flooredFrom < 0) flooredFrom = t;
    }
    phiPow *= phiPerDay;
    dow = dow === 6 ? 0 : dow + 1;
  }
  return flooredFrom;
}

/**
 * The rules' alternative — ETS beside the damped trend, TSB beside SBA — into `out`; with `share` > 0,
 * out = (1 − share)·out + share·alternative (a combination with what `out` holds).
 */
function alternativeInto(fit: DemandFit, startDow: number, out: Float64Array, share: number): void {
  const keep = share > 0 ? 1 - share : 0;
  const weight = share > 0 ? share : 1;
  let dow = startDow;
  for (let t = 0; t < out.length; t++) {
    const alternative =
      fit.rule === METHOD_SBA ? fit.tsbRate : Math.max(0, fit.etsLevel + fit.etsSeason[dow]);
    out[t] = keep * out[t] + weight * alternative;
    dow = dow === 6 ? 0 : dow + 1;
  }
}
