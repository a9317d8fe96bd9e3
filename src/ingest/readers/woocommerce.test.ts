import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract } from '../../../test/reader-contract.js';
import { fixture, importFails, linesOf, newDb, tempDir } from '../../../test/workspace.js';

const USD_US = { currency: 'USD', market: 'US' };

// Expected figures worked by hand from the fixture rows. Analytics rows hold only an order's Net sales
// (after coupons, without shipping and tax), shared over its products by units; cancelled lines count
// as lines and orders but carry no units or gross; refund rows add no line.
readerContract({
  format: 'woocommerce-analytics-orders',
  fixtures: [
    {
      // 1041: 2× Ceramic Mug + 1× `Linen Tote - Natural, Large` (a name holding ", ") = 3 units, 58.50;
      // 1042: 1 unit, 18; 1043: 1 unit, 24 (its refund row adds no line); 1044: 3 units, 36 (refund row
      // likewise); 1045 cancelled: a line, no units or gross; 1046 on-hold: 2 units, 24.
      // Orders 6; lines 2+1+1+1+1+1 = 7; units 3+1+1+3+2 = 10; gross 58.5+18+24+36+24 = 160.50.
      file: 'woocommerce/browser-refund-rows-variation-names.csv',
      expected: { orders: 6, lines: 7, units: 10, gross: { USD: 160.5 } },
      options: USD_US,
    },
    {
      // 2001: 1× Enamel Pin + 2× Sticker Sheet = 3 units, 27; 2000: 2 units, 15 (refund row `'-7.5`);
      // 2002: blank Product(s), 2 items sold: one unlisted line, 2 units, 30; 2003: 1× Enamel Pin of 3
      // items sold: pin 1 unit + unlisted 2 units, 24; 1999 failed → cancelled.
      // Orders 5; lines 2+1+1+2+1 = 7; units 3+2+2+3 = 10; gross 27+15+30+24 = 96.
      file: 'woocommerce/emailed-bom-escaped-refund-unlisted-products.csv',
      expected: { orders: 5, lines: 7, units: 10, gross: { EUR: 96 } },
      options: { currency: 'EUR', market: 'DE' },
    },
    {
      // 3100: 1 unit, 40. The refund of 3001 (placed before the range) is a reject, not a line.
      file: 'woocommerce/browser-older-columns-orphan-refund.csv',
      expected: { orders: 1, lines: 1, units: 1, gross: { USD: 40 } },
      options: USD_US,
    },
  ],
  sample: {
    // prettier-ignore
    rows: [
      ['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Payment method', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales', 'Attribution'],
      ['2025-05-02T10:00:00', '71', 'completed', 'Ren Oak', 'new', 'PayPal', '2× Mug, 1× Tote', '3', '', '50', 'Direct'],
      ['2025-05-03T11:00:00', '72', 'processing', 'Sol Ivy', 'new', 'PayPal', '1× Mug', '1', '', '15', 'Direct'],
      ['2025-05-04T12:00:00', '73', 'completed', 'Tam Yew', 'returning', 'PayPal', '1× Tote', '1', 'SAVE5', '15', 'Direct'],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Net sales',
    date: 'Date',
    text: 'Product(s)',
    options: USD_US,
  },
});

// WebToffee rows carry each item's sub_total (before coupons, without tax): gross is their sum.
readerContract({
  format: 'woocommerce-webtoffee-orders',
  fixtures: [
    {
      // 5001 USD: MUG-01 ×2 sub 40 + `Linen Tote | Natural` (no SKU: the name) ×1 sub 25 = 3 units, 65;
      // 5002 GBP refunded: CAN-01 ×3, 30; 5003 EUR (billing country only, multi-line note): MUG-01 ×1 20
      // + CAN-01 ×2 20 + PIN-01 ×1 5 = 4 units, 45; 5004 USD: MUG-01 ×1, 20; 5005 cancelled: a line only.
      // Orders 5; lines 2+1+3+1+1 = 8; units 3+3+4+1 = 11; gross USD 65+20 = 85, GBP 30, EUR 45.
      file: 'woocommerce/webtoffee-packed-line-items-multiline-note.csv',
      expected: { orders: 5, lines: 8, units: 11, gross: { USD: 85, GBP: 30, EUR: 45 } },
    },
  ],
  sample: {
    // prettier-ignore
    rows: [
      ['order_id', 'order_number', 'order_date', 'status', 'shipping_total', 'order_currency', 'billing_country', 'shipping_country', 'line_item_1', 'line_item_2'],
      ['91', '91', '2025-05-02 10:00:00', 'completed', '4.00', 'USD', 'US', 'US', 'name:Mug|product_id:1|sku:MUG|quantity:2|total:20.00|sub_total:20.00', 'name:Tote|product_id:2|sku:TOTE|quantity:1|total:15.00|sub_total:15.00'],
      ['92', '92', '2025-05-03 11:00:00', 'processing', '0', 'USD', 'US', 'US', 'name:Mug|product_id:1|sku:MUG|quantity:1|total:10.00|sub_total:10.00', ''],
      ['93', '93', '2025-05-04 12:00:00', 'completed', '4.00', 'USD', 'US', 'CA', 'name:Tote|product_id:2|sku:TOTE|quantity:1|total:15.00|sub_total:15.00', ''],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'shipping_total',
    date: 'order_date',
    text: 'line_item_1',
  },
});

interface Line {
  order_id: string;
  sku: string;
  quantity: number;
  gross: number;
  refund: number;
  status: string;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, sku, quantity, round(gross, 2) AS gross, round(refund, 2) AS refund, status FROM order_lines ORDER BY order_id, sku`;

describe('WooCommerce readers', () => {
  const dir = tempDir();

  it('stops with a message when neither the file nor the command line says the market or currency', async () => {
    const path = fixture('woocommerce', 'browser-refund-rows-variation-names.csv');
    const noMarket = await importFails(newDb(dir), [path]);
    expect(noMarket.code).toBe('bad-input');
    expect(noMarket.message).toMatch(/market/);
    // The engine names its option; the CLI turns it into --market (cli/output.ts).
    expect(noMarket.hint).toMatch(/`market`/);
    const noCurrency = await importFails(newDb(dir), [path], { market: 'US' });
    expect(noCurrency.message).toMatch(/currency/);
    expect(noCurrency.hint).toMatch(/`currency`/);
  });

  it('turns Analytics refund rows into refunds of their order, not into lines', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(
      db,
      [fixture('woocommerce', 'browser-refund-rows-variation-names.csv')],
      USD_US,
    );
    expect(summary.rejects).toBe(0);
    const lines = await linesOf<Line>(db, LINES_SQL);
    // 1043 is fully refunded (24); 1044 keeps 36 of sales with a 12 refund spread over its one line.
    expect(lines.filter((l) => l.order_id === '1043')).toEqual([
      {
        order_id: '1043',
        sku: 'LINEN TOTE - NATURAL, LARGE',
        quantity: 1,
        gross: 24,
        refund: 24,
        status: 'refunded',
      },
    ]);
    expect(lines.filter((l) => l.order_id === '1044')).toEqual([
      { order_id: '1044', sku: 'BEESWAX CANDLE', quantity: 3, gross: 36, refund: 12, status: 'completed' },
    ]);
    // Net sales shared by units: 58.50 over 2 mugs and 1 tote.
    expect(lines.filter((l) => l.order_id === '1041').map((l) => [l.sku, l.quantity, l.gross])).toEqual([
      ['CERAMIC MUG', 2, 39],
      ['LINEN TOTE - NATURAL, LARGE', 1, 19.5],
    ]);
    const emailed = newDb(dir);
    await engine.importFiles(
      emailed,
      [fixture('woocommerce', 'emailed-bom-escaped-refund-unlisted-products.csv')],
      USD_US,
    );
    expect((await engine.status(emailed)).totals[0].refunds).toBe(7.5);
  });

  it('keeps units that Product(s) does not name (deleted products) as one unlisted line', async () => {
    const db = newDb(dir);
    await engine.importFiles(
      db,
      [fixture('woocommerce', 'emailed-bom-escaped-refund-unlisted-products.csv')],
      USD_US,
    );
    const lines = (await linesOf<Line>(db, LINES_SQL)).filter(
      (l) => l.order_id === '2002' || l.order_id === '2003',
    );
    expect(lines.map((l) => [l.order_id, l.sku, l.quantity, l.gross])).toEqual([
      ['2002', '(PRODUCTS NOT LISTED)', 2, 30],
      ['2003', '(PRODUCTS NOT LISTED)', 2, 16],
      ['2003', 'ENAMEL PIN', 1, 8],
    ]);
  });

  it('rejects a refund row whose order is not in the export, with the reason', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(
      db,
      [fixture('woocommerce', 'browser-older-columns-orphan-refund.csv')],
      USD_US,
    );
    expect(summary.rejects).toBe(1);
    const [reject] = (await engine.rejectsOf(db)).rejects;
    expect(reject).toMatchObject({ line: 2, column: 'Net sales', value: '-25' });
    expect(reject.reason).toMatch(/refund row \(negative Net sales\) needs its order/);
  });

  it('maps status slugs and labels to canonical statuses', async () => {
    const db = newDb(dir);
    const path = join(dir, 'statuses.csv');
    const rows = [
      'completed',
      'Processing',
      'On hold',
      'Pending payment',
      'Failed',
      'Cancelled',
      'refunded',
      'checkout-draft',
    ].map((s, i) => `2025-06-0${i + 1}T10:00:00,${600 + i},${s},"1× Mug",1,,10`);
    writeFileSync(
      path,
      ['Date,"Order #",Status,Product(s),"Items sold",Coupon(s),"Net sales"', ...rows].join('\n'),
    );
    await engine.importFiles(db, [path], USD_US);
    expect((await linesOf<Line>(db, LINES_SQL)).map((l) => l.status)).toEqual([
      'completed',
      'completed',
      'pending',
      'pending',
      'cancelled',
      'cancelled',
      'refunded',
      'pending',
    ]);
  });

  it('reads WebToffee item refunds, amount-only refunds, coupons and the buyer country', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [
      fixture('woocommerce', 'webtoffee-packed-line-items-multiline-note.csv'),
    ]);
    expect(summary.rejects).toBe(0);
    const lines = await linesOf<Line>(db, LINES_SQL);
    expect(lines.find((l) => l.order_id === '5002')).toMatchObject({
      sku: 'CAN-01',
      refund: 30,
      status: 'refunded',
    });
    // 5004 was refunded 5.00 without choosing an item: the amount lands on the order's only line.
    expect(lines.find((l) => l.order_id === '5004')).toMatchObject({ refund: 5, status: 'completed' });
    expect(lines.filter((l) => l.order_id === '5001').map((l) => l.sku)).toEqual([
      'LINEN TOTE | NATURAL',
      'MUG-01',
    ]);
    const totals = (await engine.status(db)).totals;
    expect(totals.map((t) => [t.market, t.currency, t.cancelledLines])).toEqual([
      ['DE', 'EUR', 0],
      ['GB', 'GBP', 0],
      ['US', 'USD', 1],
    ]);
  });
});
