import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lcg } from '../../test/random.js';
import { present } from '../errors.js';
import { Workspace, markSuperseded, refreshLineSummaries } from '../store/index.js';
import { newDb, tempDir } from '../../test/workspace.js';
import { createDaily } from './daily.js';
import { computeExposure, monthlyShares, type ExposureOptions, type ExposureReport } from './index.js';
import { dropScratch, scratchNames } from './scratch.js';

/**
 * computeExposure reads per-command TEMP tables, not the views. The views (store/views.ts, and
 * `sales_lines` in store/migrations.ts) define what the numbers mean, so here every figure is checked
 * against the straightforward queries over them, on a workspace built to hit each rule of the views:
 * synced copies dropped and kept (the kept one carrying another SKU and the only sale in its market),
 * a line before its currency's first rate, a currency with only the built-in reference rate
 * (approximate), a currency with no rate at all, the four cost levels (one in EUR), fees from the
 * export and from the cost file, cancellations, refunds and a SKU without cost.
 */

const MARKETS: Array<[string, string]> = [
  ['US', 'USD'],
  ['GB', 'GBP'],
  ['DE', 'EUR'],
  ['JP', 'JPY'],
  ['ZZ', 'ZZZ'],
];
const CHANNELS = ['tiktok-shop', 'amazon', 'shopify'];
const STATUSES = ['completed', 'completed', 'completed', 'cancelled', 'refunded'];

/** 600 orders over 2024–2025, then the synced copies. */
function orderLines(): string {
  const next = lcg(7);
  const rows: string[] = [];
  const line = (
    channel: string,
    market: string,
    currency: string,
    order: string,
    via: string,
    day: number,
    sku: string,
    status: string,
  ) => {
    const qty = 1 + Math.floor(next() * 3);
    const gross = Math.round(qty * (5 + next() * 40) * 100) / 100;
    const fees = channel === 'amazon' && status !== 'cancelled' ? Math.round(gross * 15) / 100 : 0;
    const refund = status === 'refunded' ? gross : next() < 0.1 ? 2 : 0;
    const time = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + Math.floor(next() * 86_400_000))
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    rows.push(
      `('${channel}', '${market}', '${order}', '${order}-${rows.length}', '${via}', TIMESTAMP '${time}', '${sku.toLowerCase()}', '${sku}', ${qty}, ${gross}, ${next() < 0.2 ? 1 : 0}, ${fees}, ${refund}, '${currency}', '${status}')`,
    );
  };
  for (let i = 0; i < 600; i++) {
    const [market, currency] = MARKETS[Math.floor(next() * next() * 4.6)];
    const channel = CHANNELS[Math.floor(next() * 3)];
    const day = Math.floor(Math.sqrt(next()) * 731);
    const status = STATUSES[Math.floor(next() * STATUSES.length)];
    for (let k = 0; k < 1 + Math.floor(next() * 2); k++) {
      // Shopify alone sells a SKU the cost file does not list: its gross profit is unknown.
      const sku = channel === 'shopify' && next() < 0.1 ? 'SKU-NOCOST' : `SKU-${Math.floor(next() * 12)}`;
      line(channel, market, currency, `O-${i}`, '', day, sku, status);
    }
  }
  // Synced through Shopify: a copy of a TikTok order already imported (dropped; it names another SKU,
  // so a kept copy would show), and copies of orders TikTok's own export never brought (kept) — one of
  // them the only sale in FR.
  line('tiktok-shop', 'US', 'USD', 'O-0', 'shopify', 700, 'SKU-SYNCED', 'completed');
  line('tiktok-shop', 'US', 'USD', 'T-1', 'shopify', 720, 'SKU-1', 'completed');
  line('tiktok-shop', 'FR', 'EUR', 'T-2', 'shopify', 725, 'SKU-2', 'completed');
  // Before GBP's first rate (it takes that one, not the reference), and a cancelled line of a SKU
  // without cost (no revenue, so gross profit stays known).
  line('amazon', 'GB', 'GBP', 'G-1', '', 40, 'SKU-0', 'completed');
  line('amazon', 'US', 'USD', 'Z-1', '', 710, 'SKU-NOCOST', 'cancelled');
  return rows.join(',\n');
}

