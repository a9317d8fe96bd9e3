import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { baseCurrency } from '../src/db.js';
import { BallastError } from '../src/errors.js';
import { computeExposure } from '../src/exposure/index.js';
import { createCells } from '../src/exposure/cells.js';
import { committedSpend } from '../src/exposure/commitments.js';
import { createDaily, fxApproximate, lastOrderDay } from '../src/exposure/daily.js';
import { skuDependency } from '../src/exposure/dependency.js';
import { haloEstimates } from '../src/exposure/halo-data.js';
import { lockedStock } from '../src/exposure/inventory.js';
import { dropScratch, scratchNames } from '../src/exposure/scratch.js';
import { sharesBy } from '../src/exposure/shares.js';
import { resolveWindow, type Window } from '../src/exposure/window.js';
import { prelude } from '../src/ingest/index.js';
import { Workspace, markSuperseded, refreshLineSummaries } from '../src/store/index.js';
import { benchOptions, inChild, median, printTable, removeWorkspace, rssMB, runIfChild } from './common.js';

/**
 * The exposure benchmark: `computeExposure(ws, { window: 90 })` over a generated workspace of
 * 10,000,000 order lines, next to one hand-written DuckDB aggregation over the same table (net revenue
 * and units by channel in the same window, FX by a plain join): the floor for "one pass over the lines".
 * The workspace is generated in DuckDB SQL (hash-based, seeded) and reused while its sidecar matches.
 */
const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
const RESULTS_PATH = join(BENCH_DIR, 'exposure-results.json');

/** computeExposure may take this many times the one-pass reference query (the target at 10,000,000 lines). */
const TARGET_RATIO = 3;

/** Bump when the generated data changes, so a cached workspace is written again. */
const GENERATOR_VERSION = 3;

const Options = z.object({
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31 - 1)
    .default(42),
  lines: z.coerce.number().int().min(1_000).max(100_000_000).default(10_000_000),
  repeat: z.coerce.number().int().min(1).max(15).default(3),
  window: z.coerce.number().int().min(1).max(3_650).default(90),
  'generate-only': z.boolean().default(false),
});
type Options = z.infer<typeof Options>;

export const EXPOSURE_USAGE = `exposure [--seed N] [--lines N] [--repeat N] [--window DAYS] [--generate-only]
    --lines    order lines in the generated workspace (default 10,000,000)
    --repeat   timed runs after one warm-up, median reported (default 3)
    --generate-only   write (or find) the workspace and stop, for profiling scripts`;

// ---------------------------------------------------------------------------------------------------
// The generated workspace

/** `10m`, `200k`, `1500`: the size as it appears in the file name. */
function sizeLabel(lines: number): string {
  if (lines % 1_000_000 === 0) return `${lines / 1_000_000}m`;
  if (lines % 1_000 === 0) return `${lines / 1_000}k`;
  return String(lines);
}

const Sidecar = z.object({
  generator: z.number(),
  seed: z.number(),
  lines: z.number(),
  duckdb: z.string(),
  bytes: z.number(),
});
type Sidecar = z.infer<typeof Sidecar>;

interface GeneratedWorkspace {
  path: string;
  bytes: number;
  reused: boolean;
  seconds: number;
}

/** Uniform in [0, 1) from a hash of (i, salt, seed): every column is a pure function of its row. */
const MACROS = [
  `CREATE OR REPLACE TEMP MACRO bench_u(i, salt, seed) AS CAST(hash(CAST(i AS BIGINT), salt, CAST(seed AS BIGINT)) >> 11 AS DOUBLE) / 9007199254740992.0`,
  `CREATE OR REPLACE TEMP MACRO bench_sku(k) AS 'SKU-' || lpad(CAST(k AS VARCHAR), 4, '0')`,
  // The SKU's list price in USD, 4.99 to 94.98.
  `CREATE OR REPLACE TEMP MACRO bench_price(k, seed) AS 4.99 + CAST(hash(CAST(k AS BIGINT), 'price', CAST(seed AS BIGINT)) % 9000 AS DOUBLE) / 100`,
];

