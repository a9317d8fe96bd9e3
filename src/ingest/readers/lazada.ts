import { country, expr, lit, money, status, text, time } from '../fields.js';
import type { ReaderSpec } from '../reader.js';
import { currencyOfMarket } from './southeast-asia.js';

/**
 * Lazada ▸ Seller Center ▸ Orders ▸ Export (XLSX, sheet `sheet1`, docs/formats/lazada.md): camelCase
 * headers in every region (MY, SG, TH, VN, PH, ID), one row per unit — there is no quantity column, so
 * each row is one unit with its own `orderItemId`. The currency is the shop's, implied by the buyer's
 * country (`shippingCountry`, a name, sometimes in the region's language).
 */

// `05 Jan 2024 14:30`; XLSX date cells arrive as ISO text.
const CREATED = [
  '%d %b %Y %H:%M',
  '%d %b %Y %H:%M:%S',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%d/%m/%Y %H:%M',
] as const;

// `status`: pending, ready_to_ship, shipped, delivered, canceled, returned, failed…; `failed` deliveries
// never reached the buyer.
const STATUS = {
  cancelled: ['cancel', 'failed'],
  returned: ['return'],
  refunded: ['refund'],
  pending: ['unpaid'],
} as const;

export const lazadaOrders: ReaderSpec = {
  id: 'lazada-orders',
  label: 'Lazada order export',
  kind: 'orders',
  channel: 'lazada',
  signature: ['orderitemid', 'ordernumber', 'sellersku', 'lazadasku', 'createtime', 'unitprice', 'status'],
  delimiters: [',', ';', '\t'],
  decimal: 'auto',
  orders: (c) => {
    const unitPrice = money(c.get('unitPrice'), 'auto');
    const countryRef = c.opt('shippingCountry', 'billingCountry');
    const market = countryRef ? country(countryRef) : lit(null);
    const statusRef = c.get('status');
    const optMoney = (name: string) => {
      const ref = c.opt(name);
      return ref ? money(ref, 'auto') : undefined;
    };
    const sellerDiscount = optMoney('sellerDiscountTotal');
    const shipping = optMoney('shippingFee');
    const sku = c.get('sellerSku');
    return {
      orderId: text(c.get('orderNumber')),
      lineId: text(c.get('orderItemId')),
      orderTime: time(c.get('createTime'), CREATED),
      sku: { sql: `coalesce(bl_text(${sku.sql}), bl_text(${c.get('lazadaSku').sql}))`, raw: sku },
      quantity: lit(1),
      gross: unitPrice,
      // The seller's discount is written negative (or empty); the platform's is Lazada's own money.
      ...(sellerDiscount ? { discount: expr(`abs(coalesce(${sellerDiscount.sql}, 0))`) } : {}),
      ...(shipping ? { shipping } : {}),
      currency: countryRef ? expr(currencyOfMarket(market.sql)) : lit(null),
      market,
      status: status(statusRef, STATUS),
      statusRaw: text(statusRef),
      fillForward: false,
    };
  },
};

export const LAZADA_READERS: readonly ReaderSpec[] = [lazadaOrders];
