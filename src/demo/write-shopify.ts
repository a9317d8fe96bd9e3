/**
 * Shopify ▸ Orders ▸ Export (docs/formats/shopify.md): the current 79 columns, newest order first,
 * order-level fields on an order's first row only, `Created at` in shop time with its offset
 * (moving with daylight saving), zips with a leading apostrophe. TikTok Shop orders the seller ships
 * come in through TikTok's Shopify app: `Source` tiktok, a `TikTokOrderID:` tag and a multi-line
 * `Note Attributes` cell.
 */
import { addDays, pacificOffsetMin, shopifyTime } from './calendar.js';
import { seenAs, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { usBuyer } from './people.js';
import { csvRow, digitsOf, exportFile, money } from './text.js';
import { tiktokOrderId } from './write-tiktok.js';
import { present } from '../errors.js';

// prettier-ignore
const HEADER = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency',
  'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at',
  'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem compare at price', 'Lineitem sku',
  'Lineitem requires shipping', 'Lineitem taxable', 'Lineitem fulfillment status', 'Billing Name', 'Billing Street',
  'Billing Address1', 'Billing Address2', 'Billing Company', 'Billing City', 'Billing Zip', 'Billing Province',
  'Billing Country', 'Billing Phone', 'Shipping Name', 'Shipping Street', 'Shipping Address1', 'Shipping Address2',
  'Shipping Company', 'Shipping City', 'Shipping Zip', 'Shipping Province', 'Shipping Country', 'Shipping Phone', 'Notes',
  'Note Attributes', 'Cancelled at', 'Payment Method', 'Payment Reference', 'Refunded Amount', 'Vendor',
  'Outstanding Balance', 'Employee', 'Location', 'Device ID', 'Id', 'Tags', 'Risk Level', 'Source', 'Lineitem discount',
  'Tax 1 Name', 'Tax 1 Value', 'Tax 2 Name', 'Tax 2 Value', 'Tax 3 Name', 'Tax 3 Value', 'Tax 4 Name', 'Tax 4 Value',
  'Tax 5 Name', 'Tax 5 Value', 'Phone', 'Receipt Number', 'Duties', 'Billing Province Name', 'Shipping Province Name',
  'Payment ID', 'Payment Terms Name', 'Next Payment Due At', 'Payment References',
];
const col = new Map(HEADER.map((h, i) => [h, i]));

/** A Shopify order: the shop's own, or a TikTok Shop order synced in. */
export interface ShopifyEntry {
  order: DemoOrder;
  name: string;
  synced: boolean;
}

/** Native and synced orders in time order, named #1001, #1002 … as the shop numbers them. */
export function shopifyEntries(native: readonly DemoOrder[], tiktok: readonly DemoOrder[]): ShopifyEntry[] {
  const all = [
    ...native.map((order) => ({ order, synced: false })),
    ...tiktok.filter((o) => o.syncedToShopify).map((order) => ({ order, synced: true })),
  ].sort(
    (a, b) =>
      a.order.day - b.order.day ||
      a.order.seconds - b.order.seconds ||
      Number(a.synced) - Number(b.synced) ||
      a.order.seq - b.order.seq,
  );
  return all.map((e, i) => ({ ...e, name: `#${1001 + i}` }));
}

/** The export downloaded at the end of `asOfDay`, newest order first, rows ending in `eol`. */
export function shopifyFile(
  entries: readonly ShopifyEntry[],
  days: readonly string[],
  asOfDay: number,
  eol: '\n' | '\r\n',
): string {
  // Newest order first, as Shopify lists them.
  return exportFile(
    HEADER.join(','),
    [...entries].reverse(),
    (entry) => entryRows(entry, days, asOfDay, eol),
    csvRow,
    eol,
  );
}

