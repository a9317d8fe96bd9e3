/**
 * `generateDemo({ seed, outDir })`: the demo seller's files, written as each channel exports them,
 * plus the truth they were generated from. The same seed gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays, daysBetween, portugueseDate } from './calendar.js';
import type { ChannelId } from './model.js';
import { simulateHistory, type DemoHistory, type DemoOrder } from './orders.js';
import { Random } from './random.js';
import { CHANNEL_PLANS } from './seller.js';
import { computeTruth, type DemoTruth } from './truth.js';
import { amazonFile } from './write-amazon.js';
import {
  commitmentsCsv,
  costsCsv,
  fxCsv,
  inventoryCsv,
  locationsCsv,
  recentDemand,
  shipmentsCsv,
} from './write-inputs.js';
import { vendasWorkbook } from './write-mercadolibre.js';
import { shopifyEntries, shopifyFile } from './write-shopify.js';
import { temuFile } from './write-temu.js';
import { tiktokFile } from './write-tiktok.js';
import { present } from '../errors.js';

export interface DemoOptions {
  /** Any whole number 0 … 4,294,967,295; the same seed gives byte-identical files. */
  seed: number;
  /** Folder to write into (created if missing); files go into one sub-folder per channel and `inputs/`. */
  outDir: string;
  /**
   * Only the last this many days of orders in the exports, for a shorter history (the agency
   * benchmark's many sellers). The simulated history is the same; exports that end before the cut are
   * not written, and the others keep their names. Default: the whole history.
   */
  lastDays?: number;
}

export interface DemoFile {
  path: string;
  /** The reader Ballast should recognise it as (`ballast status` shows it as the file's format). */
  format: string;
  channel: ChannelId | null;
  bytes: number;
}

export interface DemoResult {
  /** Every file written, input files first, in the order to import them. */
  files: string[];
  details: DemoFile[];
  truth: DemoTruth;
}

export const DEFAULT_DEMO_SEED = 2025;

/** One export: the orders of a period, as downloaded on a day. */
interface ExportPlan {
  channel: ChannelId;
  name: string;
  from: string;
  to: string;
  asOf: string;
}

/**
 * The downloads, in the order to import them: Mercado Livre's workbook, then many small files before
 * the big ones. Amazon: 2023 as one yearly report (pulled for the tax return), then one report per
 * month; Temu one export per half-year and TikTok Shop one per quarter; all pulled on the last day.
 * Shopify: two exports that overlap in June and July 2024, the older one pulled on 1 August 2024, so
 * its statuses for those months are older.
 */
function exportPlans(days: readonly string[]): ExportPlan[] {
  const [first, last] = [days[0], days[days.length - 1]];
  const ml = CHANNEL_PLANS.mercadolibre.firstDay;
  const plan = (channel: ChannelId, name: string, from: string, to: string, asOf = last): ExportPlan => ({
    channel,
    name,
    from,
    to,
    asOf,
  });
  const range = (from: string, to: string) => `${compact(from)}-${compact(to)}`;
  return [
    plan('mercadolibre', `mercadolibre/Vendas_BR_Mercado_Libre_${range(ml, last)}.xlsx`, ml, last),
    plan('amazon', 'amazon/All Orders 2023.txt', first, '2023-12-31'),
    ...periods('2024-01-01', last, 1).map(([from, to]) =>
      plan('amazon', `amazon/All Orders ${from.slice(0, 7)}.txt`, from, to),
    ),
    ...periods('2023-01-01', last, 6).map(([from, to]) =>
      plan('temu', `temu/Temu orders ${range(from, to)}.csv`, from, to),
    ),
    ...periods('2023-01-01', last, 3).map(([from, to]) =>
      plan('tiktok-shop', `tiktok-shop/All order-${range(from, to)}.csv`, from, to),
    ),
    plan('shopify', 'shopify/orders_export_1.csv', first, '2024-07-31', '2024-08-01'),
    plan('shopify', 'shopify/orders_export_2.csv', '2024-06-01', last),
  ];
}

