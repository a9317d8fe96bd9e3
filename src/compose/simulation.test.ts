import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { BallastError, present } from '../errors.js';
import { newDb, tempDir } from '../../test/workspace.js';

/**
 * The worked check of docs/simulation.md through the whole product: an exported history is imported, its flat
 * baseline forecast, and the scenario file simulated. 120 days of one SKU on TikTok Shop US at 100
 * units a day and 10 each; the seller also sells another SKU on Amazon US.
 */
function history(dir: string): string {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  const start = Date.UTC(2024, 8, 1);
  for (let d = 0; d < 120; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    rows.push(`T-${d},${date},SKU-A,100,10,USD,tiktok-shop,US`);
    rows.push(`A-${d},${date},SKU-B,3,20,USD,amazon,US`);
  }
  const path = join(dir, 'history.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

function scenario(_dir: string, name: string, event: string): engine.ScenarioSource {
  // Day 1 is 2024-12-30 (the day after the last order); day 11 is 2025-01-09.
  return {
    text: `name: worked check\nhorizon_days: 30\npaths: 200\nseed: 5\nnoise: none\nevents:\n${event}`,
    name,
  };
}

describe('simulate from the workspace (the worked check of docs/simulation.md)', () => {
  const dir = tempDir();
  const db = newDb(dir);
  beforeAll(async () => {
    await engine.importFiles(db, [history(dir)]);
  });
  const ban = `  - id: ban\n    target: { channel: tiktok-shop, market: US }\n    probability: PROB\n    onset: 2025-01-09\n    duration: { permanent: 1 }\n    severity: 1\n`;

  it('loses exactly 20,000 of revenue on every path', async () => {
    const run = await engine.simulate(db, scenario(dir, 'ban.yaml', ban.replace('PROB', '1')), {
      workers: 1,
    });
    expect(run.scenario.start).toBe('2024-12-30');
    expect(run.revenueLoss).toMatchObject({
      mean: 20_000,
      p5: 20_000,
      p95: 20_000,
      var95: 20_000,
      cvar95: 20_000,
    });
    // Amazon's SKU-B is untouched: 30 days × 3 × 20.
    expect(run.revenue?.mean).toBe(30 * 100 * 10 - 20_000 + 30 * 3 * 20);
    expect(run.profit).toBeNull();
    expect(run.notes.join(' ')).toMatch(/No costs imported/);
  });

  it('loses 15,000 when 25 % of the demand moves to Amazon', async () => {
    const diverted =
      ban.replace('PROB', '1') + '    diversion:\n      amazon: { share: 0.25, ramp_days: 0 }\n';
    const run = await engine.simulate(db, scenario(dir, 'divert.yaml', diverted), { workers: 1 });
    expect(run.revenueLoss?.mean).toBe(15_000);
  });

  it('with probability 0.5: mean ≈ 10,000 and VaR95 = CVaR95 = 20,000', async () => {
    const run = await engine.simulate(db, scenario(dir, 'half.yaml', ban.replace('PROB', '0.5')), {
      workers: 1,
      paths: 4000,
    });
    const loss = present(run.revenueLoss, 'the revenue loss statistics');
    expect(Math.abs(loss.mean - 10_000)).toBeLessThan(4 * loss.stderr);
    expect(run.revenueLoss?.var95).toBe(20_000);
    expect(run.revenueLoss?.cvar95).toBe(20_000);
  });

  it('stores the run for the report and the dashboard', async () => {
    const latest = await engine.latestSimulation(db);
    expect(latest).toMatchObject({ paths: 4000, horizonDays: 30, seed: 5 });
  });

  it('prints the JSON contract keys', async () => {
    const run = await engine.simulate(db, scenario(dir, 'keys.yaml', ban.replace('PROB', '0.7')), {
      workers: 1,
      seed: 9,
      horizonDays: 40,
    });
    const json = JSON.parse(JSON.stringify(run));
    expect(json).toMatchObject({ paths: 200, horizonDays: 40, seed: 9 });
    for (const block of ['revenue', 'revenueLoss']) {
      expect(Object.keys(json[block]).sort()).toEqual([
        'cvar90',
        'cvar95',
        'cvar99',
        'mean',
        'p5',
        'p50',
        'p95',
        'stderr',
        'stdev',
        'var90',
        'var95',
        'var99',
      ]);
    }
    expect(json.profit).toBeNull();
    expect(json.fan.p50).toHaveLength(40);
    expect(json.tailShare).toEqual([{ event: 'ban', share: 1 }]);
  });

  it('refuses a scenario naming a channel the seller does not use, with the key path', async () => {
    const bad = scenario(dir, 'bad.yaml', ban.replace('PROB', '1').replace('tiktok-shop', 'tiktok-shopp'));
    const error = await engine.checkScenario(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).message).toMatch(/events\[0\]\.target\.channel/);
  });
});
