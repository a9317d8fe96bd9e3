import { country, currency, expr, firstOf, offsetOf, quantity, sqlString, text, time } from '../fields.js';
import type { ColumnRef, Columns, Field, OrderMapping, ReaderSpec } from '../reader.js';
import { currencyOfMarketplace, marketOfMarketplace } from './amazon-marketplaces.js';
import { ISO_FORMATS } from './generic.js';

/**
 * Amazon's All Orders report (`GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL`, docs/formats/amazon.md):
 * tab-separated, unquoted, one row per order item. Both the official field list (with `cpf`) and the
 * 32-column files seen in practice (with `url`, optional trailing `is-iba`…) are matched by name.
 * `item-price` and the other amounts are totals for the row's quantity, so gross is `item-price` as is.
 */
const cell = (ref: ColumnRef) => `lower(coalesce(bl_text(${ref.sql}), ''))`;
const anyOf = (refs: ColumnRef[], words: string[]) =>
  `(${refs.flatMap((ref) => words.map((w) => `contains(${cell(ref)}, ${sqlString(w)})`)).join(' OR ')})`;

function allOrders(c: Columns): OrderMapping {
  const orderId = c.get('amazon-order-id');
  const sku = c.get('sku');
  const statuses = [c.get('item-status'), c.get('order-status')];
  // An item can be cancelled inside a shipped order (item-status wins); returned parcels come back
  // as `Shipped - Returned to Seller`; Pending (unpaid), Unshipped and PartiallyShipped are open.
  const cancelled = anyOf(statuses, ['cancel']);
  const returned = anyOf(statuses, ['returned to seller', 'returning to seller', 'rejected by buyer']);
  const pending = anyOf(statuses, ['pending', 'unshipped', 'partially']);

  // The transaction report keys a line by order and SKU, so rows of one SKU fold into one line here
  // too (combineRows). A cancelled row beside a live one of the same SKU then adds nothing, and
  // every row of the group carries the group's status, whichever row comes first.
  const w = `OVER (PARTITION BY bl_text(${orderId.sql}), upper(bl_text(${sku.sql})))`;
  const allCancelled = `bool_and(${cancelled}) ${w}`;
  const dropped = `(${cancelled} AND NOT ${allCancelled})`;
  const status = `CASE WHEN ${allCancelled} THEN 'cancelled' WHEN bool_or(NOT ${cancelled} AND ${returned}) ${w} THEN 'returned'
    WHEN bool_or(NOT ${cancelled} AND ${pending}) ${w} THEN 'pending' ELSE 'completed' END`;

  const amount = (ref: ColumnRef) => `bl_money(${ref.sql}, 'auto')`;
  const live = (sql: string) => `CASE WHEN ${dropped} THEN 0 ELSE ${sql} END`;
  /** Sum of the amount columns present; NULL (a reject) when one of them is not a number. */
  const total = (names: string[], absolute = false): Field | undefined => {
    const refs = names.map((n) => c.opt(n)).filter((r): r is ColumnRef => r !== undefined);
    if (refs.length === 0) return undefined;
    const bad = refs.map((r) => `(bl_text(${r.sql}) IS NOT NULL AND ${amount(r)} IS NULL)`).join(' OR ');
    const sum = refs.map((r) => `coalesce(${absolute ? `abs(${amount(r)})` : amount(r)}, 0)`).join(' + ');
    return expr(
      live(`CASE WHEN ${bad} THEN NULL ELSE ${sum} END`),
      refs[0],
      `amounts like 12.34 in ${names.join(', ')}`,
    );
  };

  const price = c.get('item-price');
  const date = c.get('purchase-date');
  const channel = c.opt('fulfillment-channel');
  const salesChannel = c.get('sales-channel');
  const currencyRef = c.opt('currency');
  const shipCountry = c.opt('ship-country');
  return {
    orderId: text(orderId),
    orderTime: time(date, ISO_FORMATS),
    utcOffsetMin: offsetOf(date),
    sku: text(sku),
    quantity: { ...quantity(c.get('quantity')), sql: live(quantity(c.get('quantity')).sql) },
    // Pending self-fulfilled items and cancelled ones may have no price yet: the line counts (a later
    // export fills the price in), with gross 0 rather than a reject.
    gross: expr(
      live(
        `CASE WHEN bl_text(${price.sql}) IS NULL AND (${pending} OR ${cancelled}) THEN 0 ELSE ${amount(price)} END`,
      ),
      price,
      'an amount like 12.34',
    ),
    // Promotion discounts appear as `-1.50` in some files and `1.50` in others.
    discount: total(['item-promotion-discount'], true),
    shipping: total(['shipping-price']),
    tax: total(['item-tax', 'shipping-tax', 'gift-wrap-tax']),
    currency: firstOf(...(currencyRef ? [currency(currencyRef)] : []), currencyOfMarketplace(salesChannel)),
    market: firstOf(...(shipCountry ? [country(shipCountry)] : []), marketOfMarketplace(salesChannel)),
    status: expr(status),
    statusRaw: expr(`concat_ws(' / ', bl_text(${statuses[1].sql}), bl_text(${statuses[0].sql}))`),
    ...(channel
      ? {
          fulfillment: expr(
            `CASE WHEN ${cell(channel)} IN ('amazon', 'afn') THEN 'FBA' WHEN ${cell(channel)} IN ('merchant', 'mfn') THEN 'merchant' ELSE bl_text(${channel.sql}) END`,
          ),
        }
      : {}),
    combineRows: true,
  };
}

export const amazonAllOrders: ReaderSpec = {
  id: 'amazon-all-orders',
  label: 'Amazon All Orders report (tab-separated)',
  kind: 'orders',
  channel: 'amazon',
  signature: [
    'amazon-order-id',
    'purchase-date',
    'order-status',
    'sales-channel',
    'sku',
    'item-status',
    'quantity',
    'item-price',
  ],
  delimiters: ['\t'],
  decimal: 'auto',
  orders: allOrders,
};