const SETUP = [
  `INSERT INTO order_lines (channel, market, order_id, line_key, via, order_time, seller_sku, sku, quantity, gross, discount,
     fees, refund, currency, status, shipping, tax, file_sha256, file_line)
   SELECT *, 0, 0, 'test', 0 FROM (VALUES ${orderLines()})`,
  // O-0 must be a TikTok order for its synced copy to be dropped.
  `UPDATE order_lines SET channel = 'tiktok-shop' WHERE order_id = 'O-0'`,
  // GBP rates start in March 2024 (earlier lines take the first one); EUR weekly; JPY and ZZZ none.
  `INSERT INTO fx SELECT DATE '2024-03-01' + CAST(d * 7 AS INTEGER), 'GBP', 1.2 + d / 1000 FROM range(96) t(d)
   UNION ALL SELECT DATE '2024-01-01' + CAST(d * 7 AS INTEGER), 'EUR', 1.05 + d / 2000 FROM range(105) t(d)`,
  `INSERT INTO costs VALUES
     ('SKU-0', '', '', 3, 'USD', NULL, NULL, NULL), ('SKU-1', '', '', 4, 'EUR', NULL, NULL, 1),
     ('SKU-1', 'shopify', '', 5, 'USD', 0.03, 0.3, NULL), ('SKU-2', '', 'DE', 6, 'EUR', NULL, NULL, 2),
     ('SKU-2', '', '', 5, 'USD', 0.1, NULL, NULL), ('SKU-3', 'amazon', 'US', 7, 'USD', 0.15, 0, 3.5),
     ('SKU-3', '', '', 6, 'USD', NULL, NULL, NULL)`,
  ...[4, 5, 6, 7, 8, 9, 10, 11].map(
    (k) => `INSERT INTO costs VALUES ('SKU-${k}', '', '', ${k}, 'USD', NULL, NULL, NULL)`,
  ),
  `INSERT INTO locations VALUES ('FR-3PL', '3pl', 'FR', '*'), ('US-3PL', '3pl', 'US', '*')`,
  `INSERT INTO inventory VALUES ('FR-3PL', 'SKU-2', 10, DATE '2025-12-01'), ('US-3PL', 'SKU-1', 5, DATE '2025-12-01')`,
];

/** The queries computeExposure ran before it had its own tables, straight over the views. */
async function fromViews(ws: Workspace, report: ExposureReport, threshold: number) {
  const window = {
    from: present(report.from, 'the window start of a workspace with sales'),
    to: present(report.to, 'the window end of a workspace with sales'),
  };
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000 + 1;
  const prior = {
    priorFrom: new Date(Date.parse(window.from) - days * 86_400_000).toISOString().slice(0, 10),
    priorTo: new Date(Date.parse(window.from) - 86_400_000).toISOString().slice(0, 10),
  };
  const shares = (cols: string) =>
    ws.rows(
      `WITH current AS (
         SELECT ${cols}, sum(net_base) AS revenue, sum(units) AS units,
           CASE WHEN bool_and(unit_cost_base IS NOT NULL OR net_base = 0) THEN
             sum(net_base - units * coalesce(unit_cost_base, 0)
                 - CASE WHEN fees_base <> 0 THEN fees_base ELSE net_base * cost_fee_pct + units * cost_fee_per_unit END
                 - units * cost_ship_per_unit) END AS gp
         FROM lines_costed WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY ${cols}),
       prior AS (SELECT ${cols}, sum(net_base) AS revenue FROM lines_costed
         WHERE order_date BETWEEN CAST($priorFrom AS DATE) AND CAST($priorTo AS DATE) GROUP BY ${cols})
       SELECT ${cols
         .split(', ')
         .map((k) => `coalesce(c.${k}, p.${k}) AS ${k}`)
         .join(', ')}, coalesce(c.revenue, 0) AS revenue,
         coalesce(c.units, 0) AS units, CASE WHEN c.revenue IS NULL THEN 0 ELSE c.gp END AS "grossProfit", coalesce(p.revenue, 0) AS "priorRevenue"
       FROM current c FULL JOIN prior p USING (${cols}) ORDER BY revenue DESC, ${cols}`,
      { ...window, ...prior },
    );
  return {
    byChannel: await shares('channel'),
    byMarket: await shares('market'),
    byChannelMarket: await shares('channel, market'),
    fxApproximate: await ws.value<boolean>(
      `SELECT coalesce(bool_or(fx_approximate), false) FROM lines_base WHERE order_date BETWEEN CAST($priorFrom AS DATE) AND CAST($to AS DATE)`,
      { priorFrom: prior.priorFrom, to: window.to },
    ),
    skuDependency: await ws.rows(
      `WITH per AS (SELECT sku, channel, sum(net_base) AS revenue FROM lines_net
         WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY sku, channel),
       tot AS (SELECT sku, sum(revenue) AS revenue FROM per GROUP BY sku HAVING sum(revenue) > 0),
       top AS (SELECT sku, arg_max(channel, revenue) AS channel, max(revenue) AS at_stake FROM per GROUP BY sku)
       SELECT t.sku, t.channel, t.at_stake / tot.revenue AS share, t.at_stake AS "revenueAtStake", tot.revenue,
         EXISTS (SELECT 1 FROM sales_lines s WHERE s.sku = t.sku AND s.channel <> t.channel AND s.status <> 'cancelled') AS "soldElsewhere"
       FROM top t JOIN tot USING (sku) WHERE t.at_stake / tot.revenue >= $threshold ORDER BY "revenueAtStake" DESC, t.sku`,
      { ...window, threshold },
    ),
  };
}

