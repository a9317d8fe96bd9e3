import { describe, expect, it } from 'vitest';
import { BallastError } from '../../errors.js';
import { baselineForecast, createDemandFit, DEMAND_METHODS, forecastCells, projectDemand } from './index.js';

/** mulberry32: a tiny seeded PRNG so random series are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const series = (days: number, f: (i: number) => number): Float64Array => Float64Array.from({ length: days }, (_, i) => f(i));

/** Weekday (0 = Monday) of history day i when the forecast starts on startDow: the last day is startDow − 1. */
const dowOfHistory = (i: number, days: number, startDow: number): number => (startDow + 7 * days - (days - i)) % 7;

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
      const f = baselineForecast(series(days, () => value), 2, 180);
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
    const f = baselineForecast(series(10, (i) => (i % 2 === 0 ? 2 : 4)), 0, 7);
    expect(f.method).toBe('short-mean');
    expect([...f.daily]).toEqual(new Array(7).fill(3)); // (5 × 2 + 5 × 4) / 10
    expect(f.notes).toContain('only 10 days of history (under 28): forecast is the mean, 3 a day, with no trend');
    expect(f.notes).toContain('no weekday pattern: fewer than 2 full weeks of history');
  });

  it('with 2 or more full weeks: a weekday pattern on the mean of the whole weeks', () => {
    const pattern = [10, 10, 10, 10, 10, 20, 30]; // Monday … Sunday, weekly mean 100 / 7
    const startDow = 0;
    const f = baselineForecast(series(23, (i) => pattern[dowOfHistory(i, 23, startDow)]!), startDow, 7);
    expect(f.method).toBe('short-mean');
    expect(f.notes.join('\n')).toMatch(/weekday pattern from the last 3 full weeks, 100 % of it kept/);
    for (let t = 0; t < 7; t++) expect(f.daily[t]).toBeCloseTo(pattern[t]!, 9);
  });
});

describe('baselineForecast: weekly pattern and trend', () => {
  it('recovers a pure weekly pattern, weekday by weekday, from any start weekday', () => {
    const pattern = [12, 10, 9, 11, 15, 25, 18];
    for (const startDow of [0, 3, 6]) {
      const days = 26 * 7 + 3;
      const f = baselineForecast(series(days, (i) => pattern[dowOfHistory(i, days, startDow)]!), startDow, 60);
      expect(f.method).toBe('damped-trend');
      for (let t = 0; t < 60; t++) expect(f.daily[t]).toBeCloseTo(pattern[(startDow + t) % 7]!, 9);
    }
  });

  it('damps linear growth: 180 days on, well below the straight line, still rising', () => {
    const days = 364;
    const history = series(days, (i) => 20 + 0.5 * i);
    const f = baselineForecast(history, 0, 180);
    const last = history[days - 1]!;
    const linearGrowth = 0.5 * 180;
    const growth = f.daily[179]! - last;
    expect(growth).toBeGreaterThan(0);
    expect(growth).toBeLessThan(0.5 * linearGrowth);
    for (let t = 1; t < 180; t++) expect(f.daily[t]!).toBeGreaterThanOrEqual(f.daily[t - 1]!);
    // The damped sum is bounded by φ/(1 − φ) weeks of trend: growth flattens out.
    expect(f.daily[179]! - f.daily[150]!).toBeLessThan(0.2 * (f.daily[30]! - f.daily[0]!));
  });

  it('never forecasts negative demand for a steep decline, and notes the floor', () => {
    const f = baselineForecast(
      series(245, (i) => 400 - 1.6 * i),
      0,
      180,
    );
    expect(f.method).toBe('damped-trend');
    expect(Math.min(...f.daily)).toBe(0);
    expect(f.daily.every((v) => v >= 0)).toBe(true);
    expect(f.notes.some((n) => n.startsWith('declining trend: forecast floored at 0 from day'))).toBe(true);
  });

  it('projects a damped trend as worked by hand', () => {
    // Level 70 a week, trend +7 a week, φ = 0.9, no weekday pattern. Mid-week of forecast week h
    // (day 7h − 4) carries ℓ + (φ + … + φʰ) b: week 1 → 70 + 0.9 × 7 = 76.3, week 2 → 70 + 1.71 × 7 = 81.97.
    const fit = createDemandFit();
    fit.method = DEMAND_METHODS.indexOf('damped-trend');
    fit.level = 70;
    fit.trendPerWeek = 7;
    fit.damping = 0.9;
    const out = new Float64Array(14);
    expect(projectDemand(fit, 0, out)).toBe(-1);
    expect(out[3]).toBeCloseTo(76.3 / 7, 12);
    expect(out[10]).toBeCloseTo(81.97 / 7, 12);
  });

  it('shrinks noise around a flat rate toward no weekday pattern, keeps a real one', () => {
    const next = prng(7);
    const poisson = (mean: number): number => {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    };
    const pattern = [0.8, 0.8, 0.9, 1, 1.1, 1.5, 0.9];
    const flat = baselineForecast(series(182, () => poisson(20)), 0, 7);
    const weekly = baselineForecast(series(182, (i) => poisson(20 * pattern[dowOfHistory(i, 182, 0)]!)), 0, 7);
    const spread = (d: Float64Array): number => (Math.max(...d) - Math.min(...d)) / (d.reduce((a, b) => a + b) / 7);
    expect(spread(flat.daily)).toBeLessThan(0.08);
    expect(spread(weekly.daily)).toBeGreaterThan(0.6);
  });
});

describe('baselineForecast: intermittent demand', () => {
  it('one unit every 9 days: the SBA rate (1 − α/2) / 9, worked by hand', () => {
    const history = series(30 + 9 * 80, (i) => (i >= 30 && (i - 30) % 9 === 0 ? 1 : 0));
    const f = baselineForecast(history, 0, 30);
    expect(f.method).toBe('sba');
    expect(f.daily[0]).toBeCloseTo(0.95 / 9, 12);
    expect(f.daily.every((v) => v === f.daily[0])).toBe(true);
  });

  it('random gaps averaging 9 days: the rate is about 1/9 over seeded series', () => {
    const next = prng(2024);
    let sum = 0;
    const runs = 60;
    for (let r = 0; r < runs; r++) {
      // Geometric gaps with mean 9: a sale each day with probability 1/9.
      const f = baselineForecast(series(730, () => (next() < 1 / 9 ? 1 : 0)), 0, 7);
      expect(f.method).toBe('sba');
      sum += f.daily[0]!;
    }
    expect(sum / runs).toBeGreaterThan((1 / 9) * 0.9);
    expect(sum / runs).toBeLessThan((1 / 9) * 1.1);
  });
});

describe('forecastCells', () => {
  it('gives each cell what baselineForecast gives it alone', () => {
    const next = prng(11);
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
      expect(DEMAND_METHODS[method[c]!]).toBe(one.method);
      expect([...daily.subarray(c * 90, (c + 1) * 90)]).toEqual([...one.daily]);
    });
    expect(() => forecastCells(new Float64Array(10), 3, 0, 5)).toThrow(/10 values for 3 cells/);
  });
});
