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
import { coveredShare, zinbMedian } from './noise.js';
import { checkDays, resolveDemandOptions, type DemandOptions } from './options.js';
import { projectDemand } from './project.js';
import { fitDemand } from './select.js';
import { familyOf, isYoung, poolYoungCells } from './young.js';

/**
 * Holdout backtest: each cell's last `holdoutDays` are hidden, every method forecasts them from the rest,
 * and the errors are summarised per method over cells.
 *
 * - MASE: mean over cells of each cell's MASE (accuracy.ts), its scale taken from the cell's first sale.
 *   Cells whose scale is 0 or undefined (a week or less of training after the first sale, all zeros, or
 *   repeating exactly every week) have no MASE; they are counted in `skipped`. Ballast's MASE is scored
 *   on the median of each day's predictive distribution (noise.ts), the point that minimises expected
 *   absolute error; its mean, which the simulator uses, would be judged by a measure it does not aim at.
 *   Every other method gives one point forecast, scored as it is.
 * - RMSSE: the M5 measure, mean over the same cells (a cell with a MASE scale has an RMSSE scale), on
 *   Ballast's mean: squared error is minimised by the mean.
 * - bias: (Σ forecast − Σ actual) / Σ actual on Ballast's mean, pooled over every cell with more than a
 *   week of training days, including those skipped for MASE — a dead cell forecast to sell still
 *   overstates demand.
 * - coverage (Ballast only): the share of held-out cell-days inside the 80 % and 95 % prediction
 *   intervals of the cell's fitted noise (noise.ts), over the same cells as bias. A young cell is scored
 *   with the noise pooled from the workspace's young cells (young.ts), a cell with no noise at all with
 *   the simulator's default, as the simulator draws them.
 * - Young cells' forecasts carry the rate factor of young.ts, as forecastCells gives them.
 */

export const BACKTEST_METHODS = ['ballast', 'seasonal-naive', 'naive'] as const;
export type BacktestMethod = (typeof BACKTEST_METHODS)[number];

/** The simulator's default negative-binomial size, used for cells too young for a noise fit. */
export const DEFAULT_DISPERSION = 10;

export interface BacktestRow {
  /** One of BACKTEST_METHODS, or a peer's name. */
  method: string;
  /** Mean of per-cell MASE (Ballast: on its predictive median); NaN when no cell has a MASE. */
  mase: number;
  /** Mean of per-cell RMSSE over the same cells. */
  rmsse: number;
  /** Relative error of the total; NaN when the held-out days sold nothing. */
  bias: number;
  /** Share of held-out cell-days inside the 80 % / 95 % intervals; NaN for methods without noise. */
  coverage80: number;
  coverage95: number;
  /** Cells in the MASE mean. */
  cells: number;
  /** Cells left out of the MASE mean. */
  skipped: number;
}

/** Another forecaster scored beside Ballast (a benchmark's peer): fills `out` from series[cell][0, train). */
export interface BacktestPeer {
  method: string;
  forecastInto: (cell: number, train: number, out: Float64Array) => void;
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
  peers: readonly BacktestPeer[] = [],
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
  const names = [...BACKTEST_METHODS, ...peers.map((p) => p.method)];
  const methods = names.length;
  const maseSum = new Float64Array(methods);
  const rmsseSum = new Float64Array(methods);
  const forecastSum = new Float64Array(methods);
  let actualSum = 0;
  let cells = 0;
  let skipped = 0;
  let covered80 = 0;
  let covered95 = 0;
  let coverageDays = 0;
  const forecast = new Float64Array(holdoutDays);
  const median = new Float64Array(holdoutDays);

