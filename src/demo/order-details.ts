/**
 * What each channel adds to an order: prices and discounts on its lines, who ships it, shipping
 * paid by the buyer, the buyer's state and sales-tax rate. All randomness of the exports is drawn
 * here, so the writers only format.
 */
import { addDays, daysBetween } from './calendar.js';
import type { ChannelId, SkuPlan } from './model.js';
import type { Random } from './random.js';
import { BLACK_FRIDAYS, TERMS } from './seller.js';

export interface OrderDetails {
  fulfillment: 'FBT' | 'merchant' | 'FBA' | 'FULL';
  /** Index into TERMS.usStates (US orders) or the Brazilian states of the Vendas writer. */
  state: number;
  /** Picks the buyer's made-up name and street. */
  buyer: number;
  /** Shipping the buyer paid, in the order's currency. */
  shipping: number;
  taxRate: number;
  /** TikTok-funded discount, percent of the subtotal after the seller's discount. */
  platformDiscountPct: number;
  /** Shopify discount code and its percent of the subtotal. */
  code: string | null;
  codePct: number;
  /** A TikTok order the seller ships, copied into Shopify by TikTok's Shopify app. */
  syncedToShopify: boolean;
  /** Share of the subtotal refunded while the rest of the order stands (Shopify). */
  partialRefundShare: number;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Price of a SKU on a channel, in the channel's currency. */
export function priceOf(channel: ChannelId, sku: SkuPlan): number {
  if (channel === 'temu') return round2(sku.listPriceUsd * TERMS.temu.basePriceShare);
  if (channel === 'mercadolibre')
    return Math.ceil((sku.listPriceUsd * TERMS.mercadolibre.brlPerUsd) / 10) * 10 - 0.1;
  return sku.listPriceUsd;
}

const US_STATE_WEIGHTS = TERMS.usStates.map(([, , , weight], i) => [i, weight] as const);

interface Line {
  sku: SkuPlan;
  quantity: number;
  unitPrice: number;
  discount: number;
}

/** Sets prices and discounts on `lines` and returns the order's other details. */
export function orderDetails(rng: Random, channel: ChannelId, iso: string, lines: Line[]): OrderDetails {
  for (const l of lines) l.unitPrice = round2(priceOf(channel, l.sku));
  const details: OrderDetails = {
    fulfillment: 'merchant',
    state: channel === 'mercadolibre' ? rng.int(8) : rng.weighted(US_STATE_WEIGHTS),
    buyer: rng.int(1_000_000),
    shipping: 0,
    taxRate: 0,
    platformDiscountPct: 0,
    code: null,
    codePct: 0,
    syncedToShopify: false,
    partialRefundShare: 0,
  };
  const subtotal = () => lines.reduce((s, l) => s + l.quantity * l.unitPrice - l.discount, 0);
  const discountLines = (pct: number) =>
    lines.forEach((l) => (l.discount = round2((l.quantity * l.unitPrice * pct) / 100)));
  const usTax = () => (details.taxRate = TERMS.usStates[details.state][2]);
  const t = TERMS;
  switch (channel) {
    case 'tiktok-shop': {
      details.fulfillment = rng.chance(linearOn(t.tiktok.fbtShare, iso)) ? 'FBT' : 'merchant';
      if (rng.chance(t.tiktok.sellerDiscount.share))
        discountLines(rng.oneOf(t.tiktok.sellerDiscount.percents));
      if (rng.chance(t.tiktok.platformDiscount.share))
        details.platformDiscountPct = rng.oneOf(t.tiktok.platformDiscount.percents);
      details.shipping = subtotal() < 20 ? 3.99 : 0;
      details.syncedToShopify = details.fulfillment === 'merchant' && iso >= t.tiktok.syncedToShopifyFrom;
      usTax();
      break;
    }
    case 'amazon': {
      details.fulfillment = rng.chance(t.amazon.fbaShare) ? 'FBA' : 'merchant';
      if (rng.chance(t.amazon.promotion.share)) discountLines(rng.oneOf(t.amazon.promotion.percents));
      details.shipping = details.fulfillment === 'merchant' && subtotal() < 25 ? 4.99 : 0;
      usTax();
      break;
    }
    case 'shopify': {
      const [bfCode, bfShare, bfPct] = t.shopify.blackFridayCode;
      const code =
        isBlackFridayWeekend(iso) && rng.chance(bfShare) ? ([bfCode, bfPct] as const) : pickCode(rng);
      if (code) [details.code, details.codePct] = code;
      details.shipping =
        subtotal() * (1 - details.codePct / 100) >= t.shopify.freeShippingFrom ? 0 : t.shopify.shippingFee;
      if (rng.chance(t.shopify.partialRefund.share))
        details.partialRefundShare = t.shopify.partialRefund.part;
      usTax();
      break;
    }
    case 'temu':
      details.fulfillment = 'merchant';
      break;
    case 'mercadolibre':
      details.fulfillment = rng.chance(t.mercadolibre.fullShare) ? 'FULL' : 'merchant';
      if (rng.chance(t.mercadolibre.paidShipping.share)) details.shipping = t.mercadolibre.paidShipping.brl;
      break;
  }
  return details;
}

/** An everyday discount code, or none. */
function pickCode(rng: Random): readonly [string, number] | null {
  const r = rng.next();
  let acc = 0;
  for (const [code, share, pct] of TERMS.shopify.codes) if (r < (acc += share)) return [code, pct];
  return null;
}

/** Black Friday to Cyber Monday. */
const isBlackFridayWeekend = (iso: string) => BLACK_FRIDAYS.some((bf) => iso >= bf && iso <= addDays(bf, 3));

/** Linear interpolation between `[date, value]` knots, flat outside them. */
function linearOn(knots: ReadonlyArray<readonly [string, number]>, iso: string): number {
  if (iso <= knots[0][0]) return knots[0][1];
  for (let i = 1; i < knots.length; i++) {
    const [to, b] = knots[i];
    const [from, a] = knots[i - 1];
    if (iso <= to) return a + ((b - a) * daysBetween(from, iso)) / daysBetween(from, to);
  }
  return knots[knots.length - 1][1];
}
