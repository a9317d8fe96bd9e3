import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.js';
import { dampedHolt, fitDampedHolt, weeklyTotals, type HoltState } from './damped-trend.js';
import { createDemandFit } from './demand-fit.js';
import { weekdayOf } from './fit.js';
import { fitSba } from './intermittent.js';
import { weekdayIndices } from './weekday.js';

// Each part of the model against worked numbers and a plain, allocation-happy implementation written
// from the formulas, sharing no code with the typed-array version.

const state = (): HoltState => ({ level: 0, trend: 0, alpha: 0, beta: 0, sse: 0 });

function plainHolt(
  w: number[],
  alpha: number,
  beta: number,
  phi: number,
): { level: number; trend: number; sse: number } {
  const head = w.slice(0, 8);
  const ts = head.map((_, i) => i + 1);
  const mt = ts.reduce((a, b) => a + b) / ts.length;
  const my = head.reduce((a, b) => a + b) / head.length;
  const slope =
    ts.map((t, i) => (t - mt) * (head[i] - my)).reduce((a, b) => a + b) /
    ts.map((t) => (t - mt) ** 2).reduce((a, b) => a + b);
  let level = my - slope * mt;
  let trend = slope;
  let sse = 0;
  for (const y of w) {
    const f = level + phi * trend;
    sse += (y - f) ** 2;
    const next = alpha * y + (1 - alpha) * f;
    trend = beta * (next - level) + (1 - beta) * phi * trend;
    level = next;
  }
  return { level, trend, sse };
}

describe('damped Holt on weekly totals', () => {
  it('matches a recursion worked by hand', () => {
    // Least-squares start through 10, 12, 14: ℓ0 = 8, b0 = 2. α = 0.5, β = 0.1, φ = 0.9:
    // week 1: ŷ = 9.8, ℓ = 9.9, b = 0.1 × 1.9 + 0.9 × 0.9 × 2 = 1.81
    // week 2: ŷ = 11.529, ℓ = 11.7645, b = 1.65255; week 3: ŷ = 13.251795, ℓ = 13.6258975, b = 1.52470525
    const s = state();
    dampedHolt(Float64Array.from([10, 12, 14]), 3, 0.5, 0.1, 0.9, s);
    expect(s.level).toBeCloseTo(13.6258975, 12);
    expect(s.trend).toBeCloseTo(1.52470525, 12);
    expect(s.sse).toBeCloseTo(0.2 ** 2 + 0.471 ** 2 + 0.748205 ** 2, 12);
  });

  it('matches a plain implementation, and the grid picks the least-squares pair', () => {
    const next = mulberry32(3);
    const w = Array.from({ length: 40 }, (_, t) => 300 + 9 * t + 60 * (next() - 0.5));
    const typed = Float64Array.from(w);
    const s = state();
    let best = { sse: Infinity, alpha: 0, beta: 0 };
    for (const alpha of [0.1, 0.2, 0.35, 0.5, 0.8]) {
      for (const beta of [0.03, 0.1, 0.2]) {
        const plain = plainHolt(w, alpha, beta, 0.92);
        dampedHolt(typed, w.length, alpha, beta, 0.92, s);
        expect(s.level).toBeCloseTo(plain.level, 9);
        expect(s.trend).toBeCloseTo(plain.trend, 9);
        if (plain.sse < best.sse) best = { sse: plain.sse, alpha, beta };
      }
    }
    fitDampedHolt(typed, w.length, 0.92, s);
    expect([s.alpha, s.beta]).toEqual([best.alpha, best.beta]);
  });

  it('sums whole weeks ending at the last day', () => {
    const out = new Float64Array(2);
    weeklyTotals(
      Float64Array.from({ length: 17 }, (_, i) => i),
      17,
      2,
      out,
    );
    expect([...out]).toEqual([3 + 4 + 5 + 6 + 7 + 8 + 9, 10 + 11 + 12 + 13 + 14 + 15 + 16]);
  });
});

describe('weekday indices', () => {
  function plainRawIndices(y: number[], dowStart: number): number[] {
    const units = new Array<number>(7).fill(0);
    const ref = new Array<number>(7).fill(0);
    y.forEach((v, i) => {
      const a = Math.min(Math.max(i - 3, 0), y.length - 7);
      const mean = y.slice(a, a + 7).reduce((p, q) => p + q) / 7;
      if (mean > 0) {
        units[(dowStart + i) % 7] += v;
        ref[(dowStart + i) % 7] += mean;
      }
    });
    const raw = units.map((u, d) => u / ref[d]);
    const m = raw.reduce((p, q) => p + q) / 7;
    return raw.map((r) => r / m);
  }

  it('recovers a pattern under a steep trend, as a plain ratio-to-moving-average does', () => {
    const pattern = [0.7, 0.9, 1, 1, 1.1, 1.4, 0.9];
    const y = Array.from({ length: 84 }, (_, i) => (100 + 3 * i) * pattern[(2 + i) % 7]);
    const out = new Float64Array(7);
    const weight = weekdayIndices(Float64Array.from(y), 0, 84, 2, out);
    expect(weight).toBeCloseTo(1, 3); // no noise: nothing to shrink
    const plain = plainRawIndices(y, 2);
    for (let d = 0; d < 7; d++) {
      expect(out[d]).toBeCloseTo(1 + weight * (plain[d] - 1), 12);
      expect(Math.abs(out[d] - pattern[d])).toBeLessThan(0.01); // the centred average took out the trend
    }
  });

  it('numbers history days back from the forecast start', () => {
    // Forecast starts on a Wednesday (2): the last history day is a Tuesday, the one before a Monday.
    expect([weekdayOf(9, 10, 2), weekdayOf(8, 10, 2), weekdayOf(2, 10, 2)]).toEqual([1, 0, 1]);
  });
});

describe('Croston–SBA', () => {
  function plainSba(y: number[], alpha: number): number {
    const at = y.flatMap((v, i) => (v > 0 ? [i] : []));
    const sizes = at.map((i) => y[i]);
    let z = sizes.reduce((a, b) => a + b) / sizes.length;
    let p = (at[at.length - 1] - at[0]) / (at.length - 1);
    at.forEach((i, k) => {
      z = z + alpha * (y[i] - z);
      if (k > 0) p = p + alpha * (i - at[k - 1] - p);
    });
    // The gap still open at the end: what it runs past twice the usual interval counts against the rate.
    const open = y.length - at[at.length - 1];
    p = p + alpha * Math.max(0, open - 2 * p);
    return ((1 - alpha / 2) * z) / p;
  }

  it('matches a plain implementation on lumpy random demand', () => {
    const next = mulberry32(99);
    for (let r = 0; r < 20; r++) {
      const y = Array.from({ length: 365 }, () => (next() < 0.15 ? 1 + Math.floor(next() * 4) : 0));
      const fit = createDemandFit();
      fitSba(Float64Array.from(y), 0, y.length, 0.1, fit);
      expect(fit.level).toBeCloseTo(plainSba(y, 0.1), 12);
    }
  });

  it('with one sale, falls back to the mean over the window', () => {
    const fit = createDemandFit();
    fitSba(Float64Array.from([0, 0, 4, 0, 0, 0, 0, 0]), 0, 8, 0.1, fit);
    expect(fit.level).toBe(0.5);
    expect(fit.daysSinceLastSale).toBe(5);
  });
});
