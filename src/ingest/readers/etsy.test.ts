import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { present } from '../../errors.js';
import { readerContract } from '../../../test/reader-contract.js';
import { figures, fixture, linesByKey, newDb, round2, tempDir } from '../../../test/workspace.js';

// Expected figures worked by hand from the fixture rows (cancelled lines carry no units or gross).
readerContract({
  format: 'etsy-sold-order-items',
  fixtures: [
    {
      // 3000000001: 2×12.50 + 1×8.5 = 33.50; 3000000002 (NL): 30.00; 3000000003: 3.3 + 3×3.30 + 4.5 = 17.70
      // (STICKER-1 twice: two transactions, two lines); 3000000004 (GB): 15.00. 96.20 in all; 10 units.
      file: 'etsy/items-php-quoting-first-row-order-fields.csv',
      expected: { orders: 4, lines: 7, units: 10, gross: { USD: 96.2 } },
    },
  ],
  sample: {
    rows: [
      [
        'Sale Date',
        'Item Name',
        'Buyer',
        'Quantity',
        'Price',
        'Discount Amount',
        'Order Shipping',
        'Order Sales Tax',
        'Item Total',
      ],
      ['01/05/25', 'Mug', 'buyer1', '1', '12.00', '0.00', '3.50', '0', '12.00'],
      ['01/06/25', 'Tote', 'buyer2', '2', '8.5', '0.00', '0', '0', '17'],
    ].map((r, i) => [
      ...r,
      ...(i === 0
        ? ['Currency', 'Transaction ID', 'Listing ID', 'Ship Country', 'Order ID', 'SKU']
        : ['USD', `90${i}`, `80${i}`, 'United States', `70${i}`, `SKU-${i}`]),
    ]),
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Price',
    date: 'Sale Date',
    text: 'SKU',
  },
});

readerContract({
  format: 'etsy-sold-orders',
  fixtures: [
    {
      // Gross is Order Value: 21.39 + 24.58 + 47.78 + 25.99 + 36.87 (CA) = 156.61; 5000000005 is
      // Canceled (a line and an order, no units or gross). Units: 1 + 2 + 2 + 1 + 3 = 9.
      file: 'etsy/orders-multi-sku-adjusted-refunds.csv',
      expected: { orders: 6, lines: 6, units: 9, gross: { USD: 156.61 } },
    },
    {
      // Re-saved as TSV with `12/31/2023` dates: 17 + 14.6 (GB) + 34 (CA, 2 items) + 25 = 90.60; 5 units.
      file: 'etsy/orders-resaved-tsv-four-digit-year-mojibake.csv',
      expected: { orders: 4, lines: 4, units: 5, gross: { USD: 90.6 } },
    },
    {
      // Alone: 33.50 (3 items) + 30.00 + 17.70 (5 items) + 15.00 + 20.00 (2 items) = 116.20; 12 units.
      file: 'etsy/orders-same-orders-as-items-fixture.csv',
      expected: { orders: 5, lines: 5, units: 12, gross: { USD: 116.2 } },
    },
  ],
  sample: {
    rows: [
      [
        'Sale Date',
        'Order ID',
        'Number of Items',
        'Ship Country',
        'Currency',
        'Order Value',
        'Discount Amount',
        'Shipping',
        'Sales Tax',
      ],
      ['01/05/25', '701', '1', 'United States', 'USD', '12.00', '0.00', '3.50', '0'],
      ['01/06/25', '702', '2', 'Canada', 'USD', '17.00', '1.70', '0', '0'],
    ].map((r, i) => [
      ...r,
      ...(i === 0
        ? [
            'Order Total',
            'Status',
            'Card Processing Fees',
            'Adjusted Order Total',
            'Adjusted Card Processing Fees',
            'Adjusted Net Order Amount',
            'SKU',
          ]
        : ['15.50', '', '0.50', '0.00', '0.00', '0.00', `SKU-${i}`]),
    ]),
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Order Value',
    date: 'Sale Date',
    text: 'SKU',
  },
});

