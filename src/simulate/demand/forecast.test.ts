import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.js';
import { BallastError } from '../../errors.js';
import { baselineForecast, DEMAND_METHODS, forecastCells } from './index.js';

const series = (days: number, f: (i: number) => number): Float64Array =>
  Float64Array.from({ length: days }, (_, i) => f(i));

/** Weekday (0 = Monday) of history day i when the forecast starts on startDow: the last day is startDow − 1. */
const dowOfHistory = (i: number, days: number, startDow: number): number =>
  (startDow + 7 * days - (days - i)) % 7;

describe('baselineForecast: degenerate histories', () => {
  it('forecasts 0 for an empty or all-zero history', () => {
    for (const history of [new Float64Array(0), new Float64Array(400)]) {
      const f = baselineForecast(history, 0, 30);
      expect(f.method).toBe('zero');
      expect([...f.daily]).toEqual(new Array(30).fill(0));
      expect(f.notes[0]).toMatch(/forecast 0/);
    }
  });

  it('forecasts a flat history as exactly the same constant', () => {
    // 0.1 and 7.3 are not exact in binary: any averaging would drift in the last bit.
    for (const [value, days] of [
      [0.1, 100],
      [7.3, 730],
      [100, 365],
      [3, 20],
    ] as const) {
      const f = baselineForecast(
        series(days, () => value),
        2,
        180,
      );
      expect(f.daily.every((v) => v === value)).toBe(true);
    }
  });

  it('drops leading zeros: a channel launched three weeks ago is a short history', () => {
    const history = series(700, (i) => (i < 679 ? 0 : 5));
    const f = baselineForecast(history, 0, 14);
    expect(f.method).toBe('short-mean');
    expect(f.daily.every((v) => v === 5)).toBe(true);
    expect(f.notes).toContain('history starts at the first sale: 679 earlier days with no sale ignored');
  });

  it('validates its arguments', () => {
    expect(() => baselineForecast(new Float64Array(10), 7, 10)).toThrow(BallastError);
    expect(() => baselineForecast(new Float64Array(10), 0, -1)).toThrow(/horizonDays: -1/);
    expect(() => baselineForecast(new Float64Array(10), 0, 10, { dampingPerWeek: 1.2 })).toThrow(/φ/);
  });
});

describe('baselineForecast: short histories', () => {
  it('under two weeks: the mean of what there is, no weekday pattern, and says so', () => {
    const f = baselineForecast(
      series(10, (i) => (i % 2 === 0 ? 2 : 4)),
      0,
      7,
    );
    expect(f.method).toBe('short-mean');
    expect([...f.daily]).toEqual(new Array(7).fill(3)); // (5 × 2 + 5 × 4) / 10
    expect(f.notes).toContain(
      'only 10 days of history (under 28): forecast is the mean, 3 a day, with no trend',
    );
    expect(f.notes).toContain('no weekday pattern: fewer than 2 full weeks of history');
  });

  it('with 2 or more full weeks: a weekday pattern on the mean of the whole weeks', () => {
    const pattern = [10, 10, 10, 10, 10, 20, 30]; // Monday … Sunday, weekly mean 100 / 7
    const startDow = 0;
    const f = baselineForecast(
      series(23, (i) => pattern[dowOfHistory(i, 23, startDow)]),
      startDow,
      7,
    );
    expect(f.method).toBe('short-mean');
    expect(f.notes.join('\n')).toMatch(/weekday pattern from the last 3 full weeks, 100 % of it kept/);
    for (let t = 0; t < 7; t++) expect(f.daily[t]).toBeCloseTo(pattern[t], 9);
  });
});

describe('forecastCells', () => {
  it('gives each cell what baselineForecast gives it alone', () => {
    const next = mulberry32(11);
    const days = 400;
    const rows = [
      series(days, () => 0),
      series(days, () => 4),
      series(days, (i) => (i % 11 === 0 ? 2 : 0)),
      series(days, (i) => Math.round(10 + 0.05 * i + 5 * next())),
      series(days, (i) => (i > 380 ? 3 : 0)),
    ];
    const flat = new Float64Array(rows.length * days);
    rows.forEach((row, c) => flat.set(row, c * days));
    const { daily, method } = forecastCells(flat, rows.length, 5, 90);
    rows.forEach((row, c) => {
      const one = baselineForecast(row, 5, 90);
      expect(DEMAND_METHODS[method[c]]).toBe(one.method);
      expect([...daily.subarray(c * 90, (c + 1) * 90)]).toEqual([...one.daily]);
    });
    expect(() => forecastCells(new Float64Array(10), 3, 0, 5)).toThrow(/10 values for 3 cells/);
  });
});
