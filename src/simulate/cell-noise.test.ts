import { describe, expect, it } from 'vitest';
import { model } from '../../test/sim-model.js';
import { prepare } from './kernel.js';
import { buildTables, drawNegBin } from './negbin.js';

// Per-cell noise fitted by the demand model (demand/noise.ts): each cell's draws come from a
// zero-inflated negative binomial with its own k and π, and the mean stays the baseline.
describe('per-cell noise', () => {
  const m = model(
    [
      { sku: 'A', channel: 'tiktok-shop', daily: 4, price: 1 },
      { sku: 'B', channel: 'tiktok-shop', daily: 4, price: 1 },
      { sku: 'C', channel: 'tiktok-shop', daily: 4, price: 1 },
    ],
    { horizonDays: 3, paths: 1 },
  );
  m.noise = true;
  m.dispersion = 10;
  m.cellDispersion = Float64Array.of(0.5, NaN, 10);
  m.cellZeroInflation = Float64Array.of(0.3, NaN, 0);

  /** Mean and share of zeros of a table over a fine grid of uniforms (a quadrature, no randomness). */
  function moments(cell: number): { mean: number; zeros: number } {
    const prepared = prepare(m);
    // Tables are laid out day by day (kernel.ts): day 0 of cell c is entry c.
    const t = prepared.tableOf[cell];
    const n = 200_000;
    let sum = 0;
    let zeros = 0;
    for (let j = 0; j < n; j++) {
      const x = drawNegBin(prepared.tables, t, (j + 0.5) / n) * prepared.scaleOf[cell];
      sum += x;
      if (x === 0) zeros++;
    }
    return { mean: sum / n, zeros: zeros / n };
  }

  it('keeps each cell mean at its baseline', () => {
    for (const c of [0, 1, 2]) expect(moments(c).mean).toBeCloseTo(4, 2);
  });

  it('gives each cell its own zero share: π + (1 − π)·NB(0; μ/(1 − π), k)', () => {
    // Cell A: k = 0.5, π = 0.3, NB mean 4/0.7: P(0) = 0.3 + 0.7·(0.5/(0.5 + 5.714))^0.5.
    expect(moments(0).zeros).toBeCloseTo(0.3 + 0.7 * Math.sqrt(0.5 / (0.5 + 4 / 0.7)), 4);
    // Cells B (no fit: the scenario's k = 10) and C (k = 10 fitted, π = 0) draw the same.
    expect(moments(1).zeros).toBeCloseTo(Math.pow(10 / 14, 10), 4);
    expect(moments(2).zeros).toBeCloseTo(Math.pow(10 / 14, 10), 4);
  });

  it('draws as before when no cell has a fit', () => {
    const plain = { ...m, cellDispersion: undefined, cellZeroInflation: undefined };
    const a = prepare(plain);
    const b = prepare({ ...m, cellDispersion: Float64Array.of(NaN, NaN, NaN) });
    expect([...a.tables.cdf]).toEqual([...b.tables.cdf]);
  });
});

// A steady best-seller: with k = 1,000 and a mean of 1,200 units a day, P(0) = e^−789 is below the
// smallest double. The table used to be all zeros, and every draw came out at its cap (61,001).
describe('negative-binomial tables for large means with little noise', () => {
  it.each([1_000, 1_200, 2_000, 20_000])('draws around a mean of %i with k = 1,000', (mean) => {
    const tables = buildTables(Float64Array.of(mean), 1_000);
    const sd = Math.sqrt(mean + (mean * mean) / 1_000);
    const n = 20_000;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += drawNegBin(tables, 0, (j + 0.5) / n);
    expect(Math.abs(sum / n - mean)).toBeLessThan(0.01 * mean);
    const median = drawNegBin(tables, 0, 0.5);
    expect(Math.abs(median - mean)).toBeLessThan(sd);
    expect(drawNegBin(tables, 0, 0.999)).toBeLessThan(mean + 4 * sd);
  });
});
