import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { fixture, linesOf, newDb, tempDir } from '../../test/workspace.js';
import { REFRESH_LINE_SUMMARIES } from './line-summaries.js';

/** Rows of each summary that a rebuild from the lines would not give, and rows it would give that are missing. */
async function drift(db: string) {
  const [days, skus] = [REFRESH_LINE_SUMMARIES[1], REFRESH_LINE_SUMMARIES[3]].map((insert) =>
    insert.slice(insert.indexOf('SELECT')),
  );
  const [row] = await linesOf<{ days: number; skus: number; rows: number }>(
    db,
    `SELECT
       (SELECT count(*) FROM ((FROM line_days EXCEPT ALL ${days}) UNION ALL (${days} EXCEPT ALL FROM line_days))) AS days,
       (SELECT count(*) FROM ((FROM sku_channels EXCEPT ALL ${skus}) UNION ALL (${skus} EXCEPT ALL FROM sku_channels))) AS skus,
       (SELECT count(*) FROM line_days) AS rows`,
  );
  return row;
}

describe('line summaries', () => {
  const dir = tempDir();
  const generic = (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      `order_id,order_date,sku,quantity,unit_price,currency,channel,market,status\n${rows.join('\n')}\n`,
    );
    return path;
  };

  it('follow every import: new lines, a newer export that updates, a synced copy giving way', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [
      generic('march.csv', [
        'A-1,2025-03-01,SKU-1,2,10.00,USD,amazon,US,completed',
        'A-2,2025-03-02,SKU-2,1,20.00,USD,amazon,US,completed',
        'E-1,2025-03-02,SKU-1,1,9.00,EUR,ebay,DE,completed',
      ]),
    ]);
    expect(await drift(db)).toEqual({ days: 0, skus: 0, rows: 3 });
    const [before] = await linesOf<{ units: number }>(db, `SELECT sum(units) AS units FROM line_days`);

    // A later export of the same orders: A-2 was cancelled since, so its units stop counting.
    await engine.importFiles(db, [
      generic('march-again.csv', [
        'A-1,2025-03-01,SKU-1,2,10.00,USD,amazon,US,completed',
        'A-2,2025-03-02,SKU-2,1,20.00,USD,amazon,US,cancelled',
        'A-3,2025-03-04,SKU-3,4,5.00,USD,amazon,US,completed',
      ]),
    ]);
    expect(await drift(db)).toEqual({ days: 0, skus: 0, rows: 4 });
    const [after] = await linesOf<{ units: number; skus: number }>(
      db,
      `SELECT (SELECT sum(units) FROM line_days) AS units,
         (SELECT count(*) FROM sku_channels WHERE sku = 'SKU-2') AS skus`,
    );
    expect(after).toEqual({ units: before.units - 1 + 4, skus: 0 });

    // TikTok orders synced into Shopify, then TikTok's own line for one of them: the copy gives way.
    await engine.importFiles(db, [fixture('shopify/tiktok-synced-orders.csv')]);
    expect((await drift(db)).days).toBe(0);
    const tiktokNet = async () =>
      (
        await linesOf<{ net: number }>(
          db,
          `SELECT sum(net) AS net FROM line_days WHERE channel = 'tiktok-shop'`,
        )
      )[0].net;
    const synced = await tiktokNet();
    await engine.importFiles(db, [
      generic('tiktok-own.csv', [
        '576828261362408179,2025-12-07,86719035-white-s,1,42.00,GBP,tiktok-shop,GB,',
      ]),
    ]);
    expect(await drift(db)).toMatchObject({ days: 0, skus: 0 });
    // The Shopify copy of the order gave way to TikTok's own line at 42.00.
    const [copy] = await linesOf<{ net: number }>(
      db,
      `SELECT gross - discount - refund AS net FROM order_lines WHERE order_id = '576828261362408179' AND via <> '' AND superseded`,
    );
    expect(await tiktokNet()).toBeCloseTo(synced - copy.net + 42, 6);
  });
});
