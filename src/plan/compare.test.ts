import { describe, expect, it } from 'vitest';
import { BAN_DECISIONS, banModel, planSettings } from '../../test/plan-ban.js';
import { BallastError } from '../errors.js';
import { resolveDecisions } from './decisions.js';
import type { PlanAction } from './actions.js';
import { plan } from './run.js';
import { stabilityOf } from './stability.js';
import { readUserPlan } from './user-plan.js';

// banModel (test/plan-ban.ts) with FBA holding `fba` units: in a ban, Amazon sells 20 a day (600 units).
const rule = (r: Awaited<ReturnType<typeof plan>>, name: string) => {
  const found = r.compared.find((c) => c.name === name);
  if (!found) throw new Error(`no rule ${name} among ${r.compared.map((c) => c.name).join(', ')}`);
  return found;
};

describe('simple rules beside the optimiser, worked by hand', () => {
  it('a certain ban with 150 units short at FBA: moving half is optimal and the optimiser matches it; moving all wastes 150', async () => {
    // Ban for sure: Amazon sells 600 − 450 short by 150. Moving x sells min(x, 150) more at 6, for x.
    // Best x = 150 (+750). Move half = 150 units (the same plan); move all = 300: +900 − 300 = +600.
    const m = banModel(1, { fba: 450, seed: 11 });
    const options = resolveDecisions(BAN_DECISIONS, m, 'test.yaml');
    const r = await plan(m, options, planSettings());
    expect(r.actions).toMatchObject([{ kind: 'transfer', units: 150 }]);
    expect(r.outOfSample.gain.mean).toBeCloseTo(750, 6);
    expect(r.compared.map((c) => c.name)).toEqual([
      'move all of FBT-US to FBA-US',
      'move half of FBT-US to FBA-US',
    ]);
    const half = rule(r, 'move half of FBT-US to FBA-US');
    expect(half).toMatchObject({ source: 'rule', rule: { kind: 'move', share: 0.5 } });
    expect(half.objective).toBeCloseTo(r.outOfSample.objective, 6);
    expect(half.versusPlan.mean).toBeCloseTo(0, 6);
    const all = rule(r, 'move all of FBT-US to FBA-US');
    expect(all.gain.mean).toBeCloseTo(600, 6);
    expect(all.versusPlan.mean).toBeCloseTo(-150, 6);
    // Every path is the same (no noise): the paired difference has no spread.
    expect(all.versusPlan.stderr).toBeCloseTo(0, 6);
    expect(all.actions).toMatchObject([{ kind: 'transfer', units: 300 }]);
  });

  it('a ban one time in four: doing nothing is optimal; moving all loses 300 × (12·p − 7) for the share p of ban paths', async () => {
    // Per unit moved: +5 in a ban path (sells on Amazon, FBA 300 short), −7 otherwise (TikTok loses
    // the sale at 6, plus the move). At p ≈ 0.25 that is −4 a unit: the optimiser moves nothing.
    const m = banModel(0.25, { fba: 300, seed: 11 });
    const r = await plan(m, resolveDecisions(BAN_DECISIONS, m, 'test.yaml'), planSettings());
    expect(r.actions).toEqual([]);
    // The fresh paths' own share of bans, from doing nothing's mean profit (3,600 without, 1,800 with).
    const p = (3_600 - r.outOfSample.doNothing.expectedProfit) / 1_800;
    expect(p).toBeGreaterThan(0.15);
    expect(p).toBeLessThan(0.35);
    expect(rule(r, 'move all of FBT-US to FBA-US').versusPlan.mean).toBeCloseTo(300 * (12 * p - 7), 6);
    expect(rule(r, 'move half of FBT-US to FBA-US').versusPlan.mean).toBeCloseTo(150 * (12 * p - 7), 6);
    expect(rule(r, 'move all of FBT-US to FBA-US').probBeatsDoNothing).toBeCloseTo(p, 6);
  });

  it("--compare with the optimiser's own plan gives the same figures", async () => {
    const m = banModel(1, { fba: 450, seed: 11 });
    const options = resolveDecisions(BAN_DECISIONS, m, 'test.yaml');
    const mine = readUserPlan(
      '- { kind: transfer, sku: A, from: FBT-US, to: FBA-US, units: 150 }\n',
      'mine.yaml',
      m,
      options,
    );
    const r = await plan(m, options, planSettings({ compare: [{ name: 'mine', choice: mine }] }));
    const c = rule(r, 'mine');
    const o = r.outOfSample;
    expect(c.source).toBe('file');
    expect(c.rule).toBeUndefined();
    expect([c.expectedProfit, c.cvar, c.objective, c.objectiveStderr, c.probBeatsDoNothing]).toEqual([
      o.expectedProfit,
      o.cvar,
      o.objective,
      o.objectiveStderr,
      o.probBeatsDoNothing,
    ]);
    expect(c.gain).toEqual(o.gain);
    expect(c.versusPlan).toEqual({ mean: 0, stderr: 0 });
  });

  it('a stable plan: every resample moves the same 150 units, no coin toss', async () => {
    const m = banModel(1, { fba: 450, seed: 11 });
    const r = await plan(m, resolveDecisions(BAN_DECISIONS, m, 'test.yaml'), planSettings({ resamples: 3 }));
    expect(r.stability.resamples).toBe(3);
    expect(r.stability.rows).toEqual([
      {
        action: 'transfer A FBT-US → FBA-US',
        kind: 'transfer',
        inPlan: true,
        chosen: 1,
        quantity: { min: 150, median: 150, max: 150 },
        coinToss: false,
      },
    ]);
    expect(r.stability.statement).toMatch(
      /1 action is chosen nearly every time and no choice is a coin toss/,
    );
  });

  it('an action chosen in some resamples and not in others is called a coin toss, its quantity spread given', async () => {
    // The solver stand-in moves 100, 200, nothing, 300 units on the four resamples in turn.
    const move = (units: number): PlanAction => ({
      kind: 'transfer',
      sku: 'A',
      from: 'FBT-US',
      to: 'FBA-US',
      units,
      arrives: '2025-01-19',
      cost: units,
      expectedGain: 0,
      tailGain: 0,
      tailShare: 0,
      text: '',
    });
    const plans = [[move(100)], [move(200)], [], [move(300)]];
    let call = 0;
    const s = await stabilityOf(
      50,
      4,
      (pick) => {
        expect(pick).toHaveLength(50);
        return Promise.resolve(plans[call++]);
      },
      [move(200)],
    );
    expect(s.rows).toEqual([
      {
        action: 'transfer A FBT-US → FBA-US',
        kind: 'transfer',
        inPlan: true,
        chosen: 0.75,
        quantity: { min: 100, median: 200, max: 300 },
        coinToss: true,
      },
    ]);
    expect(s.statement).toBe(
      'Solved again on 4 resamples of the planning paths: 0 actions are chosen nearly every time; "transfer A FBT-US → FBA-US" is a coin toss (chosen in 3 of 4): on these paths the optimiser cannot tell whether it pays.',
    );
  });
});

