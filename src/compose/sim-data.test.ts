import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { linesOf, newDb, tempDir } from '../../test/workspace.js';

/** 120 days of SKU-A on TikTok Shop US at $10, `units` a day from 1 September 2024, ids `prefix-N`. */
function orders(dir: string, name: string, units: number, prefix: string): string {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  const start = Date.UTC(2024, 8, 1);
  for (let d = 0; d < 120; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${prefix}-${d},${date},SKU-A,${units},10,USD,tiktok-shop,US`);
  }
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

let runs = 0;
/**
 * The same scenario each time, with a comment that differs: a run's id is the second it ran and the
 * text's hash, and two runs of one text within a second would share it.
 */
const scenario = (): engine.ScenarioSource => ({
  name: 'flat.yaml',
  text: `# run ${++runs}\nname: flat\nstart: 2024-12-30\nhorizon_days: 30\npaths: 50\nseed: 3\nnoise: none\nevents: []\n`,
});

/** A run's figures without its id and its scenario's hash. */
const figures = (run: engine.SimulationRun) => ({
  ...run,
  runId: '',
  scenario: { ...run.scenario, sha256: '' },
});

describe("the simulator's workspace reads, kept for the next what-if", () => {
  it('serves a repeated run from the stored reads until an import changes the inputs', async () => {
    const dir = tempDir();
    const db = newDb(dir);
    await engine.importFiles(db, [orders(dir, 'tiktok.csv', 100, 'T')]);
    const first = await engine.simulate(db, scenario(), { workers: 1 });
    expect(figures(await engine.simulate(db, scenario(), { workers: 1 }))).toEqual(figures(first));

    // The stored reads are what a repeated run uses: with SKU-A's price doubled in them, so is revenue.
    await linesOf(db, `UPDATE sim_data_cache SET data = replace(data, '"price":10,', '"price":20,')`);
    const stored = await engine.simulate(db, scenario(), { workers: 1 });
    expect(stored.revenue?.mean).toBe(2 * (first.revenue?.mean ?? NaN));

    // A costs file is an import too: the reads are made again (true prices, and profit now known).
    const costs = join(dir, 'costs.csv');
    writeFileSync(costs, 'sku,unit_cost,currency\nSKU-A,4,USD\n');
    await engine.importFiles(db, [costs]);
    const costed = await engine.simulate(db, scenario(), { workers: 1 });
    expect(costed.revenue?.mean).toBe(first.revenue?.mean);
    expect(costed.profit).not.toBeNull();

    // More orders: the run sees them, exactly as a workspace that imported everything at once does.
    const more = orders(dir, 'tiktok-more.csv', 50, 'M');
    await engine.importFiles(db, [more]);
    const after = await engine.simulate(db, scenario(), { workers: 1 });
    expect(after.revenue?.mean).toBeGreaterThan(first.revenue?.mean ?? Infinity);
    const fresh = newDb(dir);
    await engine.importFiles(fresh, [orders(dir, 'tiktok.csv', 100, 'T'), costs, more]);
    expect(figures(await engine.simulate(fresh, scenario(), { workers: 1 }))).toEqual(figures(after));
  });
});
