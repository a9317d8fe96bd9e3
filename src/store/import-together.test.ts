import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { fixture, newDb, tempDir } from '../../test/workspace.js';

/**
 * Exports of one layout named in one command are read by one query and, when none of them touches
 * another's lines, merged in one step. Whatever path they take, the workspace must end exactly as if
 * each file had been imported by a command of its own, in the same order.
 */
describe('several exports of one layout in one command', () => {
  const dir = tempDir();

  /** Writes `text` as a file in the test folder and returns its path. */
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const read = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');

  /** The rows of every table an import writes, apart from when it ran, as sorted JSON lines. */
  async function contents(db: string): Promise<Record<string, string[]>> {
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    try {
      const out: Record<string, string[]> = {};
      for (const [table, columns] of [
        ['order_lines', '*'],
        ['rejects', '*'],
        ['files', '* EXCLUDE (import_id, imported_at)'],
      ]) {
        const result = await connection.runAndReadAll(`SELECT ${columns} FROM ${table}`);
        out[table] = result
          .getRowObjectsJson()
          .map((row) => JSON.stringify(row))
          .sort();
      }
      return out;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  async function expectSameAsOneByOne(paths: string[]): Promise<void> {
    const together = newDb(dir);
    const summary = await engine.importFiles(together, paths);
    const alone = newDb(dir);
    const outcomes = [];
    for (const path of paths) outcomes.push(...(await engine.importFiles(alone, [path])).files);
    expect(summary.files).toEqual(outcomes);
    const [a, b] = [await contents(together), await contents(alone)];
    expect(a.order_lines.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  }

  it('stores disjoint exports, a cell that does not read among them, as one command each would', async () => {
    const text = read('generic', 'optional-columns-crlf.csv');
    await expectSameAsOneByOne([
      write('g1.csv', text),
      write('g2.csv', text.replaceAll('G-', 'H-')),
      write('g3.csv', text.replaceAll('G-', 'K-').replace('12.50', 'twelve')),
    ]);
  });

  it('numbers a SKU repeated within an order in each file as its own command would', async () => {
    const text = read('generic', 'minimal-no-final-newline-repeated-sku.csv');
    await expectSameAsOneByOne([write('m1.csv', text), write('m2.csv', text.replaceAll('M-', 'N-'))]);
  });

  it('keeps a row dropped for its shape on its own file and line', async () => {
    const text = read('generic', 'optional-columns-crlf.csv');
    await expectSameAsOneByOne([
      write('s1.csv', text),
      write('s2.csv', `${text.replaceAll('G-', 'S-').trimEnd()}\nS-9,2024-03-09\n`),
      write('s3.csv', text.replaceAll('G-', 'T-')),
    ]);
  });

  it('lets a newer export update the lines an older one in the same command brought', async () => {
    const text = read('generic', 'optional-columns-crlf.csv');
    await expectSameAsOneByOne([
      write('u1.csv', text),
      write('u2.csv', text.replace('completed', 'refunded').replace('2024-03-03', '2024-03-04')),
    ]);
  });

  it("fills an order's blank cells from its own file only", async () => {
    // Shopify writes an order's currency, country and status on its first row. The second export
    // lists a later row of an order the first has, without that first row: read alone its line is
    // rejected for the missing values, and so it must be when read together.
    const text = read('shopify', 'current-79-columns-first-row-only-order-fields.csv');
    const [header] = text.split(/\r?\n/);
    const laterRow = text.split(/\r?\n/).find((line) => line.includes(',Canvas Cap,'));
    await expectSameAsOneByOne([
      write('f1.csv', text),
      write('f2.csv', `${header}\n${laterRow?.replace('CAP-01', 'CAP-02')}\n`),
    ]);
  });

  it("reads each eBay order's summary row from its own report", async () => {
    // Two reports with the same sales record numbers for different orders: an order's country and
    // shipping must come from the summary row of the report its items are in.
    const text = read('ebay', 'us-preamble-summary-row-footer.csv');
    const other = text
      .replaceAll('-22222-', '-92222-')
      .replace('"Canada"', '"Mexico"')
      .replace('"$6.00"', '"$7.00"');
    await expectSameAsOneByOne([write('e1.csv', text), write('e2.csv', other)]);
  });
});
