import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract, writeCsv, writeXlsx } from '../../../test/reader-contract.js';
import { figures, fixture, newDb, tempDir } from '../../../test/workspace.js';

// The US export's 58 columns (docs/formats/tiktok-shop.md, real file).
const US_HEADER = [
  'Order ID',
  'Order Status',
  'Order Substatus',
  'Cancelation/Return Type',
  'Normal or Pre-order',
  'SKU ID',
  'Seller SKU',
  'Product Name',
  'Variation',
  'Quantity',
  'Sku Quantity of return',
  'SKU Unit Original Price',
  'SKU Subtotal Before Discount',
  'SKU Platform Discount',
  'SKU Seller Discount',
  'SKU Subtotal After Discount',
  'Shipping Fee After Discount',
  'Original Shipping Fee',
  'Shipping Fee Seller Discount',
  'Co-Funded Shipping Fee Discount',
  'Shipping Fee Platform Discount',
  'Payment platform discount',
  'Retail Delivery Fee',
  'Taxes',
  'Order Amount',
  'Order Refund Amount',
  'Created Time',
  'Paid Time',
  'RTS Time',
  'Shipped Time',
  'Delivered Time',
  'Cancelled Time',
  'Cancel By',
  'Cancel Reason',
  'Fulfillment Type',
  'Warehouse Name',
  'Tracking ID',
  'Delivery Option Type',
  'Delivery Option',
  'Shipping Provider Name',
  'Buyer Message',
  'Buyer Username',
  'Recipient',
  'Phone #',
  'Country',
  'State',
  'City',
  'Zipcode',
  'Address Line 1',
  'Address Line 2',
  'Delivery Instruction',
  'Payment Method',
  'Weight(kg)',
  'Product Category',
  'Package ID',
  'Seller Note',
  'Shipping Information',
  'Combined Listing',
];

/** One US-layout row: IDs and times end in a TAB inside the cell, as TikTok writes them. */
function row(cells: Record<string, string>): string[] {
  const defaults: Record<string, string> = {
    'Order Status': 'Completed',
    'SKU ID': '1731720182595031941\t',
    'Seller SKU': 'TEE-BLK',
    Quantity: '1',
    'SKU Unit Original Price': '11.99',
    'SKU Subtotal Before Discount': '11.99',
    'SKU Seller Discount': '0',
    'Created Time': '09/15/2025 7:44:26 AM\t',
    'Paid Time': '09/15/2025 7:44:29 AM\t',
    'Fulfillment Type': 'Fulfillment by seller',
    Recipient: 'Test Buyer',
    Country: 'United States',
    Zipcode: '97201\t',
    'Shipping Information': 'Test Buyer\n(+1)5550100000\nPortland, Oregon\n97201\nUnited States',
  };
  const all = { ...defaults, ...cells };
  return US_HEADER.map((name) => all[name] ?? '');
}

