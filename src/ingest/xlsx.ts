import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { BallastError } from '../errors.js';

/**
 * Streams the first worksheet of an XLSX export (Mercado Libre, Shein, Temu) into a UTF-8 CSV so the
 * same DuckDB path reads it. Cells are written as their displayed values: a formula contributes its
 * cached result (never evaluated), a date its ISO text, a hyperlink its text.
 */
export async function xlsxToCsv(source: string, target: string, fileName: string): Promise<void> {
  const out = createWriteStream(target);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    let nextRow = 1;
    for await (const row of firstSheetRows(source)) {
      // Blank rows are omitted by the stream; keep them so preamble line counts stay true.
      for (; nextRow < row.number; nextRow++) await write('\n');
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      await write(values.map((v) => quote(cellText(v))).join(',') + '\n');
      nextRow = row.number + 1;
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOSPC') throw cause;
    throw new BallastError(
      'bad-file',
      `${fileName}: cannot read the workbook (${(cause as Error).message}); the file is damaged`,
      {
        hint: 'The file may be truncated or not an XLSX export; download it again from the channel.',
        cause,
      },
    );
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** The parts of exceljs's streaming reader used here; they are not in its type declarations. */
interface PartParsers {
  model?: { sheets?: Array<{ rId: string }> };
  sharedStrings?: unknown[];
  workbookRels?: Array<{ Id: string; Target: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Iterable<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * Rows of the workbook's first sheet, streamed. exceljs's own reader walks the archive in one pass and can
 * silently drop parts it has not reached yet (exceljs#3064: most often xl/workbook.xml, which its writer
 * stores last, but shared strings too). So the archive is opened through its central directory and
 * exceljs's part parsers are fed in the order they depend on each other: relationships, workbook, shared
 * strings, styles, then the sheet.
 */
async function* firstSheetRows(source: string): AsyncGenerator<ExcelJS.Row> {
  const archive = await unzipper.Open.file(source).catch((cause: Error) => {
    // unzipper says only FILE_ENDED when it finds no archive directory at the end of the file.
    throw cause.message === 'FILE_ENDED' ? new Error('it is not a complete XLSX archive', { cause }) : cause;
  });
  for (const file of archive.files) assertNotBomb(file);
  const part = (path: string) => {
    const file = archive.files.find((f) => f.path === path);
    return file ? piped(file.stream(), partGuard(file), `${file.path} cannot be decompressed`) : undefined;
  };
  // Loaded on first use: exceljs takes a few hundred milliseconds to load, and most imports are CSV.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  }) as unknown as PartParsers;
  const required = (path: string) => {
    const stream = part(path);
    if (!stream) throw new Error(`${path} is missing`);
    return stream;
  };
  await reader._parseRels(required('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(required('xl/workbook.xml'));
  const strings = part('xl/sharedStrings.xml');
  if (strings) {
    const ends = edges();
    // In 'cache' mode the parser yields nothing; iterating it is what fills the shared-string table.
    for await (const event of reader._parseSharedStrings(piped(strings, ends))) void event;
    assertWholeStringTable(ends, reader.sharedStrings?.length ?? 0);
  }
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const first = reader.model?.sheets?.[0];
  const target = reader.workbookRels?.find((rel) => rel.Id === first?.rId)?.Target;
  const sheetNo = target?.match(/worksheets\/sheet(\d+)\.xml$/)?.[1];
  if (!sheetNo) throw new Error('the workbook has no worksheet');
  for (const { value: sheet } of reader._parseWorksheet(
    required(`xl/worksheets/sheet${sheetNo}.xml`),
    sheetNo,
  )) {
    yield* sheet;
  }
}

/**
 * A zip bomb (a small archive whose parts inflate to gigabytes) must be refused before it fills the
 * disk. Channel workbooks compress 5–20 times; a part beyond these is not an export.
 */
const MAX_PART_BYTES = 4 * 1024 ** 3;
const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 64 * 1024 ** 2;

interface ArchiveEntry {
  path: string;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
}

function assertNotBomb(file: ArchiveEntry): void {
  const { uncompressedSize: size, compressedSize: packed } = file;
  if (size > MAX_PART_BYTES || (size > RATIO_FLOOR_BYTES && size > MAX_RATIO * Math.max(packed, 1))) {
    throw new Error(
      `${file.path} would inflate to ${(size / 1024 ** 2).toFixed(0)} MB from ${(packed / 1024 ** 2).toFixed(1)} MB: not a channel export (a zip bomb?)`,
    );
  }
}

/**
 * `from.pipe(to)`, with `from`'s errors passed on: `pipe` leaves them unhandled, so a part whose deflated
 * bytes are damaged (zlib's "invalid distance too far back") would end the process instead of the import.
 * Every error, not just the first: a damaged part can make the unzipper emit two (inflate, then FILE_ENDED).
 */
function piped<T extends NodeJS.WritableStream & Readable>(from: Readable, to: T, what?: string): T {
  from.on('error', (error) => {
    // The unzipper's word for a part that runs past the end of the archive.
    const reason = error.message === 'FILE_ENDED' ? 'the archive ends inside it' : error.message;
    to.destroy(what ? new Error(`${what}: ${reason}`, { cause: error }) : error);
  });
  return from.pipe(to);
}

/**
 * Checks a part as it inflates: stops one that grows beyond what the archive's directory declared (a
 * lying zip bomb), and, once it has all been read, one whose CRC-32 differs from the directory's. The
 * unzipping library checks neither, and damaged bytes inside a part otherwise inflate to XML that parses
 * into nothing: a sheet silently without rows.
 */
function partGuard(file: ArchiveEntry): Transform {
  let seen = 0;
  let crc = 0;
  const limit = Math.min(MAX_PART_BYTES, Math.max(file.uncompressedSize, RATIO_FLOOR_BYTES));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      crc = crc32(chunk, crc);
      if (seen > limit)
        done(new Error(`${file.path} inflates beyond the ${file.uncompressedSize} bytes it declares`));
      else done(null, chunk);
    },
    flush(done) {
      done(crc === file.crc32 ? null : new Error(`${file.path} does not match its CRC-32 checksum`));
    },
  });
}

/** Passes a part through, keeping its first and last bytes to check it was whole. */
function edges(): Transform & { head: string; tail: string } {
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (guard.head.length < 512) guard.head += chunk.toString('latin1', 0, 512);
      guard.tail = (guard.tail + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
      done(null, chunk);
    },
  }) as Transform & { head: string; tail: string };
  guard.head = '';
  guard.tail = '';
  return guard;
}

/**
 * A shared-string part cut off mid-way still parses as far as it goes, and every cell that points past
 * its end would read as empty: hundreds of rows wrongly rejected for a missing value. The part must
 * close its root, and hold as many strings as it says it does.
 */
function assertWholeStringTable(ends: { head: string; tail: string }, parsed: number): void {
  if (!/<\/(?:\w+:)?sst>\s*$/.test(ends.tail) && !/<(?:\w+:)?sst\b[^>]*\/>\s*$/.test(ends.tail))
    throw new Error('xl/sharedStrings.xml is cut off');
  const declared = /<(?:\w+:)?sst\b[^>]*\buniqueCount="(\d+)"/.exec(ends.head)?.[1];
  if (declared !== undefined && Number(declared) !== parsed)
    throw new Error(`xl/sharedStrings.xml holds ${parsed} strings but declares ${declared}`);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return value
      .toISOString()
      .replace('T', ' ')
      .replace(/\.000Z$/, '')
      .replace(/Z$/, '');
  if (typeof value === 'object') {
    const v = value as {
      result?: unknown;
      text?: unknown;
      richText?: Array<{ text: string }>;
      error?: string;
    };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
    return '';
  }
  return String(value);
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
