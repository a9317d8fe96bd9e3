import { country, expr, lit, money, quantity, sqlString, status, text, time } from '../fields.js';
import type { Columns, Field, OrderMapping, ReaderSpec } from '../reader.js';
import { CURRENCY_OF_MARKET, currencyOfMarket, marketOfCurrency } from './southeast-asia.js';

/**
 * Shopee ▸ Seller Centre ▸ My Orders ▸ Export (`Order.all.YYYYMMDD_YYYYMMDD.xlsx`,
 * docs/formats/shopee.md): one row per SKU of an order, order-level amounts repeated on each row,
 * headers in the shop's language. The English layout (MY, SG, PH, TH, MX), the Brazilian one
 * (Portuguese, `Desconto do vendedor` and `Cidade` written twice), the Indonesian and the
 * Vietnamese ones share their columns' meaning; each language is its own reader, found by header.
 */
interface Names {
  orderId: string;
  status: string;
  created: string;
  sku: string;
  parentSku: string;
  product: string;
  originalPrice: string;
  dealPrice: string;
  quantity: string;
  returnedQuantity?: string;
  country?: string;
  commission?: string;
  service?: string;
  transaction?: string;
  /** Whatever the header alone says about the shop's currency (a language spoken in one market). */
  currency?: string;
}

const ENGLISH: Names = {
  orderId: 'Order ID',
  status: 'Order Status',
  created: 'Order Creation Date',
  sku: 'SKU Reference No.',
  parentSku: 'Parent SKU Reference No.',
  product: 'Product Name',
  originalPrice: 'Original Price',
  dealPrice: 'Deal Price',
  quantity: 'Quantity',
  returnedQuantity: 'Returned quantity',
  country: 'Country',
  commission: 'Commission Fee',
  service: 'Service Fee',
  transaction: 'Transaction Fee',
};

const PORTUGUESE: Names = {
  orderId: 'ID do pedido',
  status: 'Status do pedido',
  created: 'Data de criação do pedido',
  sku: 'Número de referência SKU',
  parentSku: 'Nº de referência do SKU principal',
  product: 'Nome do Produto',
  originalPrice: 'Preço original',
  dealPrice: 'Preço acordado',
  quantity: 'Quantidade',
  // Left in English in the Brazilian export.
  returnedQuantity: 'Returned quantity',
  country: 'País',
  commission: 'Taxa de comissão',
  service: 'Taxa de serviço',
  transaction: 'Taxa de transação',
  currency: 'BRL',
};

const INDONESIAN: Names = {
  orderId: 'No. Pesanan',
  status: 'Status Pesanan',
  created: 'Waktu Pesanan Dibuat',
  sku: 'No. Referensi SKU',
  parentSku: 'SKU Induk',
  product: 'Nama Produk',
  originalPrice: 'Harga Awal',
  dealPrice: 'Harga Setelah Diskon',
  quantity: 'Jumlah',
  currency: 'IDR',
};

const VIETNAMESE: Names = {
  orderId: 'Mã đơn hàng',
  status: 'Trạng Thái Đơn Hàng',
  created: 'Ngày đặt hàng',
  sku: 'SKU phân loại hàng',
  parentSku: 'SKU sản phẩm',
  product: 'Tên sản phẩm',
  originalPrice: 'Giá gốc',
  dealPrice: 'Giá ưu đãi',
  quantity: 'Số lượng',
  returnedQuantity: 'Số lượng sản phẩm được hoàn trả',
  country: 'Quốc gia',
  currency: 'VND',
};

// `2024-01-05 14:30` in the seller centre's local time; XLSX date cells arrive as ISO text.
const CREATED = [
  '%Y-%m-%d %H:%M',
  '%Y-%m-%d %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%Y-%m-%d',
] as const;

// Status words in the four languages, first match wins. Shopee's `To ship`, `Shipping`, `Delivered`
// and `Completed` are all sales; an unpaid order is not one yet.
const STATUS = {
  cancelled: ['cancel', 'batal', 'hủy', 'huỷ'],
  pending: ['unpaid', 'belum bayar', 'não pago', 'aguardando pagamento', 'chờ thanh toán', 'chưa thanh toán'],
} as const;

