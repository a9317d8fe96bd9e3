import { describe, expect, it } from 'vitest';
import { present } from '../../errors.js';
import { mulberry32 } from '../../random.js';
import {
  BACKTEST_METHODS,
  DEFAULT_DISPERSION,
  backtest,
  forecastCells,
  formatBacktest,
  mase,
  type BacktestRow,
} from './index.js';

/** Trending weekly-seasonal cells with Poisson noise: what a growing channel looks like. */
function trendingSeasonal(
  cells: number,
  days: number,
  seed: number,
): { series: Float64Array[]; dows: number[] } {
  const next = mulberry32(seed);
  const poisson = (mean: number): number => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  const pattern = [0.8, 0.85, 0.9, 1, 1.1, 1.45, 0.9];
  const series: Float64Array[] = [];
  const dows: number[] = [];
  for (let c = 0; c < cells; c++) {
    const dow = c % 7;
    const base = 5 + 20 * next();
    const growth = 0.02 + 0.08 * next();
    series.push(
      Float64Array.from({ length: days }, (_, i) => poisson((base + growth * i) * pattern[(dow + i) % 7])),
    );
    dows.push(dow);
  }
  return { series, dows };
}

/** ln P(Y = y) of a zero-inflated negative binomial written from its textbook form, with Γ as a product. */
function plainZinbPmf(y: number, mu: number, size: number, inflation: number): number {
  const m = mu / (1 - inflation);
  let nb = Math.pow(size / (size + m), size);
  for (let j = 0; j < y; j++) nb *= ((size + j) / (j + 1)) * (m / (size + m));
  return (y === 0 ? inflation : 0) + (1 - inflation) * nb;
}

/** The smallest y whose cumulative probability reaches ½. */
function plainMedian(mu: number, size: number, inflation: number): number {
  if (mu <= 0) return 0;
  let cdf = 0;
  for (let y = 0; ; y++) {
    cdf += plainZinbPmf(y, mu, size, inflation);
    if (cdf >= 0.5) return y;
  }
}

/**
 * The backtest written plainly from its definition, on number arrays. Ballast's MASE is on the median
 * of each day's predictive distribution, its RMSSE and bias on the mean.
 */
function plainBacktest(
  series: Float64Array[],
  dows: number[],
  holdout: number,
): Map<string, { mase: number; rmsse: number; bias: number }> {
  const out = new Map<string, { mase: number; rmsse: number; bias: number }>();
  for (const method of BACKTEST_METHODS) {
    const maseValues: number[] = [];
    const rmsseValues: number[] = [];
    let forecastTotal = 0;
    let actualTotal = 0;
    series.forEach((typed, c) => {
      const y = [...typed];
      const train = y.slice(0, y.length - holdout);
      const test = y.slice(y.length - holdout);
      let forecast: number[];
      let point: number[];
      if (method === 'naive') forecast = point = test.map(() => train[train.length - 1]);
      else if (method === 'seasonal-naive')
        forecast = point = test.map((_, t) => train[train.length - 7 + (t % 7)]);
      else {
        const cell = forecastCells(Float64Array.from(train), 1, (dows[c] + train.length) % 7, holdout);
        forecast = [...cell.daily];
        const size = Number.isNaN(cell.dispersion[0]) ? DEFAULT_DISPERSION : cell.dispersion[0];
        const inflation = Number.isNaN(cell.zeroInflation[0]) ? 0 : cell.zeroInflation[0];
        point = forecast.map((mu) => plainMedian(mu, size, inflation));
      }
      // Both scales start at the first sale (M5; the forecaster ignores the days before it too).
      const life = train.slice(train.findIndex((v) => v > 0));
      const scaleTerms = life.slice(7).map((v, t) => Math.abs(v - life[t]));
      const scale = scaleTerms.reduce((a, b) => a + b, 0) / scaleTerms.length;
      const squaredTerms = life.slice(1).map((v, t) => (v - life[t]) ** 2);
      const squaredScale = squaredTerms.reduce((a, b) => a + b, 0) / squaredTerms.length;
      const mae = test.map((v, t) => Math.abs(v - point[t])).reduce((a, b) => a + b) / holdout;
      const mse = test.map((v, t) => (v - forecast[t]) ** 2).reduce((a, b) => a + b) / holdout;
      if (scale > 0) {
        maseValues.push(mae / scale);
        rmsseValues.push(Math.sqrt(mse / squaredScale));
      }
      forecastTotal += forecast.reduce((a, b) => a + b);
      actualTotal += test.reduce((a, b) => a + b);
    });
    out.set(method, {
      mase: maseValues.reduce((a, b) => a + b) / maseValues.length,
      rmsse: rmsseValues.reduce((a, b) => a + b) / rmsseValues.length,
      bias: (forecastTotal - actualTotal) / actualTotal,
    });
  }
  return out;
}

const row = (rows: BacktestRow[], method: string): BacktestRow =>
  present(
    rows.find((r) => r.method === method),
    `the ${method} row`,
  );

const noCoverage = { coverage80: NaN, coverage95: NaN };

