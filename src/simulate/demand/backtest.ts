import { BallastError } from '../../errors.js';
import {
  SEASON_DAYS,
  absoluteErrorSum,
  firstSale,
  naiveInto,
  naiveSquaredScale,
  seasonalNaiveInto,
  seasonalNaiveScale,
  squaredErrorSum,
  sumOf,
} from './accuracy.js';
import { createDemandFit } from './demand-fit.js';
import { fitDemand } from './fit.js';
import { checkDays, resolveDemandOptions, type DemandOptions } from './options.js';
import { projectDemand } from './project.js';

/**
 * Holdout backtest: each cell's last `holdoutDays` are hidden, every method forecasts them from the rest,
 * and the errors are summarised per method over cells.
 *
 * - MASE: mean over cells of each cell's MASE (accuracy.ts), its scale taken from the cell's first sale.
 *   Cells whose scale is 0 or undefined (a week or less of training after the first sale, all zeros, or
 *   repeating exactly every week) have no MASE; they are counted in `skipped`.
 * - RMSSE: the M5 measure, mean over the same cells (a cell with a MASE scale has an RMSSE scale).
 * - bias: (Σ forecast − Σ actual) / Σ actual, pooled over every cell with more than a week of training
 *   days, including those skipped for MASE — a dead cell forecast to sell still overstates demand.
 */

export const BACKTEST_METHODS = ['ballast', 'seasonal-naive', 'naive'] as const;
export type BacktestMethod = (typeof BACKTEST_METHODS)[number];

export interface BacktestRow {
  method: BacktestMethod;
  /** Mean of per-cell MASE; NaN when no cell has a MASE. */
  mase: number;
  /** Mean of per-cell RMSSE over the same cells. */
  rmsse: number;
  /** Relative error of the total; NaN when the held-out days sold nothing. */
  bias: number;
  /** Cells in the MASE mean. */
  cells: number;
  /** Cells left out of the MASE mean. */
  skipped: number;
}

/**
 * @param series daily units per cell, oldest first
 * @param startDowOfFirstDay per cell, the weekday (0 = Monday) of series[c][0]
 * @example
 *   console.log(formatBacktest(backtest(histories, firstWeekdays)));
 */
export function backtest(
  series: Float64Array[],
  startDowOfFirstDay: number[],
  holdoutDays = 56,
  options?: Partial<DemandOptions>,
): BacktestRow[] {
  if (series.length !== startDowOfFirstDay.length) {
    throw new BallastError(
      'bad-input',
      `backtest: ${series.length} series but ${startDowOfFirstDay.length} start weekdays`,
      { hint: 'Pass one start weekday per series.' },
    );
  }
  if (!Number.isInteger(holdoutDays) || holdoutDays < 1) {
    throw new BallastError('bad-input', `backtest holdoutDays: ${holdoutDays}, expected an integer ≥ 1`);
  }
  const resolved = resolveDemandOptions(options);
  const methods = BACKTEST_METHODS.length;
  const maseSum = new Float64Array(methods);
  const rmsseSum = new Float64Array(methods);
  const forecastSum = new Float64Array(methods);
  let actualSum = 0;
  let cells = 0;
  let skipped = 0;
  const forecast = new Float64Array(holdoutDays);
  const fit = createDemandFit();

  for (let c = 0; c < series.length; c++) {
    const y = series[c]!;
    checkDays(startDowOfFirstDay[c]!, 0);
    const train = y.length - holdoutDays;
    if (train <= SEASON_DAYS) {
      skipped++;
      continue;
    }
    const from = firstSale(y, train);
    const scale = seasonalNaiveScale(y, train, from);
    const squaredScale = naiveSquaredScale(y, train, from);
    if (scale > 0) cells++;
    else skipped++;
    actualSum += sumOf(y, train, y.length);
    const startDow = (startDowOfFirstDay[c]! + train) % 7;
    for (let m = 0; m < methods; m++) {
      if (m === 0)
        projectDemand(fitDemand(y.subarray(0, train), startDow, resolved, fit), startDow, forecast);
      else if (m === 1) seasonalNaiveInto(y, train, forecast);
      else naiveInto(y, train, forecast);
      forecastSum[m] += sumOf(forecast, 0, holdoutDays);
      if (scale > 0) {
        maseSum[m] += absoluteErrorSum(y, train, forecast) / holdoutDays / scale;
        rmsseSum[m] += Math.sqrt(squaredErrorSum(y, train, forecast) / holdoutDays / squaredScale);
      }
    }
  }

  return BACKTEST_METHODS.map((method, m) => ({
    method,
    mase: cells > 0 ? maseSum[m]! / cells : NaN,
    rmsse: cells > 0 ? rmsseSum[m]! / cells : NaN,
    bias: actualSum > 0 ? (forecastSum[m]! - actualSum) / actualSum : NaN,
    cells,
    skipped,
  }));
}

function cell(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}

/** A fixed-width table for the terminal, one row per method, best MASE first. */
export function formatBacktest(rows: BacktestRow[]): string {
  const key = (r: BacktestRow): number => (Number.isFinite(r.mase) ? r.mase : Infinity);
  const sorted = [...rows].sort((a, b) => key(a) - key(b));
  const lines = [
    `${cell('method', 16, true)}${cell('MASE', 8)}${cell('RMSSE', 8)}${cell('bias', 9)}${cell('cells', 8)}` +
      cell('skipped', 9),
  ];
  for (const r of sorted) {
    const mase = Number.isFinite(r.mase) ? r.mase.toFixed(3) : 'n/a';
    const rmsse = Number.isFinite(r.rmsse) ? r.rmsse.toFixed(3) : 'n/a';
    const bias = Number.isFinite(r.bias) ? `${r.bias >= 0 ? '+' : ''}${(r.bias * 100).toFixed(1)}%` : 'n/a';
    lines.push(
      `${cell(r.method, 16, true)}${cell(mase, 8)}${cell(rmsse, 8)}${cell(bias, 9)}${cell(String(r.cells), 8)}` +
        `${cell(String(r.skipped), 9)}`,
    );
  }
  return lines.join('\n');
}
