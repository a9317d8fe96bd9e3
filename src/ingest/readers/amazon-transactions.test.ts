import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { present } from '../../errors.js';
import { readerContract } from '../../../test/reader-contract.js';
import { fixture, linesOf, newDb, tempDir } from '../../../test/workspace.js';

// Expected figures worked by hand from the fixture rows. Only Order and Refund rows are order lines;
// an order's rows of one SKU fold into one line; a refund row adds no units or gross.
const PREAMBLE = [
  ['Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions'],
  ['All amounts in USD, unless specified'],
  ['Definitions:'],
];
const HEADER = [
  'date/time',
  'settlement id',
  'type',
  'order id',
  'sku',
  'description',
  'quantity',
  'marketplace',
  'fulfillment',
  'product sales',
  'promotional rebates',
  'selling fees',
  'fba fees',
  'other transaction fees',
  'other',
  'total',
];

readerContract({
  format: 'amazon-transactions',
  fixtures: [
    {
      // 7-line preamble, 30 columns. Order rows: …01 MUG-BLUE 2 × 25.98, …01 TEE-M 19.99,
      // …08 TEE-M twice (split shipment, 1 + 1, 39.98), …07 DESK-OAK "1,694.07" (PDT). Refund of one
      // MUG-BLUE: no units. Service Fee, Transfer, FBA Inventory Fee, Adjustment: skipped.
      // Orders 3; lines 4; units 2 + 1 + 2 + 1 = 6; gross 25.98 + 19.99 + 39.98 + 1694.07 = 1780.02.
      file: 'amazon/transactions-us-preamble-pst-pdt.csv',
      expected: { orders: 3, lines: 4, units: 6, gross: { USD: 1780.02 } },
    },
    {
      // 2017 layout (`sales tax collected`, no account type), CRLF. HOOK-S 3 × 23.97, HOOK-L 11.49
      // then fully refunded (the line stays, refunded). Units 3 + 1; gross 35.46.
      file: 'amazon/transactions-2017-sales-tax-collected-crlf.csv',
      expected: { orders: 2, lines: 2, units: 4, gross: { USD: 35.46 } },
    },
    {
      // India GST variant with Transaction Status / Release Date, `Sku`, dates `27/06/2026 10:00:00`
      // and `1 Jul 2026 4:24:44 am UTC`. KURTA-L 1,299.00 (refunded later); SAREE-SILK 10 units
      // "1,44,957.78" (lakh grouping). SAFE-T and Service Fee skipped. Gross 146,256.78.
      file: 'amazon/transactions-in-gst-release-status.csv',
      expected: { orders: 2, lines: 2, units: 11, gross: { INR: 146256.78 } },
    },
  ],
  sample: {
    rows: [
      ...PREAMBLE,
      HEADER,
      [
        'Jan 5, 2026 11:03:05 AM PST',
        '1001',
        'Order',
        '111-0000101-0000101',
        'MUG-BLUE',
        'Blue Mug',
        '1',
        'amazon.com',
        'Amazon',
        '12.99',
        '0',
        '-1.95',
        '-3.07',
        '0',
        '0',
        '7.97',
      ],
      [
        'Jan 6, 2026 9:00:00 AM PST',
        '1001',
        'Order',
        '111-0000102-0000102',
        'TEE-M',
        'Plain Tee',
        '2',
        'amazon.com',
        'Seller',
        '39.98',
        '-4.00',
        '-5.40',
        '0',
        '0',
        '0',
        '30.58',
      ],
      [
        'Jan 7, 2026 9:00:00 AM PST',
        '1001',
        'Service Fee',
        '',
        '',
        'Subscription',
        '',
        '',
        '',
        '0',
        '0',
        '0',
        '0',
        '0',
        '-39.99',
        '-39.99',
      ],
    ],
    headerRow: PREAMBLE.length,
    layout: { kind: 'csv', quoteAll: true },
    amount: 'product sales',
    date: 'date/time',
    text: 'sku',
  },
});

readerContract({
  format: 'amazon-transactions-de',
  fixtures: [
    {
      // German headers, decimal commas, Windows-1252, CRLF. Bestellung KÄSE-REIBE 2 × 49,80 (later one
      // Erstattung of 24,90), Bestellung ESPRESSO-MASCHINE 1.141,18. Servicegebühr, Übertrag skipped.
      file: 'amazon/transactions-de-german-headers-windows-1252.csv',
      expected: { orders: 2, lines: 2, units: 3, gross: { EUR: 1190.98 } },
    },
  ],
  sample: {
    rows: [
      ['Alle Beträge in Euro, sofern nicht anders angegeben'],
      [
        'Datum/Uhrzeit',
        'Abrechnungsnummer',
        'Typ',
        'Bestellnummer',
        'SKU',
        'Beschreibung',
        'Menge',
        'Marketplace',
        'Versand',
        'Umsätze',
        'Verkaufsgebühren',
        'Gebühren zu Versand durch Amazon',
        'Gesamt',
      ],
      [
        '01.09.2026 10:22:11 UTC',
        '1201',
        'Bestellung',
        '302-0000101-0000101',
        'TASSE-1',
        'Tasse',
        '1',
        'amazon.de',
        'Amazon',
        '12,90',
        '-1,94',
        '-3,07',
        '7,89',
      ],
      [
        '02.09.2026 11:00:00 UTC',
        '1201',
        'Bestellung',
        '302-0000102-0000102',
        'TASSE-2',
        'Tasse',
        '2',
        'amazon.de',
        'Verkäufer',
        '1.025,80',
        '-153,87',
        '0',
        '871,93',
      ],
    ],
    headerRow: 1,
    layout: { kind: 'csv', quoteAll: true, eol: '\r\n' },
    amount: 'Umsätze',
    date: 'Datum/Uhrzeit',
    text: 'SKU',
  },
});

