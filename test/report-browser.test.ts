import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lcg } from './random.js';
import * as engine from '../src/engine.js';
import { present } from '../src/errors.js';
import { monthlyShares } from '../src/exposure/index.js';
import { prelude } from '../src/ingest/index.js';
import { Workspace } from '../src/store/index.js';
import { runCli } from './cli.js';
import { chromiumSkipped as skipped, hasChromium, launchChromium } from './chromium.js';
import { fixture, newDb, tempDir } from './workspace.js';

const OUTPUT = resolve(import.meta.dirname, '..', 'test-output');

function poisson(rate: number, next: () => number): number {
  // Knuth's method: fine for the small daily rates here.
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k++;
  return k;
}

const HOSTILE_SKU = '<img src=x onerror=alert(1)>';
const HOSTILE_SCENARIO = `<script>alert('scenario')</script> TikTok ban`;
const HOSTILE_LABEL = '<img src=x onerror=alert(7)>';

/**
 * A small scenario on the generated workspace: a TikTok Shop US ban that may last, with part of its
 * buyers moving to Amazon, Amazon's halo lost and FBT stock frozen, and a shorter Amazon suspension.
 * The name and a label are hostile; they must stay text in the report.
 */
const SCENARIO = `name: "${HOSTILE_SCENARIO}"
horizon_days: 90
seed: 7
events:
  - id: tiktok-ban
    label: "${HOSTILE_LABEL}"
    target: { channel: tiktok-shop, market: US }
    probability: 0.6
    onset: { between: [2025-01-19, 2025-03-01] }
    duration:
      permanent: 0.4
      days: { lognormal: { median: 30, p90: 75 } }
    severity: 1
    recovery: { days: 14, level: 0.8 }
    diversion:
      amazon: { share: 0.25, ramp_days: 14 }
    halo: { amazon: 0.15 }
    stranded:
      - { location: FBT-US, release_after_days: 30, cost_per_unit: 1.2 }
  - id: amazon-suspension
    target: { channel: amazon }
    probability: 0.15
    onset: { between: [2025-01-20, 2025-04-01] }
    duration: { days: { uniform: [7, 30] } }
    severity: 1
loss_threshold: 20000
`;
const DAYS = 731;
const START = Date.UTC(2023, 0, 16); // two years ending 2025-01-15, like the demo seller

/**
 * Two years of orders on six channel × market cells with the shape that makes exposure visible:
 * TikTok Shop US growing several-fold through 2024 with creator spikes, Amazon US picking up part of
 * every TikTok spike a day later (a halo), Temu US opening in mid-2024, small UK and Brazil
 * businesses, and SKUs (one with a hostile name) sold on TikTok only.
 */
