/**
 * The seller's two years of orders, as plain objects the export writers format. Demand per day is
 * Poisson around the expected units of demand.ts; TikTok Shop's spikes lift one family at a time;
 * Amazon gets the planted halo from TikTok's units of the days before.
 */
import { creatorSpikes, expectedUnits, historyDays, spikeUnits, type Spike } from './demand.js';
import { CHANNELS, type ChannelId, type ChannelPlan, type SkuPlan } from './model.js';
import { orderDetails, type OrderDetails } from './order-details.js';
import { Random, cumulate } from './random.js';
import { BLACK_FRIDAYS, CHANNEL_PLANS, HALO, HISTORY, SKUS, SPIKES } from './seller.js';
import { present } from '../errors.js';

export interface DemoLine {
  sku: SkuPlan;
  quantity: number;
  /** Unit price before discounts, in the order's currency. */
  unitPrice: number;
  /** Seller-funded discount on the line, in the order's currency. */
  discount: number;
  /** Sold on Amazon because of TikTok (the planted halo). */
  halo: boolean;
}

export type Outcome = 'completed' | 'cancelled' | 'returned' | 'partial';

export interface DemoOrder extends OrderDetails {
  channel: ChannelId;
  /** 1, 2, 3 … within the channel, in time order. */
  seq: number;
  /** Local day index from the first day of history, and seconds after local midnight. */
  day: number;
  seconds: number;
  lines: DemoLine[];
  outcome: Outcome;
  /** Days after the order when the outcome shows in an export (a return takes weeks). */
  settleAfterDays: number;
}

export interface DemoHistory {
  days: string[];
  orders: Record<ChannelId, DemoOrder[]>;
  spikes: Spike[];
}

const meanOf = (dist: ReadonlyArray<readonly [number, number]>) =>
  dist.reduce((s, [n, p]) => s + n * p, 0) / dist.reduce((s, [, p]) => s + p, 0);

/** Simulates every channel's orders for the seed. */
export function simulateHistory(seed: number): DemoHistory {
  const days = historyDays(HISTORY.firstDay, HISTORY.lastDay);
  const S = SKUS.length;
  const mixes = Object.fromEntries(
    CHANNELS.map((c) => [c, cumulate(SKUS.map((s) => s.weights[c]))]),
  ) as Record<ChannelId, Float64Array>;
  const orders = Object.fromEntries(CHANNELS.map((c) => [c, [] as DemoOrder[]])) as Record<
    ChannelId,
    DemoOrder[]
  >;
  const expected = Object.fromEntries(
    CHANNELS.map((c) => [c, expectedUnits(CHANNEL_PLANS[c], days, BLACK_FRIDAYS)]),
  ) as Record<ChannelId, Float64Array>;

  // Creator spikes: one family each, chosen by TikTok demand for it.
  const familyWeights = new Map<string, number>();
  for (const s of SKUS)
    familyWeights.set(s.family, (familyWeights.get(s.family) ?? 0) + s.weights['tiktok-shop']);
  const spikes = creatorSpikes(Random.fork(seed, 'spikes'), SPIKES, days, expected['tiktok-shop'], [
    ...familyWeights,
  ]);
  const extra = spikeUnits(spikes, SPIKES, days.length);
  const familyMix = new Map(
    [...familyWeights.keys()].map((f) => [
      f,
      cumulate(SKUS.map((s) => (s.family === f ? s.weights['tiktok-shop'] : 0))),
    ]),
  );

  // TikTok units kept (not cancelled) per day and SKU, for the halo; Amazon's mix within each family
  // takes the halo of a TikTok-only SKU.
  const tiktokUnits = new Float64Array(days.length * S);
  const amazonFamily = new Map(
    [...familyWeights.keys()].map((f) => [f, SKUS.map((s) => (s.family === f ? s.weights.amazon : 0))]),
  );
  for (const [f, ws] of amazonFamily) {
    const total = ws.reduce((a, b) => a + b, 0);
    amazonFamily.set(
      f,
      ws.map((x) => x / total),
    );
  }

  const rngs = Object.fromEntries(CHANNELS.map((c) => [c, Random.fork(seed, `orders:${c}`)])) as Record<
    ChannelId,
    Random
  >;
  const make = (channel: ChannelId, day: number, cumulative: ArrayLike<number>, halo: boolean) => {
    const order = newOrder(
      rngs[channel],
      channel,
      CHANNEL_PLANS[channel],
      days,
      day,
      cumulative,
      halo,
      orders[channel].length + 1,
    );
    orders[channel].push(order);
    return order;
  };

  for (let day = 0; day < days.length; day++) {
    // TikTok Shop: everyday demand plus the spikes running that day.
    const tt = CHANNEL_PLANS['tiktok-shop'];
    const sources: Array<readonly [ArrayLike<number>, number]> = [
      [mixes['tiktok-shop'], expected['tiktok-shop'][day]],
    ];
    for (const [family, series] of extra)
      if (series[day] > 0)
        sources.push([present(familyMix.get(family), `the channel mix of family ${family}`), series[day]]);
    for (const source of dayOrders(rngs['tiktok-shop'], tt, sources)) {
      const o = make('tiktok-shop', day, sources[source][0], false);
      if (o.outcome !== 'cancelled')
        for (const l of o.lines) tiktokUnits[day * S + SKUS.indexOf(l.sku)] += l.quantity;
    }

    // Amazon: everyday demand plus the halo of TikTok's units on this and the previous days.
    const halo = haloDemand(tiktokUnits, day, amazonFamily);
    const haloUnits = halo.reduce((a, b) => a + b, 0);
    const amazonSources: Array<readonly [ArrayLike<number>, number]> = [[mixes.amazon, expected.amazon[day]]];
    if (haloUnits > 0) amazonSources.push([cumulate([...halo]), haloUnits]);
    for (const source of dayOrders(rngs.amazon, CHANNEL_PLANS.amazon, amazonSources)) {
      make('amazon', day, amazonSources[source][0], source === 1);
    }

    for (const channel of ['shopify', 'temu', 'mercadolibre'] as const) {
      const only = mixes[channel];
      const count = dayOrders(rngs[channel], CHANNEL_PLANS[channel], [[only, expected[channel][day]]]).length;
      for (let i = 0; i < count; i++) make(channel, day, only, false);
    }
  }
  for (const c of CHANNELS)
    orders[c]
      .sort((a, b) => a.day - b.day || a.seconds - b.seconds || a.seq - b.seq)
      .forEach((o, i) => (o.seq = i + 1));
  return { days, orders, spikes };
}