/**
 * Order lines over 2024-01-01 … 2025-12-31, 1.5 lines per order, in time order (as monthly imports
 * append them), volume growing over the two years. Five channels and eight markets (US in USD, GB in GBP,
 * six euro markets); 1,500 SKUs sold everywhere with a long tail (SKU-0000 sells most) and 500 sold on one
 * channel only (a tenth of the lines). 3 % of orders cancelled, 2 %
 * refunded, 1 % returned, 1 % pending; 2 % of completed lines partly refunded. The last 2 % of rows are
 * copies synced through another channel (`via`): half of an order already present (so `sales_lines`
 * drops them), half of an order whose own export is missing (so they count).
 */
const INSERT_LINES = `
INSERT INTO order_lines (channel, market, order_id, line_key, via, order_time, utc_offset_min, seller_sku, sku,
  quantity, gross, discount, shipping, tax, fees, refund, currency, status, status_raw, fulfillment,
  file_sha256, file_line, rank_time)
WITH src AS (
  SELECT range AS i, false AS synced, false AS fresh, range AS line FROM range(CAST($natives AS BIGINT))
  UNION ALL
  SELECT CAST(hash(range, 'sync', CAST($seed AS BIGINT)) % CAST($natives AS UBIGINT) AS BIGINT), true, range % 2 = 1, CAST($natives AS BIGINT) + range FROM range(CAST($synced AS BIGINT))
), a AS (
  SELECT i, synced, fresh, line, i * 2 // 3 AS o, bench_u(i, 'sku', $seed) AS u_sku FROM src
), b AS (
  SELECT *, bench_u(o, 'channel', $seed) AS u_channel, bench_u(o, 'market', $seed) AS u_market,
    bench_u(o, 'status', $seed) AS u_status, bench_u(o, 'time', $seed) AS u_time,
    bench_u(i, 'quantity', $seed) AS u_quantity, bench_u(i, 'amounts', $seed) AS u_amounts
  FROM a
), c AS (
  SELECT *,
    CASE WHEN u_channel < 0.40 THEN 'amazon' WHEN u_channel < 0.65 THEN 'tiktok-shop' WHEN u_channel < 0.82 THEN 'shopify'
         WHEN u_channel < 0.92 THEN 'temu' ELSE 'ebay' END AS channel,
    CASE WHEN u_market < 0.50 THEN 'US' WHEN u_market < 0.62 THEN 'GB' WHEN u_market < 0.74 THEN 'DE' WHEN u_market < 0.82 THEN 'FR'
         WHEN u_market < 0.88 THEN 'IT' WHEN u_market < 0.93 THEN 'ES' WHEN u_market < 0.97 THEN 'NL' ELSE 'IE' END AS market,
    CASE WHEN u_status < 0.03 THEN 'cancelled' WHEN u_status < 0.05 THEN 'refunded' WHEN u_status < 0.06 THEN 'returned'
         WHEN u_status < 0.07 THEN 'pending' ELSE 'completed' END AS status,
    TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(floor(sqrt((o + u_time) / $orders) * 731 * 86400) AS BIGINT)) AS order_time,
    CASE WHEN u_quantity < 0.75 THEN 1 WHEN u_quantity < 0.92 THEN 2 WHEN u_quantity < 0.98 THEN 3 ELSE 5 END AS quantity
  FROM b
), k AS (
  -- SKU-0000 … SKU-1499 sell everywhere (long tail); SKU-1500 … SKU-1999 on one channel each (k mod 5).
  SELECT *, CASE WHEN u_sku < 0.1
      THEN 1500 + 5 * CAST(floor(u_sku * 1000) AS BIGINT) + list_position(['amazon', 'tiktok-shop', 'shopify', 'temu', 'ebay'], channel) - 1
      ELSE CAST(floor(1500 * pow((u_sku - 0.1) / 0.9, 2)) AS BIGINT) END AS k
  FROM c
), d AS (
  SELECT *, CASE market WHEN 'US' THEN 'USD' WHEN 'GB' THEN 'GBP' ELSE 'EUR' END AS currency,
    round(quantity * bench_price(k, $seed) / CASE market WHEN 'US' THEN 1.0 WHEN 'GB' THEN 1.28 ELSE 1.10 END, 2) AS gross
  FROM k
), e AS (
  SELECT *, CASE WHEN u_amounts < 0.15 THEN round(gross * 0.1, 2) ELSE 0 END AS discount FROM d
)
SELECT channel, market, CASE WHEN synced AND fresh THEN 'X' ELSE 'O' END || o AS order_id, 'L' || i AS line_key,
  CASE WHEN NOT synced THEN '' WHEN channel = 'shopify' THEN 'amazon' ELSE 'shopify' END AS via,
  order_time, CASE market WHEN 'US' THEN -300 WHEN 'GB' THEN 0 ELSE 60 END AS utc_offset_min,
  lower(bench_sku(k)) AS seller_sku, bench_sku(k) AS sku, quantity, gross, discount,
  CASE WHEN u_amounts > 0.7 THEN 3.99 ELSE 0 END AS shipping,
  CASE WHEN market = 'US' THEN round(gross * 0.07, 2) ELSE round(gross / 6, 2) END AS tax,
  CASE WHEN status = 'cancelled' THEN 0 WHEN channel = 'amazon' THEN round(gross * 0.15, 2)
       WHEN channel = 'tiktok-shop' THEN round(gross * 0.08, 2) WHEN channel = 'ebay' THEN round(gross * 0.13, 2) ELSE 0 END AS fees,
  CASE WHEN status IN ('refunded', 'returned') THEN gross - discount
       WHEN status = 'completed' AND u_amounts BETWEEN 0.5 AND 0.52 THEN round((gross - discount) / 2, 2) ELSE 0 END AS refund,
  currency, status, status AS status_raw, CASE WHEN channel = 'amazon' THEN 'FBA' END AS fulfillment,
  'bench-exposure-s' || CAST($seed AS INTEGER) AS file_sha256, line + 2 AS file_line, order_time AS rank_time
FROM e`;