function history(): { orders: string; costs: string; locations: string; inventory: string } {
  const next = lcg(20250119);
  const shared = Array.from({ length: 12 }, (_, i) => ({
    sku: `BOTTLE-${String(i + 1).padStart(2, '0')}`,
    price: 12 + i * 2.5,
  }));
  const tiktokOnly = [
    { sku: HOSTILE_SKU, price: 29.99 },
    ...['TT-GLOW-1', 'TT-GLOW-2', 'TT-GLOW-3'].map((sku, i) => ({ sku, price: 18 + i * 4 })),
  ];
  const lines: string[] = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market,status'];
  let orderNo = 0;
  let spike = 0;
  let tiktokYesterday = 0;
  const csv = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const emit = (
    day: number,
    channel: string,
    market: string,
    currency: string,
    fx: number,
    count: number,
    skus: typeof shared,
  ) => {
    const date = new Date(START + day * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < count; i++) {
      const item = skus[Math.floor(next() * next() * skus.length)];
      const status = next() < 0.04 ? 'cancelled' : next() < 0.03 ? 'refunded' : 'completed';
      const price = Math.round((item.price / fx) * 100) / 100;
      lines.push(
        [
          `H-${++orderNo}`,
          date,
          csv(item.sku),
          1 + Math.floor(next() * next() * 3),
          price,
          currency,
          channel,
          market,
          status,
        ].join(','),
      );
    }
  };
  for (let day = 0; day < DAYS; day++) {
    const t = day / DAYS;
    if (spike > 0) spike--;
    else if (next() < 0.035) spike = 3 + Math.floor(next() * 5);
    const tiktokRate = (1.5 + 30 * t ** 3) * (spike > 0 ? 2.6 : 1) * (day % 7 === 5 ? 1.3 : 1);
    const tiktok = poisson(tiktokRate, next);
    emit(day, 'tiktok-shop', 'US', 'USD', 1, tiktok, [...tiktokOnly, ...shared.slice(0, 6)]);
    emit(day, 'amazon', 'US', 'USD', 1, poisson(9 + 0.3 * tiktokYesterday, next), shared);
    emit(day, 'shopify', 'US', 'USD', 1, poisson(3.2, next), shared.slice(2));
    if (day > 540)
      emit(day, 'temu', 'US', 'USD', 1, poisson(2 + (4 * (day - 540)) / (DAYS - 540), next), shared.slice(6));
    emit(day, 'amazon', 'GB', 'GBP', 1.27, poisson(1.6, next), shared);
    emit(day, 'mercadolibre', 'BR', 'BRL', 0.17, poisson(1.1, next), shared.slice(0, 5));
    tiktokYesterday = tiktok;
  }
  const costs = [
    'sku,unit_cost,currency',
    ...[...shared, ...tiktokOnly.slice(1)].map((s) => `${s.sku},${(s.price * 0.35).toFixed(2)},USD`),
  ];
  // Stock for every generated SKU where its buyers are (the simulation sells only stock it knows of):
  // TikTok-only SKUs in the FBT warehouse (stranded if TikTok goes dark), the rest in shared 3PLs.
  const locations = ['location,kind,market,channels', 'UK-3PL,3pl,GB,*', 'BR-3PL,3pl,BR,*'];
  const inventory = [
    'location,sku,quantity,as_of',
    ...tiktokOnly.map((s) => `FBT-US,${s.sku},2500,2025-01-15`),
    ...shared.map((s) => `3PL-US,${s.sku},6000,2025-01-15`),
    ...shared.map((s) => `UK-3PL,${s.sku},800,2025-01-15`),
    ...shared.slice(0, 5).map((s) => `BR-3PL,${s.sku},600,2025-01-15`),
  ];
  const text = (rows: string[]) => rows.join('\n') + '\n';
  return { orders: text(lines), costs: text(costs), locations: text(locations), inventory: text(inventory) };
}

async function cli(...args: string[]): Promise<string> {
  const { code, out, err } = await runCli(...args);
  expect(code, err).toBe(0);
  return out;
}

