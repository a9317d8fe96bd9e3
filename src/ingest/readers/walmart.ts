import { expr, lit, money, quantity, status, text, time } from '../fields.js';
import type { ReaderSpec } from '../reader.js';

/**
 * Walmart Marketplace ▸ Seller Center ▸ Orders ▸ Export (`PO_Data_<date>_<time>PST.csv`, docs/formats/walmart.md
 * §7): one row per purchase-order line, in the 37-column current header (with its typo
 * `Shipping Config SOurce`) or the 29-column 2017 header. Walmart.com sells to the US only, in USD.
 */

// The 2017 export writes `2017-11-02` (its author's parser reads `%Y-%m-%d`); Seller Center
// downloads opened in a spreadsheet come back as `11/2/2017`.
const ORDER_DATE = [
  '%Y-%m-%d',
  '%Y-%m-%d %H:%M:%S',
  '%m/%d/%Y',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%m/%d/%y',
] as const;

export const WALMART_READERS: readonly ReaderSpec[] = [
  {
    id: 'walmart-po',
    label: 'Walmart Seller Center PO export (PO_Data_….csv)',
    kind: 'orders',
    channel: 'walmart',
    // Shared by both headers; `Shipping Config SOurce` is left out so a corrected spelling still reads.
    signature: ['po#', 'order#', 'order date', 'line#', 'status', 'qty', 'sku', 'item cost'],
    delimiters: [','],
    decimal: '.',
    orders: (c) => {
      const entity = c.opt('Fulfillment Entity');
      const statusCell = c.get('Status');
      return {
        // A customer order (`Order#`) can span several sellers' POs; the PO is this seller's order.
        orderId: text(c.get('PO#')),
        lineId: text(c.get('Line#')),
        orderTime: time(c.get('Order Date'), ORDER_DATE),
        sku: text(c.get('SKU')),
        quantity: quantity(c.get('Qty')),
        // `Item Cost` is the PO line's product charge, i.e. the line total: Walmart's order model
        // charges PRODUCT per order line, and the 2017 file's author sums `Item Cost` as sales without
        // multiplying by `Qty` (he does multiply for Amazon). Most Walmart lines carry one unit anyway.
        gross: money(c.get('Item Cost'), '.'),
        shipping: money(c.get('Shipping Cost'), '.'),
        tax: money(c.get('Tax'), '.'),
        currency: lit('USD'),
        market: lit('US'),
        // Created, Acknowledged, Shipped, Delivered, Cancelled (also spelled Canceled), Refund.
        status: status(statusCell, {
          cancelled: ['cancel'],
          refunded: ['refund'],
          pending: ['created', 'acknowledged'],
        }),
        statusRaw: text(statusCell),
        // `Seller Fulfilled` or `WFS` (Walmart Fulfillment Services); the 2017 header has no such column.
        ...(entity ? { fulfillment: expr(`bl_text(${entity.sql})`) } : {}),
      };
    },
  },
];