// Expected figures worked by hand from the fixture rows (cancelled lines carry no units or gross).
readerContract({
  format: 'tiktok-orders',
  fixtures: [
    {
      // 5 orders, 6 lines (…001 has two SKU rows repeating shipping 5, taxes 3.1 and Order Amount 42.08).
      // Units 2+1 + 1 + 1 (free sample, all amounts 0) + 1 (Unpaid) + 1 (Return/Refund) = 7.
      // Gross = SKU Subtotal Before Discount: 23.98 + 15 + 11.99 + 0 + 15 + 11.99 = 77.96.
      file: 'tiktok/us-bom-tab-suffixed-ids.csv',
      expected: { orders: 5, lines: 6, units: 7, gross: { USD: 77.96 } },
    },
    {
      // No BOM, header ending CRLF, every TAB-suffixed cell quoted, no final newline (as the re-saved
      // one-row copy). …101 Cancelled (no units, no gross); …102 3 × 8.50 = 25.50; …103 1 × 15.00. Units 4, gross 40.50.
      file: 'tiktok/quoted-tab-cells-crlf-header.csv',
      expected: { orders: 3, lines: 3, units: 4, gross: { USD: 40.5 } },
    },
    {
      // Description row skipped. 1 × 59 + 2 × 20 = 99 MYR; the third order is Cancelled.
      file: 'tiktok/malaysia-description-row-day-first.csv',
      expected: { orders: 3, lines: 3, units: 3, gross: { MYR: 99 } },
    },
    {
      // Selesai: 2 × 89000 + 1 × 65000; Dikirim: 89000; Dibatalkan: cancelled; Belum dibayar: 3 × 89000.
      // Units 2+1+1+3 = 7; gross 178000 + 65000 + 89000 + 267000 = 599000 IDR.
      file: 'tiktok/indonesia-tokopedia-localised-status.csv',
      expected: { orders: 4, lines: 5, units: 7, gross: { IDR: 599000 } },
    },
    {
      // 150000 + 2 × 120000 = 390000 VND; the Cancelled order carries nothing.
      file: 'tiktok/vietnam-address-block.csv',
      expected: { orders: 3, lines: 3, units: 3, gross: { VND: 390000 } },
    },
    {
      // จัดส่งแล้ว (shipped) ฿1,299.00; ยกเลิกแล้ว (cancelled); ที่ต้องจัดส่ง (to ship) 2 × ฿450.00. Gross 2199 THB.
      file: 'tiktok/thailand-thai-status-baht.csv',
      expected: { orders: 3, lines: 3, units: 3, gross: { THB: 2199 } },
    },
  ],
  sample: {
    rows: [
      US_HEADER,
      row({ 'Order ID': '577106943312564315\t', 'Order Status': 'To ship' }),
      row({ 'Order ID': '577106977466651244\t', Quantity: '2', 'SKU Subtotal Before Discount': '23.98' }),
      row({
        'Order ID': '577106985834811596\t',
        'Seller SKU': 'CAP-RED',
        'Created Time': '09/16/2025 1:02:03 PM\t',
      }),
    ],
    headerRow: 0,
    layout: { kind: 'csv', bom: true },
    amount: 'SKU Subtotal Before Discount',
    date: 'Created Time',
    text: 'Seller SKU',
  },
});

