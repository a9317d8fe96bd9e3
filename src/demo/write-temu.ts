/**
 * Temu Seller Center order export, US layout (docs/formats/temu.md): one row per order item, mostly
 * lower-case headers, `purchase date` like `Jan 10, 2024, 3:45 pm PST(UTC-8)`, plain dollar amounts.
 * Revenue is the base price Temu pays the seller; the retail price is Temu's.
 */
import { pacificOffsetMin, temuTime } from './calendar.js';
import { seenAs, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { usBuyer } from './people.js';
import { digitsOf, exportFile, hashOf, money } from './text.js';

// prettier-ignore
const HEADER = [
  'Order ID', 'order status', 'Logistics service suggestion', 'Order item ID', 'order item status', 'product name',
  'product name by customer order', 'variation', 'sku id', 'contribution sku', 'quantity purchased', 'quantity shipped',
  'quantity to ship', 'recipient name', 'recipient first name', 'recipient last name', 'recipient phone number',
  'virtual email', 'ship address 1', 'ship address 2', 'ship address 3', 'district', 'ship city', 'ship state',
  'ship postal code (Must be shipped to the following zip code.)', 'ship country', 'carrier', 'tracking number',
  'activity goods base price', 'base price total', 'order settlement status', 'purchase date', 'iPhone serial number',
  'keep proof of shipment before delivery', 'Retail price total after discounts(tax excl.)', 'Shipping total(tax excl.)',
  'Product refund',
];

/** What Temu charges the consumer, against the base price it pays the seller [invented]. */
const RETAIL_MARKUP = 1.8;

export function temuFile(orders: readonly DemoOrder[], days: readonly string[], asOfDay: number): string {
  return exportFile(HEADER.join(','), orders, (order) => orderRows(order, days, asOfDay));
}

function orderRows(order: DemoOrder, days: readonly string[], asOfDay: number): string[][] {
  const iso = days[order.day];
  const age = asOfDay - order.day;
  const outcome = seenAs(order, asOfDay);
  const buyer = usBuyer(order.buyer, order.state);
  const serial = `${String(order.seq).padStart(7, '0')}${digitsOf(String(order.seq), 10, 'temu')}`;
  const orderStatus =
    outcome === 'cancelled' ? 'Canceled' : age <= 1 ? 'Unshipped' : age <= 6 ? 'Shipped' : 'Delivered';
  const shipped = orderStatus === 'Shipped' || orderStatus === 'Delivered';
  return order.lines.map((l, i) => {
    const total = round2(l.quantity * l.unitPrice);
    const itemStatus = outcome === 'returned' ? 'Refunded' : orderStatus;
    return [
      `PO-211-${serial}`,
      orderStatus,
      '',
      `211-${serial.slice(0, 15)}${String(i + 1).padStart(2, '0')}`,
      itemStatus,
      `Lumora ${l.sku.name}`,
      '',
      l.sku.variant,
      String(5_500_000_000_000 + (hashOf(l.sku.sku) % 1_000_000_000)),
      l.sku.sku,
      String(l.quantity),
      shipped ? String(l.quantity) : '0',
      shipped || outcome === 'cancelled' ? '0' : String(l.quantity),
      buyer.name,
      buyer.first,
      buyer.last,
      `+1 ${buyer.phone.slice(0, 3)}-${buyer.phone.slice(3, 7)}`,
      `relay-${digitsOf(String(order.buyer), 8, 'relay')}@example.invalid`,
      buyer.street,
      '',
      '',
      '',
      buyer.city,
      buyer.state,
      buyer.zip,
      'United States',
      shipped ? 'USPS' : '',
      shipped ? `92${digitsOf(serial, 20, 'trk')}` : '',
      money(l.unitPrice),
      money(total),
      age > 14 && outcome !== 'cancelled' ? 'Settled' : 'Unsettled',
      temuTime(iso, order.seconds, pacificOffsetMin(iso)),
      '',
      'No',
      money(round2(total * RETAIL_MARKUP)),
      '0.00',
      outcome === 'returned' ? money(total) : '',
    ];
  });
}