/**
 * Expected halo units per Amazon SKU on `day`: 0.15 (HALO) of TikTok's kept units on this and the
 * previous days, by lag weight, each landing on its family's Amazon listings in their own proportions.
 */
function haloDemand(
  tiktokUnits: Float64Array,
  day: number,
  amazonFamily: Map<string, number[]>,
): Float64Array {
  const S = SKUS.length;
  const halo = new Float64Array(S);
  HALO.lagWeights.forEach((weight, lag) => {
    if (day - lag < 0) return;
    for (let s = 0; s < S; s++) {
      const units = tiktokUnits[(day - lag) * S + s];
      if (units === 0) continue;
      const share = present(amazonFamily.get(SKUS[s].family), `Amazon's share of family ${SKUS[s].family}`);
      for (let t = 0; t < S; t++) halo[t] += HALO.unitsPerDriverUnit * weight * units * share[t];
    }
  });
  return halo;
}

/**
 * The day's orders, each as the index of the source (SKU mix, expected units) it is drawn from: the
 * number of orders is Poisson around the expected units over the mean units per order, and each
 * order comes from a source in proportion to the source's expected units.
 */
function dayOrders(
  rng: Random,
  plan: ChannelPlan,
  sources: ReadonlyArray<readonly [ArrayLike<number>, number]>,
): number[] {
  const units = sources.reduce((s, [, u]) => s + u, 0);
  if (units <= 0) return [];
  const count = rng.poisson(units / (meanOf(plan.linesPerOrder) * meanOf(plan.unitsPerLine)));
  const weights = cumulate(sources.map(([, u]) => u));
  return Array.from({ length: count }, () => rng.pick(weights));
}

function newOrder(
  rng: Random,
  channel: ChannelId,
  plan: ChannelPlan,
  days: readonly string[],
  day: number,
  skuMix: ArrayLike<number>,
  halo: boolean,
  seq: number,
): DemoOrder {
  const lineCount = rng.weighted(plan.linesPerOrder);
  const lines: DemoLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const sku = SKUS[rng.pick(skuMix)];
    const same = lines.find((l) => l.sku === sku);
    const quantity = rng.weighted(plan.unitsPerLine);
    if (same) same.quantity += quantity;
    else lines.push({ sku, quantity, unitPrice: 0, discount: 0, halo });
  }
  const seconds = timeOfDay(rng, plan, day === days.length - 1);
  const r = rng.next();
  const outcome: Outcome =
    r < plan.cancelRate ? 'cancelled' : r < plan.cancelRate + plan.returnRate ? 'returned' : 'completed';
  const settleAfterDays = outcome === 'cancelled' ? rng.int(2) : outcome === 'returned' ? 7 + rng.int(24) : 0;
  const order: DemoOrder = {
    channel,
    seq,
    day,
    seconds,
    lines,
    outcome,
    settleAfterDays,
    ...orderDetails(rng, channel, days[day], lines),
  };
  if (order.partialRefundShare > 0 && order.outcome === 'completed') {
    order.outcome = 'partial';
    order.settleAfterDays = 5 + rng.int(20);
  }
  return order;
}

const HOURS = new WeakMap<ChannelPlan, { allDay: Float64Array; lastDay: Float64Array }>();

/**
 * Local time of day from the channel's hour weights; on the last day only before the exports were
 * pulled (4 pm Pacific, 9 pm in São Paulo).
 */
function timeOfDay(rng: Random, plan: ChannelPlan, lastDay: boolean): number {
  let hours = HOURS.get(plan);
  if (!hours) {
    const cutoffHour = Math.floor(HISTORY.lastDayUntilSeconds / 3600) + (plan.market === 'BR' ? 5 : 0);
    hours = { allDay: cumulate(plan.hours), lastDay: cumulate(plan.hours.slice(0, cutoffHour)) };
    HOURS.set(plan, hours);
  }
  return rng.pick(lastDay ? hours.lastDay : hours.allDay) * 3600 + rng.int(3600);
}

/** What an export downloaded on `asOfDay` shows: a cancellation or return only once it has happened. */
export function seenAs(order: DemoOrder, asOfDay: number): Outcome {
  return asOfDay - order.day >= order.settleAfterDays ? order.outcome : 'completed';
}
