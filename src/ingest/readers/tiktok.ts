import { expr, lit, money, quantity, sqlString, text } from '../fields.js';
import type { ColumnRef, Field, ReaderSpec } from '../reader.js';

/**
 * TikTok Shop ▸ Orders ▸ Export (docs/formats/tiktok-shop.md): one row per SKU, order-level amounts repeated on every
 * row of the order, no currency column. The same reader covers the US layout (58 columns), the
 * Indonesian layout with `Tokopedia Invoice Number`, the Vietnamese address block and the older ones:
 * detection uses only columns all of them share, and everything else is read when present.
 */

// A shop sells in one market and is paid in its currency; the export never says which.
const CURRENCY_OF_MARKET: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  ID: 'IDR',
  MY: 'MYR',
  TH: 'THB',
  VN: 'VND',
  PH: 'PHP',
  SG: 'SGD',
  MX: 'MXN',
  BR: 'BRL',
  JP: 'JPY',
  DE: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  IE: 'EUR',
};

// US exports write `09/15/2025 7:44:26 AM`; MY/TH/ID/VN write `25/06/2026 13:03:57`. The market decides
// which order an ambiguous `03/04/2026` is read in; the other order stays as a fallback so that a cell
// only one reading can parse (a day above 12) is still read. XLSX dates arrive as ISO text.
const MONTH_FIRST = [
  '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %I:%M %p',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y',
];
const DAY_FIRST = ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %I:%M:%S %p', '%d/%m/%Y %H:%M', '%d/%m/%Y'];
const ISO = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d'];

// Status values in English and as the localised exports write them: Indonesian (`Dibatalkan`,
// `Belum dibayar`) and Thai (`ยกเลิกแล้ว`) per docs/formats/tiktok-shop.md; the Vietnamese words are unconfirmed.
// `On hold` (paid, still inside the buyer's cancellation window) counts as pending.
const CANCELLED = ['cancel', 'batal', 'ยกเลิก', 'hủy'];
const PENDING = [
  'unpaid',
  'awaiting payment',
  'on hold',
  'belum dibayar',
  'menunggu pembayaran',
  'ยังไม่ชำระ',
  'รอการชำระ',
  'chưa thanh toán',
];
// `Cancelation/Return Type`: `Return/Refund` means goods came back; a refund without a return is refunded.
const RETURNED = ['return', 'pengembalian barang', 'คืนสินค้า', 'trả hàng'];
const REFUNDED = ['refund', 'pengembalian dana', 'คืนเงิน', 'hoàn tiền'];

/**
 * ISO code of a country cell. The lookup table is read once, as a map: `bl_country` is a subquery per
 * row, which DuckDB does not share when the market is used three times over a large file (a 200,000-row
 * export took twice as long).
 */
const isoCountry = (cell: string) =>
  `(SELECT map(list(name), list(iso2)) FROM bl_countries)[bl_country_key(${cell})]`;

const list = (formats: readonly string[]) => `[${formats.map(sqlString).join(', ')}]`;
const lowered = (ref: ColumnRef | undefined) => (ref ? `lower(coalesce(bl_text(${ref.sql}), ''))` : `''`);
const anyOf = (cell: string, words: readonly string[]) =>
  words.map((w) => `contains(${cell}, ${sqlString(w)})`).join(' OR ');
const optMoney = (ref: ColumnRef | undefined): Field | undefined => (ref ? money(ref, '.') : undefined);