describe('backtest', () => {
  it('scores seasonal naive and naive as worked by hand', () => {
    // Training 1 … 7, 2 … 8: every lag-7 difference is 1, so the scale is 1. Held out: 3 … 9.
    // Seasonal naive repeats 2 … 8: every error 1 → MASE 1; bias (35 − 42) / 42 = −1/6.
    // Naive repeats 8: errors 5 4 3 2 1 0 1 → MASE 16/7; bias (56 − 42) / 42 = 1/3.
    const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7, 8, 3, 4, 5, 6, 7, 8, 9]);
    const rows = backtest([y], [0], 7);
    expect(row(rows, 'seasonal-naive').mase).toBeCloseTo(1, 12);
    expect(row(rows, 'seasonal-naive').bias).toBeCloseTo(-1 / 6, 12);
    expect(row(rows, 'naive').mase).toBeCloseTo(16 / 7, 12);
    expect(row(rows, 'naive').bias).toBeCloseTo(1 / 3, 12);
    expect(row(rows, 'naive').cells).toBe(1);
  });

  it('gives a perfect forecast a MASE of 0', () => {
    const y = Float64Array.from({ length: 60 }, (_, i) => (i % 5) + 1);
    expect(mase(y, 46, y.subarray(46))).toBe(0);
    // Noisy at first, then a steady 6 a day for over a year: Ballast forecasts the holdout exactly.
    const steady = Float64Array.from({ length: 500 }, (_, i) => (i < 60 ? (i * 7) % 11 : 6));
    const rows = backtest([steady], [3]);
    expect(row(rows, 'ballast').mase).toBe(0);
    expect(row(rows, 'ballast').bias).toBe(0);
  });

  it('beats seasonal naive on trending seasonal series', () => {
    const { series, dows } = trendingSeasonal(70, 730, 42);
    const rows = backtest(series, dows);
    const ballast = row(rows, 'ballast');
    expect(ballast.cells).toBe(70);
    expect(ballast.mase).toBeLessThan(row(rows, 'seasonal-naive').mase);
    expect(ballast.mase).toBeLessThan(row(rows, 'naive').mase);
    expect(Math.abs(ballast.bias)).toBeLessThan(0.1);
  });

  it('matches an independent plain implementation', () => {
    const { series, dows } = trendingSeasonal(15, 400, 5);
    series.push(Float64Array.from({ length: 300 }, (_, i) => (i % 9 === 0 ? 2 : 0))); // an intermittent cell
    dows.push(4);
    // A cell launched late: its scales start at its first sale.
    series.push(Float64Array.from({ length: 400 }, (_, i) => (i < 150 ? 0 : 2 + ((i * i) % 5))));
    dows.push(1);
    const rows = backtest(series, dows, 56);
    const plain = plainBacktest(series, dows, 56);
    for (const method of BACKTEST_METHODS) {
      const expected = present(plain.get(method), `the plain ${method} row`);
      expect(row(rows, method).mase).toBeCloseTo(expected.mase, 10);
      expect(row(rows, method).rmsse).toBeCloseTo(expected.rmsse, 10);
      expect(row(rows, method).bias).toBeCloseTo(expected.bias, 10);
    }
  });

  it('scores Ballast’s MASE on its predictive median, RMSSE and bias on its mean', () => {
    // One unit every 5th day: the mean forecast is about 0.2 a day, but each day sells nothing with
    // probability ≈ 0.8, so the median is 0 and the MASE is that of forecasting zeros: the held-out
    // units over the scale. Held out (56 days from day 244): 11 sales; training scale 2/5 (a lag-7
    // difference is 1 on two days in five: a sale this week and not last, or last and not this).
    const y = Float64Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const [ballast] = backtest([y], [0], 56);
    let scaleSum = 0;
    for (let t = 7; t < 244; t++) scaleSum += Math.abs(y[t] - y[t - 7]);
    const scale = scaleSum / 237;
    expect(scale).toBeCloseTo(0.4, 2);
    expect(ballast.mase).toBeCloseTo(11 / 56 / scale, 12);
    // The mean forecast is not 0: its bias is that of the mean, not of the zeros the median forecast.
    expect(ballast.bias).toBeGreaterThan(-0.5);
  });

  it('skips and counts cells with no MASE scale or too little history', () => {
    const pattern = Float64Array.from({ length: 200 }, (_, i) => [3, 1, 4, 1, 5, 9, 2][i % 7]); // scale 0
    const tooShort = Float64Array.from({ length: 60 }, (_, i) => i); // 4 training days
    const { series, dows } = trendingSeasonal(2, 200, 1);
    const rows = backtest([pattern, tooShort, ...series], [0, 0, ...dows]);
    for (const r of rows) expect([r.cells, r.skipped]).toEqual([2, 2]);
  });

  it('formats a terminal table, best MASE first', () => {
    const text = formatBacktest([
      { method: 'naive', mase: 1.8, rmsse: 1.2, bias: 0.25, cells: 10, skipped: 1, ...noCoverage },
      {
        method: 'ballast',
        mase: 0.7,
        rmsse: 0.81,
        bias: -0.031,
        cells: 10,
        skipped: 1,
        coverage80: 0.784,
        coverage95: 0.951,
      },
      { method: 'seasonal-naive', mase: NaN, rmsse: NaN, bias: NaN, cells: 0, skipped: 11, ...noCoverage },
    ]);
    expect(text.split('\n')).toEqual([
      'method              MASE   RMSSE     bias   cells  skipped  in 80%  in 95%',
      'ballast            0.700   0.810    -3.1%      10        1   78.4%   95.1%',
      'naive              1.800   1.200   +25.0%      10        1',
      'seasonal-naive       n/a     n/a      n/a       0       11',
    ]);
  });
});
