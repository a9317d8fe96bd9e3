import { basename, join } from 'node:path';
import { BallastError } from '../errors.js';
import { readablePath, sha256File, sniffFile, transcodeToUtf8, type Encoding } from './decode.js';
import { detectFormat } from './detect.js';
import { scanLines, uniformLineEndings } from './line-endings.js';
import type { ReaderSpec } from './reader.js';
import type { Delimiter } from './sniff-rows.js';
import { xlsxToCsv } from './xlsx.js';

/** A file made ready for DuckDB: UTF-8 CSV on disk, its format, where the header and data are. */
export interface PreparedFile {
  /** The path the user gave, and the file name shown in messages. */
  source: string;
  name: string;
  sha256: string;
  bytes: number;
  reader: ReaderSpec;
  header: string[];
  headerLine: number;
  delimiter: Delimiter;
  /** What DuckDB reads: the source itself, or a UTF-8 copy in `workDir`. */
  csvPath: string;
  encoding: Encoding | 'xlsx';
  warnings: string[];
}

/**
 * Decodes (BOM, Shift_JIS, Windows-1252, XLSX), finds the header and the format. Writes copies only
 * into `workDir`, which the caller removes after the import.
 */
export async function prepareFile(
  source: string,
  readers: readonly ReaderSpec[],
  workDir: string,
  index: number,
  declared?: Encoding,
): Promise<PreparedFile> {
  const name = basename(source);
  const path = await readablePath(source, join(workDir, `${index}.input`));
  const sniffed = await sniffFile(path, declared);
  // A UTF-8 text file is what DuckDB reads: one pass gives its SHA-256 and its line endings.
  const scan = !sniffed.zip && sniffed.encoding === 'utf-8' ? await scanLines(path, true) : undefined;
  const sha256 = scan?.sha256 ?? (await sha256File(path));
  const warnings: string[] = [];
  let csvPath = path;
  let text = sniffed.text;
  let encoding: PreparedFile['encoding'] = sniffed.encoding;
  if (sniffed.bytes === 0) {
    throw new BallastError('bad-file', `${name}: the file is empty`, {
      hint: 'Download the export again; it has no header and no rows.',
    });
  }
  if (sniffed.zip) {
    csvPath = join(workDir, `${index}.csv`);
    await xlsxToCsv(path, csvPath, name);
    encoding = 'xlsx';
    text = (await sniffFile(csvPath)).text;
  } else if (sniffed.encoding !== 'utf-8') {
    csvPath = join(workDir, `${index}.csv`);
    await transcodeToUtf8(path, sniffed.encoding, csvPath);
    if (sniffed.guessed) {
      warnings.push(`${name}: not UTF-8; read as ${sniffed.encoding} (pass --encoding to choose another)`);
    }
  }
  if (text.trim() === '') {
    throw new BallastError('bad-file', `${name}: the file holds no text rows`, {
      hint: 'Download the export again.',
    });
  }
  const { reader, delimiter, header, headerLine } = detectFormat(text, readers, name);
  csvPath = await uniformLineEndings(
    csvPath,
    join(workDir, `${index}.lf.csv`),
    name,
    csvPath === path ? scan : undefined,
  );
  return {
    source,
    name,
    sha256,
    bytes: sniffed.bytes,
    reader,
    header,
    headerLine,
    delimiter,
    csvPath,
    encoding,
    warnings,
  };
}
