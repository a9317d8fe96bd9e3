import { country, currency, expr, lit, money, quantity, text, time } from '../fields.js';
import type { Columns, ColumnRef, ReaderSpec } from '../reader.js';

/**
 * Etsy ▸ Shop Manager ▸ Settings ▸ Options ▸ Download Data (docs/formats/etsy.md): the Sold Order Items file
 * (one row per transaction) and the Sold Orders file (one row per order). Both describe the same
 * orders; the orders file marks its lines as a copy, so an order the items file brings counts once.
 */

// `Sale Date` is `12/26/21` in genuine exports; copies re-saved by Excel or as TSV carry `12/31/2023`
// and `7/15/2020`. `%y` is tried first: it cannot consume a four-digit year whole.
const SALE_DATE = ['%m/%d/%y', '%m/%d/%Y'] as const;

// The UK English export says `Delivery` where the US one says `Ship`/`Shipping` (a Scala parser's
// header list; secondary evidence).
const SHIP_COUNTRY = ['Ship Country', 'Delivery Country'] as const;

const cell = (ref: ColumnRef) => `bl_text(${ref.sql})`;
const amount = (ref: ColumnRef) => `bl_money(${ref.sql}, '.')`;

/**
 * The items file writes an order's discount, shipping and tax on its first item row and `0` on the
 * others. The compiler fills an order amount only into rows where it is empty, so each row takes the
 * first row's value here; a row's own unreadable cell is still rejected on that row.
 */
function firstRowOfOrder(ref: ColumnRef, orderId: ColumnRef) {
  const first = `first_value(${amount(ref)}) OVER (PARTITION BY ${cell(orderId)} ORDER BY _line)`;
  return expr(
    `CASE WHEN ${amount(ref)} IS NULL AND ${cell(ref)} IS NOT NULL THEN NULL ELSE coalesce(${first}, 0) END`,
    ref,
    'an amount like 12.34',
  );
}

const soldOrderItems: ReaderSpec = {
  id: 'etsy-sold-order-items',
  label: 'Etsy Sold Order Items (EtsySoldOrderItemsYYYY.csv)',
  kind: 'orders',
  channel: 'etsy',
  signature: [
    'sale date',
    'order id',
    'transaction id',
    'listing id',
    'quantity',
    'price',
    'item total',
    'currency',
  ],
  exclude: ['number of items', 'order value'],
  delimiters: [',', '\t'],
  decimal: '.',
  orders: (c) => {
    const qty = quantity(c.get('Quantity'));
    const price = money(c.get('Price'), '.');
    const sku = c.get('SKU');
    const variations = c.opt('Variations');
    const orderId = c.get('Order ID');
    // Most shops leave SKU blank (every row of the genuine sticker-shop files): the listing, plus its
    // variation when there is one, is then the product.
    const listing = `'etsy-' || ${cell(c.get('Listing ID'))}${variations ? ` || coalesce(' ' || ${cell(variations)}, '')` : ''}`;
    return {
      orderId: text(orderId),
      lineId: text(c.get('Transaction ID')),
      orderTime: time(c.get('Sale Date'), SALE_DATE),
      sku: expr(`coalesce(${cell(sku)}, ${listing})`, sku),
      quantity: qty,
      // `Price` is the unit price: `Item Total` = 4 × 3.30 = `13.2` in the genuine files.
      gross: { ...price, sql: `(${qty.sql}) * (${price.sql})` },
      currency: currency(c.get('Currency')),
      market: country(c.get(...SHIP_COUNTRY)),
      status: lit('completed'),
      order: {
        discount: firstRowOfOrder(c.get('Discount Amount'), orderId),
        shipping: firstRowOfOrder(c.get('Order Shipping', 'Order Delivery'), orderId),
        tax: firstRowOfOrder(c.get('Order Sales Tax'), orderId),
      },
    };
  },
};

/** `N001,N001` is two transactions of one SKU: that SKU. `n041,N002` stays the joined list. */
function joinedSku(ref: ColumnRef): string {
  const parts = `string_split(replace(${cell(ref)}, ' ', ''), ',')`;
  return `CASE WHEN len(list_distinct(string_split(upper(replace(${cell(ref)}, ' ', '')), ','))) = 1 THEN ${parts}[1] ELSE ${cell(ref)} END`;
}