/** Daily EUR and GBP rates (USD per unit) over the two years, weekends included. */
const INSERT_FX = `
INSERT INTO fx
SELECT CAST(DATE '2024-01-01' + CAST(d AS INTEGER) AS DATE), c.currency,
  round(c.mid * (1 + 0.04 * sin(d / 58.0 + c.phase) + 0.01 * (bench_u(d, c.currency, $seed) - 0.5)), 5)
FROM range(731) t(d), (VALUES ('EUR', 1.10, 0.0), ('GBP', 1.28, 1.3)) c(currency, mid, phase)`;

/**
 * A generic cost for every SKU (a fifth in EUR), plus the more specific rows lines_costed prefers:
 * Shopify payment fees on 200 SKUs, a German landed cost on 154, Amazon US fees and shipping on 50.
 */
const INSERT_COSTS = `
INSERT INTO costs
WITH s AS (
  SELECT range AS k, bench_sku(range) AS sku, bench_price(range, $seed) AS price,
    CASE WHEN hash(range, 'ccy', CAST($seed AS BIGINT)) % 5 = 0 THEN 'EUR' ELSE 'USD' END AS currency, bench_u(range, 'cost', $seed) AS u
  FROM range(2000)
)
SELECT sku, '', '', round(price * (0.25 + 0.2 * u) / CASE currency WHEN 'EUR' THEN 1.10 ELSE 1.0 END, 2), currency, NULL, NULL, 1.2 FROM s
UNION ALL SELECT sku, 'shopify', '', round(price * (0.25 + 0.2 * u), 2), 'USD', 0.029, 0.30, NULL FROM s WHERE k % 10 = 0
UNION ALL SELECT sku, '', 'DE', round(price * (0.3 + 0.2 * u) / 1.10, 2), 'EUR', NULL, NULL, 2.5 FROM s WHERE k % 13 = 0
UNION ALL SELECT sku, 'amazon', 'US', round(price * (0.25 + 0.2 * u), 2), 'USD', 0.15, 0, 3.5 FROM s WHERE k % 40 = 0`;

const INSERT_LOCATIONS = `
INSERT INTO locations VALUES
  ('FBA-US', 'fba', 'US', 'amazon'), ('FBA-DE', 'fba', 'DE', 'amazon'), ('FBT-US', 'fbt', 'US', 'tiktok-shop'),
  ('3PL-US', '3pl', 'US', '*'), ('OWN-GB', 'own', 'GB', 'shopify;ebay'), ('3PL-EU', '3pl', 'DE', '*')`;

