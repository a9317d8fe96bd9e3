import { country, expr, lit, money, quantity, sqlString, status, text } from '../fields.js';
import type { ColumnRef, Field, ReaderSpec, Status } from '../reader.js';

/**
 * Temu Seller Center order export (docs/formats/temu.md), US and EU layouts: one row per order item
 * (`Order item ID`), mostly lower-case headers with irregular capitals. The EU layout writes
 * `Base price total  after discount` with a double space; header matching collapses whitespace, so
 * the single-spaced name finds it too.
 *
 * Revenue is Temu's *base price*: what Temu pays the seller (full/semi-managed models), not the retail
 * price the consumer paid (`Retail price total after discounts(tax excl.)`), which is not read.
 */

// `Jan 10, 2026, 10:00 am CET(UTC+1)`: the zone name and its `(UTC+1)` are cut off, the time is read,
// then moved to UTC by the offset (kept as utc_offset_min). ISO text is what XLSX dates become.
const FORMATS = [
  '%b %d, %Y, %I:%M %p',
  '%b %d, %Y, %I:%M:%S %p',
  '%B %d, %Y, %I:%M %p',
  '%b %d, %Y %I:%M %p',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d',
];
const ZONE_SUFFIX = sqlString('\\s*[A-Za-z]{0,5}\\s*\\(?(UTC|GMT)\\s*[+-]?[0-9:]*\\)?\\s*$');

// Amounts say their currency by symbol (`9,99€`, `MX$199.00`). A bare `$` or a plain number is the
// dollar (or peso) of the buyer's market where that is unambiguous; anything else is left to --currency.
const SYMBOLS: ReadonlyArray<[pattern: string, currency: string]> = [
  ['€|eur', 'EUR'],
  ['£|gbp', 'GBP'],
  ['mx\\$|mxn', 'MXN'],
  ['ca?\\$|cad', 'CAD'],
  ['au?\\$|aud', 'AUD'],
  ['r\\$|brl', 'BRL'],
  ['us\\$|usd', 'USD'],
];
const DOLLAR_OF_MARKET: Record<string, string> = { US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', MX: 'MXN' };

const STATUS_WORDS: Partial<Record<Status, readonly string[]>> = {
  cancelled: ['cancel'],
  refunded: ['refund'],
  returned: ['return'],
  pending: ['pending', 'unpaid'],
};

export const temuOrders: ReaderSpec = {
  id: 'temu-orders',
  label: 'Temu order export',
  kind: 'orders',
  channel: 'temu',
  signature: [
    'order id',
    'order status',
    'order item id',
    'contribution sku',
    'quantity purchased',
    'purchase date',
  ],
  delimiters: [','],
  decimal: 'auto',
  orders: (c) => {
    const date = c.get('purchase date');
    const qty = quantity(c.get('quantity purchased'));
    const before = c.opt('base price total');
    const after = c.opt('Base price total after discount');
    const grossRef = before ?? after ?? c.get('base price total', 'Base price total after discount');
    const optMoney = (ref: ColumnRef | undefined): Field | undefined =>
      ref ? money(ref, 'auto') : undefined;
    const shipCountry = c.opt('ship country');
    const itemStatus = c.opt('order item status');
    const orderStatus = c.get('order status');
    const sellerSku = c.get('contribution sku');
    const skuId = c.opt('sku id');

    const cell = `bl_text(${date.sql})`;
    const offset = `bl_offset(${cell})`;
    const local = `try_strptime(regexp_replace(${cell}, ${ZONE_SUFFIX}, ''), [${FORMATS.map(sqlString).join(', ')}])`;
    const amounts = `lower(bl_text(${grossRef.sql}))`;
    const bySymbol = SYMBOLS.map(
      ([pattern, cur]) => `WHEN regexp_matches(${amounts}, ${sqlString(pattern)}) THEN ${sqlString(cur)}`,
    ).join(' ');
    // `ship country` is a name (`France`).
    const market = shipCountry ? country(shipCountry) : undefined;
    const dollars = Object.entries(DOLLAR_OF_MARKET)
      .map(([m, cur]) => `WHEN ${sqlString(m)} THEN ${sqlString(cur)}`)
      .join(' ');
    const byMarket = market ? `ELSE CASE ${market.sql} ${dollars} END` : '';
    // An item may be cancelled or refunded inside an order that goes on: the item status wins.
    const statusCell: ColumnRef = itemStatus
      ? { sql: `coalesce(bl_text(${itemStatus.sql}), bl_text(${orderStatus.sql}))`, name: itemStatus.name }
      : orderStatus;

    return {
      orderId: text(c.get('Order ID')),
      lineId: text(c.get('Order item ID')),
      orderTime: expr(
        `${local} - to_minutes(coalesce(${offset}, 0))`,
        date,
        'a date like Jan 10, 2026, 10:00 am CET(UTC+1)',
      ),
      utcOffsetMin: expr(offset),
      // `contribution sku` is the seller's own SKU; Temu's `sku id` stands in when it was never set.
      sku: {
        sql: `coalesce(bl_text(${sellerSku.sql})${skuId ? `, bl_text(${skuId.sql})` : ''})`,
        raw: sellerSku,
      },
      quantity: qty,
      // `base price total` is before seller discounts; the EU layout only has the total after them.
      gross: money(grossRef, 'auto'),
      ...(before && after
        ? { discount: expr(`greatest(bl_money(${before.sql}, 'auto') - bl_money(${after.sql}, 'auto'), 0)`) }
        : {}),
      shipping: optMoney(c.opt('Shipping total(tax excl.)')),
      tax: optMoney(c.opt('Product Tax')),
      refund: optMoney(c.opt('Product refund')),
      currency: expr(`CASE ${bySymbol} ${byMarket} END`),
      market: market ?? lit(null),
      status: status(statusCell, STATUS_WORDS),
      statusRaw: text(statusCell),
    };
  },
};

export const TEMU_READERS: readonly ReaderSpec[] = [temuOrders];
