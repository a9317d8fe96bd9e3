import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { present } from '../../errors.js';
import { readerContract, writeCsv } from '../../../test/reader-contract.js';
import { figures, fixture, linesByKey, newDb, tempDir } from '../../../test/workspace.js';

// Expected figures worked by hand from the fixture rows; gross = Quantity × Sold For of item rows only.
readerContract({
  format: 'ebay-orders',
  fixtures: [
    {
      // 01-…111: 2 × 19.99 = 39.98; 02-…222 (CA): summary row skipped, items 25.00 + 2 × 16.00 = 57.00;
      // SRN 1003 (unpaid, no order number): 19.99. 116.97 in all; units 2 + 1 + 2 + 1 = 6.
      file: 'ebay/us-preamble-summary-row-footer.csv',
      expected: { orders: 3, lines: 4, units: 6, gross: { USD: 116.97 } },
    },
    {
      // Two reports concatenated; order 11-…112 is in both and counts once. 20.00 + 3 × 9.50 + 2 × 20.00 (IE).
      file: 'ebay/uk-concatenated-reports-midfile-footers.csv',
      expected: { orders: 3, lines: 3, units: 6, gross: { GBP: 88.5 } },
    },
  ],
  sample: {
    rows: [
      ['', '', '', '', '', '', '', '', ''],
      [
        'Sales Record Number',
        'Order Number',
        'Ship To Country',
        'Item Number',
        'Custom Label',
        'Quantity',
        'Sold For',
        'Total Price',
        'Sale Date',
      ],
      [
        '11',
        '01-00000-00011',
        'United States',
        '100000000011',
        'TEE-1',
        '1',
        '$15.00',
        '$19.50',
        'Jan-05-25',
      ],
      ['12', '01-00000-00012', 'United States', '100000000012', 'MUG-1', '2', '$9.50', '$23.00', 'Jan-06-25'],
    ],
    headerRow: 1,
    layout: { kind: 'csv' },
    amount: 'Sold For',
    date: 'Sale Date',
    text: 'Custom Label',
  },
});

readerContract({
  format: 'ebay-orders-de',
  fixtures: [
    {
      // 116,99 + (summary skipped) 1.199,00 + 35,50 (AT) + 2 × 99,00 + 12,00 (FR) = 1.561,49 €; 6 units.
      file: 'ebay/de-semicolon-euro-comma-german-months.csv',
      expected: { orders: 4, lines: 5, units: 6, gross: { EUR: 1561.49 } },
    },
  ],
  sample: {
    rows: [
      [
        'Verkaufsprotokollnummer',
        'Bestellnummer',
        'Versand nach - Land',
        'Artikelnummer',
        'Bestandseinheit',
        'Anzahl',
        'Verkauft für',
        'Verkauft am',
      ],
      ['21', '21-00000-00021', 'Deutschland', '300000000021', 'SET-1', '1', '12,50 €', '03-Mär-25'],
      ['22', '21-00000-00022', 'Österreich', '300000000022', 'SET-2', '2', '1.049,00 €', '10-Dez-25'],
    ],
    headerRow: 0,
    layout: { kind: 'csv', delimiter: ';' },
    amount: 'Verkauft für',
    date: 'Verkauft am',
    text: 'Bestandseinheit',
  },
});

