import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract } from '../../../test/reader-contract.js';
import { fixture, newDb, tempDir } from '../../../test/workspace.js';

/**
 * Lazada's exports are XLSX with camelCase headers in every region, one row per unit. The fixtures
 * (test/fixtures/build-southeast-asia.mjs) hold the same three orders per region, prices × k:
 *   1: CUP-01 at 20 twice (one unit with a −2 seller discount) and CUP-02 at 35 → 3 lines, 75;
 *   2: CUP-01 at 20, canceled → a line without units or gross;
 *   3: CUP-02 at 35, returned.
 * Each file: 3 orders, 5 lines, 4 units, 75 + 35 = 110 gross.
 */
const REGIONS = {
  'lazada/my-malaysia.xlsx': { currency: 'MYR', market: 'MY', k: 1 },
  'lazada/sg-singapore.xlsx': { currency: 'SGD', market: 'SG', k: 1 },
  'lazada/th-thailand-thai-country.xlsx': { currency: 'THB', market: 'TH', k: 10 },
  'lazada/vn-vietnam-dong.xlsx': { currency: 'VND', market: 'VN', k: 1000 },
  'lazada/ph-philippines.xlsx': { currency: 'PHP', market: 'PH', k: 10 },
  'lazada/id-indonesia-rupiah.xlsx': { currency: 'IDR', market: 'ID', k: 1000 },
};

readerContract({
  format: 'lazada-orders',
  fixtures: Object.entries(REGIONS).map(([file, { currency, k }]) => ({
    file,
    expected: { orders: 3, lines: 5, units: 4, gross: { [currency]: 110 * k } },
  })),
  sample: {
    rows: [
      [
        'orderItemId',
        'orderNumber',
        'sellerSku',
        'lazadaSku',
        'createTime',
        'shippingCountry',
        'unitPrice',
        'sellerDiscountTotal',
        'status',
      ],
      ['81001', '400001', 'BAG-1', 'BAG-1-LZ', '05 Jan 2024 14:30', 'Malaysia', '49.90', '', 'delivered'],
      [
        '81002',
        '400001',
        'BAG-1',
        'BAG-1-LZ',
        '05 Jan 2024 14:30',
        'Malaysia',
        '49.90',
        '-5.00',
        'delivered',
      ],
      ['81003', '400002', 'BAG-2', 'BAG-2-LZ', '06 Jan 2024 09:10', 'Malaysia', '29.90', '', 'shipped'],
    ],
    headerRow: 0,
    layout: { kind: 'xlsx' },
    amount: 'unitPrice',
    date: 'createTime',
    text: 'sellerSku',
  },
});

describe('Lazada export specifics', () => {
  const dir = tempDir();
  for (const [file, { currency, market, k }] of Object.entries(REGIONS)) {
    it(`reads ${file}: one unit a row, ${currency} from the buyer's country, seller discounts`, async () => {
      const db = newDb(dir);
      const summary = await engine.importFiles(db, [fixture(file)]);
      expect(summary.rejects).toBe(0);
      const report = await engine.status(db);
      expect(report.totals).toHaveLength(1);
      expect(report.totals[0]).toMatchObject({ channel: 'lazada', market, currency, cancelledLines: 1 });
      // Order 3's returned cup is refunded whole (no amount given): 35.
      expect(report.totals[0].refunds).toBe(35 * k);
      const exposure = await engine.exposure(db, { from: '2025-01-01', to: '2025-12-31' });
      const fx = exposure.byChannel[0];
      expect(fx.units).toBe(4);
    });
  }
});
