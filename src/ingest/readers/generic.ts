import { country, currency, isoTime, lit, money, offsetOf, quantity, status, text } from '../fields.js';
import type { ReaderSpec } from '../reader.js';

/**
 * The documented generic CSV (docs/formats.md), for channels without a reader and for tests:
 * `order_id,order_date,sku,quantity,unit_price,currency,channel,market` plus optional
 * `line_id,status,fees,discount,shipping,tax,refund,fulfillment`. Dates are ISO 8601.
 */
export const ISO_FORMATS = [
  '%Y-%m-%d',
  '%Y-%m-%dT%H:%M:%S.%f%z',
  '%Y-%m-%dT%H:%M:%S%z',
  '%Y-%m-%d %H:%M:%S%z',
  '%Y-%m-%dT%H:%M:%SZ',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M',
] as const;

export const generic: ReaderSpec = {
  id: 'generic',
  label: 'Generic order CSV',
  kind: 'orders',
  channel: null,
  signature: ['order_id', 'order_date', 'sku', 'quantity', 'unit_price', 'currency', 'channel', 'market'],
  delimiters: [','],
  decimal: '.',
  orders: (c) => {
    const qty = quantity(c.get('quantity'));
    const unitPrice = money(c.get('unit_price'), '.');
    const optionalMoney = (name: string) => {
      const ref = c.opt(name);
      return ref ? money(ref, '.') : undefined;
    };
    const statusRef = c.opt('status');
    const date = c.get('order_date');
    return {
      orderId: text(c.get('order_id')),
      orderTime: isoTime(date),
      utcOffsetMin: offsetOf(date),
      sku: text(c.get('sku')),
      quantity: qty,
      // Checked through `unit_price`: the product is NULL exactly when one of its factors is.
      gross: { ...unitPrice, sql: `(${qty.sql}) * (${unitPrice.sql})` },
      currency: currency(c.get('currency')),
      market: country(c.get('market')),
      channel: { ...text(c.get('channel')), sql: `lower(bl_text(${c.get('channel').sql}))` },
      status: statusRef
        ? status(statusRef, {
            cancelled: ['cancel', 'void'],
            refunded: ['refund'],
            returned: ['return'],
            pending: ['pending', 'unpaid'],
          })
        : lit('completed'),
      ...(statusRef ? { statusRaw: text(statusRef) } : {}),
      ...(c.opt('line_id') ? { lineId: text(c.get('line_id')) } : {}),
      ...(c.opt('fulfillment') ? { fulfillment: text(c.get('fulfillment')) } : {}),
      discount: optionalMoney('discount'),
      shipping: optionalMoney('shipping'),
      tax: optionalMoney('tax'),
      fees: optionalMoney('fees'),
      refund: optionalMoney('refund'),
      fillForward: false,
    };
  },
};
