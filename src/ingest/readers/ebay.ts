import { expr, lit, money, quantity, time } from '../fields.js';
import type { Columns, ColumnRef, Field, OrderMapping, ReaderSpec } from '../reader.js';

/**
 * eBay Seller Hub ▸ Orders ▸ Download report (docs/formats/ebay.md), in its US/UK, German and 2017 File
 * Exchange headers. The layout around the table (a row of bare commas, the header, an all-empty row,
 * the rows, a blank line, `N,record(s) downloaded,from … to …`, `Seller ID : …`) comes from two
 * independent parsers of genuine reports; the footers recur mid-file when reports are concatenated.
 */

// `Jul-21-25` (US), `Sep-30-26 23:45:00` (with time), `10-Dez-25` (DE, day first).
const SALE_DATE = [
  '%b-%d-%y',
  '%b-%d-%y %H:%M:%S',
  '%d-%b-%y',
  '%d-%b-%y %H:%M:%S',
  '%b-%d-%Y',
  '%d-%b-%Y',
] as const;

// German abbreviations that differ from English (a DE seller's parser rewrites exactly these four).
const GERMAN_MONTHS: ReadonlyArray<[string, string]> = [
  ['märz|mär|mrz', 'Mar'],
  ['mai', 'May'],
  ['okt', 'Oct'],
  ['dez', 'Dec'],
];
const englishMonths = (cell: string) =>
  GERMAN_MONTHS.reduce((sql, [de, en]) => `regexp_replace(${sql}, '(^|-)(${de})-', '\\1${en}-', 'i')`, cell);

/**
 * A multi-item order is an order summary row (no item number; buyer, address and the order's money)
 * followed by its item rows, all with the order's sales record number. Summing the summary's `Sold
 * For` would double the order, so it is skipped; these read what it says about the order.
 */
interface Link {
  record: ColumnRef;
  item: ColumnRef;
}
// `_file`: several eBay reports may be read in one query; an order's summary is in its own file.
const summaryRow = (link: Link) =>
  `FROM src s WHERE s._file = src._file AND bl_text(s.${link.record.sql}) = bl_text(src.${link.record.sql}) AND bl_text(s.${link.item.sql}) IS NULL`;
const fromSummary = (ref: ColumnRef, link: Link) => `(SELECT max(bl_text(s.${ref.sql})) ${summaryRow(link)})`;
/** The row's own cell, else its order summary's. */
const orSummary = (ref: ColumnRef, link: Link): ColumnRef => ({
  name: ref.name,
  sql: `coalesce(bl_text(src.${ref.sql}), ${fromSummary(ref, link)})`,
});

/** The sale date of the row, else of its order summary; a reject names the row's own cell. */
function saleDate(ref: ColumnRef, link: Link): Field {
  return { ...time(orSummary(ref, link), SALE_DATE, englishMonths), raw: ref };
}

/** ICU still names withdrawn codes (`United Kingdom` → `UK`): put the current code back. */
function isoCountry(cellSql: string): string {
  const code = `bl_country(${cellSql})`;
  const legacy = Object.entries({ UK: 'GB', DY: 'BJ', HV: 'BF', NH: 'VU', VD: 'VN', RH: 'ZW' });
  return `CASE ${code} ${legacy.map(([old, now]) => `WHEN '${old}' THEN '${now}'`).join(' ')} ELSE ${code} END`;
}

/**
 * The buyer's country from the row's first readable country column, else its order summary's. The
 * lookups run inside the subquery: applied to a correlated subquery's result they run row by row.
 */
function buyerCountry(refs: ColumnRef[], link: Link): Field {
  const own = refs.map((r) => `bl_text(src.${r.sql})`).join(', ');
  const of = (alias: string) => `coalesce(${refs.map((r) => isoCountry(`${alias}.${r.sql}`)).join(', ')})`;
  const sql = `CASE WHEN coalesce(${own}) IS NOT NULL THEN ${of('src')} ELSE (SELECT max(${of('s')}) ${summaryRow(link)}) END`;
  return { sql, raw: refs[0], expect: 'a country name or ISO 3166 code' };
}

/**
 * Amounts carry their currency as a symbol: `$45.99`, `£12.00`, `116,99 €`, `C $20.00`, `AU $9.95`,
 * or an ISO code. A bare `$` is USD unless the item sits in a dollar country other than the US.
 */
function currencyOfAmounts(
  cells: ColumnRef[],
  itemCountry: ColumnRef | undefined,
  fallback: string | null,
): Field {
  const t = `concat_ws(' ', ${cells.map((r) => `bl_text(src.${r.sql})`).join(', ')})`;
  const code = `bl_currency(regexp_extract(${t}, '(^|[^A-Za-z])([A-Z]{3})([^A-Za-z]|$)', 2))`;
  const dollar = itemCountry
    ? `CASE bl_country(${itemCountry.sql}) WHEN 'AU' THEN 'AUD' WHEN 'CA' THEN 'CAD' WHEN 'NZ' THEN 'NZD' WHEN 'SG' THEN 'SGD' WHEN 'HK' THEN 'HKD' ELSE 'USD' END`
    : `'USD'`;
  return expr(`coalesce(${code}, CASE
    WHEN regexp_matches(${t}, '(^|[^A-Za-z])(C|CA)\\s?\\$') THEN 'CAD'
    WHEN regexp_matches(${t}, 'AU\\s?\\$') THEN 'AUD'
    WHEN contains(${t}, '£') THEN 'GBP' WHEN contains(${t}, '€') THEN 'EUR'
    WHEN contains(${t}, '$') THEN ${dollar} ELSE ${fallback ? `'${fallback}'` : 'NULL'} END)`);
}

