import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { fixture, importFails, newDb, tempDir } from '../../test/workspace.js';
import { zipArchive } from '../../test/zip.js';
import { createWorkDir } from './work-dir.js';

/**
 * Files as they arrive when something went wrong on the way: line endings mixed by concatenation, a
 * pipe instead of a file, UTF-16 without its BOM, a cut-off workbook, a zip bomb, a header a hundred
 * thousand columns wide. Each either imports what it can, with the rest as rejects, or stops with a
 * message saying what is wrong; none is a crash.
 */
const dir = tempDir('ballast-hostile-');
const generic = readFileSync(fixture('generic', 'optional-columns-crlf.csv'), 'utf8').replaceAll(
  '\r\n',
  '\n',
);
const [header = '', ...rows] = generic.trimEnd().split('\n');
const [first = '', second = ''] = rows;
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('line endings', () => {
  it('reads a file with one CRLF line among LF lines', async () => {
    const text = [header, first, `${second}\r`, ...rows.slice(2)].join('\n') + '\n';
    const summary = await engine.importFiles(newDb(dir), [write('one-crlf-line.csv', text)]);
    expect(summary.added).toBe(rows.length);
    expect(summary.rejects).toBe(0);
  });

  it('reads two exports concatenated, one CRLF and one LF: the second header is a reject', async () => {
    const first = [header, ...rows.slice(0, 2)].join('\r\n') + '\r\n';
    const second = [header, ...rows.slice(2)].join('\n') + '\n';
    const summary = await engine.importFiles(newDb(dir), [write('concatenated-crlf-lf.csv', first + second)]);
    expect(summary.added).toBe(rows.length);
    expect(summary.rejects).toBe(1);
  });

  it('splits a row at a lone CR and keeps the other rows', async () => {
    const broken = second.replace(',MUG-02,', ',MUG-02\r,');
    const text = [header, first, broken, ...rows.slice(2)].join('\n') + '\n';
    const summary = await engine.importFiles(newDb(dir), [write('lone-cr-inside-row.csv', text)]);
    expect(summary.added).toBe(rows.length - 1);
    expect(summary.rejects).toBe(2);
  });
});

describe('input that is not a plain file', () => {
  it('reads a pipe (a shell <(…) or /dev/stdin)', async () => {
    const fifo = join(dir, 'export-pipe');
    execFileSync('mkfifo', [fifo]);
    // The writer blocks until the import opens the pipe for reading, as a shell's would.
    const writer = createWriteStream(fifo);
    writer.end(generic);
    const summary = await engine.importFiles(newDb(dir), [fifo]);
    expect(summary.added).toBe(rows.length);
  });

  it('refuses a folder by name', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    expect((await importFails(newDb(dir), [folder])).message).toMatch(/is a folder, not a file/);
  });
});

describe('encodings', () => {
  it('reads UTF-16LE without a BOM and says so, naming --encoding', async () => {
    const path = write('utf-16le-no-bom.csv', iconv.encode(generic, 'utf-16le', { addBOM: false }));
    const summary = await engine.importFiles(newDb(dir), [path]);
    expect(summary.added).toBe(rows.length);
    expect(summary.warnings.join('\n')).toMatch(/read as utf-16le \(pass --encoding/);
  });

  it('suggests --encoding utf-16le for NUL bytes it cannot place', async () => {
    // Every other byte NUL only in places: not regular enough to be sure it is UTF-16.
    const text = Buffer.concat([iconv.encode(header.slice(0, 30), 'utf-16le'), Buffer.from(`${header}\n`)]);
    const error = await importFails(newDb(dir), [write('nul-bytes-header.csv', text)]);
    expect(error.hint).toMatch(/--encoding utf-16le/);
  });
});

describe('limits', () => {
  it('refuses a header 100,000 columns wide', async () => {
    const extra = Array.from({ length: 100_000 - 16 }, (_, i) => `x${i}`).join(',');
    const path = write('hundred-thousand-columns.csv', `${header},${extra}\n${first}\n`);
    const error = await importFails(newDb(dir), [path]);
    expect(error.message).toMatch(/100,000 columns; Ballast reads at most 2,000/);
  });

  it('refuses a line longer than 16 MB at once, naming its length', async () => {
    // Found by `npm run fuzz` (a cell made huge, its row duplicated): DuckDB took minutes to reject it.
    const huge = `${first.replace(/,[^,]*$/, `,${'x'.repeat(17 * 1024 ** 2)}`)}`;
    const path = write('huge-line.csv', [header, first, huge, second].join('\n') + '\n');
    const error = await importFails(newDb(dir), [path]);
    expect(error.message).toMatch(
      /huge-line\.csv: a line is 17 MB long; Ballast reads lines of at most 16 MB/,
    );
  });

  it('refuses an XLSX zip bomb before inflating it', async () => {
    // 100 MB of one byte deflates to about 100 KB: a thousand to one.
    const bytes = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 ** 2, 0x20) },
    ]);
    const error = await importFails(newDb(dir), [write('zip-bomb.xlsx', bytes)]);
    expect(error.message).toMatch(/zip-bomb\.xlsx: .*would inflate to 100 MB.*zip bomb/);
  });
});

