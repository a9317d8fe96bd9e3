import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lcg } from '../../test/random.js';
import { present } from '../errors.js';
import { event, model } from '../../test/sim-model.js';
import { DURATION_LOGNORMAL, simulate, type SimModel } from './index.js';
import { statsOf } from './stats.js';

describe('summary statistics against a plain computation', () => {
  it('VaR and CVaR match a sort-and-average reference on the same losses', () => {
    const next = lcg(7);
    const losses = Float64Array.from({ length: 997 }, () => (next() < 0.2 ? 5000 * next() : 100 * next()));
    const plain = [...losses].sort((a, b) => a - b);
    const n = plain.length;
    const q = (p: number) => plain[Math.ceil(p * n) - 1];
    const tail = (alpha: number) => {
      const m = Math.ceil((1 - alpha) * n);
      return plain.slice(n - m).reduce((s, v) => s + v, 0) / m;
    };
    const s = present(statsOf(losses, 'loss'), 'the statistics of 997 losses');
    expect(s.var90).toBe(q(0.9));
    expect(s.var95).toBe(q(0.95));
    expect(s.var99).toBe(q(0.99));
    expect(s.cvar90).toBeCloseTo(tail(0.9), 9);
    expect(s.cvar95).toBeCloseTo(tail(0.95), 9);
    expect(s.cvar99).toBeCloseTo(tail(0.99), 9);
    const mean = plain.reduce((a, b) => a + b, 0) / n;
    expect(s.mean).toBeCloseTo(mean, 9);
    expect(s.stdev).toBeCloseTo(Math.sqrt(plain.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)), 9);
  });

  it('reads the low tail for revenue and profit', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const s = present(statsOf(values, 'level'), 'the statistics of 100 values');
    expect(s.var95).toBe(5);
    expect(s.cvar95).toBe(3); // mean of 1…5
  });
});

describe('negative-binomial noise', () => {
  const cell = { sku: 'A', channel: 'amazon', daily: 7.3, price: 2 };
  const noisy = (paths: number): SimModel =>
    model([cell], { horizonDays: 30, paths, noise: true, dispersion: 5, seed: 11 });

  it('keeps the baseline mean and has variance μ + μ²/k per day', async () => {
    const r = await simulate(noisy(20_000), { workers: 1, lossThreshold: 0, tornadoPaths: 10 });
    const expectedMean = 30 * 7.3 * 2;
    const expectedSd = 2 * Math.sqrt(30 * (7.3 + 7.3 ** 2 / 5));
    const revenue = present(r.revenue, 'the revenue statistics');
    expect(Math.abs(revenue.mean - expectedMean)).toBeLessThan(4 * revenue.stderr);
    expect(revenue.stdev / expectedSd).toBeGreaterThan(0.97);
    expect(revenue.stdev / expectedSd).toBeLessThan(1.03);
    expect(r.revenueLoss?.mean).toBe(0);
  });

  it('has a standard error that shrinks as 1/√paths', async () => {
    const small = await simulate(noisy(1_000), { workers: 1, lossThreshold: 0, tornadoPaths: 10 });
    const large = await simulate(noisy(16_000), { workers: 1, lossThreshold: 0, tornadoPaths: 10 });
    const ratio =
      present(small.revenue, 'revenue at 1,000 paths').stderr /
      present(large.revenue, 'revenue at 16,000 paths').stderr;
    expect(ratio).toBeGreaterThan(4 * 0.9);
    expect(ratio).toBeLessThan(4 * 1.1);
  });
});

describe('determinism across workers', () => {
  beforeAll(() => {
    // Worker threads run the compiled kernel.
    if (!existsSync(join(import.meta.dirname, '../../dist/src/simulate/worker.js'))) {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(import.meta.dirname, '../..') });
    }
  });

  it('gives bit-identical results for 1, 2 and 4 workers', async () => {
    const m = model(
      [
        { sku: 'A', channel: 'tiktok-shop', daily: 12, price: 10, unitCost: 4 },
        { sku: 'A', channel: 'amazon', daily: 5, price: 11, unitCost: 4 },
        { sku: 'B', channel: 'tiktok-shop', daily: 0.4, price: 30, unitCost: 9 },
      ],
      { horizonDays: 60, paths: 3_000, noise: true, seed: 99 },
    );
    m.events = [
      event(
        'ban',
        [0],
        2,
        { probability: 0.6, onsetFrom: 5, onsetTo: 20 },
        {
          permanent: 0.3,
          durationKind: DURATION_LOGNORMAL,
          durationA: Math.log(20),
          durationB: 0.8,
          halo: Float64Array.of(0, 0.1),
        },
      ),
      event('fees', [1], 2, { probability: 0.4, landedCostPct: 0.2 }, { severity: 0.1 }),
    ];
    m.cholesky = Float64Array.of(1, 0, 0.5, Math.sqrt(0.75));
    const results = [];
    for (const workers of [1, 2, 4])
      results.push(JSON.stringify(await simulate(m, { workers, lossThreshold: 100, tornadoPaths: 300 })));
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    expect(JSON.parse(results[0]).tornado.length).toBeGreaterThan(0);
  });
});
