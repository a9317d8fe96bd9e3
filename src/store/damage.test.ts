import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { compileFile, lookupTables, prelude } from '../ingest/index.js';
import { runCli } from '../../test/cli.js';
import { fixture, newDb, tempDir } from '../../test/workspace.js';
import { importBatch } from './import-batch.js';
import { Workspace } from './workspace.js';

/**
 * A workspace must never be lost or silently wrong: a file that is not one is refused, a damaged one
 * is named as damaged with what to do, `ballast check` finds lines no file accounts for, and a big
 * import's commit is fully logged so a kill during it cannot tear it.
 */
const dir = tempDir('ballast-damage-');
const orders = fixture('generic', 'optional-columns-crlf.csv');
const fx = fixture('inputs', 'fx.csv');

async function failure(work: Promise<unknown>): Promise<BallastError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof BallastError)) throw new Error(`expected a BallastError, got ${String(error)}`);
  return error;
}

describe('a --db that is not a workspace', () => {
  it('refuses a CSV given as --db instead of losing the import', async () => {
    const csv = join(dir, 'shop.csv');
    writeFileSync(csv, 'a,b,c\n1,2,3\n');
    const { code, err } = await runCli('--db', csv, 'import', orders);
    expect(code).toBe(1);
    expect(err).toMatch(
      /shop\.csv is not a Ballast workspace \(it starts `a,b,c.1,2,3.`, not a DuckDB database\)/,
    );
    expect(readFileSync(csv, 'utf8')).toBe('a,b,c\n1,2,3\n');
  });
});

describe('a damaged workspace', () => {
  it('says the file is damaged and what to do, and check reports it', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fx, orders]);
    // Overwrite the checksum at the start of every 256 KiB block after the three 4 KiB headers.
    const fd = openSync(db, 'r+');
    for (let at = 3 * 4096; at < statSync(db).size; at += 262_144)
      writeSync(fd, Buffer.alloc(8, 0xa5), 0, 8, at);
    closeSync(fd);
    const error = await failure(engine.status(db));
    expect(error.code).toBe('workspace-damaged');
    expect(error.message).toMatch(/the workspace file .* is damaged \(.*checksum/i);
    expect(error.hint).toMatch(/Restore .* from a backup/);
    const { code, out } = await runCli('--db', db, '--json', 'check');
    expect(code).toBe(1);
    const report = JSON.parse(out) as engine.CheckReport;
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: 'workspace opens', ok: false });
  });
});

describe('ballast check', () => {
  it('passes on a sound workspace, with every check named', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fx, orders]);
    const { code, out } = await runCli('--db', db, '--json', 'check');
    expect(code).toBe(0);
    const report = JSON.parse(out) as engine.CheckReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'workspace opens',
      'tables readable',
      'schema version',
      'lines without a file',
      'totals against provenance',
      'runs readable',
    ]);
  });

  it('finds lines without their file (a torn import), says what to do, and re-importing heals it', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fx, orders]);
    const ws = await Workspace.open(db, { create: false });
    await ws.run(`DELETE FROM files WHERE name = 'optional-columns-crlf.csv'`);
    ws.close();
    const torn = await runCli('--db', db, 'check');
    expect(torn.code).toBe(1);
    expect(torn.out).toMatch(
      /FAIL {2}lines without a file: 5 lines, 0 rejects, 0 events from file [0-9a-f]{12}…/,
    );
    expect(torn.out).toMatch(/Import that export again/);
    await engine.importFiles(db, [orders]);
    expect((await engine.check(db)).ok).toBe(true);
  });
});

describe('a big import commits through the write-ahead log', () => {
  it(
    'logs its rows, not pointers to blocks written before COMMIT (which a kill can tear)',
    { timeout: 300_000 },
    async () => {
      // 130,000 lines: more than one DuckDB row group (122,880), so its appends are bulk appends.
      const big = join(dir, 'row-groups.csv');
      const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
      for (let i = 0; i < 130_000; i++) rows.push(`R-${i},2024-03-01,SKU-${i % 50},1,9.50,USD,etsy,US`);
      writeFileSync(big, rows.join('\n') + '\n');
      const db = newDb(dir);
      await engine.importFiles(db, [fx]);
      // Inside the file's own temporary folder: a tempDir made inside a test is never removed.
      const workDir = mkdtempSync(join(dir, 'work-'));
      const compiled = await compileFile(big, {}, workDir, 0);
      const ws = await Workspace.open(db, { create: false, prelude: prelude() });
      try {
        await ws.run(`SET checkpoint_threshold = '1TB'`); // keep the log until it is measured
        for (const { table, rows } of lookupTables()) await ws.append(table, rows);
        await importBatch(ws, [compiled], 'USD');
        // Logged rows take megabytes; pointers to blocks already written take a few kilobytes.
        expect(statSync(`${db}.wal`).size).toBeGreaterThan(2_000_000);
      } finally {
        ws.close();
      }
      expect((await engine.status(db)).totals.reduce((s, t) => s + t.lines, 0)).toBe(130_000);
    },
  );
});