/** A currency written in a header suffix, `Total Discount(PHP)`, when it is a known shop currency. */
function headerCurrency(c: Columns): string | undefined {
  const known = new Set(Object.values(CURRENCY_OF_MARKET));
  for (const name of c.header) {
    const code = /\(([A-Z]{3})\)\s*$/.exec(name.trim())?.[1];
    if (code && known.has(code)) return code;
  }
  return undefined;
}

function mapping(names: Names) {
  return (c: Columns): OrderMapping => {
    const qty = quantity(c.get(names.quantity));
    const original = money(c.get(names.originalPrice), 'auto');
    const deal = money(c.get(names.dealPrice), 'auto');
    const opt = (name: string | undefined) => (name ? c.opt(name) : undefined);
    const countryRef = opt(names.country);
    const fixedCurrency = names.currency ?? headerCurrency(c);
    const fixedMarket = fixedCurrency ? marketOfCurrency(fixedCurrency) : undefined;
    // The buyer's country column where there is one (cross-border shops sell into several markets);
    // else the market the shop's currency implies; else --market.
    const market: Field = countryRef
      ? {
          ...country(countryRef),
          sql: `coalesce(${country(countryRef).sql}, ${fixedMarket ? sqlString(fixedMarket) : 'NULL'})`,
        }
      : lit(fixedMarket ?? null);
    // Without either, --currency says it.
    const currency: Field = fixedCurrency
      ? lit(fixedCurrency)
      : countryRef
        ? expr(currencyOfMarket(country(countryRef).sql))
        : lit(null);
    const returned = opt(names.returnedQuantity);
    const returnedQty = returned ? `coalesce(bl_money(${returned.sql}, 'auto'), 0)` : '0';
    const fee = (name: string | undefined): Field | undefined => {
      const ref = opt(name);
      return ref ? money(ref, 'auto') : undefined;
    };
    const fees = [fee(names.commission), fee(names.service), fee(names.transaction)].filter(
      (f): f is Field => f !== undefined,
    );
    const statusRef = c.get(names.status);
    const sku = c.get(names.sku);
    const parentSku = c.get(names.parentSku);
    const product = c.get(names.product);
    return {
      orderId: text(c.get(names.orderId)),
      orderTime: time(c.get(names.created), CREATED),
      // The variation's SKU, else the product's, else its name (many small shops set none).
      sku: {
        sql: `coalesce(bl_text(${sku.sql}), bl_text(${parentSku.sql}), bl_text(${product.sql}))`,
        raw: sku,
      },
      quantity: qty,
      // `Original Price` is the list price; `Deal Price` what the seller's own price cut left.
      gross: { ...original, sql: `(${qty.sql}) * coalesce(${original.sql}, ${deal.sql})` },
      discount: expr(`greatest((${qty.sql}) * (coalesce(${original.sql}, ${deal.sql}) - ${deal.sql}), 0)`),
      // Units the buyer sent back are refunded at what they were sold for.
      // (It carries `Deal Price` for rejects: an unreadable one leaves it NULL.)
      refund: { ...deal, sql: `least(${returnedQty}, ${qty.sql}) * ${deal.sql}` },
      currency,
      market,
      status: expr(
        `CASE WHEN ${returnedQty} > 0 AND ${returnedQty} >= ${qty.sql} THEN 'returned' ELSE ${status(statusRef, STATUS).sql} END`,
      ),
      statusRaw: text(statusRef),
      // Shopee's fees are per order, repeated on each of its rows: taken once and spread.
      ...(fees.length ? { order: { fees: expr(fees.map((f) => `coalesce(${f.sql}, 0)`).join(' + ')) } } : {}),
    };
  };
}

function reader(language: string, names: Names): ReaderSpec {
  const signature = [names.orderId, names.status, names.created, names.sku, names.dealPrice, names.quantity];
  return {
    id: 'shopee-orders',
    label: `Shopee order export (${language})`,
    kind: 'orders',
    channel: 'shopee',
    signature: signature.map((n) => n.toLowerCase()),
    delimiters: [',', ';', '\t'],
    decimal: 'auto',
    orders: mapping(names),
  };
}

export const SHOPEE_READERS: readonly ReaderSpec[] = [
  reader('English', ENGLISH),
  reader('Portuguese', PORTUGUESE),
  reader('Indonesian', INDONESIAN),
  reader('Vietnamese', VIETNAMESE),
];
