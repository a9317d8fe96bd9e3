/**
 * `generateDemo({ seed, outDir })`: the demo seller's files, written as each channel exports them,
 * plus the truth they were generated from. The same seed gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { daysBetween } from './calendar.js';
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

export interface DemoOptions {
  /** Any whole number 0 … 4,294,967,295; the same seed gives byte-identical files. */
  seed: number;
  /** Folder to write into (created if missing); files go into one sub-folder per channel and `inputs/`. */
  outDir: string;
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
 * The downloads, in the order to import them (many small files first, while the workspace is small).
 * Amazon one report for 2023 and then one per month, Temu per half-year and TikTok Shop per quarter,
 * all pulled on the last day; Shopify two exports that overlap for June and July 2024, the older one pulled on 1 August 2024
 * (its statuses are older); Mercado Livre one workbook since the shop opened.
 */
function exportPlans(days: readonly string[]): ExportPlan[] {
  const last = days[days.length - 1]!;
  const ml = CHANNEL_PLANS.mercadolibre.firstDay;
  const plans: ExportPlan[] = [
    {
      channel: 'mercadolibre',
      name: `mercadolibre/Vendas_BR_Mercado_Libre_${compact(ml)}-${compact(last)}.xlsx`,
      from: ml,
      to: last,
      asOf: last,
    },
  ];
  const periods = (monthsPer: number) => {
    const out: Array<[string, string]> = [];
    for (let y = 2023, m = 0; `${y}-${String(m + 1).padStart(2, '0')}-01` <= last;) {
      const from = `${y}-${String(m + 1).padStart(2, '0')}-01`;
      m += monthsPer;
      if (m >= 12) [y, m] = [y + Math.floor(m / 12), m % 12];
      const next = `${y}-${String(m + 1).padStart(2, '0')}-01`;
      out.push([from < days[0]! ? days[0]! : from, dayBefore(next) > last ? last : dayBefore(next)]);
    }
    return out;
  };
  // Amazon: 2023 as one yearly report (pulled for the tax return), then one report per month.
  for (const [from, to] of periods(1)) {
    if (from.startsWith('2023-') && !from.startsWith('2023-01')) continue;
    const yearly = from.startsWith('2023-');
    plans.push({
      channel: 'amazon',
      name: `amazon/All Orders ${from.slice(0, yearly ? 4 : 7)}.txt`,
      from,
      to: yearly ? '2023-12-31' : to,
      asOf: last,
    });
  }
  for (const [from, to] of periods(6))
    plans.push({
      channel: 'temu',
      name: `temu/Temu orders ${compact(from)}-${compact(to)}.csv`,
      from,
      to,
      asOf: last,
    });
  for (const [from, to] of periods(3)) {
    plans.push({
      channel: 'tiktok-shop',
      name: `tiktok-shop/All order-${compact(from)}-${compact(to)}.csv`,
      from,
      to,
      asOf: last,
    });
  }
  plans.push({
    channel: 'shopify',
    name: 'shopify/orders_export_1.csv',
    from: days[0]!,
    to: '2024-07-31',
    asOf: '2024-08-01',
  });
  plans.push({
    channel: 'shopify',
    name: 'shopify/orders_export_2.csv',
    from: '2024-06-01',
    to: last,
    asOf: last,
  });
  return plans;
}

const compact = (iso: string) => iso.replaceAll('-', '');
const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

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
  const index = (iso: string) => daysBetween(days[0]!, iso);
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

  const plans = exportPlans(days);
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
        data = await vendasWorkbook(orders, days, asOf, `${plan.from} a ${plan.to}`);
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
    byChannel.get(p.channel)!.push({ from: index(p.from), to: index(p.to), asOf: index(p.asOf) });
  }
  const last = history.days.length - 1;
  return (o) =>
    Math.max(
      ...(byChannel.get(o.channel) ?? []).filter((p) => o.day >= p.from && o.day <= p.to).map((p) => p.asOf),
      0,
    ) || last;
}