describe('TikTok Shop export specifics', () => {
  const dir = tempDir();
  const importRows = async (name: string, rows: string[][], options: engine.ImportOptions = {}) => {
    const db = newDb(dir);
    const path = join(dir, name);
    writeFileSync(path, writeCsv([US_HEADER, ...rows], { kind: 'csv', bom: true }));
    const summary = await engine.importFiles(db, [path], options);
    return { db, summary, report: await engine.status(db) };
  };

  it('reads an ambiguous 03/04/2026 month-first for a US buyer and day-first elsewhere', async () => {
    const at = { 'Created Time': '03/04/2026 13:00:00\t' };
    const us = await importRows('us-ambiguous.csv', [row({ 'Order ID': '1\t', ...at })]);
    const my = await importRows('my-ambiguous.csv', [row({ 'Order ID': '1\t', ...at, Country: 'Malaysia' })]);
    expect(us.report.from).toBe('2026-03-04');
    expect(my.report.from).toBe('2026-04-03');
    expect(my.report.totals[0]).toMatchObject({ market: 'MY', currency: 'MYR' });
    // A day above 12 can only be read one way, whatever the market.
    const late = await importRows('us-day-first.csv', [
      row({ 'Order ID': '1\t', 'Created Time': '25/06/2026 13:03:57\t' }),
    ]);
    expect(late.report.from).toBe('2026-06-25');
  });

  it('takes order-level amounts once per order, not once per SKU row', async () => {
    // Two SKU rows of one refunded order, each repeating `Order Refund Amount` 20.
    const order = {
      'Order ID': '9\t',
      'Cancelation/Return Type': 'Return/Refund',
      'Order Refund Amount': '20',
    };
    const { report } = await importRows('repeated-refund.csv', [
      row({ ...order, 'Seller SKU': 'A', 'SKU Subtotal Before Discount': '30' }),
      row({ ...order, 'Seller SKU': 'B', 'SKU Subtotal Before Discount': '10' }),
    ]);
    expect(report.totals[0]).toMatchObject({ orders: 1, lines: 2, gross: 40, refunds: 20 });
  });

  it('counts only the goods of a refund that also gave back shipping and tax', async () => {
    // 2 × 11.99 less a 1.99 seller discount = 21.99 of goods; the buyer got 21.99 + 5.99 shipping + 2.24 tax back.
    const { report } = await importRows('refund-with-shipping.csv', [
      row({
        'Order ID': '8\t',
        Quantity: '2',
        'SKU Subtotal Before Discount': '23.98',
        'SKU Seller Discount': '1.99',
        'Shipping Fee After Discount': '5.99',
        Taxes: '2.24',
        'Cancelation/Return Type': 'Refund',
        'Order Refund Amount': '30.22',
      }),
    ]);
    expect(report.totals[0]).toMatchObject({ gross: 23.98, refunds: 21.99 });
  });

  it('treats a return without a refund amount as fully refunded, net of the seller discount', async () => {
    const { report } = await importRows('return-no-amount.csv', [
      row({ 'Order ID': '7\t', 'Cancelation/Return Type': 'Return/Refund', 'SKU Seller Discount': '1.99' }),
    ]);
    expect(report.totals[0]).toMatchObject({ gross: 11.99, refunds: 10 });
  });

  it('counts cancelled orders in every language as cancelled lines', async () => {
    for (const [file, cancelled] of [
      ['tiktok/indonesia-tokopedia-localised-status.csv', 1],
      ['tiktok/thailand-thai-status-baht.csv', 1],
      ['tiktok/us-bom-tab-suffixed-ids.csv', 0],
    ] as const) {
      const db = newDb(dir);
      await engine.importFiles(db, [fixture(file)]);
      expect((await engine.status(db)).totals[0].cancelledLines, file).toBe(cancelled);
    }
  });

  it('skips the description row under the header instead of rejecting it', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [fixture('tiktok/malaysia-description-row-day-first.csv')]);
    expect(summary.rejects).toBe(0);
    expect((await engine.status(db)).to).toBe('2026-06-25');
  });

  it('reads the XLSX export, whose second row describes the columns', async () => {
    const db = newDb(dir);
    const path = join(dir, 'All order-2025-09-16.xlsx');
    const description = US_HEADER.map((name) =>
      name === 'Order ID' ? 'Platform unique order ID.' : `${name}.`,
    );
    const data = row({ 'Order ID': '577106943312564315' });
    writeFileSync(path, await writeXlsx([US_HEADER, description, data]));
    const summary = await engine.importFiles(db, [path]);
    expect(summary.rejects).toBe(0);
    expect(figures(await engine.status(db))).toEqual({
      orders: 1,
      lines: 1,
      units: 1,
      gross: { USD: 11.99 },
    });
  });

  it('gives a blank-address row the market of the file, and falls back to the SKU ID without a seller SKU', async () => {
    const { summary, report } = await importRows('blank-country.csv', [
      row({ 'Order ID': '1\t', Country: 'Malaysia', 'Created Time': '25/06/2026 13:03:57\t' }),
      row({
        'Order ID': '2\t',
        Country: '',
        'Order Status': 'Unpaid',
        'Seller SKU': '',
        'Created Time': '26/06/2026 08:00:00\t',
      }),
    ]);
    expect(summary.rejects).toBe(0);
    expect(report.totals).toHaveLength(1);
    expect(report.totals[0]).toMatchObject({ market: 'MY', currency: 'MYR', orders: 2 });
  });

  it('leaves the currency of a market it does not know to --currency', async () => {
    const rows = [row({ 'Order ID': '1\t', Country: 'Saudi Arabia' })];
    const without = await importRows('sa.csv', rows);
    expect(without.summary.rejects).toBe(1);
    expect((await engine.rejectsOf(without.db)).rejects[0]).toMatchObject({
      column: 'currency',
      reason: 'missing',
    });
    const given = await importRows('sa-sar.csv', rows, { currency: 'SAR' });
    expect(given.report.totals[0]).toMatchObject({ market: 'SA', currency: 'SAR', gross: 11.99 });
  });
});