/** Two stock counts per location for about 40 % of the SKUs each. */
const INSERT_INVENTORY = `
INSERT INTO inventory
SELECT l.location, bench_sku(k), floor(bench_u(k, l.location || CAST(s.as_of AS VARCHAR), $seed) * 200), s.as_of
FROM range(2000) t(k), (SELECT location FROM locations) l, (VALUES (DATE '2025-12-01'), (DATE '2025-12-28')) s(as_of)
WHERE bench_u(k, l.location, $seed) < 0.4`;

const INSERT_SHIPMENTS = `
INSERT INTO shipments
SELECT 'SH-' || (j // 3), bench_sku((j * 37) % 2000), 50 + (hash(j, 'ship', CAST($seed AS BIGINT)) % 450),
  NULL, (['FBA-US', 'FBA-DE', 'FBT-US', '3PL-US', 'OWN-GB', '3PL-EU'])[1 + (j // 3) % 6],
  DATE '2026-01-05' + CAST(j AS INTEGER), CASE WHEN j % 4 = 0 THEN 'received' ELSE 'in_transit' END, j % 2 = 0
FROM range(60) t(j)`;

const INSERT_COMMITMENTS = `
INSERT INTO commitments VALUES
  ('C-1', 'amazon', 'ads', 60000, 'USD', DATE '2025-10-01', DATE '2026-03-31', true, 0),
  ('C-2', 'amazon', 'storage', 18000, 'USD', DATE '2025-07-01', DATE '2026-06-30', false, 0),
  ('C-3', 'tiktok-shop', 'creators', 24000, 'USD', DATE '2025-11-01', DATE '2026-04-30', true, 2500),
  ('C-4', 'tiktok-shop', 'ads', 9000, 'GBP', DATE '2025-12-01', DATE '2026-02-28', true, 0),
  ('C-5', 'shopify', 'subscription', 2400, 'USD', DATE '2025-01-01', DATE '2025-12-31', false, 0),
  ('C-6', 'temu', 'promotion', 12000, 'EUR', DATE '2025-12-15', DATE '2026-01-31', false, 0),
  ('C-7', 'ebay', 'store', 1200, 'EUR', DATE '2025-06-01', DATE '2026-05-31', true, 100),
  ('C-8', 'amazon', 'ads', 15000, 'EUR', DATE '2026-01-01', DATE '2026-03-31', true, 0)`;

async function duckdbVersion(): Promise<string> {
  const ws = await Workspace.open(':memory:');
  try {
    return await ws.value<string>(`SELECT version()`);
  } finally {
    ws.close();
  }
}