/** Numbers equal to 9 significant digits (sums run in another order), everything else exactly. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected)),
    );
  } else if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).length, path).toBeGreaterThanOrEqual(Object.keys(expected).length);
    for (const [key, value] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe('exposure agrees with the views', () => {
  const dir = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(newDb(dir));
    for (const sql of SETUP) await ws.run(sql);
    // Lines written straight into the table, as an import would flag and summarise them.
    await markSuperseded(ws);
    await refreshLineSummaries(ws);
  });
  afterAll(() => ws.close());

  const cases: ExposureOptions[] = [
    { window: 90 },
    { window: 365, skuThreshold: 0.6 },
    { from: '2024-02-01', to: '2024-09-30' },
    { to: '2025-06-30', window: 400 },
  ];
  it.each(cases)('shares, gross profit, FX flag and SKU dependency for %o', async (options) => {
    const report = await computeExposure(ws, options);
    const expected = await fromViews(ws, report, options.skuThreshold ?? 0.8);
    const shown = (rows: ReadonlyArray<Record<string, unknown>>) =>
      rows.filter((r) => r.revenue !== 0 || r.priorRevenue !== 0);
    expectClose(report.byChannel, shown(expected.byChannel), 'byChannel');
    expectClose(report.byMarket, shown(expected.byMarket), 'byMarket');
    expectClose(report.byChannelMarket, shown(expected.byChannelMarket), 'byChannelMarket');
    expect(report.fxApproximate).toBe(expected.fxApproximate);
    expectClose(report.skuDependency, expected.skuDependency, 'skuDependency');
    expect(
      await ws.value(
        `SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name LIKE 'bl_exposure_%'`,
      ),
    ).toBe(0);
  });

  it('covers the odd cases it was built for', async () => {
    const report = await computeExposure(ws, { from: '2024-01-01', to: '2025-12-31' });
    expect(report.fxApproximate).toBe(true);
    expect(report.byMarket.map((r) => r.market)).toContain('FR');
    expect(report.byChannel.find((r) => r.channel === 'shopify')).toMatchObject({ grossProfit: null });
    expect(report.byChannel.find((r) => r.channel === 'amazon')).toMatchObject({
      grossProfit: expect.any(Number),
    });
    // ZZZ has no rate at all: its lines carry no revenue, so ZZ is not listed.
    expect(await ws.value(`SELECT count(*) FROM order_lines WHERE market = 'ZZ'`)).toBeGreaterThan(0);
    expect(report.byMarket.find((r) => r.market === 'ZZ')).toBeUndefined();
    expect(report.lockedStock?.find((l) => l.location === 'FR-3PL')?.channels).toEqual(['tiktok-shop']);
  });

  it('has the daily units of sales_lines, without the superseded synced copy', async () => {
    const scratch = scratchNames();
    try {
      await createDaily(ws, scratch.daily);
      const daily = (from: string) =>
        ws.rows(
          `SELECT channel, market, currency, order_date, sum(units) AS units FROM ${from} GROUP BY ALL ORDER BY ALL`,
        );
      expect(await daily(scratch.daily)).toEqual(await daily('lines_base'));
      expect(await ws.rows(`SELECT channel, order_id FROM order_lines WHERE superseded`)).toEqual([
        { channel: 'tiktok-shop', order_id: 'O-0' },
      ]);
    } finally {
      await dropScratch(ws, scratch);
    }
  });

  it.each([{}, { to: '2025-06-30', months: 12 }])(
    'has the monthly revenue of the views, line by line at the rate of the day (%o)',
    async (options) => {
      const monthly = await monthlyShares(ws, options);
      const to = present(monthly.to, 'the last day of a workspace with sales');
      const from = `${monthly.months[0]}-01`;
      const expected = await ws.rows<{ key: string; month: string; revenue: number }>(
        `SELECT coalesce(channel, 'market ' || market) AS key, strftime(order_date, '%Y-%m') AS month, sum(net_base) AS revenue
         FROM lines_net WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
         GROUP BY GROUPING SETS ((channel, month), (market, month)) HAVING sum(net_base) IS NOT NULL`,
        { from, to },
      );
      const actual = new Map<string, number>();
      const add = (key: string, revenue: number[]) =>
        revenue.forEach((r, i) => r !== 0 && actual.set(`${key}|${monthly.months[i]}`, r));
      for (const s of monthly.byChannel) add(s.channel, s.revenue);
      for (const s of monthly.byMarket) add(`market ${s.market}`, s.revenue);
      const wanted = expected.filter((r) => r.revenue !== 0);
      expect(wanted.length).toBeGreaterThan(10);
      expect(actual.size).toBe(wanted.length);
      for (const r of wanted)
        expect(actual.get(`${r.key}|${r.month}`), `${r.key} ${r.month}`).toBeCloseTo(r.revenue, 6);
    },
  );
});
