import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { event, identity, model, stockWithoutShipments } from '../../test/sim-model.js';
import {
  DURATION_FIXED,
  Pool,
  concatOutputs,
  pathRange,
  prepare,
  runPaths,
  simulate,
  type PathOutputs,
  type SimModel,
  type SimStock,
} from './index.js';

function noisyModel(seed: number, daily: number): SimModel {
  const m = model(
    [
      { sku: 'A', channel: 'tiktok-shop', daily, price: 10, unitCost: 4 },
      { sku: 'A', channel: 'amazon', daily: daily / 2, price: 11, unitCost: 4 },
    ],
    { horizonDays: 30, paths: 120, noise: true, seed },
  );
  m.events = [event('ban', [0], 2, { probability: 0.5, onsetFrom: 3, onsetTo: 12 }, { severity: 0.8 })];
  m.cholesky = identity(1);
  return m;
}

function expectSameOutputs(a: PathOutputs, b: PathOutputs): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const key of Object.keys(a) as Array<keyof PathOutputs>) expect(a[key]).toEqual(b[key]);
}

describe('worker pool', () => {
  beforeAll(() => {
    // Worker threads run the compiled kernel.
    if (!existsSync(join(import.meta.dirname, '../../dist/src/simulate/worker.js'))) {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(import.meta.dirname, '../..') });
    }
  });

  it('runs jobs on two models in turn on the same workers, each as it runs inline', async () => {
    const first = noisyModel(7, 9);
    const second = noisyModel(8, 3);
    const prepFirst = prepare(first);
    const prepSecond = prepare(second);
    const disabled = Uint8Array.of(1);
    const jobs = [
      { model: first, prepared: prepFirst, paths: pathRange(0, 120) },
      {
        model: first,
        prepared: prepFirst,
        paths: pathRange(0, 40),
        variants: [{ events: first.events, disabled }],
      },
      { model: second, prepared: prepSecond, paths: pathRange(0, 120), record: true },
      { model: first, prepared: prepFirst, paths: pathRange(30, 90) },
    ];
    const pool = new Pool(2);
    try {
      for (const job of jobs) {
        const pooled = concatOutputs(await pool.run(job));
        const inline = runPaths(job.model, job.prepared, job.paths, {
          record: job.record === true,
          variants: job.variants ?? [],
        });
        expectSameOutputs(pooled, inline);
      }
    } finally {
      await pool.close();
    }
  });
});

describe('variant worlds on the first paths of a run', () => {
  it('give those paths the figures a pass of their own gives, and leave the other outputs alone', async () => {
    // The tornado's worlds ride on the main run's first paths (`variantsBelow`): chunks of 25 paths,
    // so 40 variant paths span two chunks and end inside the second.
    const m = noisyModel(11, 6);
    const prepared = prepare(m);
    const variants = [
      { events: m.events, disabled: Uint8Array.of(1) },
      { events: [{ ...m.events[0], probability: 1 }] },
    ];
    const alone = runPaths(m, prepared, pathRange(0, 40), { variants });
    const plain = runPaths(m, prepared, pathRange(0, 120));
    for (const workers of [1, 2]) {
      const pool = new Pool(workers);
      try {
        const job = { model: m, prepared, paths: pathRange(0, 120), variants, variantsBelow: 40 };
        const carried = concatOutputs(await pool.run(job));
        expect(carried.variantRevenue).toEqual(alone.variantRevenue);
        expect(carried.variantProfit).toEqual(alone.variantProfit);
        const { variantRevenue, variantProfit, ...rest } = carried;
        expect(variantRevenue?.length).toBe(40 * 2);
        expect(variantProfit?.length).toBe(40 * 2);
        expectSameOutputs(rest, plain);
      } finally {
        await pool.close();
      }
    }
  });
});

