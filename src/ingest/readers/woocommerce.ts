import { country, currency, expr, firstOf, lit, money, status, text, time } from '../fields.js';
import type { ColumnRef, Columns, Field, ReaderSpec } from '../reader.js';

/**
 * WooCommerce (FORMATS §5). Core WooCommerce has no full order exporter: its Analytics ▸ Orders
 * download is one row per order, so its product list is split into lines here; the WebToffee plugin
 * packs every item of an order into `line_item_1…N` cells of one row. Both spread a row into several
 * lines with `unnest()` in the field SQL (a row whose lists are empty yields no line at all, yet stays
 * visible to window functions, which `skipRow` would hide). docs/formats/woocommerce.md explains why.
 */

/** Status slugs (`on-hold`, what both exports write) and labels (`Pending payment`) alike. */
const STATUS_WORDS = {
  cancelled: ['cancel', 'fail'],
  refunded: ['refund'],
  pending: ['pending', 'on-hold', 'on hold', 'draft'],
};
const statusOf = (ref: ColumnRef) => status(ref, STATUS_WORDS);

/** WooCommerce exporters before 8.x wrote a negative number as `'-12.5` (CSV-injection escape). */
function amount(ref: ColumnRef): Field {
  return { ...money(ref, '.'), sql: `bl_money_text(ltrim(bl_text(${ref.sql}), ''''), '.')` };
}

/** The SKU of units `Items sold` counts but `Product(s)` does not name. */
const UNLISTED = '(products not listed)';

const SITE_TIME = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d'];

/**
 * Analytics ▸ Orders ▸ Download: the browser CSV (`Net sales`, `Payment method`, `Attribution` in recent
 * versions) and the emailed export (`N. Revenue (formatted)`, `Net Sales`) map alike. `Product(s)` is
 * `2× Mug, 1× Tee - Blue, L`: split before each `, N× ` (names may hold `, `), one line per product.
 * No SKU, no per-line price, no currency or country: the name is the SKU, Net sales (after coupons,
 * without shipping and tax) is shared by units, and --currency/--market say the rest.
 * A refund is its own row (same Order #, negative Net sales and Items sold, the parent's products):
 * it adds no line; its amount goes to the order's refund. A refund whose order is not in the file
 * (placed before the exported range) has nothing to attach to, so it is rejected for review.
 */
const analytics: ReaderSpec = {
  id: 'woocommerce-analytics-orders',
  label: 'WooCommerce Analytics orders CSV',
  kind: 'orders',
  channel: 'woocommerce',
  signature: ['date', 'order #', 'status', 'product(s)', 'items sold', 'net sales'],
  delimiters: [','],
  decimal: '.',
  orders: (c) => {
    const orderNo = c.get('Order #');
    const products = c.get('Product(s)');
    const net = amount(c.get('Net sales', 'Net Sales'));
    const itemsSold = amount(c.get('Items sold'));
    const isRefund = `(coalesce(${net.sql} < 0, false) OR coalesce(${itemsSold.sql} < 0, false))`;
    const inOrder = `OVER (PARTITION BY bl_text(${orderNo.sql}))`;
    const hasSaleRow = `(count(*) FILTER (WHERE NOT ${isRefund}) ${inOrder} > 0)`;
    const listed = `(CASE WHEN bl_text(${products.sql}) IS NULL THEN []::VARCHAR[] ELSE string_split(regexp_replace(bl_text(${products.sql}), ', (\\d+) ?× ', chr(31) || '\\1× ', 'g'), chr(31)) END)`;
    const unitsOf = (list: string) =>
      `list_transform(${list}, lambda p: TRY_CAST(regexp_extract(p, '^(\\d+) ?×', 1) AS DOUBLE))`;
    // Products deleted from the store drop out of `Product(s)` (blank on about one order in nine in a
    // real export) while `Items sold` still counts them: those units become one unlisted line.
    const unlisted = `(${itemsSold.sql}) - coalesce(list_sum(${unitsOf(listed)}), 0)`;
    const sale = `list_concat(${listed}, CASE WHEN ${unlisted} > 0 THEN [CAST(${unlisted} AS BIGINT) || '× ${UNLISTED}'] ELSE []::VARCHAR[] END)`;
    // A refund row yields no line; one whose order is missing yields one, to be rejected.
    const parts = `(CASE WHEN NOT ${isRefund} THEN (CASE WHEN len(${sale}) = 0 THEN [''] ELSE ${sale} END) WHEN ${hasSaleRow} THEN []::VARCHAR[] ELSE ['0× refund'] END)`;
    const units = unitsOf(parts);
    const names = `list_transform(${parts}, lambda p: nullif(trim(regexp_extract(p, '^\\d+ ?× (.*)$', 1)), ''))`;
    const expectProducts = 'products written as `2× Name, 1× Other`';
    return {
      orderId: text(orderNo),
      orderTime: time(c.get('Date'), SITE_TIME),
      sku: expr(`unnest(${names})`, products, expectProducts),
      quantity: expr(`unnest(${units})`, products, expectProducts),
      gross: expr(
        `CASE WHEN NOT ${isRefund} THEN unnest(${units}) * (${net.sql}) / nullif(list_sum(${units}), 0) END`,
        net.raw,
        'an amount like 12.34; a refund row (negative Net sales) needs its order in the same export',
      ),
      currency: lit(null),
      market: lit(null),
      status: statusOf(c.get('Status')),
      statusRaw: text(c.get('Status')),
      order: { refund: { sql: `sum(CASE WHEN ${isRefund} THEN -(${net.sql}) END) ${inOrder}` } },
    };
  },
};

