import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.js';
import {
  baselineForecast,
  createDemandFit,
  DEMAND_METHODS,
  fitDemand,
  projectDemand,
  resolveDemandOptions,
} from './index.js';

// How the model reads patterns: weekday, trend, intermittency — against worked values and seeded data.

const series = (days: number, f: (i: number) => number): Float64Array =>
  Float64Array.from({ length: days }, (_, i) => f(i));

/** Weekday (0 = Monday) of history day i when the forecast starts on startDow: the last day is startDow − 1. */
const dowOfHistory = (i: number, days: number, startDow: number): number =>
  (startDow + 7 * days - (days - i)) % 7;

describe('baselineForecast: weekly pattern and trend', () => {
  it('recovers a pure weekly pattern, weekday by weekday, from any start weekday', () => {
    const pattern = [12, 10, 9, 11, 15, 25, 18];
    for (const startDow of [0, 3, 6]) {
      const days = 26 * 7 + 3;
      const f = baselineForecast(
        series(days, (i) => pattern[dowOfHistory(i, days, startDow)]),
        startDow,
        60,
        { select: false }, // the rules' model itself; the rolling-origin choice has its own tests
      );
      expect(f.method).toBe('damped-trend');
      for (let t = 0; t < 60; t++) expect(f.daily[t]).toBeCloseTo(pattern[(startDow + t) % 7], 9);
    }
  });

  it('damps linear growth: 180 days on, well below the straight line, still rising', () => {
    const days = 364;
    const history = series(days, (i) => 20 + 0.5 * i);
    const f = baselineForecast(history, 0, 180);
    const last = history[days - 1];
    const linearGrowth = 0.5 * 180;
    const growth = f.daily[179] - last;
    expect(growth).toBeGreaterThan(0);
    expect(growth).toBeLessThan(0.5 * linearGrowth);
    for (let t = 1; t < 180; t++) expect(f.daily[t]).toBeGreaterThanOrEqual(f.daily[t - 1]);
    // The damped sum is bounded by φ/(1 − φ) weeks of trend: growth flattens out.
    expect(f.daily[179] - f.daily[150]).toBeLessThan(0.2 * (f.daily[30] - f.daily[0]));
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
    const next = mulberry32(7);
    const poisson = (mean: number): number => {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    };
    const pattern = [0.8, 0.8, 0.9, 1, 1.1, 1.5, 0.9]; // mean 1
    const options = resolveDemandOptions();
    const fit = createDemandFit();
    const flatWeights: number[] = [];
    let flatDeviation = 0;
    let patternError = 0;
    const runs = 50;
    for (let r = 0; r < runs; r++) {
      // 26 weeks of Poisson(20) a day: the raw indices scatter by about ±0.045, all of it noise.
      fitDemand(
        series(182, () => poisson(20)),
        0,
        options,
        fit,
      );
      flatWeights.push(fit.seasonWeight);
      flatDeviation += Math.max(...fit.weekday.map((v) => Math.abs(v - 1))) / runs;
      fitDemand(
        series(182, (i) => poisson(20 * pattern[dowOfHistory(i, 182, 0)])),
        0,
        options,
        fit,
      );
      expect(fit.seasonWeight).toBeGreaterThan(0.9);
      for (let d = 0; d < 7; d++) patternError += Math.abs(fit.weekday[d] - pattern[d]) / (7 * runs);
    }
    flatWeights.sort((a, b) => a - b);
    expect(flatWeights[runs / 2]).toBeLessThan(0.2);
    expect(flatDeviation).toBeLessThan(0.03);
    expect(patternError).toBeLessThan(0.05);
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
    const next = mulberry32(2024);
    let sum = 0;
    const runs = 60;
    for (let r = 0; r < runs; r++) {
      // Geometric gaps with mean 9: a sale each day with probability 1/9.
      const f = baselineForecast(
        series(730, () => (next() < 1 / 9 ? 1 : 0)),
        0,
        7,
        { select: false }, // SBA itself; the rolling-origin choice has its own tests
      );
      expect(f.method).toBe('sba');
      sum += f.daily[0];
    }
    expect(sum / runs).toBeGreaterThan((1 / 9) * 0.9);
    expect(sum / runs).toBeLessThan((1 / 9) * 1.1);
  });
});
