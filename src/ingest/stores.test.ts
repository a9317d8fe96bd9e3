import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { figures, fixture, newDb, tempDir } from '../../test/workspace.js';

/**
 * Two Shopify stores number their orders alike. US: #1001 1 × MUG 20.00, #1002 2 × TEE 15.00,
 * #1003 1 × PIN 10.00 (USD); UK: #1001 1 × MUG 18.00, #1002 3 × TEE 5.00, #1004 1 × CAP 12.00 (GBP).
 * #1001 and #1002 share name and SKU across the stores, so keyed on name alone the UK lines replaced
 * the US ones (4 orders left of 6).
 */
const US = fixture('shopify/two-stores-us-colliding-names.csv');
const UK = fixture('shopify/two-stores-uk-colliding-names.csv');
const UK_WITHOUT_ID = fixture('shopify/two-stores-uk-colliding-names-no-id-column.csv');
// US: 3 orders, 3 lines, 1 + 2 + 1 = 4 units, 20 + 30 + 10 = 60.00; UK: 1 + 3 + 1 = 5 units, 18 + 15 + 12 = 45.00.
const BOTH = { orders: 6, lines: 6, units: 9, gross: { USD: 60.0, GBP: 45.0 } };

describe('several stores of one channel', () => {
  const dir = tempDir();

  it('keeps every order of two Shopify stores imported together (Shopify Id tells them apart)', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [US, UK]);
    expect(summary.warnings).toEqual([]);
    expect(figures(await engine.status(db))).toEqual(BOTH);
  });

  it('keeps them in either order, in separate imports', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [UK]);
    await engine.importFiles(db, [US]);
    expect(figures(await engine.status(db))).toEqual(BOTH);
  });

  it('warns, naming both files, when an export without a store identity overwrites another store', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [US]);
    const summary = await engine.importFiles(db, [UK_WITHOUT_ID]);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /two-stores-uk-colliding-names-no-id-column\.csv: 2 lines \(order #1001, …\).*two-stores-us-colliding-names\.csv.*--store/,
    );
    // The warning says what happened: US #1001 and #1002 were replaced; #1003 and UK #1004 remain.
    expect(figures(await engine.status(db)).orders).toBe(4);
  });

  it('keeps them apart with --store, and status splits by store', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [US], { store: 'us-shop' });
    const summary = await engine.importFiles(db, [UK_WITHOUT_ID], { store: 'uk-shop' });
    expect(summary.warnings).toEqual([]);
    const report = await engine.status(db);
    expect(figures(report)).toEqual(BOTH);
    expect(report.totals.map((t) => [t.store, t.market, t.orders, t.units, t.gross])).toEqual([
      ['uk-shop', 'GB', 3, 5, 45.0],
      ['us-shop', 'US', 3, 4, 60.0],
    ]);
    // Exposure of one store: the US shop's 60.00 USD (the base currency), none of the UK shop's.
    const us = await engine.exposure(db, { store: 'us-shop', from: '2025-05-01', to: '2025-05-31' });
    expect(us.totalRevenue).toBe(60);
    expect(us.byMarket.map((m) => m.market)).toEqual(['US']);
    const all = await engine.exposure(db, { from: '2025-05-01', to: '2025-05-31' });
    expect(all.byMarket.map((m) => m.market).sort()).toEqual(['GB', 'US']);
  });

  it('still lets a newer export of the same store update its orders', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [UK]);
    // The same orders without the Id column are the same store's (same times, same SKUs): updated, not added.
    const summary = await engine.importFiles(db, [UK_WITHOUT_ID]);
    expect(summary.warnings).toEqual([]);
    expect(figures(await engine.status(db))).toEqual({ orders: 3, lines: 3, units: 5, gross: { GBP: 45.0 } });
  });
});
