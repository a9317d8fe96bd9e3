import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { chromiumSkipped, hasChromium, launchChromium } from '../../test/chromium.js';
import { runCli } from '../../test/cli.js';
import { tempDir } from '../../test/workspace.js';
import { CHANNELS } from './model.js';
import { DEFAULT_DEMO_SEED, demoScenarioPath, generateDemo, type DemoResult } from './index.js';
import { present } from '../errors.js';

/**
 * `ballast demo` end to end, run once as a user runs it (the CLI, --json), in a temporary folder:
 * every later check reads its workspace, its files and its report. The generator's truth is checked
 * against what `ballast status` and `ballast exposure` read from the imported exports.
 */
const dir = tempDir('ballast-demo-');
const out = join(dir, 'demo');
let run: engine.DemoRun;
let demo: DemoResult;
let imported: engine.ImportSummary;
let exposure: engine.ExposureReport;
let status: engine.StatusReport;
let db: string;

beforeAll(async () => {
  const { code, out: stdout, err } = await runCli('--json', 'demo', '--out', out);
  expect(code, err).toBe(0);
  run = JSON.parse(stdout) as engine.DemoRun;
  ({ generated: demo, imported, exposure, db } = run);
  status = await engine.status(db);
}, 600_000);

describe('ballast demo', () => {
  it('runs every step in order, timed, in the folder it was given', () => {
    expect(run.steps.map((s) => s.step)).toEqual([
      'generate',
      'import',
      'exposure',
      'simulate',
      'plan',
      'report',
    ]);
    for (const s of run.steps) expect(s.seconds).toBeGreaterThan(0);
    expect(run.dir).toBe(out);
    expect(existsSync(join(out, '.ballast-demo'))).toBe(true);
    expect(run.seed).toBe(DEFAULT_DEMO_SEED);
  });

  it('prints the contract keys of each step and three take-aways worded from the results', () => {
    expect(Object.keys(run.simulation)).toEqual(
      expect.arrayContaining([
        'revenue',
        'profit',
        'revenueLoss',
        'profitLoss',
        'fan',
        'tornado',
        'tailShare',
      ]),
    );
    expect(Object.keys(run.plan)).toEqual(
      expect.arrayContaining(['actions', 'objective', 'inSample', 'outOfSample', 'frontier']),
    );
    expect(run.plan.outOfSample).toMatchObject({
      doNothing: { expectedProfit: expect.any(Number), cvar: expect.any(Number) },
      probBeatsDoNothing: expect.any(Number),
    });
    expect(run.takeaways).toHaveLength(3);
    const top = [...exposure.byChannel].sort((a, b) => b.share - a.share)[0];
    expect(run.takeaways[0]).toContain(`${top.channel} brought ${Math.round(top.share * 100)} %`);
    expect(run.takeaways[1]).toContain(`${run.simulation.paths.toLocaleString('en-US')} simulated futures`);
    expect(run.takeaways[2]).toContain(`${run.plan.outOfSample.paths.toLocaleString('en-US')} fresh futures`);
  });

  it(`writes a report in each language that opens in Chromium without an error or a request${chromiumSkipped}`, async () => {
    expect(Object.keys(run.reports).sort()).toEqual(['en', 'zh-CN']);
    if (!hasChromium) return;
    const browser = await launchChromium();
    try {
      for (const path of Object.values(run.reports)) {
        const page = await browser.context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => !r.url().startsWith('file:') && problems.push(r.url()));
        await page.goto(pathToFileURL(path).href);
        expect(problems).toEqual([]);
        for (const id of ['summary', 'risk', 'plan'])
          expect(await page.locator(`section#${id}`).count(), id).toBe(1);
        expect(await page.locator('[data-chart="frontier"] svg').count()).toBe(1);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('refuses to clear a folder it did not make', async () => {
    const error = await engine.demo({ dir: join(dir, '..') }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/was not made by `ballast demo`/);
  });
});

const relativeFiles = (result: DemoResult, root: string) => result.files.map((f) => relative(root, f));

describe('seeded generation', () => {
  it('the same seed gives the same bytes in every file, XLSX included', async () => {
    const again = await generateDemo({ seed: DEFAULT_DEMO_SEED, outDir: join(dir, 'again') });
    expect(relativeFiles(again, join(dir, 'again'))).toEqual(relativeFiles(demo, join(out, 'files')));
    for (const [i, file] of demo.files.entries()) {
      const [x, y] = await Promise.all([readFile(file), readFile(again.files[i])]);
      expect(x.equals(y), relative(dir, file)).toBe(true);
    }
    expect(again.truth).toEqual(demo.truth);
  }, 120_000);

  it('another seed gives different orders, stock and shipments (the seller parameters stay)', async () => {
    const other = await generateDemo({ seed: DEFAULT_DEMO_SEED + 1, outDir: join(dir, 'other') });
    const names = relativeFiles(other, join(dir, 'other'));
    // Sales start and end on the same days whatever the seed, so the same exports exist.
    expect(names).toEqual(relativeFiles(demo, join(out, 'files')));
    // Made from the parameters alone: locations, costs, commitments and FX.
    const fixed = new Set([
      'inputs/locations.csv',
      'inputs/costs.csv',
      'inputs/commitments.csv',
      'inputs/fx.csv',
    ]);
    for (const [i, name] of names.entries()) {
      const [x, y] = await Promise.all([readFile(demo.files[i]), readFile(other.files[i])]);
      expect(x.equals(y), name).toBe(fixed.has(name));
    }
    expect(other.truth.shares).not.toEqual(demo.truth.shares);
  }, 120_000);
});

describe('import through the normal engine', () => {
  it('every file is recognised as its channel format and no row is rejected', () => {
    expect(imported.rejects).toBe(0);
    expect(imported.files.map((f) => [f.name, f.format, f.status])).toEqual(
      demo.details.map((d) => [d.path.split('/').pop(), d.format, 'imported']),
    );
    const channels = new Set(demo.details.map((d) => d.channel).filter((c) => c !== null));
    expect([...channels].sort()).toEqual([...CHANNELS].sort());
  });

  it('counts each order once: overlapping Shopify exports and TikTok orders synced into Shopify', () => {
    // About 11,000 TikTok orders sit in the Shopify exports too, and June–July 2024 is in both exports.
    expect(demo.truth.syncedToShopify).toBeGreaterThan(5000);
    expect(imported.updated).toBeGreaterThan(0);
    const byChannel = Object.fromEntries(status.totals.map((t) => [t.channel, t]));
    for (const channel of CHANNELS) {
      expect(byChannel[channel]?.orders, channel).toBe(demo.truth.orders[channel]);
      expect(byChannel[channel]?.lines, channel).toBe(demo.truth.lines[channel]);
      expect(byChannel[channel]?.units, channel).toBe(demo.truth.units[channel]);
    }
    expect(status.from).toBe(demo.truth.from);
    expect(status.to).toBe(demo.truth.to);
  });

  it('reads the stock, shipments, costs and commitments', () => {
    expect(status.inputs.locations).toBe(5);
    expect(status.inputs.inventory).toBeGreaterThan(100);
    expect(status.inputs.shipments).toBeGreaterThan(100);
    expect(status.inputs.commitments).toBe(6);
    expect(exposure.fxApproximate).toBe(false);
    expect(exposure.byChannel.every((r) => r.grossProfit !== null)).toBe(true);
    expect(exposure.lockedStock?.find((l) => l.location === 'FBT-US')?.onlyChannel).toBe('tiktok-shop');
  });
});

describe('the planted truth, as `ballast exposure` measures it', () => {
  it('channel shares of the last 90 days are the generated ones', () => {
    expect([exposure.from, exposure.to]).toEqual([demo.truth.window.from, demo.truth.window.to]);
    for (const row of exposure.byChannel) {
      const channel = row.channel as (typeof CHANNELS)[number];
      expect(row.revenue, channel).toBeCloseTo(demo.truth.revenueUsd[channel], 0);
      expect(row.share, channel).toBeCloseTo(demo.truth.shares[channel], 4);
    }
    // What docs/demo.md says of the seller: TikTok Shop about half, Amazon next, Mercado Livre small.
    const s = demo.truth.shares;
    expect(s['tiktok-shop']).toBeGreaterThan(0.45);
    expect(s['tiktok-shop']).toBeLessThan(0.6);
    expect(s.amazon).toBeGreaterThan(s.shopify);
    expect(s.mercadolibre).toBeLessThan(0.03);
  });

  it('the halo interval for Amazon ← TikTok Shop covers the planted halo', () => {
    const halo = exposure.halo.find((h) => h.driver === 'tiktok-shop' && h.channel === 'amazon');
    expect(halo?.identified).toBe(true);
    expect(present(halo?.low, 'the halo interval low end')).toBeLessThanOrEqual(demo.truth.halo.share);
    expect(present(halo?.high, 'the halo interval high end')).toBeGreaterThanOrEqual(demo.truth.halo.share);
    // Planted: 0.15 Amazon units per TikTok unit, about a tenth of Amazon's units over two years.
    expect(demo.truth.halo.share).toBeGreaterThan(0.08);
    expect(demo.truth.halo.share).toBeLessThan(0.16);
  });
});

describe('the scenario for 19 January 2025', () => {
  it('passes `ballast scenario check` on the demo workspace', async () => {
    const checked = await engine.checkScenario(db, await engine.readScenarioFile(demoScenarioPath()));
    expect(checked.start).toBe('2025-01-18');
    expect(checked.warnings).toEqual([]);
    const text = checked.description.join('\n');
    for (const outcome of ['blackout', 'app-store-removal', 'deferral', 'long-ban', 'de-minimis'])
      expect(text).toContain(outcome);
  });
});
