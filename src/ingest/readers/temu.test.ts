import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract, writeCsv } from '../../../test/reader-contract.js';
import { newDb, tempDir } from '../../../test/workspace.js';

// The EU layout of docs/formats/temu.md, double space in `Base price total  after discount` included.
const EU_HEADER = [
  'Order ID',
  'order status',
  'Order item ID',
  'purchase date',
  'ship country',
  'Base price total  after discount',
  'Product Tax',
  'contribution sku',
  'quantity purchased',
  'Retail price total after discounts(tax excl.)',
  'Product refund',
];

// Expected figures worked by hand from the fixture rows. Gross is Temu's base price (what Temu pays the
// seller), never the retail price the consumer paid.
readerContract({
  format: 'temu-orders',
  fixtures: [
    {
      // FR 9,99€; DE one order of two items 19,98€ (qty 2) + 5,49€; ES Canceled; IT 1.249,00€ refunded in full.
      // Units 1 + 2 + 1 + 1 = 5; gross 9.99 + 19.98 + 5.49 + 1249.00 = 1284.46 EUR.
      file: 'temu/eu-decimal-comma-euro-double-space.csv',
      expected: { orders: 4, lines: 5, units: 5, gross: { EUR: 1284.46 } },
    },
    {
      // PO-…101: MUG-01 2 × 7.00 = 14.00 shipped, MUG-02 item Canceled inside the shipped order;
      // PO-…103 8.75; PO-…104 no contribution sku (sku id used) 3 × 7.00 = 21.00. Retail prices ignored.
      // Units 2 + 1 + 3 = 6; gross 14.00 + 8.75 + 21.00 = 43.75 USD (plain amounts, US buyers).
      file: 'temu/us-lowercase-headers-base-price.csv',
      expected: { orders: 3, lines: 4, units: 6, gross: { USD: 43.75 } },
    },
    {
      // MX$1,299.00 + MX$398.00 (qty 2), each amount ending in a TAB; the third order is Canceled.
      file: 'temu/mexico-tab-suffixed-peso-amounts.csv',
      expected: { orders: 3, lines: 3, units: 3, gross: { MXN: 1697 } },
    },
  ],
  sample: {
    rows: [
      EU_HEADER,
      [
        'PO-069-00000000000000011',
        'Delivered',
        '069-00000000000000011',
        'Jan 10, 2026, 10:00 am CET(UTC+1)',
        'France',
        '9,99€',
        '2,00€',
        'SKU-001',
        '1',
        '9,99€',
        '',
      ],
      [
        'PO-069-00000000000000012',
        'Delivered',
        '069-00000000000000012',
        'Jan 11, 2026, 2:30 pm CET(UTC+1)',
        'Belgium',
        '19,98€',
        '4,00€',
        'SKU-002',
        '2',
        '19,98€',
        '',
      ],
      [
        'PO-069-00000000000000013',
        'Shipped',
        '069-00000000000000013',
        'Jan 12, 2026, 9:05 am CET(UTC+1)',
        'France',
        '5,49€',
        '1,10€',
        'SKU-003',
        '1',
        '5,49€',
        '',
      ],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'Base price total  after discount',
    date: 'purchase date',
    text: 'contribution sku',
  },
});

describe('Temu export specifics', () => {
  const dir = tempDir();
  const importRows = async (name: string, rows: string[][], options: engine.ImportOptions = {}) => {
    const db = newDb(dir);
    const path = join(dir, name);
    writeFileSync(path, writeCsv(rows, { kind: 'csv' }));
    const summary = await engine.importFiles(db, [path], options);
    return { db, summary, report: await engine.status(db) };
  };
  const eu = (cells: Partial<Record<(typeof EU_HEADER)[number], string>>) =>
    EU_HEADER.map((name) => cells[name] ?? '');
  const base = {
    'Order ID': 'PO-069-1',
    'order status': 'Delivered',
    'Order item ID': '069-1',
    'contribution sku': 'SKU-1',
    'quantity purchased': '1',
  };

  it('finds `Base price total  after discount` whether written with one space or two', async () => {
    const single = EU_HEADER.map((name) => name.replace(/\s+/g, ' '));
    const row = eu({
      ...base,
      'purchase date': 'Jan 10, 2026, 10:00 am CET(UTC+1)',
      'ship country': 'France',
      'Base price total  after discount': '9,99€',
    });
    const { report } = await importRows('single-space.csv', [single, row]);
    expect(report.totals[0]).toMatchObject({ currency: 'EUR', gross: 9.99 });
  });

  it('moves purchase times to UTC by their `(UTC±n)` offset', async () => {
    // 11:30 pm Pacific on 10 January is 07:30 UTC on 11 January.
    const row = eu({
      ...base,
      'purchase date': 'Jan 10, 2026, 11:30 pm PST(UTC-8)',
      'ship country': 'United States',
      'Base price total  after discount': '$12.00',
    });
    const { report } = await importRows('pst.csv', [EU_HEADER, row]);
    expect(report.from).toBe('2026-01-11');
    expect(report.totals[0]).toMatchObject({ market: 'US', currency: 'USD' });
  });

  it('counts plain amounts as dollars only for US buyers, otherwise asks for --currency', async () => {
    const rows = [
      EU_HEADER,
      eu({
        ...base,
        'purchase date': 'Jan 10, 2026, 10:00 am GMT(UTC+0)',
        'ship country': 'United Kingdom',
        'Base price total  after discount': '8.50',
      }),
    ];
    const without = await importRows('gb-plain.csv', rows);
    expect(without.summary.rejects).toBe(1);
    expect((await engine.rejectsOf(without.db)).rejects[0]).toMatchObject({
      column: 'currency',
      reason: 'missing',
    });
    const given = await importRows('gb-plain-gbp.csv', rows, { currency: 'GBP' });
    expect(given.report.totals[0]).toMatchObject({ market: 'GB', currency: 'GBP', gross: 8.5 });
  });

  it('takes the seller discount from base price total minus the total after discount', async () => {
    // A refunded item without a refund amount is refunded net of its discount: 20.00 − (20.00 − 17.00).
    const header = [
      'Order ID',
      'order status',
      'Order item ID',
      'order item status',
      'purchase date',
      'ship country',
      'contribution sku',
      'quantity purchased',
      'base price total',
      'Base price total  after discount',
      'Product refund',
    ];
    const row = [
      'PO-211-1',
      'Delivered',
      '211-1',
      'Refunded',
      'Jan 10, 2026, 10:00 am PST(UTC-8)',
      'United States',
      'SKU-1',
      '2',
      '20.00',
      '17.00',
      '',
    ];
    const { report } = await importRows('refunded-item.csv', [header, row]);
    expect(report.totals[0]).toMatchObject({ gross: 20, refunds: 17, units: 2 });
  });
});
