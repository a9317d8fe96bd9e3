import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import highsPackage from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { newDb, tempDir } from '../../test/workspace.js';

/**
 * `ballast plan` through the whole product: 120 days of one mug selling 20 a day on TikTok Shop US
 * (from FBT-US) and 20 a day on Amazon US (from FBA-US), price 10, cost 4. FBT holds 1,200, FBA
 * 600, and a shipment of 900 is on its way to FBT. A certain ban on day 0 freezes FBT for the whole
 * horizon and sends TikTok's buyers to Amazon, which then runs out.
 */
function files(dir: string): string[] {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  const start = Date.UTC(2024, 8, 1);
  for (let d = 0; d < 120; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    rows.push(`T-${d},${date},MUG,20,10,USD,tiktok-shop,US`, `A-${d},${date},MUG,20,10,USD,amazon,US`);
  }
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  return [
    write('history.csv', rows.join('\n') + '\n'),
    write(
      'locations.csv',
      'location,kind,market,channels\nFBT-US,fbt,US,tiktok-shop\nFBA-US,fba,US,amazon\n',
    ),
    write(
      'inventory.csv',
      'location,sku,quantity,as_of\nFBT-US,MUG,1200,2024-12-29\nFBA-US,MUG,600,2024-12-29\n',
    ),
    write(
      'shipments.csv',
      'shipment_id,sku,quantity,to_location,eta,status,can_redirect,from\nSH-7,MUG,900,FBT-US,2025-01-20,in_transit,true,CN\n',
    ),
    write('costs.csv', 'sku,unit_cost,currency\nMUG,4,USD\n'),
  ];
}

const SCENARIO = `name: ban with stock in FBT
horizon_days: 60
paths: 200
seed: 5
noise: none
events:
  - id: ban
    target: { channel: tiktok-shop, market: US }
    probability: PROB
    onset: 2024-12-30
    duration: { permanent: 1 }
    severity: 1
    diversion:
      amazon: { share: 1, ramp_days: 0 }
    stranded:
      - { location: FBT-US, release_after_days: 1000 }
`;

describe('a commitment in another currency', () => {
  it('has its cancel fee converted to base currency like its amount, in the plan and in exposure', async () => {
    // CNY 360,000 over 2025 with a CNY 60,000 fee to cancel: at the built-in reference rate (0.139
    // USD a yuan, no fx file imported) the fee is $8,340, not $60,000.
    const dir = tempDir();
    const db = newDb(dir);
    const commitments = join(dir, 'commitments.csv');
    writeFileSync(
      commitments,
      'id,channel,kind,amount,currency,start,end,cancellable,cancel_fee\nAGENCY,tiktok-shop,agency,360000,CNY,2025-01-01,2025-12-31,true,60000\n',
    );
    await engine.importFiles(db, [...files(dir), commitments]);
    const run = await engine.plan(
      db,
      {
        name: 'cancel.yaml',
        text:
          SCENARIO.replace('PROB', '0') + 'decisions:\n  cancel:\n    - { commitment: AGENCY, drives: 0 }\n',
      },
      { workers: 1, paths: 50, evaluationPaths: 50, resamples: 0 },
    );
    const cancel = run.compared.find((c) => c.name === 'cancel AGENCY');
    expect(cancel?.actions[0].text).toMatch(/for \$8,340 of cancel fee\.$/);
    const exposure = await engine.exposure(db);
    expect(exposure.commitments?.[0].cancelFees).toBeCloseTo(8_340, 6);
  });
});

