import { describe, expect, it } from 'vitest';
import { banModel, planSettings } from '../../test/plan-ban.js';
import { tiktokRetainer } from '../../test/sim-model.js';
import type { SimModel } from '../simulate/index.js';
import { DECOMPOSITION_GAP } from './decompose.js';
import { resolveDecisions } from './decisions.js';
import { plan, type PlanSettings } from './run.js';

/**
 * The ban case (test/plan-ban.ts) with day-to-day noise, so every path differs, and every kind of
 * decision at once: two lanes from FBT into FBA (a fast dear one and a slow cheap one, sharing FBA's
 * shortfall), a budget on Amazon, Temu to open with an uncertain demand, and a TikTok retainer that
 * can be cancelled. Both ways of solving must reach the same optimum.
 */
function richModel(): SimModel {
  const m = banModel(0.3, { paths: 300, seed: 11 });
  m.noise = true;
  m.commitments = [tiktokRetainer('retainer', 15, 150)];
  return m;
}

const DECISIONS = {
  transfers: [
    { from: 'FBT-US', to: 'FBA-US', cost_per_unit: 1.5, lead_days: 0 },
    { from: 'FBT-US', to: 'FBA-US', cost_per_unit: 0.5, lead_days: 10 },
  ],
  budget: [
    {
      channel: 'amazon',
      curve: [
        [50, 0.05],
        [200, 0.1],
      ],
    },
  ],
  open: [
    {
      channel: 'temu',
      market: 'US',
      like: { channel: 'amazon', market: 'US' },
      relative_demand: 0.3,
      uncertainty: 0.5,
      setup_cost: 250,
      lead_days: 5,
      ramp_days: 5,
    },
  ],
  cancel: [{ commitment: 'retainer', drives: 0.05 }],
};

async function both(settings: Partial<PlanSettings>) {
  const m = richModel();
  const options = resolveDecisions(DECISIONS, m, 'rich.yaml');
  const base = { planPaths: 300, evaluationPaths: 50, ...settings };
  const decomposed = await plan(m, options, planSettings(base));
  const extensive = await plan(m, options, planSettings({ ...base, method: 'extensive' }));
  return { decomposed, extensive };
}

describe('decomposition against the extensive form', () => {
  for (const lambda of [0, 1, 4]) {
    it(`reaches the extensive form's optimum within its stated gap, λ = ${lambda}`, async () => {
      const { decomposed, extensive } = await both({ risk: { kind: 'lambda', lambda } });
      expect(decomposed.solver.method).toBe('decomposition');
      expect(extensive.solver.method).toBe('extensive');
      const scale = Math.max(1, Math.abs(extensive.objective));
      expect(decomposed.solver.gap).toBeLessThanOrEqual(DECOMPOSITION_GAP * scale);
      // Never above the optimum (HiGHS's own MIP gap aside), never further below it than the gap.
      expect(decomposed.objective).toBeLessThanOrEqual(extensive.objective + 1e-7 * scale);
      expect(decomposed.objective).toBeGreaterThanOrEqual(
        extensive.objective - decomposed.solver.gap - 1e-7 * scale,
      );
      // The objective is what the plan's own in-sample profits give.
      expect(decomposed.objective).toBeCloseTo(
        decomposed.inSample.expectedProfit - lambda * decomposed.inSample.cvar,
        4,
      );
      // The same plan (units may differ by one where rounding meets a vertex), every kind of decision
      // in it at λ 0 and 1 (Temu does not pay at λ 4), so each part of the second stage is exercised.
      const kinds = (r: typeof decomposed) => r.actions.map((a) => a.kind).sort();
      expect(kinds(decomposed)).toEqual(kinds(extensive));
      if (lambda < 4) expect(kinds(decomposed)).toEqual(['budget', 'cancel', 'open', 'transfer']);
      const quantity = (r: typeof decomposed, kind: string) =>
        r.actions.filter((a) => a.kind === kind).reduce((sum, a) => sum + ('units' in a ? a.units : 0), 0);
      expect(
        Math.abs(quantity(decomposed, 'transfer') - quantity(extensive, 'transfer')),
      ).toBeLessThanOrEqual(1);
      // The same frontier, point by point, in sample.
      decomposed.frontier.forEach((row, i) => {
        const other = extensive.frontier[i];
        expect(row.lambda).toBe(other.lambda);
        const value = (r: typeof row) => r.expectedProfit - r.lambda * r.cvar;
        expect(value(row)).toBeCloseTo(value(other), 2);
      });
    });
  }
});