  // Ballast first, every cell: young cells take their rate factor and noise from the pool of cells that
  // were young 8 weeks before the holdout (young.ts), as forecastCells gives them to the simulator.
  const count = series.length;
  const trainDays = (c: number): number => Math.max(0, series[c].length - holdoutDays);
  const startDow = (c: number): number => (startDowOfFirstDay[c] + trainDays(c)) % 7;
  const ballast = new Float64Array(count * holdoutDays);
  const dispersion = new Float64Array(count).fill(NaN);
  const zeroInflation = new Float64Array(count).fill(NaN);
  const family = new Uint8Array(count);
  const young = new Uint8Array(count);
  const fit = createDemandFit();
  for (let c = 0; c < count; c++) {
    checkDays(startDowOfFirstDay[c], 0);
    const train = trainDays(c);
    if (train <= SEASON_DAYS) continue;
    const row = ballast.subarray(c * holdoutDays, (c + 1) * holdoutDays);
    projectDemand(fitDemand(series[c].subarray(0, train), startDow(c), resolved, fit), startDow(c), row);
    dispersion[c] = fit.dispersion;
    zeroInflation[c] = fit.zeroInflation;
    family[c] = familyOf(fit, resolved);
    young[c] = isYoung(fit, resolved) ? 1 : 0;
  }
  poolYoungCells(
    count,
    (c) => series[c].subarray(0, trainDays(c)),
    startDow,
    resolved,
    { young, family, dispersion, zeroInflation },
    (c) => ballast.subarray(c * holdoutDays, (c + 1) * holdoutDays),
  );

  for (let c = 0; c < count; c++) {
    const y = series[c];
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
    for (let m = 0; m < methods; m++) {
      if (m === 0) {
        forecast.set(ballast.subarray(c * holdoutDays, (c + 1) * holdoutDays));
        const size = Number.isNaN(dispersion[c]) ? DEFAULT_DISPERSION : dispersion[c];
        const inflation = Number.isNaN(zeroInflation[c]) ? 0 : zeroInflation[c];
        for (let t = 0; t < holdoutDays; t++) {
          median[t] = zinbMedian(forecast[t], size, inflation);
          covered80 += coveredShare(y[train + t], forecast[t], size, inflation, 0.8);
          covered95 += coveredShare(y[train + t], forecast[t], size, inflation, 0.95);
        }
        coverageDays += holdoutDays;
      } else if (m === 1) seasonalNaiveInto(y, train, forecast);
      else if (m === 2) naiveInto(y, train, forecast);
      else peers[m - BACKTEST_METHODS.length].forecastInto(c, train, forecast);
      forecastSum[m] += sumOf(forecast, 0, holdoutDays);
      if (scale > 0) {
        maseSum[m] += absoluteErrorSum(y, train, m === 0 ? median : forecast) / holdoutDays / scale;
        rmsseSum[m] += Math.sqrt(squaredErrorSum(y, train, forecast) / holdoutDays / squaredScale);
      }
    }
  }

  return names.map((method, m) => ({
    method,
    mase: cells > 0 ? maseSum[m] / cells : NaN,
    rmsse: cells > 0 ? rmsseSum[m] / cells : NaN,
    bias: actualSum > 0 ? (forecastSum[m] - actualSum) / actualSum : NaN,
    coverage80: m === 0 && coverageDays > 0 ? covered80 / coverageDays : NaN,
    coverage95: m === 0 && coverageDays > 0 ? covered95 / coverageDays : NaN,
    cells,
    skipped,
  }));
}

function cell(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}

const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '');

/** A fixed-width table for the terminal, one row per method, best MASE first. */
export function formatBacktest(rows: BacktestRow[]): string {
  const key = (r: BacktestRow): number => (Number.isFinite(r.mase) ? r.mase : Infinity);
  const sorted = [...rows].sort((a, b) => key(a) - key(b));
  const lines = [
    `${cell('method', 16, true)}${cell('MASE', 8)}${cell('RMSSE', 8)}${cell('bias', 9)}${cell('cells', 8)}` +
      `${cell('skipped', 9)}${cell('in 80%', 8)}${cell('in 95%', 8)}`,
  ];
  for (const r of sorted) {
    const mase = Number.isFinite(r.mase) ? r.mase.toFixed(3) : 'n/a';
    const rmsse = Number.isFinite(r.rmsse) ? r.rmsse.toFixed(3) : 'n/a';
    const bias = Number.isFinite(r.bias) ? `${r.bias >= 0 ? '+' : ''}${(r.bias * 100).toFixed(1)}%` : 'n/a';
    lines.push(
      `${cell(r.method, 16, true)}${cell(mase, 8)}${cell(rmsse, 8)}${cell(bias, 9)}${cell(String(r.cells), 8)}` +
        `${cell(String(r.skipped), 9)}${cell(percent(r.coverage80), 8)}${cell(percent(r.coverage95), 8)}`.trimEnd(),
    );
  }
  return lines.join('\n');
}
