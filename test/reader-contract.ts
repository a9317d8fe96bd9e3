import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../src/engine.js';
import { figures, fixture, importFails, newDb, tempDir, type Figures } from './workspace.js';

/**
 * The contract every channel reader meets (STYLE.md: one suite, run against each reader):
 * its fixtures import to figures worked out by hand, and the same hostile and broken inputs each end
 * in a clear outcome — rows rejected with reasons, or a stopped import with a message — while what
 * the workspace already held stays exactly as it was.
 */
export interface ReaderContract {
  /** The reader id that must be detected (`shopify-orders`). */
  format: string;
  fixtures: Array<{ file: string; expected: Figures; options?: engine.ImportOptions }>;
  /** A small valid file as rows of cells, preamble and header included, for the hostile cases. */
  sample: {
    rows: string[][];
    /** Index in `rows` of the header row. */
    headerRow: number;
    /** How the channel writes a file: delimiter, BOM, line ends; or an XLSX workbook. */
    layout: Layout;
    /** Header names of an amount, a date and a free-text (SKU or name) column of the sample. */
    amount: string;
    date: string;
    text: string;
    options?: engine.ImportOptions;
  };
}

export type Layout =
  | { kind: 'csv'; delimiter?: string; bom?: boolean; eol?: '\n' | '\r\n'; quoteAll?: boolean }
  | { kind: 'xlsx' };

