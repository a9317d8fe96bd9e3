import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { present } from '../../errors.js';
import { readerContract } from '../../../test/reader-contract.js';
import { fixture, linesByKey, newDb, tempDir } from '../../../test/workspace.js';

// Expected figures worked by hand: gross is `Item Cost`, the PO line's total (not × Qty).
readerContract({
  format: 'walmart-po',
  fixtures: [
    {
      // PO …001: 19.99 + 25.00 (2 mugs, one line); …002 Created 19.99; …003 Acknowledged 12.50;
      // …004 Cancelled (no units or gross); …005 Refund 19.99 (kept as sale, refunded). 97.47; 6 units.
      file: 'walmart/current-37-col-every-status.csv',
      expected: { orders: 5, lines: 6, units: 6, gross: { USD: 97.47 } },
    },
    {
      // 12.95 + 24.99 on PO …001, 29.85 for 3 units on …002: 67.79; 5 units. No final newline.
      file: 'walmart/2017-29-col-no-final-newline.csv',
      expected: { orders: 2, lines: 3, units: 5, gross: { USD: 67.79 } },
    },
  ],
  sample: {
    rows: [
      [
        'PO#',
        'Order#',
        'Order Date',
        'Customer Name',
        'Line#',
        'Status',
        'Item Description',
        'Qty',
        'SKU',
        'Item Cost',
        'Shipping Cost',
        'Tax',
      ],
      [
        '1000000000101',
        '200000000000101',
        '2025-01-05',
        'Test Buyer',
        '1',
        'Shipped',
        'Mug',
        '1',
        'WM-MUG',
        '12.00',
        '0.00',
        '0.84',
      ],
      [
        '1000000000102',
        '200000000000102',
        '2025-01-06',
        'Test Buyer',
        '1',
        'Delivered',
        'Tee',
        '2',
        'WM-TEE',
        '30.00',
        '4.99',
        '2.10',
      ],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Item Cost',
    date: 'Order Date',
    text: 'SKU',
  },
});

interface Line {
  order_id: string;
  line_key: string;
  status: string;
  status_raw: string;
  refund: number;
  fulfillment: string | null;
  market: string;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, line_key, status, status_raw, refund, fulfillment, market FROM sales_lines`;

describe('Walmart reader', () => {
  const dir = tempDir();

  it('keeps the last row of a PO line the export lists twice', async () => {
    const [header, shipped] = readFileSync(fixture('walmart/current-37-col-every-status.csv'), 'utf8').split(
      '\n',
    );
    const created = shipped.replace(',Shipped,', ',Created,');
    const path = join(dir, 'po-line-twice.csv');
    writeFileSync(
      path,
      [header, created, shipped, created.replace('1000000000001,', '1000000000009,')].join('\n') + '\n',
    );
    const db = newDb(dir);
    expect(await engine.importFiles(db, [path])).toMatchObject({ added: 2, rejects: 0 });
    const lines = await linesByKey<Line>(db, LINES_SQL);
    expect(lines.get('1000000000001/1')?.status).toBe('completed');
    expect(lines.get('1000000000009/1')?.status).toBe('pending');
  });

  it('maps every PO line status and keys lines by Line# within the PO', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('walmart/current-37-col-every-status.csv')]);
    const lines = await linesByKey<Line>(db, LINES_SQL);
    const status = (po: string, line = '1') => lines.get(`${po}/${line}`)?.status;
    expect(status('1000000000001', '1')).toBe('completed'); // Shipped
    expect(status('1000000000001', '2')).toBe('completed'); // Delivered
    expect(status('1000000000002')).toBe('pending'); // Created
    expect(status('1000000000003')).toBe('pending'); // Acknowledged
    expect(status('1000000000004')).toBe('cancelled');
    // A refunded line without an amount is taken as refunded in full.
    expect(lines.get('1000000000005/1')).toMatchObject({
      status: 'refunded',
      status_raw: 'Refund',
      refund: 19.99,
    });
    expect(present(lines.get('1000000000003/1'), 'line 1000000000003/1').fulfillment).toBe('WFS');
    const [totals] = (await engine.status(db)).totals;
    expect(totals).toMatchObject({
      channel: 'walmart',
      market: 'US',
      currency: 'USD',
      cancelledLines: 1,
      refunds: 19.99,
    });
  });
});
