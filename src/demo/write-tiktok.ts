/**
 * TikTok Shop ▸ Orders ▸ Export, US layout (58 columns, docs/formats/tiktok-shop.md): UTF-8 with BOM,
 * the header line ending in CRLF and the rows in LF, one row per SKU with the order-level amounts
 * repeated, ids, times, zip codes and package ids ending in a TAB inside the cell, an empty time as
 * a lone TAB, and the multi-line `Shipping Information` cell.
 */
import { addDays, tiktokTime } from './calendar.js';
import { seenAs, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { usBuyer } from './people.js';
import { digitsOf, exportFile, money } from './text.js';

// prettier-ignore
const HEADER = [
  'Order ID', 'Order Status', 'Order Substatus', 'Cancelation/Return Type', 'Normal or Pre-order', 'SKU ID', 'Seller SKU',
  'Product Name', 'Variation', 'Quantity', 'Sku Quantity of return', 'SKU Unit Original Price', 'SKU Subtotal Before Discount',
  'SKU Platform Discount', 'SKU Seller Discount', 'SKU Subtotal After Discount', 'Shipping Fee After Discount',
  'Original Shipping Fee', 'Shipping Fee Seller Discount', 'Co-Funded Shipping Fee Discount', 'Shipping Fee Platform Discount',
  'Payment platform discount', 'Retail Delivery Fee', 'Taxes', 'Order Amount', 'Order Refund Amount', 'Created Time',
  'Paid Time', 'RTS Time', 'Shipped Time', 'Delivered Time', 'Cancelled Time', 'Cancel By', 'Cancel Reason',
  'Fulfillment Type', 'Warehouse Name', 'Tracking ID', 'Delivery Option Type', 'Delivery Option', 'Shipping Provider Name',
  'Buyer Message', 'Buyer Username', 'Recipient', 'Phone #', 'Country', 'State', 'City', 'Zipcode', 'Address Line 1',
  'Address Line 2', 'Delivery Instruction', 'Payment Method', 'Weight(kg)', 'Product Category', 'Package ID', 'Seller Note',
  'Shipping Information', 'Combined Listing',
];

const CATEGORY: Record<string, string> = {
  blender: 'Kitchen Appliances',
  lamp: 'Home Decor',
  curler: 'Hair Care & Styling',
  silk: 'Bedding',
  mount: 'Phone Accessories',
  tumbler: 'Drinkware',
};
const PAYMENT = ['Credit/debit card', 'Credit/debit card', 'PayPal', 'Apple Pay', 'Klarna'];
const TAB = '\t';

/** TikTok's 18-digit order id: also the `TikTokOrderID:` tag of the order's copy in Shopify. */
export const tiktokOrderId = (order: DemoOrder): string =>
  `576${String(order.seq).padStart(7, '0')}${digitsOf(String(order.seq), 8, 'tt')}`;
const skuId = (sku: string) => `17${digitsOf(sku, 17, 'sku')}`;

/** The whole file: orders as an export downloaded at the end of `asOfDay` shows them. */
export function tiktokFile(orders: readonly DemoOrder[], days: readonly string[], asOfDay: number): string {
  // A BOM, and CRLF after the header only (its `\r` here, then the `\n` every line gets), as TikTok writes it.
  return exportFile(`\uFEFF${HEADER.join(',')}\r`, orders, (order) => orderRows(order, days, asOfDay));
}

function orderRows(order: DemoOrder, days: readonly string[], asOfDay: number): string[][] {
  const iso = days[order.day];
  const age = asOfDay - order.day;
  const outcome = seenAs(order, asOfDay);
  const buyer = usBuyer(order.buyer, order.state);
  const id = tiktokOrderId(order);
  const at = (dayOffset: number, seconds: number) =>
    age >= dayOffset ? `${tiktokTime(addDays(iso, dayOffset), seconds)}${TAB}` : TAB;

  const lines = order.lines.map((l) => {
    const gross = round2(l.quantity * l.unitPrice);
    const platform = round2(((gross - l.discount) * order.platformDiscountPct) / 100);
    return { l, gross, platform, after: round2(gross - l.discount - platform) };
  });
  const afterAll = lines.reduce((s, x) => s + x.after, 0);
  const tax = round2(order.taxRate * afterAll);
  const amount = round2(afterAll + order.shipping + tax);
  // The goods refunded, less the seller's discount: what the seller had booked for them.
  const refund = outcome === 'returned' ? money(lines.reduce((s, x) => s + x.gross - x.l.discount, 0)) : '';

  let status: string;
  let substatus: string;
  if (outcome === 'cancelled') [status, substatus] = ['Cancelled', 'Cancelled'];
  else if (age === 0) [status, substatus] = ['To ship', 'Awaiting shipment'];
  else if (age <= 3) [status, substatus] = ['Shipped', 'In transit'];
  else if (age <= 14) [status, substatus] = ['Delivered', 'Delivered'];
  else [status, substatus] = ['Completed', 'Completed'];
  const shipped = outcome !== 'cancelled';
  const fbt = order.fulfillment === 'FBT';
  const shippingInfo = `${buyer.name}\n(+1)${buyer.phone}\n${buyer.city}, ${buyer.stateName}\n${buyer.zip}\nUnited States`;

  return lines.map(({ l, gross, platform, after }) => [
    `${id}${TAB}`,
    status,
    substatus,
    outcome === 'cancelled' ? 'Cancel' : outcome === 'returned' ? 'Return/Refund' : '',
    'Normal',
    `${skuId(l.sku.sku)}${TAB}`,
    l.sku.sku,
    `Lumora ${l.sku.name}`,
    l.sku.variant,
    String(l.quantity),
    outcome === 'returned' ? String(l.quantity) : '0',
    money(l.unitPrice),
    money(gross),
    money(platform),
    money(l.discount),
    money(after),
    money(order.shipping),
    money(order.shipping),
    '0',
    '0',
    '0',
    '',
    '0',
    money(tax),
    money(amount),
    refund,
    `${tiktokTime(iso, order.seconds)}${TAB}`,
    `${tiktokTime(iso, Math.min(86_399, order.seconds + 8 + (order.seq % 50)))}${TAB}`,
    shipped ? at(1, 36_000 + (order.seq % 3600)) : TAB,
    shipped ? at(1, 54_000 + (order.seq % 3600)) : TAB,
    shipped ? at(4, 50_400 + (order.seq % 3600)) : TAB,
    outcome === 'cancelled' ? at(order.settleAfterDays, Math.min(86_399, order.seconds + 1800)) : TAB,
    outcome === 'cancelled' ? (order.seq % 3 === 0 ? 'System' : 'Buyer') : '',
    outcome === 'cancelled' ? (order.seq % 3 === 0 ? 'Package delivery failed' : 'No longer needed') : '',
    fbt ? 'Fulfillment by TikTok Shop' : 'Fulfillment by seller',
    fbt ? 'FBT Ontario CA' : 'Lumora 3PL Ontario',
    shipped && age >= 1 ? `TT${digitsOf(id, 16, 'track')}${TAB}` : '',
    fbt ? 'TikTok Shipping' : 'Seller Shipping',
    'Standard Shipping',
    fbt ? 'TikTok Shipping' : 'USPS',
    '',
    `user${digitsOf(String(order.buyer), 8, 'u')}`,
    buyer.name,
    `(+1)${buyer.phone}`,
    'United States',
    buyer.stateName,
    buyer.city,
    `${buyer.zip}${TAB}`,
    buyer.street,
    '',
    '',
    PAYMENT[order.buyer % PAYMENT.length],
    String(l.sku.weightKg),
    CATEGORY[l.sku.family] ?? 'Home Supplies',
    `1154${digitsOf(id, 15, 'pkg')}${TAB}`,
    '',
    shippingInfo,
    '',
  ]);
}
