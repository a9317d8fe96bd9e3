import {
  country,
  currency,
  expr,
  firstOf,
  lit,
  money,
  offsetOf,
  quantity,
  status,
  text,
  time,
} from '../fields.js';
import type { ColumnRef, Columns, Field, OrderMapping, ReaderSpec } from '../reader.js';
import { marketplaceOf } from './shopify-marketplaces.js';

/**
 * Shopify ▸ Orders ▸ Export (docs/formats/shopify.md): one row per line item. The current export has 79 columns,
 * the 2021 one 75 and older ones fewer trailing columns, so every column is found by name and the
 * optional ones are read only when present.
 *
 * The order key is `Name` (`#1001`), not `Id`. `Id` would be steadier (Shopify lets two orders share a
 * name), but it is written on an order's first row only, and the compiler groups an order's rows by
 * the key before anything is filled forward; `Name` is on every row. It is also the number the seller
 * sees in the admin and the `Order` column of Shopify Payments payouts. `Id`, taken from the first row,
 * is kept beside it (`order_uid`) so that two stores' orders sharing a name stay apart.
 */
const CREATED_AT = ['%Y-%m-%d %H:%M:%S %z', '%Y-%m-%d %H:%M %z', '%Y-%m-%d %H:%M:%S'] as const;

// Financial Status words, first match wins: `partially_refunded` keeps the sale (its refund is the
// `Refunded Amount`); `voided` and `expired` authorisations never became a sale; `authorized`,
// `partially_paid` and `pending` (cash on delivery) are not paid yet.
const FINANCIAL_STATUS = {
  completed: ['partially_refunded'],
  cancelled: ['voided', 'expired'],
  refunded: ['refunded'],
  pending: ['pending', 'authorized', 'partially_paid', 'unpaid'],
} as const;

function orders(c: Columns): OrderMapping {
  const name = c.get('Name');
  const qty = quantity(c.get('Lineitem quantity'));
  const unitPrice = money(c.get('Lineitem price'), '.');
  const created = c.get('Created at');
  const amount = (header: string) => {
    const ref = c.opt(header);
    return ref ? money(ref, '.') : undefined;
  };
  const lineDiscount = amount('Lineitem discount');
  const firstRow = `bl_text(${c.get('Currency').sql}) IS NOT NULL`;

  // Order-level cells sit on the order's first row only; later rows repeat just Name, Email,
  // Created at, Lineitem *, Vendor and Lineitem discount. Every row takes its order's first-row value
  // here, not in the compiler's fill-forward, so that a `--market`/`--currency` default cannot land on
  // the blank later rows of an order whose first row says otherwise. (`_line` is the record number
  // compile.ts gives `src`.)
  const wholeOrder = `PARTITION BY bl_text(${name.sql}) ORDER BY _line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING`;
  const orderLevel = (field: Field): Field => ({
    ...field,
    sql: `first_value(CASE WHEN ${firstRow} THEN ${field.sql} END IGNORE NULLS) OVER (${wholeOrder})`,
  });

  const cancelledAt = c.opt('Cancelled at');
  const financial = c.get('Financial Status');
  const statusSql = status(financial, FINANCIAL_STATUS).sql;
  const tags = c.opt('Tags');
  const notes = c.opt('Note Attributes');
  return {
    orderId: text(name),
    // `Id` is unique across every Shopify store, where `Name` is not: two stores' `#1001` stay two
    // orders. It is on an order's first row only.
    ...(c.opt('Id') ? { orderUid: orderLevel(text(c.get('Id'))) } : {}),
    orderTime: time(created, CREATED_AT),
    // The offset moves with DST inside one export (`+0100` in summer, `+0000` in winter): per row.
    utcOffsetMin: offsetOf(created),
    sku: skuOf(c),
    quantity: qty,
    // `Lineitem price` is the unit price before the line's discount.
    gross: { ...unitPrice, sql: `(${qty.sql}) * (${unitPrice.sql})` },
    currency: orderLevel(currency(c.get('Currency'))),
    market: marketOf(c, orderLevel),
    status: orderLevel(
      expr(
        cancelledAt
          ? `CASE WHEN bl_text(${cancelledAt.sql}) IS NOT NULL THEN 'cancelled' ELSE ${statusSql} END`
          : statusSql,
      ),
    ),
    statusRaw: orderLevel(text(financial)),
    ...(lineDiscount ? { discount: lineDiscount } : {}),
    order: {
      discount: orderDiscount(c, name, lineDiscount),
      shipping: amount('Shipping'),
      tax: amount('Taxes'),
      refund: orderRefund(c),
    },
    // A marketplace's order synced into Shopify (TikTok Shop, Nordstrom and other Mirakl marketplaces,
    // Faire, Marketplace Connect's Amazon, Walmart, eBay, Etsy and Target Plus) counts once, under that
    // marketplace, keyed by its own order id. `Source` = tiktok (or a marketplace's app) without the
    // id stays a Shopify order: with no id it could never be matched to the marketplace's own export,
    // so moving it would count it twice once that export is imported.
    ...(tags || notes ? { syncedFrom: syncedFrom(tags, notes, orderLevel) } : {}),
  };
}

