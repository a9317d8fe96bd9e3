/**
 * Ballast's own input files for the demo seller (docs/formats.md): locations, inventory on the stock
 * day, inbound shipments, costs, commitments and FX. Stock and shipments are sized from each
 * channel's sales over the last four weeks, so they stay in proportion whatever the seed.
 */
import { CHANNELS, type ChannelId } from './model.js';
import type { DemoHistory } from './orders.js';
import { round2 } from './order-details.js';
import type { Random } from './random.js';
import { COMMITMENTS, FEES, FX, HISTORY, LOCATIONS, SHIPMENTS, SKUS } from './seller.js';
import { csvRow, money } from './text.js';
import { present } from '../errors.js';

const RECENT_DAYS = 28;
const CARTON = 12;

const csv = (header: string, rows: ReadonlyArray<readonly string[]>) =>
  `${header}\n${rows.map((r) => csvRow(r) + '\n').join('')}`;

/** Units per day per channel and SKU over the last four weeks (cancelled orders left out). */
export function recentDemand(history: DemoHistory): Record<ChannelId, Map<string, number>> {
  const from = history.days.length - RECENT_DAYS;
  const out = Object.fromEntries(CHANNELS.map((c) => [c, new Map<string, number>()])) as Record<
    ChannelId,
    Map<string, number>
  >;
  for (const c of CHANNELS) {
    for (const o of history.orders[c]) {
      if (o.day < from || o.outcome === 'cancelled') continue;
      for (const l of o.lines) out[c].set(l.sku.sku, (out[c].get(l.sku.sku) ?? 0) + l.quantity / RECENT_DAYS);
    }
  }
  return out;
}

/** Daily units per SKU a location's stock covers: the share of each channel it serves. */
function coveredDemand(
  location: string,
  demand: Record<ChannelId, Map<string, number>>,
): Map<string, number> {
  const plan = present(
    LOCATIONS.find((l) => l.location === location),
    `location ${location} in the seller's plan`,
  );
  const out = new Map<string, number>();
  for (const [channel, share] of plan.serves) {
    for (const [sku, units] of demand[channel]) out.set(sku, (out.get(sku) ?? 0) + units * share);
  }
  return out;
}

export function locationsCsv(): string {
  return csv(
    'location,kind,market,channels',
    LOCATIONS.map((l) => [l.location, l.kind, l.market, l.channels]),
  );
}

/** Stock on the stock day: days of cover × covered demand, give or take 30 %. */
export function inventoryCsv(rng: Random, demand: Record<ChannelId, Map<string, number>>): string {
  const rows: string[][] = [];
  for (const l of LOCATIONS) {
    const covered = coveredDemand(l.location, demand);
    for (const s of SKUS) {
      const daily = covered.get(s.sku) ?? 0;
      const units = Math.round(daily * l.daysOfCover * (0.7 + 0.6 * rng.next()));
      if (units > 0) rows.push([l.location, s.sku, String(units), HISTORY.stockDay]);
    }
  }
  return csv('location,sku,quantity,as_of', rows);
}

/** Shipments on the water from the China warehouse, in whole cartons. */
export function shipmentsCsv(demand: Record<ChannelId, Map<string, number>>): string {
  const rows: string[][] = [];
  for (const s of SHIPMENTS) {
    const covered = coveredDemand(s.to, demand);
    for (const sku of SKUS) {
      const units = Math.ceil(((covered.get(sku.sku) ?? 0) * s.daysOfCover) / CARTON) * CARTON;
      if (units > 0)
        rows.push([s.id, sku.sku, String(units), s.to, s.eta, s.status, String(s.canRedirect), 'CN-WH']);
    }
  }
  return csv('shipment_id,sku,quantity,to_location,eta,status,can_redirect,from', rows);
}

/**
 * Costs: a SKU-wide row with the factory cost in CNY (what the China stock is worth), and a row per
 * channel it sells on with the landed cost there and that channel's fees.
 */
export function costsCsv(): string {
  const rows: string[][] = [];
  const lastCny = FX.CNY[FX.CNY.length - 1];
  for (const s of SKUS) {
    rows.push([s.sku, money(s.factoryCostCny), 'CNY', '', '', '', '', '']);
    const listed = (c: ChannelId) => s.weights[c] > 0;
    const tt = FEES['tiktok-shop'];
    if (listed('tiktok-shop'))
      rows.push([
        s.sku,
        money(s.landedUsUsd),
        'USD',
        'tiktok-shop',
        'US',
        `${tt.feePct * 100}%`,
        money(tt.feePerUnit),
        money(tt.shipPerUnit),
      ]);
    const amz = FEES.amazon;
    const fba = s.sizeTier === 'small' ? amz.feePerUnitSmall : amz.feePerUnitLarge;
    if (listed('amazon'))
      rows.push([
        s.sku,
        money(s.landedUsUsd),
        'USD',
        'amazon',
        'US',
        String(amz.feePct),
        money(fba),
        money(amz.shipPerUnit),
      ]);
    const shp = FEES.shopify;
    if (listed('shopify'))
      rows.push([
        s.sku,
        money(s.landedUsUsd),
        'USD',
        'shopify',
        'US',
        String(shp.feePct),
        money(shp.feePerUnit),
        money(shp.shipPerUnit),
      ]);
    if (listed('temu'))
      rows.push([
        s.sku,
        money(s.factoryCostCny),
        'CNY',
        'temu',
        'US',
        '0',
        '0.00',
        money(FEES.temu.shipPerUnitCny),
      ]);
    const landedBr = round2(s.factoryCostCny * lastCny * FEES.mercadolibre.landedBrPerFactoryUsd);
    if (listed('mercadolibre')) rows.push([s.sku, money(landedBr), 'USD', 'mercadolibre', 'BR', '', '', '']);
  }
  return csv('sku,unit_cost,currency,channel,market,fee_pct,fee_per_unit,ship_per_unit', rows);
}

export function commitmentsCsv(): string {
  return csv(
    'id,channel,kind,amount,currency,start,end,cancellable,cancel_fee',
    COMMITMENTS.map((c) => [
      c.id,
      c.channel,
      c.kind,
      String(c.amount),
      c.currency,
      c.start,
      c.end,
      String(c.cancellable),
      String(c.cancelFee),
    ]),
  );
}

/** Monthly rates from January 2023, USD per unit. */
export function fxCsv(): string {
  const rows: string[][] = [];
  FX.BRL.forEach((_, m) => {
    const date = `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
    for (const currency of ['BRL', 'CNY'] as const) rows.push([date, currency, String(FX[currency][m])]);
  });
  return csv('date,currency,rate', rows);
}

/** FX rate of a currency on a day, as the workspace applies it (the latest monthly rate on or before). */
export function fxRateOn(currency: 'BRL' | 'CNY', iso: string): number {
  const months = (Number(iso.slice(0, 4)) - 2023) * 12 + Number(iso.slice(5, 7)) - 1;
  const list = FX[currency];
  return list[Math.max(0, Math.min(list.length - 1, months))];
}
