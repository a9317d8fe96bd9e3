import { describe, expect, it } from 'vitest';
import { event, fbtAndFba, identity, model } from '../../test/sim-model.js';
import { DURATION_FIXED, simulate, type SimModel } from './index.js';

// Variants of the worked check in docs/simulation.md, each worked by hand in its comment. One cell sells 100 units a
// day at 10 (1,000 a day) over 30 days; the event starts on day index 10 unless said otherwise.
const run = (m: SimModel) => simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: 20 });
const tiktok = { sku: 'A', channel: 'tiktok-shop', daily: 100, price: 10 };

function single(v: Parameters<typeof event>[4], e: Parameters<typeof event>[3] = {}): SimModel {
  const m = model([tiktok], { horizonDays: 30, paths: 50 });
  m.events = [event('ban', [0], 1, e, v)];
  m.cholesky = identity(1);
  return m;
}

describe('simulator variants worked by hand (noise: none)', () => {
  it('finite duration: 5 dark days lose 5,000', async () => {
    const r = await run(single({ permanent: 0, durationKind: DURATION_FIXED, durationA: 5 }));
    expect(r.revenueLoss?.mean).toBeCloseTo(5_000, 9);
  });

  it('partial recovery: 5 dark days, then 10 days back up to 80 % (midday ramp), then 80 % → 12,000', async () => {
    // Dark days 10–14: 5,000. Days 15–24 at 0.8·(j + ½)/10 of demand, j = 0…9: lost 10 − 0.08·50 = 6 days → 6,000.
    // Days 25–29 at 80 %: 5 × 200 = 1,000.
    const r = await run(
      single({
        permanent: 0,
        durationKind: DURATION_FIXED,
        durationA: 5,
        recoveryDays: 10,
        recoveryLevel: 0.8,
      }),
    );
    expect(r.revenueLoss?.mean).toBeCloseTo(12_000, 6);
  });

  it('severity 0.3 (e.g. off the app stores) for the rest of the horizon loses 6,000', async () => {
    const r = await run(single({ severity: 0.3 }));
    expect(r.revenueLoss?.mean).toBeCloseTo(6_000, 9);
  });

  it('a farewell surge of 40 % for 3 days before a permanent ban: 20,000 − 1,200 = 18,800', async () => {
    const r = await run(single({ preOnsetDays: 3, preOnsetUplift: 0.4 }));
    expect(r.revenueLoss?.mean).toBeCloseTo(18_800, 9);
  });

  it('halo: the ban also takes 15 % of Amazon demand: 20,000 + 20 × 1,000 × 0.15 = 23,000', async () => {
    const m = model([tiktok, { sku: 'A', channel: 'amazon', daily: 50, price: 20 }], {
      horizonDays: 30,
      paths: 50,
    });
    m.events = [event('ban', [0], 2, {}, { halo: Float64Array.of(0, 0.15) })];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss?.mean).toBeCloseTo(23_000, 9);
  });

  it('diversion of 25 % ramping over 10 days recovers 1,000 × 0.25 × (55/10 + 10) = 3,875', async () => {
    const m = model([tiktok, { sku: 'A', channel: 'amazon', daily: 0, price: 10 }], {
      horizonDays: 30,
      paths: 50,
    });
    m.events = [
      event(
        'ban',
        [0],
        2,
        {},
        {
          divertFrom: Int32Array.of(0),
          divertTo: Int32Array.of(1),
          divertShare: Float64Array.of(0.25),
          divertRampDays: Float64Array.of(10),
        },
      ),
    ];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss?.mean).toBeCloseTo(16_125, 9);
  });

  it('stranded stock released after 5 days sells on Amazon for a removal cost of 1.2 a unit', async () => {
    // One SKU, TikTok and Amazon 100 a day each at 10, unit cost 4 (margin 6). FBT holds 2,000 (TikTok
    // only), FBA 1,000 (Amazon only). Without events: 2,000 + 1,000 units sold, profit 18,000.
    // With a ban on day 10 freezing FBT: TikTok sells 1,000 before it; FBT is frozen days 10–14 holding
    // 1,000 and released on day 15 to the whole market, where Amazon (FBA empty since day 10) sells
    // them on days 15–24. Units sold 3,000 as before, minus 1,000 × 1.2 removal: profit loss 1,200.
    const m = model(
      [
        { ...tiktok, unitCost: 4 },
        { sku: 'A', channel: 'amazon', daily: 100, price: 10, unitCost: 4 },
      ],
      { horizonDays: 30, paths: 20 },
    );
    m.stock = fbtAndFba(2000, 1000);
    m.events = [
      event(
        'ban',
        [0],
        2,
        {},
        {
          strandedLocation: Int32Array.of(0),
          strandedReleaseDays: Float64Array.of(5),
          strandedCostPerUnit: Float64Array.of(1.2),
        },
      ),
    ];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss?.mean).toBeCloseTo(0, 9);
    expect(r.profitLoss?.mean).toBeCloseTo(1_200, 9);
    expect(r.strandedUnits).toEqual({ mean: 1_000, p95: 1_000 });
  });

  it('commitments: a non-cancellable one is paid while dark; a cancellable one stops for its fee', async () => {
    // Margin 6 × 100 = 600 a day. Creator retainer 3,000 (100/day, not cancellable); ads 6,000
    // (200/day, cancellable for 500). Without events: 18,000 − 9,000 = 9,000. With the ban on day 10:
    // 6,000 of margin − 3,000 − 10 × 200 − 500 = 500. Profit loss 8,500.
    const m = model([{ ...tiktok, unitCost: 4 }], { horizonDays: 30, paths: 20 });
    const groups = Uint8Array.of(1);
    m.commitments = [
      {
        id: 'creator',
        channel: 'tiktok-shop',
        groups,
        daily: new Float64Array(30).fill(100),
        cancellable: false,
        cancelFee: 0,
      },
      {
        id: 'ads',
        channel: 'tiktok-shop',
        groups,
        daily: new Float64Array(30).fill(200),
        cancellable: true,
        cancelFee: 500,
      },
    ];
    m.events = [event('ban', [0], 1)];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.profit?.mean).toBeCloseTo(500, 9);
    expect(r.profitLoss?.mean).toBeCloseTo(8_500, 9);
  });

  it('a landed-cost shock of 30 % on a unit cost of 4 costs 1.2 a unit while active', async () => {
    // From day 10: 20 days × 100 units × 4 × 0.3 = 2,400 of profit; revenue unchanged.
    const m = model([{ ...tiktok, unitCost: 4 }], { horizonDays: 30, paths: 20 });
    m.events = [event('tariff', [0], 1, { landedCostPct: 0.3 }, { severity: 0 })];
    m.cholesky = identity(1);
    const r = await run(m);
    expect(r.revenueLoss?.mean).toBe(0);
    expect(r.profitLoss?.mean).toBeCloseTo(2_400, 9);
  });

  it('tornado: diversion moves the loss even when many cells divert (shares capped per source cell)', async () => {
    // Five SKUs, each diverting 25 % to Amazon: ×0.5 recovers 12.5 %, ×1.5 recovers 37.5 % of the lost 20,000 each.
    const skus = ['A', 'B', 'C', 'D', 'E'];
    const m = model(
      [
        ...skus.map((sku) => ({ ...tiktok, sku })),
        ...skus.map((sku) => ({ sku, channel: 'amazon', daily: 0, price: 10 })),
      ],
      { horizonDays: 30, paths: 20 },
    );
    const from = Int32Array.from(skus, (_, i) => i);
    const to = Int32Array.from(skus, (_, i) => i + 5);
    m.events = [
      event(
        'ban',
        [0],
        2,
        {},
        {
          divertFrom: from,
          divertTo: to,
          divertShare: new Float64Array(5).fill(0.25),
          divertRampDays: new Float64Array(5),
        },
      ),
    ];
    m.cholesky = identity(1);
    const r = await simulate(m, { workers: 1, lossThreshold: 0, tornadoPaths: 20 });
    const row = r.tornado.find((t) => t.parameter === 'ban.diversion share');
    expect(row?.lossLow).toBeCloseTo(5 * 20_000 * 0.875, 6);
    expect(row?.lossHigh).toBeCloseTo(5 * 20_000 * 0.625, 6);
  });
});