describe('the HTML report in Chromium', () => {
  const dir = tempDir('ballast-report-');
  const db = newDb(dir);
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let beforeAnyRun = '';

  beforeAll(async () => {
    const { orders, costs, locations, inventory } = history();
    writeFileSync(join(dir, 'history.csv'), orders);
    writeFileSync(join(dir, 'costs-generated.csv'), costs);
    writeFileSync(join(dir, 'locations-generated.csv'), locations);
    writeFileSync(join(dir, 'inventory-generated.csv'), inventory);
    writeFileSync(join(dir, 'fx-gbp.csv'), 'date,currency,rate\n2023-01-01,GBP,1.27\n');
    const fixtures = [
      // The reader contract's own two generic files; the country-name and marketplace fixtures
      // carry later dates, which would move the report's window past the generated history.
      ...['minimal-no-final-newline-repeated-sku.csv', 'optional-columns-crlf.csv'].map((f) =>
        fixture('generic', f),
      ),
      ...readdirSync(fixture('inputs'))
        .filter((f) => f.endsWith('.csv'))
        .map((f) => fixture('inputs', f)),
    ];
    await engine.importFiles(db, [
      ...fixtures,
      join(dir, 'history.csv'),
      join(dir, 'costs-generated.csv'),
      join(dir, 'fx-gbp.csv'),
      join(dir, 'locations-generated.csv'),
      join(dir, 'inventory-generated.csv'),
    ]);
    // Before any simulation the risk section says how to make one; then a small run is stored.
    beforeAnyRun = (await engine.report(db, { window: 365 })).html;
    writeFileSync(join(dir, 'scenario.yaml'), SCENARIO);
    await engine.simulate(db, { text: SCENARIO, name: 'scenario.yaml' }, { paths: 500, workers: 1 });
    mkdirSync(OUTPUT, { recursive: true });
    if (hasChromium) browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('monthly series: 24 whole months by channel and by market that add up to the same totals', async () => {
    const ws = await Workspace.open(db, { create: false, prelude: prelude() });
    try {
      const m = await monthlyShares(ws);
      expect(m.to).toBe('2025-01-15');
      expect(m.months).toHaveLength(24);
      expect([m.months[0], m.months.at(-1)]).toEqual(['2023-02', '2025-01']);
      const sums = m.byChannel.map((c) => c.revenue.reduce((x, y) => x + y, 0));
      expect(sums).toEqual([...sums].sort((x, y) => y - x)); // largest first: colours and stacking follow importance
      const total = (series: ReadonlyArray<{ revenue: number[] }>, i: number) =>
        series.reduce((s, x) => s + x.revenue[i], 0);
      for (let i = 0; i < m.months.length; i++)
        expect(total(m.byMarket, i)).toBeCloseTo(total(m.byChannel, i), 6);
      const [june] = await ws.rows<{ revenue: number }>(
        `SELECT sum(net_base) AS revenue FROM lines_net WHERE order_date BETWEEN DATE '2024-06-01' AND DATE '2024-06-30'`,
      );
      expect(total(m.byChannel, m.months.indexOf('2024-06'))).toBeCloseTo(june.revenue, 6);
      const short = await monthlyShares(ws, { to: '2024-06-30', months: 3 });
      expect(short.months).toEqual(['2024-04', '2024-05', '2024-06']);
    } finally {
      ws.close();
    }
  });

  it('risk: before any run the section says how to make one; then it reads the newest run', async () => {
    expect(beforeAnyRun).toContain('<section id="risk"');
    expect(beforeAnyRun).toContain('ballast simulate scenario.yaml');
    expect(beforeAnyRun).not.toContain('data-chart="risk-fan"');
    const run = await engine.latestSimulation(db);
    expect(run).toMatchObject({ paths: 500, horizonDays: 90, lossBasis: 'revenue' });
    const stored = present(run, 'the stored simulation run');
    expect(stored.lossHistogram.counts.reduce((s, c) => s + c, 0)).toBe(500);
    // Every generated SKU has stock, so the ban costs real revenue and strands FBT stock.
    expect(stored.revenueLoss?.mean).toBeGreaterThan(1000);
    expect(stored.strandedUnits?.mean).toBeGreaterThan(0);
    const { html } = await engine.report(db, { window: 365, lang: 'zh-CN' });
    expect(html).toContain(stored.runId);
    expect(html).not.toContain('ballast simulate scenario.yaml');
  });

  it('ballast report refuses an unknown language and an --out it cannot write, with exit code 1', async () => {
    const lang = await runCli('--db', db, 'report', '--lang', 'fr');
    expect(lang.code).toBe(1);
    expect(lang.err).toMatch(/--lang/);
    const out = await runCli('--db', db, 'report', '--out', join(dir, 'no-such-folder', 'r.html'));
    expect(out.code).toBe(1);
    expect(out.err).toMatch(/--out: cannot write/);
  });

  for (const lang of engine.REPORT_LANGS) {
    it.skipIf(!hasChromium)(
      `${lang}: opens offline with every chart drawn, prints to A4${skipped}`,
      async () => {
        const file = join(OUTPUT, `report-${lang}.html`);
        const written = JSON.parse(
          await cli('--db', db, '--json', 'report', '--lang', lang, '--out', file, '--window', '365'),
        ) as { path: string; lang: string; bytes: number };
        expect(written).toEqual({ path: file, lang, bytes: expect.any(Number) });
        const url = pathToFileURL(file).href;

        const page = await present(browser, 'the Chromium launched before the tests').context.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on('request', (r) => void (r.url() !== url && requests.push(r.url())));
        page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('dialog', (d) => {
          errors.push(`dialog: ${d.message()}`);
          void d.dismiss();
        });
        await page.goto(url, { waitUntil: 'load' });

        const charts = await page.$$eval('.chart-svg', (els) =>
          els.map((e) => ({
            id: e.getAttribute('data-chart'),
            svgs: e.querySelectorAll('svg').length,
            paths: e.querySelectorAll('path, circle, line').length,
            texts: e.querySelectorAll('text').length,
            width: e.querySelector('svg')?.getBoundingClientRect().width ?? 0,
          })),
        );
        expect(charts.map((c) => c.id).sort()).toEqual(
          [
            'channel-share',
            'channel-trend',
            'commitments',
            'concentration',
            'halo',
            'locked-stock',
            'loss-histogram',
            'market-share',
            'market-trend',
            'risk-fan',
            'sku-dependency',
            'tornado',
          ].sort(),
        );
        for (const c of charts) {
          expect(c, `chart ${c.id}`).toMatchObject({ svgs: 1 });
          expect(c.paths, `chart ${c.id} draws shapes`).toBeGreaterThan(3);
          expect(c.texts, `chart ${c.id} has labels`).toBeGreaterThan(1);
          expect(c.width, `chart ${c.id} is laid out`).toBeGreaterThan(300);
        }
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        const body = present(await page.textContent('body'), 'the report page body');
        expect(body).toContain(HOSTILE_SKU.toUpperCase()); // SKUs are canonicalised to upper case; shown as text, never run
        const risk = present(await page.textContent('#risk'), 'the risk section');
        expect(risk).toContain(HOSTILE_SCENARIO);
        expect(risk).toContain(HOSTILE_LABEL);
        expect(
          await page.$$eval('#risk .chart-svg', (els) => els.map((e) => e.getAttribute('data-chart'))),
        ).toEqual(['loss-histogram', 'risk-fan', 'tornado']);
        // The tornado names its rows by event and setting, in the language.
        const tornadoText = await page.$$eval('[data-chart="tornado"] svg text', (ts) =>
          ts.map((t) => t.textContent).join(' '),
        );
        expect(tornadoText).toContain(lang === 'zh-CN' ? 'tiktok-ban：概率' : 'tiktok-ban: probability');
        if (lang === 'zh-CN') {
          expect(await page.textContent('h1')).toBe('渠道风险敞口报告');
          expect(body).toMatch(/概览[\s\S]*渠道[\s\S]*集中度[\s\S]*模拟风险/);
          expect(await page.$$eval('svg text', (ts) => ts.map((t) => t.textContent).join(' '))).toMatch(
            /亚马逊|美国/,
          );
        } else {
          expect(await page.textContent('h1')).toBe('Channel exposure report');
        }

        const png = join(OUTPUT, `report-${lang}.png`);
        await page.screenshot({ path: png, fullPage: true });
        console.log(`report screenshot: ${png}`);
        const riskPng = join(OUTPUT, `report-risk-${lang}.png`);
        await page.locator('#risk').screenshot({ path: riskPng });
        console.log(`risk section screenshot: ${riskPng}`);

        // Print: every chart fits the A4 text width, and the PDF renders.
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 680, height: 1000 });
        const rights = await page.$$eval('.chart-svg svg', (svgs) =>
          svgs.map((s) => s.getBoundingClientRect().right),
        );
        expect(Math.max(...rights)).toBeLessThanOrEqual(680);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        writeFileSync(join(OUTPUT, `report-${lang}.pdf`), pdf);

        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        await page.close();
      },
    );
  }
});
