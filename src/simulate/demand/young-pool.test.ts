import { describe, expect, it } from 'vitest';
import { backtest, baselineForecast, fitNoise, forecastCells, type NoiseFit } from './index.js';
import { MIN_CELLS, PRIOR_CELLS } from './young.js';

/**
 * Young cells pooled (young.ts): a wholesaler's new SKUs open with one bulk order and then sell a unit
 * now and then, so their first weeks overstate them. The workspace's cells that were young 8 weeks
 * earlier show by how much; checked here against the single-cell forecast, which knows no pool.
 */

const DAYS = 400;
const SELECTION = 56;

/** A SKU launched on day `launch` with one order of `bulk` units, then 1 unit every `every` days. */
function launched(launch: number, bulk: number, every: number, days = DAYS): Float64Array {
  const y = new Float64Array(days);
  y[launch] = bulk;
  for (let d = launch + every; d < days; d += every) y[d] = 1;
  return y;
}

/** A channel opened on day `open`, selling `rate` every day. */
function steady(open: number, rate: number, days = DAYS): Float64Array {
  return Float64Array.from({ length: days }, (_, d) => (d >= open ? rate : 0));
}

/** Old intermittent cells, each with enough life for a noise fit of its own. */
function oldCells(count: number): Float64Array[] {
  return Array.from({ length: count }, (_, c) => launched(10 + c, 3, 4 + (c % 5)));
}

const pack = (cells: Float64Array[]): Float64Array => {
  const out = new Float64Array(cells.length * DAYS);
  cells.forEach((y, c) => out.set(y, c * DAYS));
  return out;
};
const total = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);

/** The factor worked from its definition with the single-cell forecast at the origin 8 weeks back. */
function factorByHand(cells: Float64Array[], startDow: number): number {
  const origin = DAYS - SELECTION;
  const dow = (startDow - (SELECTION % 7) + 7) % 7;
  let forecast = 0;
  let sold = 0;
  let young = 0;
  for (const y of cells) {
    const first = y.findIndex((v) => v > 0);
    if (first < 0 || first >= origin || origin - first >= 84) continue;
    forecast += total(baselineForecast(y.subarray(0, origin), dow, SELECTION).daily);
    sold += total(y.subarray(origin));
    young++;
  }
  return (young * (sold / forecast) + PRIOR_CELLS) / (young + PRIOR_CELLS);
}

describe('young cells pooled', () => {
  // 12 SKUs launched 60–71 days before the origin (young there), 12 launched 30–41 days before the
  // forecast (young now), and 15 old ones.
  const startDow = 2;
  const youngThen = Array.from({ length: 12 }, (_, c) => launched(DAYS - SELECTION - 60 - c, 400, 9));
  const youngNow = Array.from({ length: 12 }, (_, c) => launched(DAYS - 30 - c, 400, 9));
  const cells = [...youngThen, ...youngNow, ...oldCells(15)];
  const result = forecastCells(pack(cells), cells.length, startDow, 28);

  it('discounts a launch order by what young cells went on to sell', () => {
    const factor = factorByHand(cells, startDow);
    // The bulk order is not repeated: young SKUs sold far less than their launch weeks said.
    expect(factor).toBeLessThan(0.5);
    cells.forEach((y, c) => {
      const alone = baselineForecast(y, startDow, 28).daily;
      const pooled = result.daily.subarray(c * 28, (c + 1) * 28);
      const expected = youngNow.includes(y) ? factor : 1;
      for (let t = 0; t < 28; t++) expect(pooled[t]).toBeCloseTo(alone[t] * expected, 12);
    });
  });

  it('gives young cells the noise fitted on the young cells of 8 weeks earlier', () => {
    const factor = factorByHand(cells, startDow);
    const origin = DAYS - SELECTION;
    const dow = (startDow - (SELECTION % 7) + 7) % 7;
    const actual = new Float64Array(youngThen.length * SELECTION);
    const forecast = new Float64Array(youngThen.length * SELECTION);
    youngThen.forEach((y, i) => {
      const f = baselineForecast(y.subarray(0, origin), dow, SELECTION).daily;
      actual.set(y.subarray(origin), i * SELECTION);
      forecast.set(
        f.map((v) => v * factor),
        i * SELECTION,
      );
    });
    const expected: NoiseFit = { dispersion: NaN, zeroInflation: NaN };
    fitNoise(actual, forecast, actual.length, expected);
    for (let c = youngThen.length; c < youngThen.length + youngNow.length; c++) {
      expect(result.dispersion[c]).toBe(expected.dispersion);
      expect(result.zeroInflation[c]).toBe(expected.zeroInflation);
    }
    // Old cells keep their own fits.
    expect(Number.isNaN(result.dispersion[cells.length - 1])).toBe(false);
  });

  it('keeps a steady new channel apart from intermittent launches', () => {
    // A channel opened 20 days ago selling 5 a day, beside the same launches: its family (steady) had
    // no young cells 8 weeks back, so its rate stays 5 a day.
    const withChannel = [...cells, steady(DAYS - 20, 5)];
    const r = forecastCells(pack(withChannel), withChannel.length, startDow, 7);
    expect([...r.daily.subarray(cells.length * 7)]).toEqual(new Array(7).fill(5));
  });

  it('leaves young cells as they were with nothing to learn from', () => {
    // No cell was young 8 weeks back and fewer than MIN_CELLS have a noise fit: rate and noise unchanged.
    const few = [...youngNow, ...oldCells(MIN_CELLS - 1)];
    const r = forecastCells(pack(few), few.length, startDow, 28);
    few.forEach((y, c) => {
      const alone = baselineForecast(y, startDow, 28).daily;
      expect([...r.daily.subarray(c * 28, (c + 1) * 28)]).toEqual([...alone]);
    });
    expect(Number.isNaN(r.dispersion[0])).toBe(true);
  });

  it('falls back to the median noise of the fitted cells', () => {
    const some = [...youngNow, ...oldCells(MIN_CELLS + 1)];
    const r = forecastCells(pack(some), some.length, startDow, 28);
    const fitted = [...r.dispersion.subarray(youngNow.length)].sort((a, b) => a - b);
    const inflations = [...r.zeroInflation.subarray(youngNow.length)].sort((a, b) => a - b);
    const mid = (MIN_CELLS + 1) >> 1;
    expect(r.dispersion[0]).toBe(fitted[mid]);
    expect(r.zeroInflation[0]).toBe(inflations[mid]);
  });

  it('scores young cells in the backtest as forecastCells gives them to the simulator', () => {
    // Bias is Σ forecast over Σ actual − 1 on the mean: the backtest's must be that of forecastCells
    // on the same training days.
    const holdout = 28;
    const longer = cells.map((y) => {
      const z = new Float64Array(DAYS + holdout);
      z.set(y);
      for (let d = DAYS; d < DAYS + holdout; d++) z[d] = d % 9 === 0 ? 1 : 0;
      return z;
    });
    const dows = longer.map(() => (startDow - (DAYS % 7) + 7) % 7);
    const [ballast] = backtest(longer, dows, holdout);
    const sold = longer.reduce((s, y) => s + total(y.subarray(DAYS)), 0);
    expect(ballast.bias).toBeCloseTo(total(result.daily) / sold - 1, 10);
  });
});