/** The workspace for this seed and size: reused when its sidecar matches, else generated anew. */
async function ensureWorkspace(seed: number, lines: number): Promise<GeneratedWorkspace> {
  const path = join(BENCH_DIR, `exposure-${sizeLabel(lines)}.duckdb`);
  const sidecarPath = `${path}.json`;
  const wanted = { generator: GENERATOR_VERSION, seed, lines, duckdb: await duckdbVersion() };
  if (existsSync(path) && existsSync(sidecarPath)) {
    const found = Sidecar.safeParse(JSON.parse(await readFile(sidecarPath, 'utf8')));
    const bytes = (await stat(path)).size;
    if (
      found.success &&
      found.data.generator === wanted.generator &&
      found.data.seed === seed &&
      found.data.lines === lines &&
      found.data.duckdb === wanted.duckdb &&
      found.data.bytes === bytes
    )
      return { path, bytes, reused: true, seconds: 0 };
  }
  const started = performance.now();
  const building = `${path}.building`;
  await removeWorkspace(building);
  await rm(sidecarPath, { force: true });
  const ws = await Workspace.open(building, { prelude: prelude() });
  try {
    for (const macro of MACROS) await ws.run(macro);
    const synced = Math.floor(lines * 0.02);
    const natives = lines - synced;
    await ws.transaction(async () => {
      await ws.run(INSERT_LINES, { natives, synced, orders: (natives * 2) / 3, seed });
      await markSuperseded(ws);
      await ws.run(INSERT_FX, { seed });
      await ws.run(INSERT_COSTS, { seed });
      await ws.run(INSERT_LOCATIONS);
      await ws.run(INSERT_INVENTORY, { seed });
      await ws.run(INSERT_SHIPMENTS, { seed });
      await ws.run(INSERT_COMMITMENTS);
      // What an import does after its lines land (store/line-summaries.ts).
      await refreshLineSummaries(ws);
    });
    const count = await ws.value<number>(`SELECT count(*) FROM order_lines`);
    if (count !== lines) throw new BallastError('internal', `generated ${count} order lines, not ${lines}`);
    await ws.run('CHECKPOINT');
  } finally {
    ws.close();
  }
  await removeWorkspace(path);
  await rename(building, path);
  const bytes = (await stat(path)).size;
  const sidecar: Sidecar = { ...wanted, bytes };
  await writeFile(sidecarPath, `${JSON.stringify(sidecar)}\n`);
  return { path, bytes, reused: false, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------------------------------------------
// The measurement (in a child process, so its peak RSS is not the generator's)

/**
 * The reference: what one hand-written pass over the lines costs. Net revenue (gross − discount −
 * refund, cancelled lines count nothing) in USD through a plain join on the day's rate, and units, by
 * channel over the window. No synced-copy check, no as-of rates, no costs.
 */
export const REFERENCE_SQL = `
SELECT l.channel,
  sum(CASE WHEN l.status = 'cancelled' THEN 0 ELSE (l.gross - l.discount - l.refund) * coalesce(f.rate, 1.0) END) AS revenue,
  sum(CASE WHEN l.status = 'cancelled' THEN 0 ELSE l.quantity END) AS units
FROM order_lines l LEFT JOIN fx f ON f.currency = l.currency AND f.date = CAST(l.order_time AS DATE)
WHERE CAST(l.order_time AS DATE) BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
GROUP BY l.channel
ORDER BY revenue DESC`;

/**
 * The parts of computeExposure, in its order and called the way it calls them: first the TEMP tables
 * it builds once (daily units, the window's cells), then the queries that
 * read them; the last part drops the tables again.
 */
function parts(ws: Workspace, window: Window, base: string): Array<[string, () => Promise<unknown>]> {
  const scratch = scratchNames();
  return [
    ['daily units (whole history)', () => createDaily(ws, scratch.daily)],
    ['window', async () => resolveWindow({ window: window.days }, await lastOrderDay(ws, scratch.daily))],
    ['window cells (FX, costs)', () => createCells(ws, scratch.cells, scratch, window, base)],
    ['shares by channel', () => sharesBy(ws, scratch.cells, ['channel'])],
    ['shares by market', () => sharesBy(ws, scratch.cells, ['market'])],
    ['shares by channel x market', () => sharesBy(ws, scratch.cells, ['channel', 'market'])],
    ['fx approximate flag', () => fxApproximate(ws, scratch.daily, base, window.priorFrom, window.to)],
    ['SKU dependency', () => skuDependency(ws, scratch.cells, 0.8)],
    ['locked stock', () => lockedStock(ws, scratch.daily)],
    ['commitments', () => committedSpend(ws, window.to)],
    ['halo', () => haloEstimates(ws, scratch.daily, window.to)],
    ['drop the tables', () => dropScratch(ws, scratch)],
  ];
}

const Step = z.object({
  name: z.string(),
  /** Wall and CPU (user + system, all threads) seconds of each timed run, and the 1-minute load at its start. */
  seconds: z.array(z.number()),
  cpuSeconds: z.array(z.number()),
  load: z.array(z.number()),
});
type Step = z.infer<typeof Step>;

const ChildResult = z.object({
  lines: z.number(),
  /** DuckDB as Ballast opens it here: the memory limit decides whether big joins spill to disk. */
  duckdb: z.object({ version: z.string(), memoryLimit: z.string(), threads: z.number() }),
  window: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  reference: Step,
  exposure: Step,
  parts: z.array(Step),
  /** maxRSS after opening the workspace and the reference's warm-up, and at the end (exposure included). */
  rssAfterReferenceMB: z.number(),
  peakRssMB: z.number(),
  check: z.object({
    referenceRevenue: z.number(),
    exposureRevenue: z.number(),
    byChannel: z.number(),
    skuDependency: z.number(),
    halo: z.number(),
  }),
});
type ChildResult = z.infer<typeof ChildResult>;

const Job = z.object({ db: z.string(), repeat: z.number(), window: z.number() });
type Job = z.infer<typeof Job>;

/** Runs `work`, records its wall and CPU time and the load in `step`, and returns the wall seconds. */
async function timed(step: Step, work: () => Promise<unknown>): Promise<number> {
  step.load.push(loadavg()[0]);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - wall) / 1000;
  step.seconds.push(seconds);
  step.cpuSeconds.push((used.user + used.system) / 1e6);
  return seconds;
}

const newStep = (name: string): Step => ({ name, seconds: [], cpuSeconds: [], load: [] });

async function measure(job: Job): Promise<ChildResult> {
  const ws = await Workspace.open(job.db, { create: false, prelude: prelude() });
  try {
    const lines = await ws.value<number>(`SELECT count(*) FROM order_lines`);
    const [duckdb] = await ws.rows<{ version: string; memoryLimit: string; threads: number }>(
      `SELECT version() AS version, current_setting('memory_limit') AS "memoryLimit", current_setting('threads') AS threads`,
    );
    const base = await baseCurrency(ws);
    // The last order date the way computeExposure finds it: through the `sales_lines` view instead,
    // one query at 10M lines builds a hash table of every order (about 1.7 GB) and sets the peak RSS.
    const scratch = scratchNames();
    await createDaily(ws, scratch.daily);
    const window = resolveWindow({ window: job.window }, await lastOrderDay(ws, scratch.daily));
    await dropScratch(ws, scratch);
    if (!window) throw new BallastError('internal', 'the generated workspace has no orders');
    const params = { from: window.from, to: window.to };
    const reference = () =>
      ws.rows<{ channel: string; revenue: number; units: number }>(REFERENCE_SQL, params);
    const exposure = () => computeExposure(ws, { window: job.window });
    const referenceRows = await reference(); // warm-up
    const rssAfterReferenceMB = rssMB();
    const report = await exposure(); // warm-up
    const steps = { reference: newStep('reference'), exposure: newStep('computeExposure') };
    const partSteps = parts(ws, window, base).map(([name]) => newStep(name));
    // Interleaved, so both see the same load on a shared machine.
    for (let run = 0; run < job.repeat; run++) {
      const referenceSeconds = await timed(steps.reference, reference);
      const exposureSeconds = await timed(steps.exposure, exposure);
      // Fresh table names every run; the last part drops the tables.
      for (const [i, [, part]] of parts(ws, window, base).entries()) await timed(partSteps[i], part);
      console.error(
        `  run ${run + 1}/${job.repeat}: reference ${referenceSeconds.toFixed(2)} s, exposure ${exposureSeconds.toFixed(2)} s`,
      );
    }
    return {
      lines,
      duckdb: duckdb,
      window: { from: window.from, to: window.to, days: window.days },
      ...steps,
      parts: partSteps,
      rssAfterReferenceMB,
      peakRssMB: rssMB(),
      check: {
        referenceRevenue: referenceRows.reduce((s, r) => s + r.revenue, 0),
        exposureRevenue: report.totalRevenue,
        byChannel: report.byChannel.length,
        skuDependency: report.skuDependency.length,
        halo: report.halo.length,
      },
    };
  } finally {
    ws.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits = 2) => (Number.isNaN(n) ? '-' : n.toFixed(digits));

function report(
  result: ChildResult,
  options: Options,
  generated: GeneratedWorkspace,
): Record<string, unknown> {
  const ref = result.reference;
  const exp = result.exposure;
  const row = (step: Step, indent = '', base?: Step) => {
    const s = median(step.seconds);
    return [
      indent + step.name,
      fixed(s, 3),
      fixed(median(step.cpuSeconds), 2),
      int(result.lines / s),
      base ? fixed(s / median(base.seconds), 1) : fixed(s / median(ref.seconds), 1),
      step.load.map((l) => l.toFixed(1)).join(' '),
    ];
  };
  const { version, memoryLimit, threads } = result.duckdb;
  console.log(`\nDuckDB ${version}, memory_limit ${memoryLimit}, ${threads} threads`);
  console.log(
    `window ${result.window.from} … ${result.window.to} (${result.window.days} days), ${int(result.lines)} lines; medians of ${options.repeat} after a warm-up`,
  );
  const partsTotal: Step = {
    name: 'sum of the parts',
    seconds: result.parts[0].seconds.map((_, i) => result.parts.reduce((sum, p) => sum + p.seconds[i], 0)),
    cpuSeconds: result.parts[0].cpuSeconds.map((_, i) =>
      result.parts.reduce((sum, p) => sum + p.cpuSeconds[i], 0),
    ),
    load: [],
  };
  printTable(
    ['step', 'wall s', 'cpu s', 'lines/s', '× reference', 'load (1 min) per run'],
    [row(ref), row(exp), ...result.parts.map((p) => row(p, '  ')), row(partsTotal, '  ')],
  );
  const ratio = median(exp.seconds) / median(ref.seconds);
  const cpuRatio = median(exp.cpuSeconds) / median(ref.cpuSeconds);
  const perRun = exp.seconds.map((s, i) => s / ref.seconds[i]);
  console.log(
    `\nratio exposure / reference: ${fixed(ratio, 1)} wall, ${fixed(cpuRatio, 1)} CPU (per run: ${perRun.map((r) => r.toFixed(1)).join(', ')})`,
  );
  console.log(
    `peak RSS: ${int(result.rssAfterReferenceMB)} MB after open + reference, ${int(result.peakRssMB)} MB with exposure`,
  );
  const drift = Math.abs(result.check.exposureRevenue / result.check.referenceRevenue - 1);
  console.log(
    `check: window revenue ${int(result.check.exposureRevenue)} (exposure) vs ${int(result.check.referenceRevenue)} (reference, synced copies not removed, ${fixed(drift * 100, 2)} % apart); ` +
      `${result.check.byChannel} channels, ${result.check.skuDependency} single-channel SKUs, ${result.check.halo} halo pairs`,
  );
  const verdict = Number.isNaN(ratio) ? 'not measured' : ratio <= TARGET_RATIO ? 'pass' : 'MISS';
  console.log(`target: exposure / reference <= ${TARGET_RATIO} (wall): ${verdict}`);
  if (verdict === 'MISS') console.log('  where the time goes: "Profiling exposure" in bench/README.md');
  return {
    benchmark: 'exposure',
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
    ...options,
    workspace: generated,
    ...result,
    ratio,
    cpuRatio,
    target: { ratio: TARGET_RATIO, verdict },
  };
}

/** `npm run bench -- exposure …`: generate (or reuse) the workspace, measure in a child, print and save. */
export async function runExposureBench(args: readonly string[]): Promise<void> {
  const flags = {
    seed: { type: 'string' },
    lines: { type: 'string' },
    repeat: { type: 'string' },
    window: { type: 'string' },
    'generate-only': { type: 'boolean' },
  } as const;
  const options = benchOptions(
    'exposure',
    Options,
    parseArgs({ args: [...args], options: flags, strict: true }).values,
    EXPOSURE_USAGE,
  );
  await mkdir(BENCH_DIR, { recursive: true });
  const load = loadavg()[0];
  console.log(
    `exposure benchmark: seed ${options.seed}, ${int(options.lines)} lines, repeat ${options.repeat}, ${cpus().length} CPUs, load ${load.toFixed(1)}, Node ${process.version}`,
  );
  if (load > cpus().length)
    console.log(
      '  the machine is busy: wall times will be high and noisy; the ratio (same run, interleaved) and CPU seconds hold up better',
    );
  const generated = await ensureWorkspace(options.seed, options.lines);
  const made = generated.reused
    ? 'reused'
    : `generated in ${generated.seconds.toFixed(1)} s (load ${loadavg()[0].toFixed(1)})`;
  console.log(`workspace: ${int(generated.bytes / 2 ** 20)} MB, ${made} (${generated.path})`);
  if (options['generate-only']) return;
  const result = await inChild(
    import.meta.url,
    { db: generated.path, repeat: options.repeat, window: options.window },
    ChildResult,
    'exposure',
  );
  const json = report(result, options, generated);
  await writeFile(RESULTS_PATH, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nresults: ${RESULTS_PATH}`);
}

// The measuring child: `node dist/bench/exposure.js --child '<job JSON>'`.
runIfChild(import.meta.url, Job, measure);
