import { BallastError } from '../../errors.js';
import { DEMAND_METHODS, createDemandFit, type DemandMethod } from './demand-fit.js';
import { fitDemand } from './select.js';
import { describeFit } from './notes.js';
import { checkDays, resolveDemandOptions, type DemandOptions } from './options.js';
import { projectDemand } from './project.js';
import { familyOf, isYoung, poolYoungCells } from './young.js';

export interface BaselineForecast {
  /** Expected units for each forecast day, horizonDays long. */
  daily: Float64Array;
  method: DemandMethod;
  /** How the forecast was made, in plain words. */
  notes: string[];
}

const shared = createDemandFit();

/**
 * One cell's baseline daily demand (docs/forecast.md).
 *
 * @param history daily units for the cell, oldest first, ending the day before the forecast starts
 * @param startDow weekday of the first forecast day, 0 = Monday … 6 = Sunday
 * @example
 *   const { daily, method, notes } = baselineForecast(unitsPerDay, 4, 180); // forecast from a Friday
 */
export function baselineForecast(
  history: Float64Array,
  startDow: number,
  horizonDays: number,
  options?: Partial<DemandOptions>,
): BaselineForecast {
  checkDays(startDow, horizonDays);
  const resolved = resolveDemandOptions(options);
  fitDemand(history, startDow, resolved, shared);
  const daily = new Float64Array(horizonDays);
  const flooredFrom = projectDemand(shared, startDow, daily);
  return { daily, method: DEMAND_METHODS[shared.method], notes: describeFit(shared, resolved, flooredFrom) };
}

export interface CellForecasts {
  /** Expected units, cells × horizonDays, row-major by cell (the layout of SimModel.baseline). */
  daily: Float64Array;
  /** Per cell: index into DEMAND_METHODS. */
  method: Uint8Array;
  /** Per cell: fitted NB size k and zero inflation π (noise.ts); NaN where the history is too short. */
  dispersion: Float64Array;
  zeroInflation: Float64Array;
}

/**
 * Baselines for many cells at once, without notes: `histories` is cells × historyDays, row-major by
 * cell, all ending the day before the forecast. Validates once, then one fit object and views into the
 * input and output serve every cell. Cells too young for a noise fit of their own take their rate
 * factor and noise from the workspace's young cells of 8 weeks earlier (young.ts).
 *
 * @example
 *   const { daily } = forecastCells(units, skuChannelMarkets, startDow, 180);
 *   const cell7day3 = daily[7 * 180 + 3];
 */
export function forecastCells(
  histories: Float64Array,
  cells: number,
  startDow: number,
  horizonDays: number,
  options?: Partial<DemandOptions>,
): CellForecasts {
  checkDays(startDow, horizonDays);
  const resolved = resolveDemandOptions(options);
  const historyDays = cells > 0 ? histories.length / cells : 0;
  if (!Number.isInteger(cells) || cells < 0 || !Number.isInteger(historyDays)) {
    throw new BallastError('bad-input', `demand histories: ${histories.length} values for ${cells} cells`, {
      hint: 'Pass cells × historyDays values, one row of days per cell.',
    });
  }
  const daily = new Float64Array(cells * horizonDays);
  const method = new Uint8Array(cells);
  const dispersion = new Float64Array(cells);
  const zeroInflation = new Float64Array(cells);
  const family = new Uint8Array(cells);
  const young = new Uint8Array(cells);
  const history = (c: number): Float64Array => histories.subarray(c * historyDays, (c + 1) * historyDays);
  const fit = createDemandFit();
  for (let c = 0; c < cells; c++) {
    fitDemand(history(c), startDow, resolved, fit);
    projectDemand(fit, startDow, daily.subarray(c * horizonDays, (c + 1) * horizonDays));
    method[c] = fit.method;
    dispersion[c] = fit.dispersion;
    zeroInflation[c] = fit.zeroInflation;
    family[c] = familyOf(fit, resolved);
    young[c] = isYoung(fit, resolved) ? 1 : 0;
  }
  poolYoungCells(
    cells,
    history,
    () => startDow,
    resolved,
    { young, family, dispersion, zeroInflation },
    (c) => daily.subarray(c * horizonDays, (c + 1) * horizonDays),
  );
  return { daily, method, dispersion, zeroInflation };
}
