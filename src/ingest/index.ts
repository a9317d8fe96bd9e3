/**
 * ingest: a channel's export file → canonical rows, as SQL for the store to run.
 * Decoding and format detection happen here; nothing here talks to DuckDB.
 */
import { compileOrders, compileTable, numbersLines, providedColumns } from './compile.js';
import type { Encoding } from './decode.js';
import { prepareFile, type PreparedFile } from './prepare.js';
import { columnsOf, type FileKind, type ReaderOptions } from './reader.js';
import { READERS } from './registry.js';
import { present } from '../errors.js';
import { countryRows } from './countries.js';
import { PRELUDE_SQL, currencyCodes } from './sql-prelude.js';

export { CHANNELS, type Channel } from './channels.js';
export { ENCODINGS, type Encoding } from './decode.js';
export { LOCATION_KINDS, type LocationKind } from './readers/inputs.js';
export type { FileKind, ReaderOptions, ReaderSpec } from './reader.js';
export { READERS } from './registry.js';
export { createWorkDir } from './work-dir.js';

export interface CompiledFile {
  name: string;
  sha256: string;
  bytes: number;
  encoding: string;
  format: string;
  kind: FileKind;
  csvPath: string;
  delimiter: string;
  skipLines: number;
  columnCount: number;
  select: string;
  /** Order-line columns this file may update on lines another file brought, when it is newer. */
  updates: readonly string[];
  /** Columns it updates whichever file is newer. */
  authoritative: readonly string[];
  /** Rows are ledger events, combined into lines by the store across files (OrderMapping.ledger). */
  ledger: boolean;
  /**
   * `select` writes every key without a line id as the SKU's `#1` and adds `_order_id` and
   * `_numbered`: the store numbers a SKU's later occurrences in an order (`#2`, …) after reading.
   */
  numbered: boolean;
  noise: readonly RegExp[];
  warnings: string[];
}

/** The TEMP macros (and the empty lookup tables) every connection gets. */
export function prelude() {
  return { statements: PRELUDE_SQL };
}

/**
 * The rows of the lookup tables the compiled import SQL reads (country names in many languages,
 * currency codes): filled only on the connection that imports, since building the country table costs
 * about half a second the first time and appending it 20 ms on every connection.
 */
export function lookupTables(): Array<{ table: string; rows: ReadonlyArray<readonly string[]> }> {
  return [
    { table: 'bl_countries', rows: countryRows() },
    { table: 'bl_currencies', rows: currencyCodes().map((code) => [code]) },
  ];
}

/** Decodes, detects and compiles one file. `workDir` receives any transcoded copy. */
export async function compileFile(
  path: string,
  options: ReaderOptions & { encoding?: Encoding },
  workDir: string,
  index: number,
): Promise<CompiledFile> {
  const file: PreparedFile = await prepareFile(path, READERS, workDir, index, options.encoding);
  const { reader } = file;
  const columns = columnsOf(file.header);
  let select: string;
  let updates: string[] = [];
  let authoritative: readonly string[] = [];
  let ledger = false;
  let numbered = false;
  try {
    if (reader.orders) {
      const mapping = reader.orders(columns, options);
      select = compileOrders(mapping, options, reader.channel);
      updates = providedColumns(mapping);
      authoritative = mapping.authoritative ?? [];
      ledger = mapping.ledger !== undefined;
      numbered = numbersLines(mapping);
    } else {
      const table = present(reader.table, `reader ${reader.id}'s orders or table mapping`);
      select = compileTable(table(columns));
    }
  } catch (error) {
    if (error instanceof Error) error.message = `${file.name}: ${error.message}`;
    throw error;
  }
  return {
    name: file.name,
    sha256: file.sha256,
    bytes: file.bytes,
    encoding: file.encoding,
    format: reader.id,
    kind: reader.kind,
    csvPath: file.csvPath,
    delimiter: file.delimiter,
    skipLines: file.headerLine,
    columnCount: file.header.length,
    select,
    updates,
    authoritative,
    ledger,
    numbered,
    noise: reader.noise ?? [],
    warnings: file.warnings,
  };
}