export function writeCsv(rows: string[][], layout: Extract<Layout, { kind: 'csv' }>): Buffer {
  const delimiter = layout.delimiter ?? ',';
  const eol = layout.eol ?? '\n';
  const quote = (cell: string) =>
    layout.quoteAll || cell.includes(delimiter) || /["\r\n]/.test(cell)
      ? `"${cell.replaceAll('"', '""')}"`
      : cell;
  const text = rows.map((r) => r.map(delimiter === '\t' ? (c) => c : quote).join(delimiter)).join(eol) + eol;
  return Buffer.from((layout.bom ? '\uFEFF' : '') + text, 'utf8');
}

export async function writeXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function write(dir: string, name: string, rows: string[][], layout: Layout): Promise<string> {
  const path = join(
    dir,
    name + (layout.kind === 'xlsx' ? '.xlsx' : layout.delimiter === '\t' ? '.txt' : '.csv'),
  );
  writeFileSync(path, layout.kind === 'xlsx' ? await writeXlsx(rows) : writeCsv(rows, layout));
  return path;
}

/** A workspace holding one generic-CSV order, to prove a failed import leaves it untouched. */
async function seededWorkspace(dir: string): Promise<{ db: string; before: engine.StatusReport }> {
  const db = newDb(dir);
  const seed = join(dir, `seed-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(
    seed,
    'order_id,order_date,sku,quantity,unit_price,currency,channel,market\nSEED-1,2024-01-02,SEED,1,9.99,USD,seed-shop,US\n',
  );
  await engine.importFiles(db, [seed]);
  return { db, before: await engine.status(db) };
}

function unchanged(before: engine.StatusReport, after: engine.StatusReport): void {
  expect(after.totals).toEqual(before.totals);
  expect(after.files).toEqual(before.files);
  expect(after.rejects).toBe(before.rejects);
}

export function readerContract(contract: ReaderContract): void {
  const { sample } = contract;
  const header = sample.rows[sample.headerRow];
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`sample has no column ${name}`);
    return index;
  };
  const firstData = sample.headerRow + 1;
  const withCell = (name: string, value: string) =>
    sample.rows.map((r, i) => (i === firstData ? r.map((c, j) => (j === col(name) ? value : c)) : r));

  describe(`${contract.format} reader contract`, () => {
    const dir = tempDir();

    for (const { file, expected, options } of contract.fixtures) {
      it(`imports ${file} to its hand-worked figures`, async () => {
        const db = newDb(dir);
        const summary = await engine.importFiles(db, [fixture(file)], options);
        expect(summary.files[0].format).toBe(contract.format);
        expect(figures(await engine.status(db))).toEqual(expected);
        // The same file again changes nothing.
        const again = await engine.importFiles(db, [fixture(file)], options);
        expect(again.files[0].status).toBe('already imported');
        expect(figures(await engine.status(db))).toEqual(expected);
      });
    }

    it('detects the sample and imports it', async () => {
      const db = newDb(dir);
      const path = await write(dir, 'sample', sample.rows, sample.layout);
      const summary = await engine.importFiles(db, [path], sample.options);
      expect(summary.files[0].format).toBe(contract.format);
      expect(summary.added).toBeGreaterThan(0);
    });

    describe('stops with a message and keeps the workspace as it was', () => {
      let seeded: { db: string; before: engine.StatusReport };
      beforeAll(async () => {
        seeded = await seededWorkspace(dir);
      });
      const stops = async (name: string, rows: string[][] | Buffer, code: string, message: RegExp) => {
        const path = Buffer.isBuffer(rows) ? join(dir, name) : await write(dir, name, rows, sample.layout);
        if (Buffer.isBuffer(rows)) writeFileSync(path, rows);
        const error = await importFails(seeded.db, [path], sample.options);
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
        expect(error.hint).toBeTruthy();
        unchanged(seeded.before, await engine.status(seeded.db));
      };

      it('an empty file', () => stops('empty.csv', Buffer.alloc(0), 'bad-file', /empty/));
      it('a header with no rows', () =>
        stops('header-only', sample.rows.slice(0, firstData), 'bad-file', /no rows/));
      it('an unknown header', () =>
        stops(
          'unknown',
          [
            ['Bestellung', 'Artikel', 'Menge'],
            ['1', 'x', '2'],
          ],
          'unknown-format',
          /no reader recognises/,
        ));
      it('a file cut off in the middle of a row', async () => {
        const path = await write(dir, 'whole', sample.rows, sample.layout);
        const bytes = readFileSync(path);
        // XLSX: a cut ZIP; text: the last row loses its end (and any final newline).
        const cut =
          sample.layout.kind === 'xlsx' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : cutLastRow(bytes);
        await stops(
          sample.layout.kind === 'xlsx' ? 'cut.xlsx' : 'cut.csv',
          cut,
          'bad-file',
          /truncated|cannot read/,
        );
      });
    });

    describe('rejects unreadable cells with file, line, column and reason', () => {
      const rejected = async (name: string, column: string, value: string, reason: RegExp) => {
        const { db, before } = await seededWorkspace(dir);
        const path = await write(dir, name, withCell(column, value), sample.layout);
        const summary = await engine.importFiles(db, [path], sample.options);
        expect(summary.rejects).toBeGreaterThanOrEqual(1);
        const { rejects } = await engine.rejectsOf(db);
        const reject = rejects.find((r) => r.column === column);
        expect(reject, JSON.stringify(rejects)).toBeDefined();
        expect(reject?.reason).toMatch(reason);
        expect(reject?.file).toBe(path.split('/').pop());
        expect(reject?.line).toBeGreaterThan(0);
        // What was there before is still there.
        const after = await engine.status(db);
        expect(after.totals).toEqual(expect.arrayContaining(before.totals));
      };
      it('an amount like 12,34,5', () => rejected('bad-amount', sample.amount, '12,34,5', /amount|number/));
      it('a date like 13/45/2024', () => rejected('bad-date', sample.date, '13/45/2024', /date/));
    });

    describe('treats hostile cells as data', () => {
      it('keeps a formula-like cell as text', async () => {
        const db = newDb(dir);
        const formula = '=HYPERLINK("http://example.invalid","x")';
        const path = await write(dir, 'formula', withCell(sample.text, formula), sample.layout);
        await engine.importFiles(db, [path], sample.options);
        const { rejects } = await engine.rejectsOf(db);
        const stored =
          (await engine.status(db)).totals.length > 0 || rejects.some((r) => r.value === formula);
        expect(stored).toBe(true);
      });
      it('reads a 1 MB cell without failing', async () => {
        const db = newDb(dir);
        const path = await write(dir, 'huge-cell', withCell(sample.text, 'x'.repeat(1 << 20)), sample.layout);
        const summary = await engine.importFiles(db, [path], sample.options);
        expect(summary.added + summary.rejects).toBeGreaterThan(0);
      });
      if (sample.layout.kind === 'csv') {
        const layout = sample.layout;
        it('reads undeclared Windows-1252 text and says so', async () => {
          const db = newDb(dir);
          const rows = withCell(sample.text, 'Café Crème');
          const utf8 = writeCsv(rows, { ...layout, bom: false }).toString('utf8');
          const path = join(dir, 'latin1' + (layout.delimiter === '\t' ? '.txt' : '.csv'));
          writeFileSync(path, iconv.encode(utf8, 'windows-1252'));
          const summary = await engine.importFiles(db, [path], sample.options);
          expect(summary.warnings.join(' ')).toMatch(/windows-1252/);
          expect(summary.added + summary.rejects).toBeGreaterThan(0);
        });
      }
    });
  });
}

/** Drops the tail of the last row (from its middle) and the final newline. */
function cutLastRow(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const lastLineStart = bytes.lastIndexOf(0x0a, end - 1) + 1;
  return bytes.subarray(0, lastLineStart + Math.max(1, Math.floor((end - lastLineStart) / 3)));
}