interface Line {
  order_id: string;
  seller_sku: string;
  order_time: string;
  utc_offset_min: number | null;
  quantity: number;
  gross: number;
  discount: number;
  tax: number;
  fees: number;
  refund: number;
  market: string;
  currency: string;
  status: string;
  fulfillment: string;
}

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, seller_sku, strftime(order_time, '%Y-%m-%d %H:%M:%S') AS order_time, utc_offset_min, quantity,
         round(gross, 2) AS gross, round(discount, 2) AS discount, round(tax, 2) AS tax, round(fees, 2) AS fees,
         round(refund, 2) AS refund, market, currency, status, fulfillment
       FROM order_lines ORDER BY order_id, seller_sku`;

describe('Amazon transaction report', () => {
  const dir = tempDir();
  const line = (lines: Line[], order: string, sku: string) =>
    present(
      lines.find((l) => l.order_id === order && l.seller_sku === sku),
      `line ${order} ${sku}`,
    );

  it('reads PST and PDT as offsets and keeps them', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('amazon', 'transactions-us-preamble-pst-pdt.csv')]);
    const lines = await linesOf<Line>(db, LINES_SQL);
    // Jan 5, 2026 11:03:05 AM PST = 19:03:05 UTC; Mar 10, 2026 9:30:00 AM PDT = 16:30:00 UTC.
    expect(line(lines, '111-0000001-0000001', 'TEE-M')).toMatchObject({
      order_time: '2026-01-05 19:03:05',
      utc_offset_min: -480,
    });
    expect(line(lines, '111-0000007-0000007', 'DESK-OAK')).toMatchObject({
      order_time: '2026-03-10 16:30:00',
      utc_offset_min: -420,
    });
  });

  it('folds an order, its later refund and split shipments into lines with fees and refunds', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [fixture('amazon', 'transactions-us-preamble-pst-pdt.csv')]);
    expect(summary.rejects).toBe(0);
    const lines = await linesOf<Line>(db, LINES_SQL);
    // Sale: fees 3.90 + 6.14; refund row gives 1.56 back. Refund 12.99 less the 1.50 promotion it reverses.
    expect(line(lines, '111-0000001-0000001', 'MUG-BLUE')).toMatchObject({
      quantity: 2,
      gross: 25.98,
      discount: 3,
      tax: 2.08,
      fees: 8.48,
      refund: 11.49,
      status: 'completed',
      fulfillment: 'FBA',
      market: 'US',
      currency: 'USD',
    });
    expect(line(lines, '111-0000008-0000008', 'TEE-M')).toMatchObject({
      quantity: 2,
      gross: 39.98,
      fees: 14.5,
    });
    expect(line(lines, '111-0000007-0000007', 'DESK-OAK')).toMatchObject({
      gross: 1694.07,
      fees: 254.11,
      fulfillment: 'merchant',
    });
  });

  it('marks a fully refunded line refunded and keeps its sale', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('amazon', 'transactions-2017-sales-tax-collected-crlf.csv')]);
    const hook = line(await linesOf<Line>(db, LINES_SQL), '112-0000012-0000012', 'HOOK-L');
    expect(hook).toMatchObject({ quantity: 1, gross: 11.49, refund: 11.49, status: 'refunded', fees: 0.49 });
    expect((await engine.status(db)).totals[0]).toMatchObject({ gross: 35.46, refunds: 11.49 });
  });

  it('lets a refund whose sale is in an earlier report stand for that sale', async () => {
    const db = newDb(dir);
    const file = join(dir, 'refund-only.csv');
    const rows = [
      ...PREAMBLE,
      HEADER,
      [
        'Feb 3, 2026 10:00:00 AM PST',
        '1002',
        'Refund',
        '111-0000050-0000050',
        'MUG-BLUE',
        'Blue Mug',
        '1',
        'amazon.com',
        'Amazon',
        '-12.99',
        '0',
        '1.56',
        '0',
        '0',
        '0',
        '-11.43',
      ],
    ];
    writeFileSync(file, rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n') + '\n');
    await engine.importFiles(db, [file]);
    // Sold and refunded: net 0, never a negative line that would wipe the earlier report's sale.
    expect(await linesOf<Line>(db, LINES_SQL)).toEqual([
      expect.objectContaining({ quantity: 1, gross: 12.99, refund: 12.99, fees: -1.56, status: 'refunded' }),
    ]);
  });

  it('adds up monthly reports: a refund in February gives back part of January’s fees, not all of them', async () => {
    const report = (name: string, ...rows: string[][]) => {
      const file = join(dir, name);
      writeFileSync(
        file,
        [...PREAMBLE, HEADER, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n') + '\n',
      );
      return file;
    };
    const order = ['111-0000060-0000060', 'MUG-BLUE', 'Blue Mug', '1', 'amazon.com', 'Amazon'];
    // prettier-ignore
    const sale = ['Jan 20, 2026 10:00:00 AM PST', '1001', 'Order', ...order, '12.99', '0', '-1.95', '-3.90', '0', '0', '7.14'];
    // prettier-ignore
    const refund = ['Feb 3, 2026 10:00:00 AM PST', '1002', 'Refund', ...order, '-12.99', '0', '1.56', '0', '0', '0', '-11.43'];
    const january = report('2026Jan.csv', sale);
    const february = report('2026Feb.csv', refund);
    // Fees 1.95 + 3.90 in January, 1.56 given back in February; the sale's date, not the refund's.
    const line = {
      quantity: 1,
      gross: 12.99,
      refund: 12.99,
      fees: 4.29,
      status: 'refunded',
      order_time: '2026-01-20 18:00:00',
    };

    const db = newDb(dir);
    await engine.importFiles(db, [january]);
    await engine.importFiles(db, [february]);
    expect(await linesOf<Line>(db, LINES_SQL)).toEqual([expect.objectContaining(line)]);
    // A report over both months brings the same two events again: they count once.
    await engine.importFiles(db, [report('2026JanFeb.csv', sale, refund)]);
    expect(await linesOf<Line>(db, LINES_SQL)).toEqual([expect.objectContaining(line)]);
    // The other order gives the same line.
    const other = newDb(dir);
    await engine.importFiles(other, [february]);
    await engine.importFiles(other, [january]);
    expect(await linesOf<Line>(other, LINES_SQL)).toEqual([expect.objectContaining(line)]);
  });

  it('reads Canadian a.m./p.m. and GMT+hh:mm dates', async () => {
    const db = newDb(dir);
    const file = join(dir, 'dates.csv');
    const row = (date: string, order: string, marketplace: string) => [
      date,
      '1003',
      'Order',
      order,
      'MUG-BLUE',
      'Blue Mug',
      '1',
      marketplace,
      'Amazon',
      '16.99',
      '0',
      '-2.55',
      '-4.10',
      '0',
      '0',
      '10.34',
    ];
    const rows = [
      ...PREAMBLE,
      HEADER,
      row('Feb 4, 2026 1:15:00 p.m. PST', '702-0000061-0000061', 'amazon.ca'),
      row('05.02.2026 10:00:00 GMT+01:00', '302-0000062-0000062', 'amazon.de'),
    ];
    writeFileSync(file, rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n') + '\n');
    expect((await engine.importFiles(db, [file])).rejects).toBe(0);
    expect(
      (await linesOf<Line>(db, LINES_SQL)).map((l) => [l.order_time, l.utc_offset_min, l.market, l.currency]),
    ).toEqual([
      ['2026-02-05 09:00:00', 60, 'DE', 'EUR'],
      ['2026-02-04 21:15:00', -480, 'CA', 'CAD'],
    ]);
  });

  it('reads India dates with and without a zone and lakh-grouped amounts', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('amazon', 'transactions-in-gst-release-status.csv')]);
    const lines = await linesOf<Line>(db, LINES_SQL);
    expect(line(lines, '403-0000022-0000022', 'SAREE-SILK')).toMatchObject({
      order_time: '2026-07-01 04:24:44',
      utc_offset_min: 0,
      gross: 144957.78,
      tax: 7247.89,
      fees: 22193.67,
      currency: 'INR',
      market: 'IN',
    });
    // No zone in the cell: the time is kept as written. GST is the tax; the refund takes back 1,299.00.
    expect(line(lines, '402-0000021-0000021', 'KURTA-L')).toMatchObject({
      order_time: '2026-06-27 10:00:00',
      tax: 155.88,
      refund: 1299,
      status: 'refunded',
    });
  });

  it('reads the German report: Bestellung, Erstattung and decimal commas', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [
      fixture('amazon', 'transactions-de-german-headers-windows-1252.csv'),
    ]);
    expect(summary.warnings.join(' ')).toMatch(/windows-1252/);
    const lines = await linesOf<Line>(db, LINES_SQL);
    expect(line(lines, '302-0000031-0000031', 'KÄSE-REIBE')).toMatchObject({
      order_time: '2026-09-01 10:22:11',
      quantity: 2,
      gross: 49.8,
      fees: 11.4,
      refund: 24.9,
      currency: 'EUR',
      market: 'DE',
      fulfillment: 'FBA',
    });
    expect(line(lines, '302-0000032-0000032', 'ESPRESSO-MASCHINE')).toMatchObject({
      gross: 1141.18,
      discount: 50,
      fees: 79.88,
      fulfillment: 'merchant',
    });
  });
});
