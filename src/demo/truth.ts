/**
 * The planted truth, computed from the generated orders the way the workspace will read the files:
 * each channel's dates as its export writes them (UTC where the file gives a zone, local time where
 * it does not), net revenue = gross − seller discounts − refunds, cancelled orders at 0, BRL at the
 * monthly rate. The demo test checks `ballast exposure` against it.
 */
import { addDays, pacificOffsetMin, toUtc } from './calendar.js';
import { CHANNELS, type ChannelId } from './model.js';
import { seenAs, type DemoHistory, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { CHANNEL_PLANS, HALO } from './seller.js';
import { fxRateOn } from './write-inputs.js';
import { present } from '../errors.js';

/** Days the exposure halo regression looks back over, and the lags it drops at the start (src/exposure). */
const HALO_HISTORY_DAYS = 730;
const HALO_LAGS = 7;
const WINDOW_DAYS = 90;

export interface DemoTruth {
  seed: number;
  /** First and last day with orders, as the workspace dates them. */
  from: string;
  to: string;
  /** The trailing window `ballast exposure` uses by default, and each channel's net revenue in it. */
  window: { from: string; to: string; days: number };
  revenueUsd: Record<ChannelId, number>;
  shares: Record<ChannelId, number>;
  /** Orders, lines and units (cancelled lines carry none) per channel, each order once. */
  orders: Record<ChannelId, number>;
  lines: Record<ChannelId, number>;
  units: Record<ChannelId, number>;
  /** TikTok Shop orders that also appear in the Shopify exports (and must count once). */
  syncedToShopify: number;
  creatorSpikes: number;
  halo: {
    driver: ChannelId;
    channel: ChannelId;
    /** The planted size: extra units on `channel` per unit on `driver`, and how they spread over the days after. */
    unitsPerDriverUnit: number;
    lagWeights: readonly number[];
    /**
     * Share of `channel`'s units the halo made, over the days the exposure regression fits (its
     * estimate, Σβ × mean(driver) / mean(channel), targets this).
     */
    share: number;
    /** The same share over the last 90 days (the level a scenario's `halo:` would use). */
    shareLast90: number;
  };
}

/** The day a line lands on in the workspace: UTC for files with a zone (Amazon, Shopify, Temu), else local. */
export function storedDay(order: DemoOrder, days: readonly string[]): string {
  const iso = days[order.day];
  if (order.channel === 'tiktok-shop' || order.channel === 'mercadolibre') return iso;
  return toUtc(iso, order.seconds, pacificOffsetMin(iso)).iso;
}

/** Net revenue of an order in its currency, as the export downloaded on `asOfDay` states it. */
export function netOf(order: DemoOrder, asOfDay: number): number {
  const outcome = seenAs(order, asOfDay);
  if (outcome === 'cancelled' || outcome === 'returned') return 0;
  const gross = order.lines.reduce((s, l) => s + round2(l.quantity * l.unitPrice), 0);
  const sellerDiscount =
    order.channel === 'shopify'
      ? round2((gross * order.codePct) / 100)
      : order.lines.reduce((s, l) => s + l.discount, 0);
  const refund =
    outcome === 'partial' ? round2(round2(gross - sellerDiscount) * order.partialRefundShare) : 0;
  return gross - sellerDiscount - refund;
}

const zeros = () => Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<ChannelId, number>;

/**
 * `asOf(order)` is the download day of the newest export holding the order (the one whose statuses win).
 */
export function computeTruth(
  seed: number,
  history: DemoHistory,
  asOf: (order: DemoOrder) => number,
): DemoTruth {
  const { days } = history;
  const all = CHANNELS.flatMap((c) => history.orders[c]);
  const stored = new Map(all.map((o) => [o, storedDay(o, days)]));
  const dates = [...stored.values()].sort();
  const to = dates[dates.length - 1];
  const windowFrom = addDays(to, -(WINDOW_DAYS - 1));

  const revenueUsd = zeros();
  const orders = zeros();
  const lines = zeros();
  const units = zeros();
  for (const o of all) {
    const c = o.channel;
    orders[c]++;
    lines[c] += o.lines.length;
    if (seenAs(o, asOf(o)) !== 'cancelled') units[c] += o.lines.reduce((s, l) => s + l.quantity, 0);
    const day = present(stored.get(o), `the stored day of order ${o}`);
    if (day < windowFrom) continue;
    const rate = CHANNEL_PLANS[c].currency === 'BRL' ? fxRateOn('BRL', day) : 1;
    revenueUsd[c] += netOf(o, asOf(o)) * rate;
  }
  const total = CHANNELS.reduce((s, c) => s + revenueUsd[c], 0);
  const shares = zeros();
  for (const c of CHANNELS) shares[c] = revenueUsd[c] / total;

  return {
    seed,
    from: dates[0],
    to,
    window: { from: windowFrom, to, days: WINDOW_DAYS },
    revenueUsd,
    shares,
    orders,
    lines,
    units,
    syncedToShopify: history.orders['tiktok-shop'].filter((o) => o.syncedToShopify).length,
    creatorSpikes: history.spikes.length,
    halo: {
      driver: HALO.driver,
      channel: HALO.channel,
      unitsPerDriverUnit: HALO.unitsPerDriverUnit,
      lagWeights: HALO.lagWeights,
      share: haloShare(history, stored, asOf, addDays(to, -(HALO_HISTORY_DAYS - 1 - HALO_LAGS)), to),
      shareLast90: haloShare(history, stored, asOf, windowFrom, to),
    },
  };
}

/** Share of the halo channel's kept units that the halo made, between two stored days. */
function haloShare(
  history: DemoHistory,
  stored: Map<DemoOrder, string>,
  asOf: (o: DemoOrder) => number,
  from: string,
  to: string,
): number {
  let halo = 0;
  let all = 0;
  for (const o of history.orders[HALO.channel]) {
    const day = present(stored.get(o), `the stored day of order ${o}`);
    if (day < from || day > to || seenAs(o, asOf(o)) === 'cancelled') continue;
    for (const l of o.lines) {
      all += l.quantity;
      if (l.halo) halo += l.quantity;
    }
  }
  return all > 0 ? halo / all : 0;
}
