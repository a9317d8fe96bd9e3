import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { present } from '../../errors.js';
import { readerContract } from '../../../test/reader-contract.js';
import { fixture, linesOf, newDb, tempDir } from '../../../test/workspace.js';

// Expected figures worked by hand from the fixture rows. Cancelled lines count as lines and orders but
// carry no units or gross; a pending line without a price counts its units with gross 0.
readerContract({
  format: 'amazon-all-orders',
  fixtures: [
    {
      // Official field list (cpf), LF. Orders …01–…06. Lines: …01 MUG-BLUE + TEE-M, …02, …03, …04,
      // …05 MUG-GREEN (cancelled item in a shipped order) + TEE-M, …06 = 8. Units (not cancelled):
      // 2 + 1 + 1 (pending) + 3 + 1 + 1 = 9. Gross: 25.98 + 19.99 + 0 + 45.00 + 19.99 + 12.99 = 123.95.
      file: 'amazon/all-orders-official-cpf-statuses.txt',
      expected: { orders: 6, lines: 8, units: 9, gross: { USD: 123.95 } },
    },
    {
      // 32 columns with url and trailing is-iba, CRLF. Orders 203-…01, S01-…02, 302-…03, 203-…04.
      // 203-…04 has CARD-SET twice (1 cancelled, 2 shipped): one line of 2 units, 7.00.
      // Lines 2 + 1 + 1 + 1 = 5; units 1 + 2 + 1 + 1 + 2 = 7; GBP 14.99 + 7.00 + 7.00; USD 11.00; EUR 21.90.
      file: 'amazon/all-orders-url-is-iba-crlf.txt',
      expected: { orders: 4, lines: 5, units: 7, gross: { GBP: 28.99, USD: 11.0, EUR: 21.9 } },
    },
    {
      // Amazon.co.jp, Shift_JIS bytes. 250-…01: 2 × ほうじ茶-30 (3960) + 急須-黒 (4500); 250-…02: 1980.
      file: 'amazon/all-orders-jp-shift-jis.txt',
      expected: { orders: 2, lines: 3, units: 4, gross: { JPY: 10440 } },
    },
    {
      // Amazon.de / Amazon.fr, Windows-1252. 24.90 + 31.80 (2 units) + pending without price (1 unit, 0).
      file: 'amazon/all-orders-eu-windows-1252.txt',
      expected: { orders: 3, lines: 3, units: 4, gross: { EUR: 56.7 } },
    },
  ],
  sample: {
    rows: [
      [
        'amazon-order-id',
        'purchase-date',
        'order-status',
        'fulfillment-channel',
        'sales-channel',
        'product-name',
        'sku',
        'item-status',
        'quantity',
        'currency',
        'item-price',
        'ship-country',
      ],
      [
        '112-0000101-0000101',
        '2026-04-01T08:00:00+00:00',
        'Shipped',
        'Amazon',
        'Amazon.com',
        'Blue Mug',
        'MUG-BLUE',
        'Shipped',
        '1',
        'USD',
        '12.99',
        'US',
      ],
      [
        '112-0000102-0000102',
        '2026-04-02T09:30:00+00:00',
        'Shipped',
        'Merchant',
        'Amazon.com',
        'Plain Tee',
        'TEE-M',
        'Shipped',
        '2',
        'USD',
        '39.98',
        'US',
      ],
      [
        '112-0000103-0000103',
        '2026-04-03T10:45:00+00:00',
        'Pending',
        'Amazon',
        'Amazon.com',
        'Blue Mug',
        'MUG-BLUE',
        'Unshipped',
        '1',
        'USD',
        '12.99',
        'US',
      ],
    ],
    headerRow: 0,
    layout: { kind: 'csv', delimiter: '\t' },
    amount: 'item-price',
    date: 'purchase-date',
    text: 'sku',
  },
});