function syncedFrom(
  tags: ColumnRef | undefined,
  notes: ColumnRef | undefined,
  orderLevel: (f: Field) => Field,
): OrderMapping['syncedFrom'] {
  const cell = (ref: ColumnRef | undefined) => (ref ? ref.sql : 'NULL');
  const { channel, orderId } = marketplaceOf(cell(tags), cell(notes));
  return { channel: orderLevel(expr(channel)), orderId: orderLevel(expr(orderId)) };
}

/** Custom items and many small shops have no SKU (the zhangerson exports): the item name stands in. */
function skuOf(c: Columns): Field {
  const sku = c.opt('Lineitem sku');
  const itemName = text(c.get('Lineitem name'));
  return sku ? firstOf(text(sku), itemName) : itemName;
}

/** The buyer's country: Shipping Country (ISO code in Shopify exports), else Billing Country. */
function marketOf(c: Columns, orderLevel: (f: Field) => Field): Field {
  const refs = [c.opt('Shipping Country'), c.opt('Billing Country')].filter(
    (r): r is ColumnRef => r !== undefined,
  );
  if (refs.length === 0) return lit(null);
  return orderLevel(firstOf(...refs.map(country)));
}

/**
 * `Discount Amount` is the order's total discount, which already holds any `Lineitem discount`
 * (real exports: Subtotal = Σ quantity × price − Discount Amount, with Lineitem discount 0.00 on code
 * discounts). The lines keep their own discount; the rest is spread over the order.
 */
function orderDiscount(c: Columns, name: ColumnRef, lineDiscount: Field | undefined): Field | undefined {
  const total = c.opt('Discount Amount');
  if (!total) return undefined;
  const parsed = money(total, '.');
  if (!lineDiscount) return parsed;
  const lines = `coalesce(sum(${lineDiscount.sql}) OVER (PARTITION BY bl_text(${name.sql})), 0)`;
  // DuckDB's greatest/least skip NULLs: keep the later rows' blank NULL so the first row's value fills them.
  return {
    ...parsed,
    sql: `CASE WHEN ${parsed.sql} IS NOT NULL THEN greatest(${parsed.sql} - ${lines}, 0) END`,
  };
}

/**
 * `Refunded Amount` (per order) includes refunded shipping and tax: a fully refunded £36.98 dress with
 * £4 shipping shows 40.98. The goods' share cannot exceed the order's `Subtotal` (after discounts).
 */
function orderRefund(c: Columns): Field | undefined {
  const refunded = c.opt('Refunded Amount');
  if (!refunded) return undefined;
  const parsed = money(refunded, '.');
  const subtotal = c.opt('Subtotal');
  if (!subtotal) return parsed;
  return {
    ...parsed,
    sql: `CASE WHEN ${parsed.sql} IS NOT NULL THEN least(${parsed.sql}, coalesce(${money(subtotal, '.').sql}, ${parsed.sql})) END`,
  };
}

export const shopifyOrders: ReaderSpec = {
  id: 'shopify-orders',
  label: 'Shopify orders export',
  kind: 'orders',
  channel: 'shopify',
  signature: [
    'name',
    'financial status',
    'currency',
    'created at',
    'lineitem quantity',
    'lineitem name',
    'lineitem price',
  ],
  delimiters: [','],
  decimal: '.',
  orders,
};

export const SHOPIFY_READERS: readonly ReaderSpec[] = [shopifyOrders];
