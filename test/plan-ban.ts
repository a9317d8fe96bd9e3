import type { PlanSettings } from '../src/plan/run.js';
import type { SimModel } from '../src/simulate/index.js';
import { event, fbtAndFba, identity, model } from './sim-model.js';

/**
 * The planner's hand-worked case. One SKU sells 10 a day on TikTok (from FBT, 300 units) and 10 a day
 * on Amazon (from FBA, `fba` units) over 30 days, margin 6 a unit (price 10, cost 4). A ban on day 0
 * darkens TikTok, freezes FBT for the whole horizon and sends all of TikTok's demand to Amazon, whose
 * demand doubles to 20 a day. Moving FBT → FBA (`BAN_DECISIONS`) costs 1 a unit and arrives on day 0.
 */
export function banModel(
  probability: number,
  { fba = 300, paths = 400, seed = 7 }: { fba?: number; paths?: number; seed?: number } = {},
): SimModel {
  const m = model(
    [
      { sku: 'A', channel: 'tiktok-shop', daily: 10, price: 10, unitCost: 4 },
      { sku: 'A', channel: 'amazon', daily: 10, price: 10, unitCost: 4 },
    ],
    { horizonDays: 30, paths, seed },
  );
  m.stock = fbtAndFba(300, fba);
  m.events = [
    event(
      'ban',
      [0],
      2,
      { probability, onsetFrom: 0, onsetTo: 0 },
      {
        divertFrom: Int32Array.of(0),
        divertTo: Int32Array.of(1),
        divertShare: Float64Array.of(1),
        divertRampDays: Float64Array.of(0),
        strandedLocation: Int32Array.of(0),
        strandedReleaseDays: Float64Array.of(1_000),
        strandedCostPerUnit: Float64Array.of(0),
      },
    ),
  ];
  m.cholesky = identity(1);
  return m;
}

export const BAN_DECISIONS = {
  transfers: [{ from: 'FBT-US', to: 'FBA-US', cost_per_unit: 1, lead_days: 0 }],
};

/** Plan settings for the small cases: λ 0, 400 paths each side, one thread, no frontier or resamples. */
export function planSettings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return {
    alpha: 0.95,
    risk: { kind: 'lambda', lambda: 0 },
    planPaths: 400,
    evaluationPaths: 400,
    workers: 1,
    evaluateFrontier: false,
    resamples: 0,
    start: '2025-01-19',
    currency: 'USD',
    ...overrides,
  };
}