describe('damaged workbooks', () => {
  // Rows without quoted cells, so a comma split gives the cells.
  const plain = rows.filter((row) => !row.includes('"'));
  async function workbook(): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Orders');
    for (const line of [header, ...plain]) sheet.addRow(line.split(','));
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  async function sharedStrings(zip: JSZip): Promise<string> {
    const part = zip.file('xl/sharedStrings.xml');
    if (!part) throw new Error('exceljs wrote no shared strings');
    return part.async('string');
  }

  it('reads the intact workbook (the reference for the cases below)', async () => {
    const summary = await engine.importFiles(newDb(dir), [write('intact.xlsx', await workbook())]);
    expect(summary.added).toBe(plain.length);
  });

  it('says a workbook whose shared strings are cut off is damaged', async () => {
    const zip = await JSZip.loadAsync(await workbook());
    const strings = await sharedStrings(zip);
    zip.file('xl/sharedStrings.xml', strings.slice(0, Math.floor(strings.length * 0.6)));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const error = await importFails(newDb(dir), [write('cut-off-shared-strings.xlsx', bytes)]);
    expect(error.message).toMatch(
      /cut-off-shared-strings\.xlsx: cannot read the workbook \(xl\/sharedStrings\.xml is cut off\); the file is damaged/,
    );
  });

  it('says a workbook whose shared strings are fewer than it declares is damaged', async () => {
    const zip = await JSZip.loadAsync(await workbook());
    const strings = await sharedStrings(zip);
    zip.file('xl/sharedStrings.xml', strings.replace(/<si>.*?<\/si>/, ''));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const error = await importFails(newDb(dir), [write('shared-string-missing.xlsx', bytes)]);
    expect(error.message).toMatch(/holds \d+ strings but declares \d+/);
  });

  it('says a workbook with damaged bytes inside a part is damaged (its CRC-32 checksum)', async () => {
    const bytes = await workbook();
    const sheet = Buffer.from('xl/worksheets/sheet1.xml');
    const signature = Buffer.from('PK\x03\x04', 'latin1');
    let at = bytes.indexOf(signature);
    while (at !== -1 && !bytes.subarray(at + 30, at + 30 + sheet.length).equals(sheet))
      at = bytes.indexOf(signature, at + 4);
    if (at === -1) throw new Error('exceljs wrote no xl/worksheets/sheet1.xml');
    const packed = bytes.readUInt32LE(at + 18);
    const data = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    bytes.fill(0xff, data + Math.floor(packed / 3), data + Math.floor((2 * packed) / 3));
    const error = await importFails(newDb(dir), [write('damaged-part.xlsx', bytes)]);
    expect(error.message).toMatch(
      /damaged-part\.xlsx: cannot read the workbook \(xl\/worksheets\/sheet1\.xml .*\); the file is damaged/,
    );
  });
});

/** Files `npm run fuzz` found breaking a promise, kept as they were, each named after what it broke. */
describe('files the fuzzer found', () => {
  it('an export that makes DuckDB fail internally: refused, and a workspace kept open still answers', async () => {
    // DuckDB invalidates its whole instance after an internal error; the server keeps one open for
    // its life, so without reopening it every later request would fail.
    const ws = await engine.openWorkspace(newDb(dir));
    try {
      await ws.importFiles([fixture('generic', 'optional-columns-crlf.csv')]);
      const before = (await ws.status()).totals;
      const error = await ws
        .importFiles([fixture('fuzz-found', 'etsy-duckdb-csv-reader-internal-error.csv')])
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(/cannot read the file as etsy-sold-orders \(INTERNAL Error/);
      expect((await ws.status()).totals).toEqual(before);
      await ws.importFiles([fixture('inputs', 'fx.csv')]);
      expect((await ws.status()).files.map((f) => f.name)).toContain('fx.csv');
    } finally {
      ws.close();
    }
  });

  it('a workbook part that runs past the end of the archive: said damaged, not a crash', async () => {
    // The unzipper emitted two errors for it; only the first was listened to.
    const error = await importFails(newDb(dir), [
      fixture('fuzz-found', 'shopee-workbook-part-runs-past-archive-end.xlsx'),
    ]);
    expect(error.message).toMatch(
      /cannot read the workbook \(xl\/_rels\/workbook\.xml\.rels cannot be decompressed: the archive ends inside it\)/,
    );
  });

  it('a workbook part that fails to inflate: said damaged, not a crash of the process', async () => {
    const error = await importFails(newDb(dir), [
      fixture('fuzz-found', 'lazada-workbook-part-fails-to-inflate.xlsx'),
    ]);
    expect(error.message).toMatch(
      /lazada-workbook-part-fails-to-inflate\.xlsx: cannot read the workbook \(xl\/.+\); the file is damaged/,
    );
  });
});

describe('temporary folders', () => {
  it('removes the folder a killed import left behind, and only that one', async () => {
    const base = join(dir, 'tmp');
    mkdirSync(base);
    // A process id far above any pid_max is never alive.
    mkdirSync(join(base, 'ballast-import-99999999-abc123'));
    mkdirSync(join(base, `ballast-import-${process.pid}-live`));
    mkdirSync(join(base, 'unrelated'));
    const mine = await createWorkDir(base);
    expect(readdirSync(base).sort()).toEqual(
      [`ballast-import-${process.pid}-live`, mine.split('/').pop(), 'unrelated'].sort(),
    );
  });
});