interface Line {
  order_id: string;
  seller_sku: string;
  quantity: number;
  gross: number;
  discount: number;
  tax: number;
  refund: number;
  market: string;
  status: string;
  fulfillment: string;
  order_time: string;
  utc_offset_min: number;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, seller_sku, quantity, round(gross, 2) AS gross, round(discount, 2) AS discount, round(tax, 2) AS tax,
         round(refund, 2) AS refund, market, status, fulfillment, strftime(order_time, '%Y-%m-%d %H:%M:%S') AS order_time, utc_offset_min
       FROM order_lines ORDER BY order_id, seller_sku`;

describe('Amazon All Orders report', () => {
  const dir = tempDir();

  it('maps order-status and item-status to canonical statuses, item-status first', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('amazon', 'all-orders-official-cpf-statuses.txt')]);
    const lines = await linesOf<Line>(db, LINES_SQL);
    const by = (id: string, sku: string) =>
      present(
        lines.find((l) => l.order_id.endsWith(id) && l.seller_sku === sku),
        `line ${id} ${sku}`,
      );
    expect(by('0000001', 'MUG-BLUE')).toMatchObject({
      status: 'completed',
      quantity: 2,
      gross: 25.98,
      discount: 3,
      tax: 2.08,
      fulfillment: 'FBA',
    });
    expect(by('0000003', 'TEE-M').status).toBe('cancelled');
    // The real Amazon.it row that shows this: order Shipped, item Cancelled.
    expect(by('0000005', 'MUG-GREEN').status).toBe('cancelled');
    expect(by('0000005', 'TEE-M').status).toBe('completed');
    // `Shipped - Returned to Seller` is a return, taken as fully refunded; folding rows keeps it a return.
    expect(by('0000006', 'MUG-BLUE')).toMatchObject({
      status: 'returned',
      refund: 12.99,
      fulfillment: 'merchant',
    });
    // Dates carry their offset: stored in UTC, offset kept.
    expect(by('0000001', 'TEE-M')).toMatchObject({ order_time: '2026-01-03 18:15:00', utc_offset_min: -480 });
  });

  it('keeps a pending item without a price as a pending line, which a later export prices', async () => {
    const db = newDb(dir);
    const first = await engine.importFiles(db, [fixture('amazon', 'all-orders-official-cpf-statuses.txt')]);
    expect(first.rejects).toBe(0);
    const pending = present(
      (await linesOf<Line>(db, LINES_SQL)).find((l) => l.order_id === '111-0000002-0000002'),
      'order 111-0000002-0000002',
    );
    expect(pending).toMatchObject({ status: 'pending', quantity: 1, gross: 0, fulfillment: 'merchant' });

    // The next day's report: the same order paid and shipped, plus a newer order.
    const later = join(dir, 'all-orders-next-day.txt');
    const header =
      'amazon-order-id\tpurchase-date\torder-status\tfulfillment-channel\tsales-channel\tsku\titem-status\tquantity\tcurrency\titem-price\tship-country';
    writeFileSync(
      later,
      `${header}\n111-0000002-0000002\t2026-01-04T21:40:12-08:00\tShipped\tMerchant\tAmazon.com\tMUG-BLUE\tShipped\t1\tUSD\t12.99\tUS\n` +
        `111-0000009-0000009\t2026-01-11T10:00:00-08:00\tShipped\tAmazon\tAmazon.com\tTEE-M\tShipped\t1\tUSD\t19.99\tUS\n`,
    );
    const second = await engine.importFiles(db, [later]);
    expect(second).toMatchObject({ added: 1, updated: 1 });
    const priced = present(
      (await linesOf<Line>(db, LINES_SQL)).find((l) => l.order_id === '111-0000002-0000002'),
      'order 111-0000002-0000002',
    );
    expect(priced).toMatchObject({ status: 'completed', quantity: 1, gross: 12.99 });
  });

  it('takes the market from ship-country, else from sales-channel', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [
      fixture('amazon', 'all-orders-official-cpf-statuses.txt'),
      fixture('amazon', 'all-orders-url-is-iba-crlf.txt'),
    ]);
    const markets = Object.fromEntries(
      (await linesOf<Line>(db, LINES_SQL)).map((l) => [`${l.order_id}/${l.seller_sku}`, l.market]),
    );
    // An Amazon.com order shipped to Toronto is a Canadian buyer.
    expect(markets['111-0000004-0000004/POSTER-A3']).toBe('CA');
    // Multi-channel fulfilment (`Non-Amazon`) has only the ship-country to say.
    expect(markets['S01-0000002-0000002/MUG-BLUE']).toBe('US');
    // No ship-country: Amazon.de says Germany.
    expect(markets['302-0000003-0000003/TEE-M']).toBe('DE');
  });

  it('folds a cancelled row and a shipped row of the same SKU into one live line', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('amazon', 'all-orders-url-is-iba-crlf.txt')]);
    const card = (await linesOf<Line>(db, LINES_SQL)).filter((l) => l.order_id === '203-0000004-0000004');
    expect(card).toEqual([
      expect.objectContaining({
        seller_sku: 'CARD-SET',
        status: 'completed',
        quantity: 2,
        gross: 7,
        tax: 1.17,
      }),
    ]);
  });

  it('reads Shift_JIS Japanese SKUs and yen amounts', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [fixture('amazon', 'all-orders-jp-shift-jis.txt')]);
    expect(summary.warnings.join(' ')).toMatch(/shift_jis/);
    const lines = await linesOf<Line>(db, LINES_SQL);
    expect(lines.map((l) => [l.seller_sku, l.quantity, l.gross, l.market])).toEqual([
      ['ほうじ茶-30', 2, 3960, 'JP'],
      ['急須-黒', 1, 4500, 'JP'],
      ['ほうじ茶-30', 1, 1980, 'JP'],
    ]);
    expect(lines[0]).toMatchObject({ order_time: '2026-01-05 02:03:05', utc_offset_min: 540 });
  });

  it('reads an undeclared Windows-1252 EU report', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [fixture('amazon', 'all-orders-eu-windows-1252.txt')]);
    expect(summary.warnings.join(' ')).toMatch(/windows-1252/);
    const lines = await linesOf<Line>(db, LINES_SQL);
    expect(lines.map((l) => [l.order_id, l.seller_sku, l.market, l.discount])).toEqual([
      ['171-0000002-0000002', 'CREME-4', 'FR', 0],
      ['302-0000001-0000001', 'KÄSE-REIBE', 'DE', 2],
      ['302-0000003-0000003', 'KÄSE-REIBE', 'DE', 0],
    ]);
  });
});
