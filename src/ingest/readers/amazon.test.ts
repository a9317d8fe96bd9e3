import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { Workspace } from '../../store/index.js';
import { figures, fixture, newDb, tempDir } from '../../../test/workspace.js';

/**
 * The two Amazon reports describe the same order lines: All Orders gives every item (pending and
 * cancelled too) with its price, the transaction report the fees and refunds of the items that
 * shipped. Imported together they must make one line per item, not two.
 */
const allOrders = fixture('amazon', 'all-orders-official-cpf-statuses.txt');
const transactions = fixture('amazon', 'transactions-us-preamble-pst-pdt.csv');

// By hand: All Orders has 6 orders, 8 lines, 9 units, 123.95 (its own test). The transaction report
// shares order …01 (MUG-BLUE, TEE-M) and adds …07 DESK-OAK (1 unit, 1,694.07) and …08 TEE-M
// (2 units, 39.98). Together: 8 orders, 10 lines, 12 units, 123.95 + 1,694.07 + 39.98 = 1,858.00.
const together = { orders: 8, lines: 10, units: 12, gross: { USD: 1858.0 } };

async function feesAndRefunds(db: string, order = '111-0000001-0000001') {
  const ws = await Workspace.open(db, { create: false });
  try {
    return await ws.rows<{
      key: string;
      quantity: number;
      gross: number;
      fees: number;
      refund: number;
      status: string;
    }>(
      `SELECT order_id || '/' || seller_sku AS key, quantity, round(gross, 2) AS gross, round(fees, 2) AS fees,
         round(refund, 2) AS refund, status
       FROM order_lines WHERE order_id = $order ORDER BY key`,
      { order },
    );
  } finally {
    ws.close();
  }
}

describe('Amazon All Orders + transaction report', () => {
  const dir = tempDir();

  for (const [name, files] of [
    ['All Orders first', [allOrders, transactions]],
    ['transaction report first', [transactions, allOrders]],
    ['both in one import', [transactions, allOrders]],
  ] as const) {
    it(`gives one line per item with the report's fees and refunds (${name})`, async () => {
      const db = newDb(dir);
      if (name === 'both in one import') await engine.importFiles(db, [...files]);
      else for (const file of files) await engine.importFiles(db, [file]);
      expect(figures(await engine.status(db))).toEqual(together);
      expect(await feesAndRefunds(db)).toEqual([
        {
          key: '111-0000001-0000001/MUG-BLUE',
          quantity: 2,
          gross: 25.98,
          fees: 8.48,
          refund: 11.49,
          status: 'completed',
        },
        {
          key: '111-0000001-0000001/TEE-M',
          quantity: 1,
          gross: 19.99,
          fees: 7.25,
          refund: 0,
          status: 'completed',
        },
      ]);
      // The returned parcel (…06, All Orders only) and the partial refund of …01 MUG-BLUE.
      const refunds = (await engine.status(db)).totals.reduce((sum, t) => sum + t.refunds, 0);
      expect(refunds).toBeCloseTo(12.99 + 11.49, 2);
    });
  }

  it("keeps the sale when next month's report only refunds it", async () => {
    // February's report refunds order …05 TEE-M, sold in January (All Orders: 1 unit, 19.99).
    const db = newDb(dir);
    const february = join(dir, 'transactions-february.csv');
    writeFileSync(
      february,
      '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"\n' +
        '"date/time","settlement id","type","order id","sku","description","quantity","marketplace","fulfillment","product sales","selling fees","fba fees","other transaction fees","other","total"\n' +
        '"Feb 3, 2026 10:00:00 AM PST","1002","Refund","111-0000005-0000005","TEE-M","Plain Tee (M)","1","amazon.com","Amazon","-19.99","3.00","0","0","0","-16.99"\n',
    );
    await engine.importFiles(db, [allOrders]);
    await engine.importFiles(db, [february]);
    expect(figures(await engine.status(db))).toEqual({
      orders: 6,
      lines: 8,
      units: 9,
      gross: { USD: 123.95 },
    });
    expect(await feesAndRefunds(db, '111-0000005-0000005')).toEqual([
      {
        key: '111-0000005-0000005/MUG-GREEN',
        quantity: 1,
        gross: 12,
        fees: 0,
        refund: 0,
        status: 'cancelled',
      },
      {
        key: '111-0000005-0000005/TEE-M',
        quantity: 1,
        gross: 19.99,
        fees: -3,
        refund: 19.99,
        status: 'refunded',
      },
    ]);
  });
});
