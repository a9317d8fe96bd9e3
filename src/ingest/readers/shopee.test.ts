import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract } from '../../../test/reader-contract.js';
import { figures, fixture, newDb, tempDir } from '../../../test/workspace.js';

/**
 * Shopee's seller-centre exports are XLSX in the shop's language. The fixtures are built by
 * test/fixtures/build-southeast-asia.mjs from the genuine and documented headers, with the same three
 * orders in every region (prices × 1000 in dong and rupiah):
 *   A: 2 × TEE-RED (list 100, deal 80) + 1 × TEE-BLUE 50 → 2 lines, 3 units, 250 gross;
 *   B: 1 × TEE-RED, cancelled → a line without units or gross;
 *   C: 1 × TEE-BLUE 50, its unit returned (where the layout has `Returned quantity`).
 * Each file: 3 orders, 4 lines, 2 + 1 + 1 = 4 units, 200 + 50 + 50 = 300 gross.
 */
const REGIONS = {
  'shopee/ph-english-currency-suffix.xlsx': { currency: 'PHP', market: 'PH', k: 1 },
  'shopee/my-english-country-column.xlsx': { currency: 'MYR', market: 'MY', k: 1 },
  'shopee/sg-english-country-column.xlsx': { currency: 'SGD', market: 'SG', k: 1 },
  'shopee/th-english-thai-country-name.xlsx': { currency: 'THB', market: 'TH', k: 1 },
  'shopee/mx-english-peso-suffix.xlsx': { currency: 'MXN', market: 'MX', k: 1 },
  'shopee/br-portuguese-repeated-headers.xlsx': { currency: 'BRL', market: 'BR', k: 1 },
  'shopee/id-indonesian-rupiah.xlsx': { currency: 'IDR', market: 'ID', k: 1000 },
  'shopee/vn-vietnamese-dong.xlsx': { currency: 'VND', market: 'VN', k: 1000 },
};

readerContract({
  format: 'shopee-orders',
  fixtures: Object.entries(REGIONS).map(([file, { currency, k }]) => ({
    file,
    expected: { orders: 3, lines: 4, units: 4, gross: { [currency]: 300 * k } },
  })),
  sample: {
    rows: [
      [
        'Order ID',
        'Order Status',
        'Order Creation Date',
        'Parent SKU Reference No.',
        'Product Name',
        'SKU Reference No.',
        'Original Price',
        'Deal Price',
        'Quantity',
        'Country',
      ],
      [
        '250601AAA',
        'Completed',
        '2025-06-01 10:00',
        'MUG',
        'Mug',
        'MUG-W',
        '30.00',
        '25.00',
        '2',
        'Malaysia',
      ],
      [
        '250601AAA',
        'Completed',
        '2025-06-01 10:00',
        'MUG',
        'Mug',
        'MUG-B',
        '30.00',
        '30.00',
        '1',
        'Malaysia',
      ],
      ['250602BBB', 'To ship', '2025-06-02 11:30', 'CAP', 'Cap', 'CAP-1', '15.00', '15.00', '1', 'Malaysia'],
    ],
    headerRow: 0,
    layout: { kind: 'xlsx' },
    amount: 'Deal Price',
    date: 'Order Creation Date',
    text: 'SKU Reference No.',
  },
});

describe('Shopee export specifics', () => {
  const dir = tempDir();

  for (const [file, { currency, market, k }] of Object.entries(REGIONS)) {
    it(`reads ${file} in ${currency}, buyers in ${market}, with its cancellation and return`, async () => {
      const db = newDb(dir);
      const summary = await engine.importFiles(db, [fixture(file)]);
      expect(summary.rejects).toBe(0);
      const report = await engine.status(db);
      expect(report.totals).toHaveLength(1);
      // Cancelled B keeps a line but no revenue.
      expect(report.totals[0]).toMatchObject({ channel: 'shopee', market, currency, cancelledLines: 1 });
      // C's returned unit is refunded at its deal price, 50; the Indonesian layout has no returns column.
      expect(report.totals[0].refunds).toBe(file.includes('indonesian') ? 0 : 50 * k);
    });
  }

  it('keeps one shop’s orders apart from another region’s in the same workspace', async () => {
    const db = newDb(dir);
    await engine.importFiles(
      db,
      Object.keys(REGIONS).map((f) => fixture(f)),
    );
    const report = await engine.status(db);
    expect(report.totals.map((t) => t.market).sort()).toEqual([
      'BR',
      'ID',
      'MX',
      'MY',
      'PH',
      'SG',
      'TH',
      'VN',
    ]);
    expect(figures(report).orders).toBe(24);
  });
});
