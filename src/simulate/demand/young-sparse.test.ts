import { describe, expect, it } from 'vitest';
import { present } from '../../errors.js';
import { backtest, baselineForecast, type BacktestRow } from './index.js';

/**
 * Young and sparse cells, the shape most real SKUs have. Each case is a defect seen on a genuine retail
 * history (Olist), rebuilt here as the smallest series that shows it.
 */

/** `days` of history, all zero except `units` sold `daysBack` days before the forecast (1 = yesterday). */
function oneSale(days: number, units: number, daysBack: number): Float64Array {
  const y = new Float64Array(days);
  y[days - daysBack] = units;
  return y;
}

const total = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);
const row = (rows: BacktestRow[], method: string): BacktestRow | undefined =>
  rows.find((r) => r.method === method);

describe('young cells', () => {
  it('does not turn one launch order into a daily rate', () => {
    // One 94-unit order yesterday, nothing before: the old fallback forecast 94 a day for 56 days.
    const f = baselineForecast(oneSale(700, 94, 1), 0, 56);
    expect(total(f.daily)).toBeLessThan(2 * 94 + 1e-9);
    expect(f.daily[0]).toBeCloseTo(94 / 28, 9);
  });

  it('counts the days before a sparse first sale, but keeps a steady seller at its rate', () => {
    // Three sales 6 days apart: about 5 zero days are expected before the first sale too (geometric gap).
    const y = new Float64Array(400);
    for (const back of [13, 7, 1]) y[400 - back] = 6;
    const sparse = baselineForecast(y, 0, 7);
    expect(sparse.daily[0]).toBeCloseTo(18 / 18, 9); // 13 days of life + 5 expected zero days before it
    const steady = baselineForecast(
      Float64Array.from({ length: 400 }, (_, i) => (i >= 390 ? 4 : 0)),
      0,
      7,
    );
    expect(steady.daily[0]).toBe(4);
  });

  it('keeps a first sale in the fit window whatever its weekday', () => {
    // The same 960-unit sale 41, 42 or 43 days back: the old whole-weeks window dropped it at 41 and 43.
    const rates = [41, 42, 43].map((back) => baselineForecast(oneSale(700, 960, back), 0, 7).daily[0]);
    for (const rate of rates) {
      expect(rate).toBeGreaterThan(0.8 * rates[1]);
      expect(rate).toBeLessThan(1.2 * rates[1]);
    }
  });
});

describe('sparse cells', () => {
  it('lowers an intermittent rate when sales stop', () => {
    // 5 units every 3 days for 300 days; then either a sale yesterday or five silent weeks.
    const selling = Float64Array.from({ length: 300 }, (_, i) => ((299 - i) % 3 === 0 ? 5 : 0));
    const silent = new Float64Array(335);
    silent.set(selling);
    const before = baselineForecast(selling, 0, 7).daily[0];
    const after = baselineForecast(silent, 0, 7).daily[0];
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(0.6 * before);
  });
});

describe('backtest on young cells', () => {
  it('scales MASE from the first sale, not from the common start date', () => {
    // 600 days of nothing, then a year of steady sales: the zeros before the launch made the lag-7 scale
    // tiny and the MASE huge. From the first sale the scale is that of the selling days alone.
    const sales = (i: number): number => 3 + ((i * i) % 11);
    const young = Float64Array.from({ length: 965 }, (_, i) => (i < 600 ? 0 : sales(i)));
    const old = Float64Array.from({ length: 365 }, (_, i) => sales(i + 600));
    const a = backtest([young], [0], 56);
    const b = backtest([old], [600 % 7], 56);
    const oldRow = present(row(b, 'naive'), 'the naive row of the cell selling from day 0');
    expect(row(a, 'naive')?.mase).toBeCloseTo(oldRow.mase, 12);
    expect(row(a, 'naive')?.rmsse).toBeCloseTo(oldRow.rmsse, 12);
  });

  it('reports RMSSE, the M5 measure: squared errors over the in-sample one-day change', () => {
    // One unit every fourth day from day 0; 344 training days. Seasonal naive repeats the last week
    // (a 1 on its 4th day): 8 ones forecast, 14 sold, 2 on the same day → 18 errors of 1 in 56 days.
    // In-sample lag-1 changes: 85 rises and 86 falls in 343 steps.
    const y = Float64Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const rows = backtest([y], [0], 56);
    expect(row(rows, 'seasonal-naive')?.rmsse).toBeCloseTo(Math.sqrt(18 / 56 / (171 / 343)), 12);
  });
});