describe('variant worlds that change only how an event happens', () => {
  it('give every path the figures of the scenario run with that event changed', () => {
    // Chance permanent, probability and duration decide only when and how the ban happens: a path
    // where it happens as in the scenario is the scenario's world (copied), the others run. Both
    // must be what a run of the changed scenario gives.
    const m = noisyModel(5, 7);
    const ban = m.events[0];
    m.events = [
      {
        ...ban,
        variants: [
          { ...ban.variants[0], weight: 0.5, permanent: 0.4, durationKind: DURATION_FIXED, durationA: 6 },
          {
            ...ban.variants[0],
            weight: 0.5,
            severity: 0.3,
            permanent: 0,
            durationKind: DURATION_FIXED,
            durationA: 9,
          },
        ],
      },
    ];
    const changes = [
      { ...m.events[0], probability: 0.8 },
      { ...m.events[0], variants: m.events[0].variants.map((v) => ({ ...v, permanent: 0.2 })) },
      { ...m.events[0], variants: m.events[0].variants.map((v) => ({ ...v, durationA: v.durationA * 1.5 })) },
    ];
    const prepared = prepare(m);
    const out = runPaths(m, prepared, pathRange(0, 120), { variants: changes.map((e) => ({ events: [e] })) });
    changes.forEach((e, v) => {
      const changed = { ...m, events: [e] };
      const alone = runPaths(changed, prepare(changed), pathRange(0, 120));
      const column = (a: Float64Array | undefined) => Array.from({ length: 120 }, (_, i) => a?.[i * 3 + v]);
      expect(column(out.variantRevenue)).toEqual(Array.from(alone.revenueEvent));
      expect(column(out.variantProfit)).toEqual(Array.from(alone.profitEvent));
    });
    // Some paths of each setting were copied: the ban happened there as in the scenario.
    expect(out.variantRevenue?.some((r, k) => r === out.revenueEvent[Math.floor(k / 3)])).toBe(true);
  });
});

describe('stock serving', () => {
  /** One SKU: FBA-US sells only to Amazon (cell 1), then the 3PL sells to both cells. */
  function sharedStock(fba: number, thirdParty: number): SimStock {
    return stockWithoutShipments(
      ['FBA-US', '3PL-US'],
      [fba, thirdParty],
      { start: [0, 1, 3], cells: [1, 0, 1] },
      { start: [0, 1, 3], cells: [1, 0, 1] },
    );
  }

  it('serves whole claims while stock lasts, then shares the last units in proportion to demand', () => {
    // TikTok wants 6 a day at 1, Amazon 2 a day at 10. Days 0–1: FBA serves Amazon's 2 (4 units),
    // the 3PL TikTok's 6 (19 → 7). Day 2: FBA is empty, so both claim the 3PL's 7: 6 + 2 = 8,
    // each served 7/8 of its demand (5.25 and 1.75). Then nothing is left.
    const m = model(
      [
        { sku: 'A', channel: 'tiktok-shop', daily: 6, price: 1, unitCost: 0 },
        { sku: 'A', channel: 'amazon', daily: 2, price: 10, unitCost: 0 },
      ],
      { horizonDays: 5, paths: 1 },
    );
    m.stock = sharedStock(4, 19);
    const out = runPaths(m, prepare(m), pathRange(0, 1), { record: true });
    expect(out.revenueBase[0]).toBe(6 + 6 + 5.25 + 10 * (2 + 2 + 1.75));
    expect(out.revenueEvent[0]).toBe(out.revenueBase[0]);
    expect([...out.dailyRevenue]).toEqual([26, 26, 22.75, 0, 0]);
    // Unserved demand by week, per cell: TikTok 0.75 + 6 + 6, Amazon 0.25 + 2 + 2.
    expect(Array.from(out.unmet ?? [])).toEqual([12.75, 4.25]);
    expect(Array.from(out.endStock ?? [])).toEqual([0, 0]);
  });
});

describe('tornado', () => {
  it('gives a setting that leaves an event as it was the scenario’s own loss', async () => {
    // Probability 1 raised by half stays 1: that world is the scenario's.
    const m = noisyModel(3, 8);
    m.events = [event('ban', [0], 2, { probability: 1, onsetFrom: 3, onsetTo: 12 }, { severity: 0.8 })];
    const run = await simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: m.paths });
    const row = run.tornado.find((r) => r.parameter === 'ban.probability');
    expect(row?.lossHigh).toBeCloseTo(run.profitLoss?.mean ?? NaN, 6);
    expect(row?.lossLow).toBeLessThan(row?.lossHigh ?? NaN);
  });
});