describe('ballast plan on an imported workspace', () => {
  const dir = tempDir();
  const db = newDb(dir);
  const scenario = (name: string, text: string) => ({ text, name });
  beforeAll(async () => {
    await engine.importFiles(db, files(dir));
  });

  it('moves FBT stock and redirects the shipment to FBA under a certain ban, worked by hand', async () => {
    // Amazon's demand doubles to 40 a day: 2,400 over 60 days against 600 in FBA, so 1,800 units go
    // unsold there. Default lanes: moving stock costs 1 a unit and takes 7 days (the week-long
    // buckets count Amazon's shortfall from day 7: all of it, FBA runs dry on day 15); redirecting
    // costs 0.5 and adds 3 days. Each unit sold on Amazon earns 6. The optimiser takes all 900
    // shipped units first (cheaper) and 900 of FBT's 1,200: 900 × 5.5 + 900 × 5 = 9,450.
    const lp = join(dir, 'plan.lp');
    let exported = '';
    const run = await engine.plan(db, scenario('ban.yaml', SCENARIO.replace('PROB', '1')), {
      workers: 1,
      paths: 100,
      evaluationPaths: 100,
      lambda: 0,
      exportLp: async (text) => {
        exported = text;
        writeFileSync(lp, text);
      },
    });
    const units = Object.fromEntries(run.actions.map((a) => [a.kind, 'units' in a ? a.units : 0]));
    expect(units).toEqual({ redirect: 900, transfer: 900 });
    expect(run.objective - run.inSample.doNothing.expectedProfit).toBeCloseTo(9_450, 6);
    // The real simulator agrees on fresh paths.
    expect(run.outOfSample.gain.mean).toBeCloseTo(9_450, 6);
    expect(run.actions.find((a) => a.kind === 'redirect')?.text).toMatch(
      /^Redirect 900 units of MUG on shipment SH-7 from FBT-US to FBA-US \(sellable there by 2025-01-23\)/,
    );
    expect(run.notes.join(' ')).toMatch(
      /Transfers out of locations a ban can strand assume \$1 a unit and 7 days/,
    );

    // Another reader of the exported LP reaches the same optimum.
    expect(readFileSync(lp, 'utf8')).toBe(exported);
    const module = highsPackage as unknown as
      | (() => Promise<{ solve(lp: string): { Status: string; ObjectiveValue: number } }>)
      | { default: () => Promise<{ solve(lp: string): { Status: string; ObjectiveValue: number } }> };
    const highs = await (typeof module === 'function' ? module : module.default)();
    const solved = highs.solve(exported);
    expect(solved.Status).toBe('Optimal');
    expect(solved.ObjectiveValue).toBeCloseTo(run.objective, 6);
  });

  it('--json holds the contract keys and the plan is stored', async () => {
    const run = await engine.plan(db, scenario('half.yaml', SCENARIO.replace('PROB', '0.5')), {
      workers: 2,
      paths: 200,
      evaluationPaths: 300,
      frontier: true,
      resamples: 2,
      compare: [
        { name: 'mine.yaml', text: '- { kind: redirect, shipment: SH-7, to: FBA-US, units: 450 }\n' },
      ],
    });
    const json = JSON.parse(JSON.stringify(run)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'actions',
        'objective',
        'inSample',
        'outOfSample',
        'frontier',
        'compared',
        'stability',
      ]),
    );
    const compared = json.compared as Array<Record<string, unknown>>;
    for (const c of compared) {
      expect(c).toMatchObject({
        name: expect.any(String),
        source: expect.stringMatching(/^(rule|file)$/),
        actions: expect.any(Array),
        expectedProfit: expect.any(Number),
        cvar: expect.any(Number),
        objective: expect.any(Number),
        objectiveStderr: expect.any(Number),
        probBeatsDoNothing: expect.any(Number),
      });
    }
    expect(compared.map((c) => c.name)).toEqual([
      'move all of FBT-US to FBA-US',
      'move half of FBT-US to FBA-US',
      'redirect every shipment',
      'mine',
    ]);
    expect(compared.at(-1)).toMatchObject({ source: 'file', actions: [{ kind: 'redirect', units: 450 }] });
    expect(json.stability).toMatchObject({ resamples: 2, rows: expect.any(Array) });
    // A λ objective is solved by decomposition, within its stated gap of the optimum.
    expect(json.solver).toMatchObject({ method: 'decomposition', iterations: expect.any(Number) });
    expect((json.solver as { gap: number }).gap).toBeLessThanOrEqual(1e-6 * Math.abs(run.objective));
    expect(Object.keys(json.inSample as object)).toEqual(expect.arrayContaining(['expectedProfit', 'cvar']));
    expect(json.outOfSample).toMatchObject({
      doNothing: { expectedProfit: expect.any(Number), cvar: expect.any(Number) },
      probBeatsDoNothing: expect.any(Number),
      objectiveStderr: expect.any(Number),
    });
    for (const row of json.frontier as Array<Record<string, unknown>>) {
      expect(row).toMatchObject({
        lambda: expect.any(Number),
        expectedProfit: expect.any(Number),
        cvar: expect.any(Number),
        outOfSample: expect.any(Object),
      });
    }
    for (const a of run.actions)
      expect(a).toMatchObject({ kind: expect.any(String), text: expect.any(String) });
    expect((await engine.latestPlan(db))?.runId).toBe(run.runId);
  });

  it('an unreachable CVaR limit is exit 1 with the reachable limit', async () => {
    // Without diversion TikTok's margin is lost whatever the plan does: no plan reaches a CVaR of 1.
    const noDiversion = SCENARIO.replace('PROB', '1').replace(
      '    diversion:\n      amazon: { share: 1, ramp_days: 0 }\n',
      '',
    );
    const error = await engine
      .plan(db, scenario('limit.yaml', noDiversion), {
        workers: 1,
        paths: 50,
        evaluationPaths: 50,
        cvarLimit: 1,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).code).toBe('infeasible');
    expect((error as BallastError).message).toMatch(/the lowest any plan reaches on these paths is \$[\d,]+/);
  });

  it('refuses a decisions block naming an unknown location, with the key path, and stores nothing', async () => {
    const before = await engine.latestPlan(db);
    const bad =
      SCENARIO.replace('PROB', '1') + 'decisions:\n  transfers:\n    - { from: FBT-US, to: FBA-U }\n';
    const error = await engine.plan(db, scenario('bad.yaml', bad), { workers: 1 }).catch((e: unknown) => e);
    expect((error as BallastError).message).toBe(
      'bad.yaml: decisions.transfers[0].to: "FBA-U" is not a location the simulation knows',
    );
    expect((error as BallastError).hint).toMatch(/Did you mean FBA-US\?/);
    expect((await engine.latestPlan(db))?.runId).toBe(before?.runId);
  });

  it('refuses a plan file with a misspelt key, at its key path, line and column, and stores nothing', async () => {
    const before = await engine.latestPlan(db);
    const mine = '# my plan\n- kind: transfer\n  sku: MUG\n  from: FBT-US\n  to: FBA-US\n  unitz: 10\n';
    const error = await engine
      .plan(db, scenario('ban.yaml', SCENARIO.replace('PROB', '1')), {
        workers: 1,
        paths: 50,
        evaluationPaths: 50,
        compare: [{ name: 'mine.yaml', text: mine }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).message).toMatch(/^mine\.yaml: \[0\]\.unitz/);
    expect((error as BallastError).place).toMatchObject({ option: 'compare', path: [0, 'unitz'], line: 6 });
    expect((await engine.latestPlan(db))?.runId).toBe(before?.runId);
  });
});