export const tiktokOrders: ReaderSpec = {
  id: 'tiktok-orders',
  label: 'TikTok Shop order export',
  kind: 'orders',
  channel: 'tiktok-shop',
  signature: [
    'order id',
    'order status',
    'sku id',
    'seller sku',
    'quantity',
    'sku unit original price',
    'sku subtotal before discount',
    'created time',
  ],
  delimiters: [','],
  decimal: '.',
  orders: (c, options) => {
    const orderId = c.get('Order ID');
    const created = c.get('Created Time');
    const countryRef = c.opt('Country');
    const qty = quantity(c.get('Quantity'));
    const unit = money(c.get('SKU Unit Original Price'), '.');
    const subtotal = c.get('SKU Subtotal Before Discount');
    const statusRef = c.get('Order Status');
    const typeRef = c.opt('Cancelation/Return Type', 'Cancellation/Return Type', 'Cancel Type');
    const fulfilment = c.opt('Fulfillment Type');
    const sellerSku = c.get('Seller SKU');

    // Unpaid orders may leave the address blank: such a row takes the market of the rest of the file
    // (a TikTok shop sells in one market). An unreadable country is still a reject.
    const market = countryRef
      ? isoCountry(`coalesce(bl_text(${countryRef.sql}), max(bl_text(${countryRef.sql})) OVER ())`)
      : options.market
        ? sqlString(options.market.toUpperCase())
        : 'NULL';
    const currencyCase = Object.entries(CURRENCY_OF_MARKET)
      .map(([m, cur]) => `WHEN ${sqlString(m)} THEN ${sqlString(cur)}`)
      .join(' ');

    const cell = `bl_text(${created.sql})`;
    const monthFirst = `coalesce((${market}) = 'US', regexp_matches(${cell}, '[AaPp][Mm]$'))`;
    const status = lowered(statusRef);
    const type = lowered(typeRef);

    return {
      orderId: text(orderId),
      orderTime: expr(
        `CASE WHEN ${monthFirst} THEN try_strptime(${cell}, ${list([...MONTH_FIRST, ...DAY_FIRST, ...ISO])})
              ELSE try_strptime(${cell}, ${list([...DAY_FIRST, ...MONTH_FIRST, ...ISO])}) END`,
        created,
        'a date like 09/15/2025 7:44:26 AM (US) or 25/06/2026 13:03:57',
      ),
      // Seller SKU is optional in Seller Center; TikTok's own SKU ID identifies the product otherwise.
      sku: { sql: `coalesce(bl_text(${sellerSku.sql}), bl_text(${c.get('SKU ID').sql}))`, raw: sellerSku },
      quantity: qty,
      // `SKU Subtotal Before Discount` = quantity × unit original price; rebuilt only when left empty.
      gross: expr(
        `CASE WHEN bl_text(${subtotal.sql}) IS NULL THEN (${qty.sql}) * (${unit.sql}) ELSE bl_money(${subtotal.sql}, '.') END`,
        subtotal,
        'an amount like 11.99',
      ),
      // Platform discounts are funded by TikTok and paid back to the seller: not the seller's discount.
      discount: optMoney(c.opt('SKU Seller Discount')),
      // Order-level cells repeat on every SKU row: the compiler takes them once per order.
      order: {
        shipping: optMoney(c.opt('Shipping Fee After Discount')),
        tax: optMoney(c.opt('Taxes')),
        refund: optMoney(c.opt('Order Refund Amount')),
      },
      // Derived, so not a reject of its own: a market without a known currency takes --currency.
      currency: expr(`CASE (${market}) ${currencyCase} END`),
      market: countryRef ? expr(market, countryRef, 'a country name or ISO 3166 code') : lit(null),
      status: expr(`CASE WHEN ${anyOf(status, CANCELLED)} THEN 'cancelled'
        WHEN ${anyOf(type, RETURNED)} THEN 'returned'
        WHEN ${anyOf(type, REFUNDED)} THEN 'refunded'
        WHEN ${anyOf(status, PENDING)} THEN 'pending'
        ELSE 'completed' END`),
      statusRaw: expr(
        `nullif(concat_ws(' / ', bl_text(${statusRef.sql}), ${typeRef ? `bl_text(${typeRef.sql})` : 'NULL'}), '')`,
      ),
      ...(fulfilment
        ? {
            fulfillment: expr(`CASE WHEN contains(${lowered(fulfilment)}, 'tiktok') THEN 'FBT'
              WHEN contains(${lowered(fulfilment)}, 'seller') THEN 'merchant'
              ELSE bl_text(${fulfilment.sql}) END`),
          }
        : {}),
      // XLSX exports (and some CSVs) carry a second row of column descriptions under the header.
      skipRow: `starts_with(lower(bl_text(${orderId.sql})), 'platform unique order id')`,
    };
  },
};

export const TIKTOK_READERS: readonly ReaderSpec[] = [tiktokOrders];