function ebayOrders(c: Columns): OrderMapping {
  const german = c.has('Verkauft für');
  const decimal = german ? ',' : '.';
  const record = c.get('Sales Record Number', 'Verkaufsprotokollnummer');
  const item = c.get('Item Number', 'Item ID', 'Artikelnummer');
  const link = { record, item };
  const orderNo = c.get('Order Number', 'Order ID', 'Bestellnummer');
  const transaction = c.opt('Transaction ID', 'Transaktionsnummer');
  const label = c.get('Custom Label', 'Bestandseinheit');
  const qty = quantity(c.get('Quantity', 'Anzahl', 'Stückzahl'));
  const soldFor = c.get('Sold For', 'Sale Price', 'Verkauft für', 'Verkaufspreis');
  const price = money(soldFor, decimal);
  const total = c.opt('Total Price', 'Gesamtbetrag', 'Gesamtpreis');
  // Order-level money sits on the summary row when there is one (item rows then carry none), else on
  // the order's single row.
  const orderAmount = (ref: ColumnRef | undefined) =>
    ref &&
    expr(
      `coalesce(bl_money_text(${fromSummary(ref, link)}, '${decimal}'), bl_money(src.${ref.sql}, '${decimal}'))`,
      ref,
      'an amount like 12.34',
    );
  const shipping = orderAmount(
    c.opt('Shipping And Handling', 'Postage and packaging', 'Verpackung und Versand'),
  );
  const tax = orderAmount(c.opt('Seller Collected Tax', 'Sales Tax'));
  const countries = [
    c.opt('Ship To Country', 'Post to country', 'Versand nach - Land'),
    c.opt('Buyer Country', 'Land des Käufers'),
  ].filter((r) => r !== undefined);
  const paid = c.opt('Paid On Date', 'Zahlungsdatum', 'Bezahldatum');
  const amounts = [soldFor, ...(total ? [total] : [])];
  return {
    // Item rows repeat the order number; a commitment never checked out has none (keyed by its record).
    orderId: expr(`coalesce(bl_text(src.${orderNo.sql}), 'SRN-' || bl_text(src.${record.sql}))`, orderNo),
    // eBay's own line id is `ItemID-TransactionID`; auction transactions are all `0`.
    ...(transaction
      ? { lineId: expr(`bl_text(src.${item.sql}) || '-' || coalesce(bl_text(src.${transaction.sql}), '0')`) }
      : {}),
    orderTime: saleDate(c.get('Sale Date', 'Verkauft am', 'Verkaufsdatum'), link),
    // A listing without a custom label is still a product: its item number stands in.
    sku: expr(`coalesce(bl_text(src.${label.sql}), 'ebay-' || bl_text(src.${item.sql}))`, label),
    quantity: qty,
    // `Sold For` is the unit price: a single-line order's total is Sold For × Quantity + postage.
    gross: { ...price, sql: `(${qty.sql}) * (${price.sql})` },
    currency: currencyOfAmounts(
      amounts,
      c.opt('Item Country'),
      german ? 'EUR' : c.has('Post to country') ? 'GBP' : null,
    ),
    market: countries.length > 0 ? buyerCountry(countries, link) : lit(null),
    // The report lists no cancelled orders and has no status column; an unpaid commitment has no paid date.
    status: paid
      ? expr(`CASE WHEN ${orSummary(paid, link).sql} IS NULL THEN 'pending' ELSE 'completed' END`)
      : lit('completed'),
    order: { ...(shipping ? { shipping } : {}), ...(tax ? { tax } : {}) },
    // Not item rows: order summaries, the all-empty row under the header and footers padded to full
    // width (no item number), and the header itself repeated where reports were concatenated.
    skipRow: `bl_text(src.${item.sql}) IS NULL OR lower(bl_text(src.${record.sql})) IN ('sales record number', 'verkaufsprotokollnummer')`,
  };
}

// Footer lines of another width than the table: DuckDB rejects them for their shape, these drop them.
const FOOTERS = [/record\(s\) downloaded/i, /^\s*"?Seller ID\s*:/i] as const;

const base = { kind: 'orders', channel: 'ebay', noise: FOOTERS, orders: ebayOrders } as const;

export const EBAY_READERS: readonly ReaderSpec[] = [
  {
    ...base,
    id: 'ebay-orders',
    label: 'eBay Orders report (Seller Hub, US/UK)',
    signature: [
      'sales record number',
      'order number',
      'item number',
      'custom label',
      'quantity',
      'sold for',
      'sale date',
    ],
    delimiters: [','],
  },
  {
    ...base,
    id: 'ebay-orders-de',
    label: 'eBay Bestellungen-Bericht (Seller Hub, DE)',
    signature: [
      'verkaufsprotokollnummer',
      'bestellnummer',
      'artikelnummer',
      'anzahl',
      'verkauft für',
      'verkauft am',
    ],
    delimiters: [';', ','],
    decimal: ',',
  },
  {
    ...base,
    id: 'ebay-file-exchange',
    label: 'eBay File Exchange sold listings (2017)',
    signature: [
      'sales record number',
      'order id',
      'item id',
      'transaction id',
      'custom label',
      'quantity',
      'sale price',
      'sale date',
    ],
    delimiters: [','],
  },
];
