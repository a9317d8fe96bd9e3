/**
 * The shape of the demo seller's parameters (the values are in seller.ts). Everything the generator
 * invents is one of these fields.
 */
import type { Channel, LocationKind } from '../ingest/index.js';

export const CHANNELS = [
  'tiktok-shop',
  'amazon',
  'shopify',
  'temu',
  'mercadolibre',
] as const satisfies readonly Channel[];
export type ChannelId = (typeof CHANNELS)[number];

export interface SkuPlan {
  sku: string;
  name: string;
  /** Product family: a creator video sells one family, not one colour. */
  family: string;
  variant: string;
  weightKg: number;
  listPriceUsd: number;
  /** Ex-works price paid to the factory in Shenzhen, CNY. */
  factoryCostCny: number;
  /** Factory cost + sea freight + US duty + inbound handling, per unit in a US warehouse, USD. */
  landedUsUsd: number;
  /** Amazon FBA size tier, for the per-unit fulfilment fee. */
  sizeTier: 'small' | 'large';
  /** Relative demand on each channel; 0 = not listed there. */
  weights: Record<ChannelId, number>;
}

/** `[date, units per day]`: the channel's everyday level, interpolated log-linearly between knots. */
export type Knot = readonly [date: string, unitsPerDay: number];

/** `[from, to, multiplier]`: days relative to Black Friday (0 = Black Friday, 3 = Cyber Monday). */
export type AroundBlackFriday = readonly [fromOffset: number, toOffset: number, multiplier: number];
/** `[from, to, multiplier, why]`: a dated window. */
export type Dated = readonly [from: string, to: string, multiplier: number, why: string];

export interface ChannelPlan {
  market: string;
  currency: string;
  /** First day with orders. */
  firstDay: string;
  level: readonly Knot[];
  /** Sunday … Saturday. */
  weekday: readonly [number, number, number, number, number, number, number];
  aroundBlackFriday: readonly AroundBlackFriday[];
  /** `['MM-DD', 'MM-DD', multiplier]` every year. */
  everyYear: ReadonlyArray<readonly [string, string, number]>;
  dated: readonly Dated[];
  /** `[n, weight]`: lines in an order, units on a line. */
  linesPerOrder: ReadonlyArray<readonly [number, number]>;
  unitsPerLine: ReadonlyArray<readonly [number, number]>;
  /** Shares of orders that are cancelled, and returned or refunded in full. */
  cancelRate: number;
  returnRate: number;
  /** Hour-of-day weights, 0 … 23, local time. */
  hours: readonly number[];
}

export interface SpikePlan {
  /** `[from, to, spikes per 30 days]`. */
  rate: ReadonlyArray<readonly [string, string, number]>;
  /** Extra units on the peak day, as a share of the channel's everyday level: log-normal. */
  peakMedian: number;
  peakSigma: number;
  /** Each following day keeps this share of the day before's extra units. */
  decay: number;
  days: number;
}

export interface HaloPlan {
  driver: ChannelId;
  channel: ChannelId;
  /** Extra units on `channel` per unit sold on `driver`, spread over the lags below. */
  unitsPerDriverUnit: number;
  /** Share of the halo landing 0, 1, 2 … days after the driver's sale; adds up to 1. */
  lagWeights: readonly number[];
}

export interface LocationPlan {
  location: string;
  kind: LocationKind;
  market: string;
  channels: string;
  /** Which channel's demand (and which share of it) the location's stock covers. */
  serves: ReadonlyArray<readonly [ChannelId, number]>;
  /** Days of that demand on hand on the stock date. */
  daysOfCover: number;
}

export interface ShipmentPlan {
  id: string;
  to: string;
  eta: string;
  status: string;
  canRedirect: boolean;
  /** Days of the destination's demand on board. */
  daysOfCover: number;
}

export interface CommitmentPlan {
  id: string;
  channel: ChannelId;
  kind: string;
  amount: number;
  currency: string;
  start: string;
  end: string;
  cancellable: boolean;
  cancelFee: number;
  why: string;
}
