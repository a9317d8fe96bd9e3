import { describe, expect, it } from 'vitest';
import { BAN_DECISIONS, banModel, planSettings } from '../../test/plan-ban.js';
import { model, tiktokRetainer } from '../../test/sim-model.js';
import { BallastError } from '../errors.js';
import type { SimModel } from '../simulate/index.js';
import { resolveDecisions } from './decisions.js';
import { plan, type PlanSettings } from './run.js';

// banModel (test/plan-ban.ts): no ban, profit 600 × 6 = 3,600; a ban, 1,800 (FBA runs out on day 15
// and Amazon misses 300 units). Moving x ≤ 300 units FBT → FBA: in a ban path Amazon sells x more
// (+6x − x = +5x); without a ban TikTok sells x fewer (−6x − x = −7x).
async function planFor(m: SimModel, s: Partial<PlanSettings> = {}, decisions: unknown = BAN_DECISIONS) {
  return plan(m, resolveDecisions(decisions, m, 'test.yaml'), planSettings(s));
}

describe('planner on models worked by hand', () => {
  it('a transfer that pays only under the ban: certain ban → move all 300 units, +1,500', async () => {
    const r = await planFor(banModel(1));
    expect(r.actions).toHaveLength(1);
    expect(r.actions[0]).toMatchObject({
      kind: 'transfer',
      sku: 'A',
      from: 'FBT-US',
      to: 'FBA-US',
      units: 300,
      cost: 300,
    });
    expect(r.objective).toBeCloseTo(1_800 + 1_500, 6);
    expect(r.inSample.doNothing.expectedProfit).toBeCloseTo(1_800, 6);
    // Measured by the real simulator on fresh paths: the same +1,500 in every path, nothing left to learn.
    expect(r.outOfSample.expectedProfit).toBeCloseTo(3_300, 6);
    expect(r.outOfSample.gain.mean).toBeCloseTo(1_500, 6);
    expect(r.outOfSample.probBeatsDoNothing).toBe(1);
    expect(r.optimism).toBeCloseTo(0, 6);
    expect(r.actions[0].text).toBe(
      'Move 300 units of A from FBT-US to FBA-US now (sellable there by 2025-01-19): cuts the loss in the worst 5 % of futures by $1,500 (83 %) and adds $1,500 of expected profit, for $300 of transfer cost.',
    );
  });

  it('a coin-flip ban: λ = 0 moves nothing (−1 a unit expected), λ = 1 moves 150, where both tails meet', async () => {
    const m = banModel(0.5);
    const neutral = await planFor(m, { risk: { kind: 'lambda', lambda: 0 } });
    expect(neutral.actions).toEqual([]);
    expect(neutral.objective).toBeCloseTo(neutral.inSample.doNothing.expectedProfit, 6);
    const averse = await planFor(m, { risk: { kind: 'lambda', lambda: 1 } });
    expect((averse.actions[0] as { units: number }).units).toBeCloseTo(150, 6);
    // Both tails now lose 1,050: ban paths 1,800 − 750, the others 7 × 150.
    expect(averse.inSample.cvar).toBeCloseTo(1_050, 6);
    // The LP's objective is mean profit − λ·CVaR computed independently from the per-path profits.
    expect(averse.objective).toBeCloseTo(averse.inSample.expectedProfit - averse.inSample.cvar, 6);
  });

  it('a CVaR limit that binds: limit 1,500 → the fewest units that reach it (1,800 − 5x = 1,500, x = 60)', async () => {
    const r = await planFor(banModel(0.5), { risk: { kind: 'limit', limit: 1_500 } });
    expect((r.actions[0] as { units: number }).units).toBeCloseTo(60, 6);
    expect(r.inSample.cvar).toBeCloseTo(1_500, 6);
  });

  it('an unreachable CVaR limit says which limit is reachable (1,050 at x = 150: 1,800 − 5x = 7x)', async () => {
    const error = await planFor(banModel(0.5), { risk: { kind: 'limit', limit: 900 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).code).toBe('infeasible');
    expect((error as BallastError).message).toContain('the lowest any plan reaches on these paths is $1,050');
    expect((error as BallastError).hint).toContain('`cvarLimit` 1050');
  });

  it('a decision with no benefit is never taken: FBA never runs short without diversion', async () => {
    const m = banModel(1);
    m.events[0].variants[0].divertShare = Float64Array.of(0);
    const r = await planFor(m, { risk: { kind: 'lambda', lambda: 4 } });
    expect(r.actions).toEqual([]);
  });

  it('a source that sells at a loss keeps the model bounded: moving its stock is worth the destination margin', async () => {
    const m = banModel(0.5);
    m.unitCost = Float64Array.of(12, 4); // TikTok sells at 10 for 12: margin −2
    const r = await planFor(m, { risk: { kind: 'lambda', lambda: 0 } });
    // Ban paths (about half): +6 − 1 a unit up to 300; otherwise −1 (the lost TikTok sale is not counted).
    expect((r.actions[0] as { units: number }).units).toBeCloseTo(300, 6);
    expect(Number.isFinite(r.objective)).toBe(true);
  });

  it('the frontier is monotone: more weight on the tail never raises CVaR or expected profit', async () => {
    const r = await planFor(banModel(0.5), { risk: { kind: 'lambda', lambda: 1 } });
    expect(r.frontier.map((f) => f.lambda)).toEqual([0, 0.25, 0.5, 1, 2, 4, 8]);
    for (let i = 1; i < r.frontier.length; i++) {
      expect(r.frontier[i].cvar).toBeLessThanOrEqual(r.frontier[i - 1].cvar + 1e-6);
      expect(r.frontier[i].expectedProfit).toBeLessThanOrEqual(r.frontier[i - 1].expectedProfit + 1e-6);
    }
  });
});

// TikTok and Amazon sell 10 a day each at margin 6 over 30 days (1,800 each), no stock limits, no
// events. A TikTok creator retainer costs 20 a day (600), cancellable now for 100.
function growthModel(): SimModel {
  const m = model(
    [
      { sku: 'A', channel: 'tiktok-shop', daily: 10, price: 10, unitCost: 4 },
      { sku: 'A', channel: 'amazon', daily: 10, price: 10, unitCost: 4 },
    ],
    { horizonDays: 30, paths: 50, seed: 3 },
  );
  m.commitments = [tiktokRetainer('creators', 20, 100)];
  return m;
}

describe('growth decisions worked by hand', () => {
  it('budget, opening and cancelling each pay by their own numbers, and add up', async () => {
    const decisions = {
      // First 100 buys +10 % of Amazon's 1,800 (180 > 100); the next 200 only +5 % (90 < 200).
      budget: [
        {
          channel: 'amazon',
          curve: [
            [100, 0.1],
            [300, 0.15],
          ],
        },
      ],
      // Temu at half of Amazon, for sure, from day 0: 900 of margin for 200 of set-up. At 1,000 it would not pay.
      open: [
        {
          channel: 'temu',
          market: 'US',
          like: { channel: 'amazon', market: 'US' },
          relative_demand: 0.5,
          uncertainty: 0,
          setup_cost: 200,
          lead_days: 0,
          ramp_days: 0,
        },
        {
          channel: 'walmart',
          market: 'US',
          like: { channel: 'amazon', market: 'US' },
          relative_demand: 0.5,
          uncertainty: 0,
          setup_cost: 1_000,
          lead_days: 0,
          ramp_days: 0,
        },
      ],
      // Cancelling saves 600 − 100 and loses 10 % of TikTok's margin (180): +320.
      cancel: [{ commitment: 'creators', drives: 0.1 }],
    };
    const r = await planFor(growthModel(), {}, decisions);
    expect(r.actions.map((a) => a.kind).sort()).toEqual(['budget', 'cancel', 'open']);
    expect(r.actions.find((a) => a.kind === 'budget')).toMatchObject({ spend: 100, uplift: 0.1 });
    expect(r.actions.find((a) => a.kind === 'open')).toMatchObject({
      channel: 'temu',
      market: 'US',
      cost: 200,
    });
    const gains = Object.fromEntries(r.actions.map((a) => [a.kind, a.expectedGain]));
    expect(gains.budget).toBeCloseTo(80, 6);
    expect(gains.open).toBeCloseTo(700, 6);
    expect(gains.cancel).toBeCloseTo(320, 6);
    expect(r.objective).toBeCloseTo(3_000 + 80 + 700 + 320, 6);
    // The real simulator, with all three applied together, agrees.
    expect(r.outOfSample.expectedProfit).toBeCloseTo(4_100, 6);
    expect(r.outOfSample.doNothing.expectedProfit).toBeCloseTo(3_000, 6);
  });

  it('a creator contract that drives half of TikTok is kept', async () => {
    const r = await planFor(growthModel(), {}, { cancel: [{ commitment: 'creators', drives: 0.5 }] });
    expect(r.actions).toEqual([]);
  });

  it('refuses a budget curve with rising returns, naming the point', async () => {
    const m = growthModel();
    expect(() =>
      resolveDecisions(
        {
          budget: [
            {
              channel: 'amazon',
              curve: [
                [100, 0.01],
                [200, 0.2],
              ],
            },
          ],
        },
        m,
        'p.yaml',
      ),
    ).toThrow(
      /p\.yaml: decisions\.budget\[0\]\.curve\[1\]: \[200, 0\.2\] does not continue a curve of diminishing returns/,
    );
    expect(() => resolveDecisions({ cancel: [{ commitment: 'creator' }] }, m, 'p.yaml')).toThrow(
      /"creator" is not a commitment the simulation knows/,
    );
    expect(() => resolveDecisions({ transfers: [{ from: 'X', to: 'Y' }] }, m, 'p.yaml')).toThrow(
      /needs stock/,
    );
    expect(() => resolveDecisions({ budgets: [] }, m, 'p.yaml')).toThrow(/decisions\.budgets: unknown key/);
  });
});

describe('planner on a noisy model', () => {
  it('never does worse than doing nothing in-sample, and its CVaR is the tail mean of its own losses', async () => {
    const m = banModel(0.3, { paths: 300 });
    m.noise = true;
    for (const lambda of [0, 0.5, 3]) {
      const r = await planFor(m, { risk: { kind: 'lambda', lambda }, planPaths: 300, evaluationPaths: 300 });
      const doNothing = r.inSample.doNothing.expectedProfit - lambda * r.inSample.doNothing.cvar;
      expect(r.objective).toBeGreaterThanOrEqual(doNothing - 1e-6);
      expect(r.objective).toBeCloseTo(r.inSample.expectedProfit - lambda * r.inSample.cvar, 4);
      expect(Number.isFinite(r.optimism)).toBe(true);
    }
  });
});
