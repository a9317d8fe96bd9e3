/**
 * Amazon's All Orders report (docs/formats/amazon.md), as files seen in practice: tab-separated and
 * unquoted, the 32 columns with `url` plus the 2024 `is-iba`, one row per order item, purchase dates
 * in UTC, `item-price` the total for the row's quantity, promotions written negative.
 */
import { addDays, isoUtc, pacificOffsetMin, toUtc } from './calendar.js';
import { seenAs, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { usBuyer } from './people.js';
import { digitsOf, exportFile, hashOf, money } from './text.js';

// prettier-ignore
const HEADER = [
  'amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel',
  'sales-channel', 'order-channel', 'url', 'ship-service-level', 'product-name', 'sku', 'asin', 'item-status', 'quantity',
  'currency', 'item-price', 'item-tax', 'shipping-price', 'shipping-tax', 'gift-wrap-price', 'gift-wrap-tax',
  'item-promotion-discount', 'ship-promotion-discount', 'ship-city', 'ship-state', 'ship-postal-code', 'ship-country',
  'promotion-ids', 'is-business-order', 'purchase-order-number', 'price-designation', 'is-iba',
];

const amazonOrderId = (order: DemoOrder) =>
  `11${1 + (order.seq % 4)}-${String(order.seq).padStart(7, '0')}-${digitsOf(String(order.seq), 7, 'amz')}`;
const asin = (sku: string) =>
  `B0${hashOf(`asin:${sku}`).toString(36).toUpperCase().padStart(8, 'X').slice(0, 8)}`;

/** The whole report: orders as downloaded at the end of `asOfDay`. */
export function amazonFile(orders: readonly DemoOrder[], days: readonly string[], asOfDay: number): string {
  return exportFile(
    HEADER.join('\t'),
    orders,
    (order) => orderRows(order, days, asOfDay),
    (row) => row.join('\t'),
  );
}

function orderRows(order: DemoOrder, days: readonly string[], asOfDay: number): string[][] {
  const iso = days[order.day];
  const age = asOfDay - order.day;
  const outcome = seenAs(order, asOfDay);
  const offset = pacificOffsetMin(iso);
  const purchased = toUtc(iso, order.seconds, offset);
  const updatedDay = Math.min(age, outcome === 'completed' ? 2 : order.settleAfterDays);
  const updated = toUtc(
    addDays(iso, updatedDay),
    updatedDay === 0 ? order.seconds : 43_200 + (order.seq % 3600),
    offset,
  );
  const fba = order.fulfillment === 'FBA';
  const buyer = usBuyer(order.buyer, order.state);
  const id = amazonOrderId(order);

  let orderStatus: string;
  let itemStatus: string;
  if (outcome === 'cancelled') [orderStatus, itemStatus] = ['Cancelled', 'Cancelled'];
  else if (outcome === 'returned') [orderStatus, itemStatus] = ['Shipped - Returned to Seller', 'Shipped'];
  else if (age === 0) [orderStatus, itemStatus] = fba ? ['Pending', 'Unshipped'] : ['Unshipped', 'Unshipped'];
  else [orderStatus, itemStatus] = ['Shipped', 'Shipped'];

  return order.lines.map((l, i) => {
    const price = round2(l.quantity * l.unitPrice);
    const tax = round2(order.taxRate * (price - l.discount));
    return [
      id,
      '',
      isoUtc(purchased.iso, purchased.seconds),
      isoUtc(updated.iso, updated.seconds),
      orderStatus,
      fba ? 'Amazon' : 'Merchant',
      'Amazon.com',
      '',
      '',
      fba ? 'Expedited' : 'Standard',
      `Lumora ${l.sku.name}`,
      l.sku.sku,
      asin(l.sku.sku),
      itemStatus,
      String(l.quantity),
      'USD',
      money(price),
      money(tax),
      i === 0 && order.shipping > 0 ? money(order.shipping) : fba ? '' : '0.00',
      i === 0 && order.shipping > 0 ? '0.00' : '',
      '',
      '',
      l.discount > 0 ? `-${money(l.discount)}` : '',
      '',
      buyer.city.toUpperCase(),
      buyer.state,
      buyer.zip,
      'US',
      l.discount > 0 ? `Coupon ${Math.round((100 * l.discount) / price)}% off Lumora` : '',
      'false',
      '',
      '',
      'false',
    ];
  });
}