readerContract({
  format: 'ebay-file-exchange',
  fixtures: [
    {
      // Blank Order ID on single-item orders (keyed by record number): 12.95 + 2 × 24.99; order
      // 9876543210 (CA) is a summary row plus 10.00 + 20.00. 92.93 in all; 5 units.
      file: 'ebay/file-exchange-2017-blank-order-id.csv',
      expected: { orders: 3, lines: 4, units: 5, gross: { USD: 92.93 } },
    },
  ],
  sample: {
    rows: [
      [
        'Sales Record Number',
        'Buyer Country',
        'Order ID',
        'Item ID',
        'Transaction ID',
        'Quantity',
        'Sale Price',
        'Sale Date',
        'Custom Label',
      ],
      ['31', 'United States', '', '120000000031', '1500000031', '1', '$12.95', 'Nov-01-17', 'LUM-1'],
      ['32', 'United States', '', '120000000032', '1500000032', '2', '$4.00', 'Nov-02-17', 'LUM-2'],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Sale Price',
    date: 'Sale Date',
    text: 'Custom Label',
  },
});

interface Line {
  order_id: string;
  line_key: string;
  market: string;
  seller_sku: string;
  currency: string;
  shipping: number;
  status: string;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, line_key, market, seller_sku, currency, shipping, status FROM sales_lines`;

describe('eBay readers', () => {
  const dir = tempDir();

  it('reads a multi-item order from its item rows and its order money from the summary row', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [fixture('ebay/us-preamble-summary-row-footer.csv')]);
    // The bare-comma rows around the header and the two footer lines are neither lines nor rejects.
    expect(summary.rejects).toBe(0);
    const lines = await linesByKey<Line>(db, LINES_SQL);
    // The buyer's country and the order's $6.00 postage are on the summary row only; postage goes once.
    expect(lines.get('02-22222-22222/110000000002-2000000002')).toMatchObject({
      market: 'CA',
      shipping: 6,
      status: 'completed',
    });
    // An auction line (transaction 0) without a custom label: the item number stands in.
    expect(lines.get('02-22222-22222/110000000003-0')).toMatchObject({
      seller_sku: 'ebay-110000000003',
      shipping: 0,
    });
    expect(lines.get('01-11111-11111/110000000001-2000000001')).toMatchObject({
      shipping: 4.5,
      currency: 'USD',
    });
    // A commitment never paid has no order number and no paid date.
    expect(lines.get('SRN-1003/110000000004-2000000004')).toMatchObject({ status: 'pending', market: 'US' });
  });

  it('drops footers that recur mid-file when reports are concatenated', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [
      fixture('ebay/uk-concatenated-reports-midfile-footers.csv'),
    ]);
    expect(summary.rejects).toBe(0);
    const markets = (await engine.status(db)).totals.map((t) => [t.market, t.orders]);
    expect(markets).toEqual([
      ['GB', 2],
      ['IE', 1],
    ]);
  });

  it('keeps a line that is neither data nor a known footer as a reject', async () => {
    const db = newDb(dir);
    const path = join(dir, 'junk-line.csv');
    writeFileSync(
      path,
      "Sales Record Number,Order Number,Item Number,Custom Label,Quantity,Sold For,Sale Date\n1,01-1,100,T,1,$5.00,Jan-05-25\nthis line is not eBay's\n",
    );
    const summary = await engine.importFiles(db, [path], { market: 'US' });
    expect(summary.added).toBe(1);
    // DuckDB reports a short line once per missing column; all of them name line 3.
    const { rejects } = await engine.rejectsOf(db);
    expect(rejects.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rejects.map((r) => r.line))).toEqual(new Set([3]));
  });

  it('reads German month abbreviations, euro amounts with a decimal comma and German country names', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('ebay/de-semicolon-euro-comma-german-months.csv')]);
    const report = await engine.status(db);
    // 03-Mär-25 … 10-Dez-25 (Mai and Okt in between).
    expect([report.from, report.to]).toEqual(['2025-03-03', '2025-12-10']);
    expect(report.totals.map((t) => [t.market, t.orders, t.gross])).toEqual([
      ['AT', 1, 1234.5],
      ['DE', 2, 314.99],
      ['FR', 1, 12],
    ]);
    const lines = await linesByKey<Line>(db, LINES_SQL);
    expect(
      present(
        lines.get('21-00001-00001/330000000001-4000000001'),
        'line 21-00001-00001/330000000001-4000000001',
      ).shipping,
    ).toBe(4.99);
  });

  it('takes the currency from the amount: C $, AU $, a bare $ from an Australian item, an ISO code', async () => {
    const db = newDb(dir);
    const rows = [
      [
        'Sales Record Number',
        'Order Number',
        'Item Number',
        'Custom Label',
        'Quantity',
        'Sold For',
        'Sale Date',
        'Item Country',
        'Ship To Country',
      ],
      ['1', '01-1', '101', 'A', '1', 'C $20.00', 'Jan-05-25', 'Canada', 'Canada'],
      ['2', '01-2', '102', 'B', '1', 'AU $9.95', 'Jan-05-25', 'Australia', 'Australia'],
      ['3', '01-3', '103', 'C', '1', '$15.00', 'Jan-05-25', 'Australia', 'Australia'],
      ['4', '01-4', '104', 'D', '1', '$10.00', 'Jan-05-25', 'United States', 'Canada'],
      ['5', '01-5', '105', 'E', '1', 'EUR 12.00', 'Jan-05-25', 'Germany', 'Germany'],
    ];
    const path = join(dir, 'currencies.csv');
    writeFileSync(path, writeCsv(rows, { kind: 'csv' }));
    await engine.importFiles(db, [path]);
    const gross = figures(await engine.status(db)).gross;
    // 9.95 + 15.00 AUD; 20.00 CAD; 10.00 USD (a US item sold to Canada is still paid in dollars on ebay.com).
    expect(gross).toEqual({ AUD: 24.95, CAD: 20, EUR: 12, USD: 10 });
  });
});