/** The WebToffee item cells as one list; an order without items keeps one empty item, to be rejected. */
function itemCells(c: Columns): string {
  const refs = c.header
    .filter((name) => /^line_item_\d+$/.test(name.trim().toLowerCase()))
    .map((name) => c.get(name));
  const list = `list_filter([${refs.map((r) => `bl_text(${r.sql})`).join(', ')}], lambda x: x IS NOT NULL)`;
  return `(CASE WHEN len(${list}) = 0 THEN [NULL::VARCHAR] ELSE ${list} END)`;
}

/**
 * WebToffee "Order Export & Order Import for WooCommerce": one row per order, every item packed into a
 * `line_item_N` cell as `name:…|product_id:…|sku:…|quantity:…|total:…|sub_total:…` followed by
 * optional `tax:…|tax_data:{json}|meta:…|refunded:…` (read from the plugin's exporter). `sub_total` is
 * the line before coupons and without tax (the gross of docs/formats.md), `total` after coupons; `refunded` is what was
 * refunded against the item. Refunds of an amount only (no item chosen) are in `refund_items`.
 */
const webtoffee: ReaderSpec = {
  id: 'woocommerce-webtoffee-orders',
  label: 'WooCommerce order export (WebToffee)',
  kind: 'orders',
  channel: 'woocommerce',
  signature: ['order_id', 'order_number', 'order_date', 'status', 'order_currency', 'line_item_1'],
  decimal: '.',
  orders: (c) => {
    const items = itemCells(c);
    const raw: ColumnRef = { sql: `unnest(${items})`, name: 'line_item_N' };
    const key = (name: string) => `nullif(regexp_extract(x, '(?:^|\\|)${name}:([^|]*)', 1), '')`;
    const each = (sql: string) => `unnest(list_transform(${items}, lambda x: ${sql}))`;
    const num = (name: string) => `TRY_CAST(${key(name)} AS DOUBLE)`;
    // A name may hold `|`; it always runs up to `|product_id:`.
    const name = `coalesce(nullif(trim(regexp_extract(x, '^name:(.*?)\\|product_id:', 1)), ''), ${key('name')})`;
    const expectItem = 'an item like name:Mug|product_id:12|sku:MUG-1|quantity:2|total:18|sub_total:20';
    const refundItems = c.opt('refund_items');
    const itemRefunded = `contains(array_to_string(${items}, ''), '|refunded:')`;
    const amountOnlyRefund = refundItems
      ? `CASE WHEN NOT ${itemRefunded} THEN least(list_sum(list_transform(regexp_extract_all(coalesce(bl_text(${refundItems.sql}), ''), '(?:^|;)amount:([0-9.]+)', 1), lambda a: a::DOUBLE)), list_sum(list_transform(${items}, lambda x: ${num('total')}))) END`
      : undefined;
    const countries = ['shipping_country', 'billing_country']
      .filter((n) => c.has(n))
      .map((n) => country(c.get(n)));
    return {
      orderId: firstOf(text(c.get('order_number')), text(c.get('order_id'))),
      orderTime: time(c.get('order_date'), SITE_TIME),
      sku: expr(each(`coalesce(${key('sku')}, ${name})`), raw, expectItem),
      quantity: expr(each(num('quantity')), raw, expectItem),
      gross: expr(each(num('sub_total')), raw, expectItem),
      discount: { sql: each(`${num('sub_total')} - ${num('total')}`) },
      tax: { sql: each(num('tax')) },
      refund: { sql: each(num('refunded')) },
      currency: currency(c.get('order_currency')),
      market: countries.length ? firstOf(...countries) : lit(null),
      status: statusOf(c.get('status')),
      statusRaw: text(c.get('status')),
      order: {
        ...(c.opt('shipping_total') ? { shipping: amount(c.get('shipping_total')) } : {}),
        ...(amountOnlyRefund ? { refund: { sql: amountOnlyRefund } } : {}),
      },
    };
  },
};

export const WOOCOMMERCE_READERS: readonly ReaderSpec[] = [analytics, webtoffee];