function entryRows(entry: ShopifyEntry, days: readonly string[], asOfDay: number, eol: string): string[][] {
  const { order, synced, name } = entry;
  const iso = days[order.day];
  const age = asOfDay - order.day;
  const outcome = seenAs(order, asOfDay);
  const offset = pacificOffsetMin(iso);
  // TikTok's app copies an order a minute or two after it is placed.
  const createdSeconds = Math.min(86_399, order.seconds + (synced ? 60 + (order.seq % 90) : 0));
  const created = shopifyTime(iso, createdSeconds, offset);
  const at = (dayOffset: number) =>
    shopifyTime(
      addDays(iso, dayOffset),
      50_000 + (order.seq % 3600),
      pacificOffsetMin(addDays(iso, dayOffset)),
    );
  const buyer = usBuyer(order.buyer, order.state);
  const email = synced
    ? `${digitsOf(String(order.buyer), 10, 'tte')}@scs.example.invalid`
    : `${buyer.first.toLowerCase()}.${order.buyer}@example.invalid`;

  const gross = order.lines.reduce((s, l) => s + round2(l.quantity * l.unitPrice), 0);
  const discount = synced
    ? order.lines.reduce((s, l) => s + l.discount, 0)
    : round2((gross * order.codePct) / 100);
  const subtotal = round2(gross - discount);
  const taxes = round2(order.taxRate * subtotal);
  const total = round2(subtotal + order.shipping + taxes);
  const pending = !synced && age === 0 && order.buyer % 8 === 0;
  const financial =
    outcome === 'cancelled'
      ? 'voided'
      : outcome === 'returned'
        ? 'refunded'
        : outcome === 'partial'
          ? 'partially_refunded'
          : pending
            ? 'authorized'
            : 'paid';
  const refunded =
    outcome === 'returned' ? total : outcome === 'partial' ? round2(subtotal * order.partialRefundShare) : 0;
  const fulfilled = outcome !== 'cancelled' && age >= 1;
  const taxName = `${buyer.state} State Tax ${round2(order.taxRate * 100)}%`;
  const paymentId = `r${digitsOf(name, 10, 'pay')}`;

  return order.lines.map((l, i) => {
    const row = new Array<string>(HEADER.length).fill('');
    const set = (header: string, value: string) =>
      (row[present(col.get(header), `Shopify column ${header}`)] = value);
    set('Name', name);
    set('Email', email);
    set('Created at', created);
    set('Lineitem quantity', String(l.quantity));
    set('Lineitem name', synced ? `${l.sku.name} - ${l.sku.variant}` : `Lumora ${l.sku.name}`);
    set('Lineitem price', money(l.unitPrice));
    set('Lineitem sku', l.sku.sku);
    set('Lineitem requires shipping', 'true');
    set('Lineitem taxable', 'true');
    set('Lineitem fulfillment status', fulfilled ? 'fulfilled' : 'pending');
    set('Vendor', 'Lumora Home');
    set('Lineitem discount', '0.00');
    if (i > 0) return row;
    set('Financial Status', financial);
    set('Paid at', pending ? '' : shopifyTime(iso, Math.min(86_399, createdSeconds + 3), offset));
    set('Fulfillment Status', fulfilled ? 'fulfilled' : 'unfulfilled');
    set('Fulfilled at', fulfilled ? at(1) : '');
    set('Accepts Marketing', order.buyer % 3 === 0 ? 'yes' : 'no');
    set('Currency', 'USD');
    set('Subtotal', money(subtotal));
    set('Shipping', money(order.shipping));
    set('Taxes', money(taxes));
    set('Total', money(total));
    set('Discount Code', synced ? (discount > 0 ? 'Seller discount' : '') : (order.code ?? ''));
    set('Discount Amount', money(discount));
    set(
      'Shipping Method',
      synced ? 'Shipped by Seller: Shipped by seller' : order.shipping > 0 ? 'Standard' : 'Free Shipping',
    );
    for (const side of ['Billing', 'Shipping']) {
      set(`${side} Name`, buyer.name);
      set(`${side} Street`, buyer.street);
      set(`${side} Address1`, buyer.street);
      set(`${side} City`, buyer.city);
      set(`${side} Zip`, `'${buyer.zip}`);
      set(`${side} Province`, buyer.state);
      set(`${side} Country`, 'US');
      set(`${side} Province Name`, buyer.stateName);
    }
    set('Shipping Phone', synced ? `(+1)${buyer.phone}` : '');
    if (synced) {
      const paid = round2(total * (1 - order.platformDiscountPct / 100));
      set(
        'Note Attributes',
        [
          `Customer Payment: $${money(paid)}`,
          `TikTok Shop Discount: $${money(total - paid)}`,
          'tiktok_fulfillment_type: 3PL',
        ].join(eol),
      );
    }
    set('Cancelled at', outcome === 'cancelled' ? at(order.settleAfterDays) : '');
    set('Payment Method', synced ? 'tiktok_shop' : 'Shopify Payments');
    set('Payment Reference', synced ? '' : `c${digitsOf(name, 11, 'ref')}.1`);
    set('Refunded Amount', money(refunded));
    set('Outstanding Balance', '0.00');
    set('Id', `5${digitsOf(name, 12, 'id')}`);
    const tikTokTags = `NORMAL, Shipped by Seller, TikTokOrderID:${synced ? tiktokOrderId(order) : ''}`;
    set(
      'Tags',
      synced
        ? outcome === 'cancelled'
          ? `Cancellation Synced from TikTok, ${tikTokTags}`
          : tikTokTags
        : order.code === 'BFCM25'
          ? 'bfcm'
          : '',
    );
    set('Risk Level', 'Low');
    set('Source', synced ? 'tiktok' : 'web');
    set('Tax 1 Name', taxName);
    set('Tax 1 Value', money(taxes));
    if (!synced) {
      set('Payment ID', paymentId);
      set('Payment References', paymentId);
    }
    return row;
  });
}
