import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { fixture, importFails, newDb, tempDir } from '../../../test/workspace.js';

const inputs = ['locations', 'inventory', 'shipments', 'costs', 'commitments', 'fx'].map((n) =>
  fixture('inputs', `${n}.csv`),
);

describe('non-order inputs (docs/formats.md)', () => {
  const dir = tempDir();

  it('recognises each layout by its header and stores every row', async () => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, inputs);
    expect(summary.files.map((f) => f.format)).toEqual([
      'locations',
      'inventory',
      'shipments',
      'costs',
      'commitments',
      'fx',
    ]);
    expect(summary.rejects).toBe(0);
    const { inputs: counts } = await engine.status(db);
    expect(counts).toEqual({ locations: 4, inventory: 4, shipments: 3, costs: 3, commitments: 2, fx: 3 });
  });

  it('replaces rows with the same key on a later import instead of adding them again', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('inputs', 'inventory.csv')]);
    const newer = join(dir, 'inventory-recount.csv');
    // Same location, SKU and date as the fixture's first row (`mug-01` is stored upper-cased): a recount.
    writeFileSync(
      newer,
      'location,sku,quantity,as_of\nFBT-US,MUG-01,1100,2025-01-10\nFBT-US,MUG-02,40,2025-01-10\n',
    );
    const summary = await engine.importFiles(db, [newer]);
    expect(summary.files[0]).toMatchObject({ added: 1, updated: 1 });
    expect((await engine.status(db)).inputs.inventory).toBe(5);
  });

  it('rejects unreadable cells with the column and what was expected', async () => {
    const db = newDb(dir);
    const bad = join(dir, 'bad-locations.csv');
    writeFileSync(
      bad,
      'location,kind,market,channels\nX,warehouse,US,*\nY,fba,Atlantis,amazon\nZ,own,US,*\n',
    );
    const summary = await engine.importFiles(db, [bad]);
    expect(summary.rejects).toBe(2);
    const { rejects } = await engine.rejectsOf(db);
    expect(rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [2, 'kind', 'warehouse', 'expected one of fba, fbt, wfs, 3pl, own, supplier'],
      [3, 'market', 'Atlantis', 'expected a country name or ISO 3166 code'],
    ]);
  });

  it('refuses a zero or negative FX rate', async () => {
    const db = newDb(dir);
    const bad = join(dir, 'bad-fx.csv');
    writeFileSync(bad, 'date,currency,rate\n2025-01-02,EUR,0\n2025-01-03,EUR,1.04\n');
    const summary = await engine.importFiles(db, [bad]);
    expect(summary.rejects).toBe(1);
    expect((await engine.rejectsOf(db)).rejects[0].reason).toMatch(/positive rate/);
  });
});

describe('currencies need a rate (docs/formats.md)', () => {
  const dir = tempDir();
  const ars = (name: string) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      'order_id,order_date,sku,quantity,unit_price,currency,channel,market\nAR-1,2024-05-01,MATE,2,15000,ARS,mercadolibre,AR\n',
    );
    return path;
  };

  it('stops the whole import, naming the currency, when no rate exists', async () => {
    const db = newDb(dir);
    const fine = join(dir, 'usd.csv');
    writeFileSync(
      fine,
      'order_id,order_date,sku,quantity,unit_price,currency,channel,market\nUS-1,2024-05-01,MUG,1,10,USD,amazon,US\n',
    );
    const error = await importFails(db, [fine, ars('ars.csv')]);
    expect(error.code).toBe('missing-rate');
    expect(error.message).toMatch(/ARS/);
    expect(error.hint).toMatch(/date,currency,rate/);
    // Whole or nothing: the good file did not land either.
    expect((await engine.status(db)).files).toEqual([]);
  });

  it('imports once an FX file for the currency comes in the same command', async () => {
    const db = newDb(dir);
    const fx = join(dir, 'fx-ars.csv');
    writeFileSync(fx, 'date,currency,rate\n2024-05-01,ARS,0.00113\n');
    const summary = await engine.importFiles(db, [ars('ars-2.csv'), fx]);
    expect(summary.files.map((f) => [f.format, f.added])).toEqual([
      ['generic', 1],
      ['fx', 1],
    ]);
    expect((await engine.status(db)).totals[0]).toMatchObject({ currency: 'ARS', gross: 30000 });
  });
});