describe('a plan file of the user', () => {
  const m = banModel(1, { fba: 450, seed: 11 });
  const options = resolveDecisions(BAN_DECISIONS, m, 'test.yaml');
  const read = (text: string) => () => readUserPlan(text, 'mine.yaml', m, options);

  it('reads the vocabulary the plan prints', () => {
    const choice = readUserPlan(
      '- kind: transfer\n  sku: A\n  from: FBT-US\n  to: FBA-US\n  units: 120\n',
      'mine.yaml',
      m,
      options,
    );
    expect([...choice.stock]).toEqual([120]);
  });

  it('a typo in a key is refused with its key path', () => {
    expect(read('- { kind: transfer, sku: A, from: FBT-US, to: FBA-US, unit: 120 }\n')).toThrow(
      /^mine\.yaml: \[0\]\.unit/,
    );
  });

  it('an unknown kind is refused with the kinds there are', () => {
    const error = catchError(read('- { kind: tranfer, sku: A }\n'));
    expect(error.message).toBe('mine.yaml: [0].kind: "tranfer" is not a kind of action');
    expect(error.hint).toMatch(/Did you mean transfer\?/);
  });

  it('an action the scenario does not offer is refused with the ones it offers', () => {
    const error = catchError(read('- { kind: transfer, sku: A, from: FBA-US, to: FBT-US, units: 10 }\n'));
    expect(error.message).toBe('mine.yaml: [0]: the scenario offers no transfer of A from FBA-US to FBT-US');
    expect(error.hint).toMatch(/The scenario offers: A FBT-US → FBA-US\./);
    expect(catchError(read('- { kind: open, channel: walmart, market: US }\n')).hint).toMatch(/offers none/);
  });

  it('more units than there are is refused at the quantity', () => {
    expect(read('- { kind: transfer, sku: A, from: FBT-US, to: FBA-US, units: 301 }\n')).toThrow(
      'mine.yaml: [0].units: 301 is more than the 300 there are',
    );
  });
});

function catchError(work: () => unknown): BallastError {
  try {
    work();
  } catch (error) {
    if (error instanceof BallastError) return error;
    throw error;
  }
  throw new Error('no error');
}