/** Calendar periods of `months` months from `from` (a first of month), the last one cut at `last`. */
function periods(from: string, last: string, months: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let start = from; start <= last;) {
    const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1 + months];
    const next = `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
    const end = addDays(next, -1);
    out.push([start, end < last ? end : last]);
    start = next;
  }
  return out;
}

const compact = (iso: string) => iso.replaceAll('-', '');

const FORMATS: Record<ChannelId, string> = {
  'tiktok-shop': 'tiktok-orders',
  amazon: 'amazon-all-orders',
  shopify: 'shopify-orders',
  temu: 'temu-orders',
  mercadolibre: 'mercadolibre-vendas',
};

export async function generateDemo(options: DemoOptions): Promise<DemoResult> {
  const { seed, outDir } = options;
  const history = simulateHistory(seed);
  const { days } = history;
  const index = (iso: string) => daysBetween(days[0], iso);
  const details: DemoFile[] = [];
  const write = async (name: string, data: string | Buffer, format: string, channel: ChannelId | null) => {
    const path = join(outDir, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, data);
    details.push({
      path,
      format,
      channel,
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length,
    });
  };

  const demand = recentDemand(history);
  await write('inputs/fx.csv', fxCsv(), 'fx', null);
  await write('inputs/locations.csv', locationsCsv(), 'locations', null);
  await write(
    'inputs/inventory.csv',
    inventoryCsv(Random.fork(seed, 'inventory'), demand),
    'inventory',
    null,
  );
  await write('inputs/shipments.csv', shipmentsCsv(demand), 'shipments', null);
  await write('inputs/costs.csv', costsCsv(), 'costs', null);
  await write('inputs/commitments.csv', commitmentsCsv(), 'commitments', null);

  const since = days[Math.max(0, days.length - (options.lastDays ?? days.length))] ?? '';
  const plans = exportPlans(days)
    .filter((p) => p.to >= since)
    .map((p) => (p.from < since ? { ...p, from: since } : p));
  const shopify = shopifyEntries(history.orders.shopify, history.orders['tiktok-shop']);
  for (const plan of plans) {
    const [from, to, asOf] = [index(plan.from), index(plan.to), index(plan.asOf)];
    const orders = history.orders[plan.channel].filter((o) => o.day >= from && o.day <= to);
    // A channel's exports start with its first sale: an export with no orders is not a file anyone keeps.
    if (orders.length === 0) continue;
    let data: string | Buffer;
    switch (plan.channel) {
      case 'tiktok-shop':
        data = tiktokFile(orders, days, asOf);
        break;
      case 'amazon':
        data = amazonFile(orders, days, asOf);
        break;
      case 'temu':
        data = temuFile(orders, days, asOf);
        break;
      case 'mercadolibre':
        data = await vendasWorkbook(
          orders,
          days,
          asOf,
          `${portugueseDate(plan.from)} a ${portugueseDate(plan.to)}`,
        );
        break;
      case 'shopify':
        // The newer export uses CRLF, as Shopify's recent downloads do; the older one LF.
        data = shopifyFile(
          shopify.filter((e) => e.order.day >= from && e.order.day <= to),
          days,
          asOf,
          asOf === days.length - 1 ? '\r\n' : '\n',
        );
        break;
    }
    await write(plan.name, data, FORMATS[plan.channel], plan.channel);
  }

  const truth = computeTruth(seed, history, asOfFor(history, plans, index));
  return { files: details.map((d) => d.path), details, truth };
}

/** Download day of the newest export holding an order: its statuses are the ones the workspace keeps. */
function asOfFor(
  history: DemoHistory,
  plans: readonly ExportPlan[],
  index: (iso: string) => number,
): (o: DemoOrder) => number {
  const byChannel = new Map<ChannelId, Array<{ from: number; to: number; asOf: number }>>();
  for (const p of plans) {
    if (!byChannel.has(p.channel)) byChannel.set(p.channel, []);
    present(byChannel.get(p.channel), `the commitments of ${p.channel}`).push({
      from: index(p.from),
      to: index(p.to),
      asOf: index(p.asOf),
    });
  }
  const last = history.days.length - 1;
  return (o) =>
    Math.max(
      ...(byChannel.get(o.channel) ?? []).filter((p) => o.day >= p.from && o.day <= p.to).map((p) => p.asOf),
      0,
    ) || last;
}