interface Line {
  order_id: string;
  line_key: string;
  market: string;
  seller_sku: string;
  sku: string;
  discount: number;
  shipping: number;
  tax: number;
  fees: number;
  refund: number;
  status: string;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, line_key, market, seller_sku, sku, discount, shipping, tax, fees, refund, status FROM sales_lines`;

describe('Etsy readers', () => {
  const dir = tempDir();

  it('spreads the order amounts the items file writes on the first item row only', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('etsy/items-php-quoting-first-row-order-fields.csv')]);
    const lines = await linesByKey<Line>(db, LINES_SQL);
    const a = present(lines.get('3000000001/4000000001'), 'line 3000000001/4000000001');
    const b = present(lines.get('3000000001/4000000002'), 'line 3000000001/4000000002');
    // Discount 2.50 and tax 1.60 by gross share 25.00 : 8.50 of 33.50; shipping 4.99 on the first line.
    expect([round2(a.discount), round2(b.discount)]).toEqual([1.87, 0.63]);
    expect([round2(a.tax), round2(b.tax)]).toEqual([1.19, 0.41]);
    expect([a.shipping, b.shipping]).toEqual([4.99, 0]);
    // A blank SKU falls back to the listing and its variation.
    expect(b.seller_sku).toBe('etsy-1100000002 Size:Small');
    expect(present(lines.get('3000000003/4000000006'), 'line 3000000003/4000000006').sku).toBe(
      'ETSY-1100000005',
    );
    // Full English country names, including `The Netherlands` and `United Kingdom`.
    expect(present(lines.get('3000000002/4000000003'), 'line 3000000002/4000000003').market).toBe('NL');
    expect(present(lines.get('3000000004/4000000007'), 'line 3000000004/4000000007').market).toBe('GB');
  });

  it('reads refunds from the Adjusted columns and collapses repeated SKUs', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('etsy/orders-multi-sku-adjusted-refunds.csv')]);
    const lines = await linesByKey<Line>(db, LINES_SQL);
    const line = (id: string) => present(lines.get(`${id}/order`), `line ${id}/order`);
    expect(line('5000000001')).toMatchObject({ status: 'completed', refund: 0, fees: 1, sku: 'N023' });
    expect(line('5000000002').seller_sku).toBe('N001');
    // Partial: Order Total 46.33 − Adjusted Order Total 36.33 = 10.00; the adjusted fee is what was kept.
    expect(line('5000000003')).toMatchObject({
      status: 'completed',
      refund: 10,
      fees: 1.35,
      seller_sku: 'n041,N002',
    });
    // Adjusted to nothing: 28.71 − 0, capped at Order Value − Discount = 25.99 − 2.60 = 23.39.
    expect(line('5000000004')).toMatchObject({ status: 'refunded', seller_sku: '(no SKU)', fees: 0 });
    expect(round2(line('5000000004').refund)).toBe(23.39);
    expect(line('5000000005').status).toBe('cancelled');
    expect(line('5000000006')).toMatchObject({ market: 'CA', seller_sku: 'N001' });
    const us = present(
      (await engine.status(db)).totals.find((t) => t.market === 'US'),
      'the US totals',
    );
    expect(us).toMatchObject({ refunds: 33.39, cancelledLines: 1 });
  });

  // Both files of one shop describe the same orders: the items file's lines are the order's own, the
  // orders file's one line per order is a copy that counts only where the items file is silent.
  // Items (4 orders, 7 lines, 10 units, 96.20) + order 3000000005 only in the orders file (2 units, 20.00).
  const both = { orders: 5, lines: 8, units: 12, gross: { USD: 116.2 } };
  const items = fixture('etsy/items-php-quoting-first-row-order-fields.csv');
  const orders = fixture('etsy/orders-same-orders-as-items-fixture.csv');

  it('counts an order once when the items file and the orders file both bring it', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [items]);
    await engine.importFiles(db, [orders]);
    expect(figures(await engine.status(db))).toEqual(both);
  });

  it('counts an order once whichever file comes first, or both at once', async () => {
    const later = newDb(dir);
    await engine.importFiles(later, [orders]);
    await engine.importFiles(later, [items]);
    expect(figures(await engine.status(later))).toEqual(both);
    const together = newDb(dir);
    await engine.importFiles(together, [orders, items]);
    expect(figures(await engine.status(together))).toEqual(both);
  });
});