function orderRefund(c: Columns) {
  const adjusted = ['Adjusted Order Total', 'Adjusted Card Processing Fees', 'Adjusted Net Order Amount'].map(
    (n) => c.get(n),
  );
  const [adjTotal, adjFees] = adjusted.map(amount) as [string, string];
  // `0.00` in every Adjusted column means nothing was adjusted (all genuine rows without a refund).
  const wasAdjusted = adjusted.map((ref) => `coalesce(${amount(ref)}, 0) <> 0`).join(' OR ');
  const merchandise = `coalesce(${amount(c.get('Order Value'))}, 0) - coalesce(${amount(c.get('Discount Amount'))}, 0)`;
  // Order Total includes tax Etsy collected, so the refund is capped at what the items sold for.
  const refunded = `greatest(0, least(coalesce(${amount(c.get('Order Total'))}, 0) - coalesce(${adjTotal}, 0), ${merchandise}))`;
  const statusCell = c.opt('Status');
  const saysRefunded = statusCell
    ? `(contains(lower(coalesce(${cell(statusCell)}, '')), 'refund') AND NOT contains(lower(coalesce(${cell(statusCell)}, '')), 'partial'))`
    : 'false';
  const refund = `CASE WHEN ${adjTotal} IS NULL AND ${cell(adjusted[0])} IS NOT NULL THEN NULL
    WHEN ${wasAdjusted} THEN ${refunded} WHEN ${saysRefunded} THEN ${merchandise} ELSE 0 END`;
  const fees = c.get('Card Processing Fees');
  return {
    refund: expr(refund, adjusted[0], 'an amount like 12.34'),
    // After a refund Etsy credits part of the processing fee; the adjusted fee is what was kept.
    fees: expr(
      `CASE WHEN ${wasAdjusted} THEN coalesce(${adjFees}, 0) ELSE ${amount(fees)} END`,
      fees,
      'an amount like 12.34',
    ),
    status:
      expr(`CASE WHEN ${statusCell ? `contains(lower(coalesce(${cell(statusCell)}, '')), 'cancel')` : 'false'} THEN 'cancelled'
      WHEN ${saysRefunded} OR ((${wasAdjusted}) AND ${refunded} > 0 AND ${refunded} >= ${merchandise} - 0.005) THEN 'refunded'
      ELSE 'completed' END`),
    ...(statusCell ? { statusRaw: text(statusCell) } : {}),
  };
}

const soldOrders: ReaderSpec = {
  id: 'etsy-sold-orders',
  label: 'Etsy Sold Orders (EtsySoldOrdersYYYY.csv)',
  kind: 'orders',
  channel: 'etsy',
  signature: [
    'sale date',
    'order id',
    'number of items',
    'order value',
    'order total',
    'adjusted order total',
    'currency',
  ],
  exclude: ['transaction id', 'listing id'],
  // A genuine copy re-saved as TSV (Epicrae/EtsyCompanion) reads the same way.
  delimiters: [',', '\t'],
  decimal: '.',
  orders: (c) => {
    const orderId = c.get('Order ID');
    const sku = c.get('SKU');
    return {
      orderId: text(orderId),
      // One row per order becomes one line: the order's items are not itemised in this file.
      lineId: lit('order'),
      // The items file itemises the same orders; this copy counts only for orders it does not bring.
      syncedFrom: { channel: lit('etsy'), orderId: { sql: cell(orderId) } },
      orderTime: time(c.get('Sale Date'), SALE_DATE),
      sku: expr(`coalesce(${joinedSku(sku)}, '(no SKU)')`, sku),
      quantity: quantity(c.get('Number of Items')),
      gross: money(c.get('Order Value'), '.'),
      currency: currency(c.get('Currency')),
      market: country(c.get(...SHIP_COUNTRY)),
      discount: money(c.get('Discount Amount'), '.'),
      // `Shipping` is already net of `Shipping Discount` (`0.00` beside a `4.15` discount).
      shipping: money(c.get('Shipping', 'Delivery'), '.'),
      tax: money(c.get('Sales Tax'), '.'),
      ...orderRefund(c),
    };
  },
};

export const ETSY_READERS: readonly ReaderSpec[] = [soldOrderItems, soldOrders];
