import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { figures, importFails, newDb, tempDir } from '../../test/workspace.js';
import { SCHEMA_VERSION } from './migrations.js';

const HEADER = 'order_id,order_date,sku,quantity,unit_price,currency,channel,market,status,refund';

async function rawDuckDb(path: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const sql of statements) await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
}

describe('workspace schema', () => {
  const dir = tempDir();

  it('upgrades an older workspace when it is opened', async () => {
    const db = newDb(dir);
    // A workspace from before any migration ran: only the version table.
    await rawDuckDb(db, [
      `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `INSERT INTO meta VALUES ('schema_version', '0')`,
    ]);
    const report = await engine.status(db);
    expect(report.files).toEqual([]);
    expect(report.baseCurrency).toBe('USD');
  });

  it('refuses a workspace written by a newer Ballast', async () => {
    const db = newDb(dir);
    await rawDuckDb(db, [
      `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION + 1}')`,
    ]);
    const error = await engine.status(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).code).toBe('workspace-version');
    expect((error as BallastError).hint).toMatch(/Upgrade Ballast/);
  });

  it('says how to start when there is no workspace yet', async () => {
    const error = await engine.status(join(dir, 'nowhere.duckdb')).catch((e: unknown) => e);
    expect((error as BallastError).code).toBe('not-found');
    expect((error as BallastError).hint).toMatch(/ballast import/);
  });
});

describe('import rules (docs/formats.md)', () => {
  const dir = tempDir();
  const file = (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    return path;
  };

  it('updates statuses and refunds from a newer overlapping export instead of counting twice', async () => {
    const db = newDb(dir);
    const january = file('jan.csv', [
      'O-1,2024-01-05,A,1,10,USD,etsy,US,completed,0',
      'O-2,2024-01-20,B,2,5,USD,etsy,US,completed,0',
    ]);
    // The February export repeats O-2 (now refunded) and adds O-3.
    const february = file('feb.csv', [
      'O-2,2024-01-20,B,2,5,USD,etsy,US,refunded,10',
      'O-3,2024-02-02,A,1,10,USD,etsy,US,completed,0',
    ]);
    await engine.importFiles(db, [january]);
    const summary = await engine.importFiles(db, [february]);
    expect(summary.files[0]).toMatchObject({ added: 1, updated: 1 });
    const report = await engine.status(db);
    expect(figures(report)).toEqual({ orders: 3, lines: 3, units: 4, gross: { USD: 30 } });
    expect(report.totals[0].refunds).toBe(10);
  });

  it('keeps the newer statuses when the older export is imported last', async () => {
    const db = newDb(dir);
    const newer = file('newer.csv', [
      'P-1,2024-03-01,A,1,10,USD,etsy,US,refunded,10',
      'P-2,2024-03-09,A,1,10,USD,etsy,US,completed,0',
    ]);
    const older = file('older.csv', ['P-1,2024-03-01,A,1,10,USD,etsy,US,completed,0']);
    await engine.importFiles(db, [newer]);
    await engine.importFiles(db, [older]);
    expect((await engine.status(db)).totals[0].refunds).toBe(10);
  });

  it('lands every file of one command or none of them', async () => {
    const db = newDb(dir);
    const good = file('good.csv', ['Q-1,2024-04-01,A,1,10,USD,etsy,US,completed,0']);
    const unknown = join(dir, 'notes.csv');
    writeFileSync(unknown, 'these,are,not,orders\n1,2,3,4\n');
    const error = await importFails(db, [good, unknown]);
    expect(error.code).toBe('unknown-format');
    expect(error.message).toMatch(/notes\.csv/);
    const report = await engine.status(db).catch(() => null);
    expect(report === null || report.files.length === 0).toBe(true);
  });

  it('imports a file named twice in one command once', async () => {
    const db = newDb(dir);
    const once = file('once.csv', ['R-1,2024-04-01,A,3,10,USD,etsy,US,completed,0']);
    const summary = await engine.importFiles(db, [once, once]);
    expect(summary.files.map((f) => f.status)).toEqual(['imported', 'already imported']);
    expect(figures(await engine.status(db)).units).toBe(3);
  });
});
