import { open } from 'node:fs/promises';
import { BallastError, present } from '../errors.js';
import { refreshLineSummaries } from './line-summaries.js';
import { logEveryAppend } from './logged-commit.js';
import { markSuperseded } from './superseded.js';
import type { SqlParams, Workspace } from './workspace.js';

/** One file, decoded and compiled by ingest, ready to stage. */
export interface StagedFile {
  name: string;
  sha256: string;
  bytes: number;
  encoding: string;
  format: string;
  kind: 'orders' | 'locations' | 'inventory' | 'shipments' | 'costs' | 'commitments' | 'fx';
  csvPath: string;
  delimiter: string;
  /** Physical lines before the first data row (preamble and header). */
  skipLines: number;
  columnCount: number;
  /** CTEs and a SELECT over `src` (columns `_line`, `c0`…) yielding the target columns and `reject`. */
  select: string;
  /** Order-line columns this file says something about: only these update lines already stored. */
  updates: readonly string[];
  /** Columns it updates whichever file is newer. */
  authoritative: readonly string[];
  /** Rows are ledger events (`event_key`, `sells`): stored once each, a line sums all of its. */
  ledger: boolean;
  /**
   * `select` keys a line without a line id as its SKU's `#1` and adds `_order_id` (the order as the
   * file names it) and `_numbered` (the key is such a `#1`): later occurrences are numbered here.
   */
  numbered: boolean;
  /** Raw lines that are not data and not problems (footers), dropped from structural rejects. */
  noise: readonly RegExp[];
}

export interface FileOutcome {
  name: string;
  /** Lines of this file that match another file's lines with different content (another store?). */
  warnings?: string[];
  sha256: string;
  format: string;
  kind: StagedFile['kind'];
  status: 'imported' | 'already imported';
  rows: number;
  rejects: number;
  added: number;
  updated: number;
}

/** Target table and key of each non-order input; a later import replaces rows with the same key. */
const TABLES: Record<Exclude<StagedFile['kind'], 'orders'>, { table: string; key: string[] }> = {
  locations: { table: 'locations', key: ['location'] },
  inventory: { table: 'inventory', key: ['location', 'sku', 'as_of'] },
  shipments: { table: 'shipments', key: ['shipment_id', 'sku'] },
  costs: { table: 'costs', key: ['sku', 'channel', 'market'] },
  commitments: { table: 'commitments', key: ['id'] },
  fx: { table: 'fx', key: ['date', 'currency'] },
};

// Lines are keyed within their store; `order_uid` tells apart two shops' orders that share a name.
const LINE_KEY = ['channel', 'store', 'order_id', 'order_uid', 'line_key', 'via'];
/** A stored line `o` and a staged one `s` with the same key, whatever their order_uid (matched apart). */
const SAME_KEY = LINE_KEY.filter((k) => k !== 'order_uid')
  .map((k) => `o.${k} = s.${k}`)
  .join(' AND ');
const PROVENANCE = ['file_sha256', 'file_line', 'rank_time'];

/**
 * Stages every file of one invocation and swaps them in inside a single transaction, following the
 * import rules of docs/formats.md: whole or nothing; a file already imported (same SHA-256) changes nothing;
 * an overlapping newer export updates the lines it shares; unreadable rows become rejects.
 */
export async function importBatch(
  ws: Workspace,
  files: readonly StagedFile[],
  baseCurrency: string,
): Promise<FileOutcome[]> {
  const importId = Date.now();
  // Inputs that others depend on (FX for the currency check) go first; outcomes keep the given order.
  const order = files
    .map((_, i) => i)
    .sort((a, b) => Number(files[a].kind === 'orders') - Number(files[b].kind === 'orders'));
  // Files are read before the transaction (readTogether), those of them not imported before; the
  // transaction looks again, and reads one by one if another command imported one meanwhile.
  const before = await freshFiles(ws, files, order);
  const read = await readTogether(
    ws,
    before.map((i) => files[i]),
  );
  const tables = new Set([...read.values()].map((g) => g.table));
  try {
    return await ws.transaction(async () => {
      const fresh = await freshFiles(ws, files, order);
      if (fresh.join() !== before.join()) read.clear();
      const outcomes: FileOutcome[] = new Array(files.length);
      const merged = new Map<StagedFile, FileOutcome>();
      for (const i of order) {
        const file = files[i];
        const together = read.get(file);
        if (together?.index === 0) {
          for (const [member, outcome] of await mergeGroup(ws, together, importId, baseCurrency))
            merged.set(member, outcome);
        }
        outcomes[i] = !fresh.includes(i)
          ? { ...pick(file), status: 'already imported', rows: 0, rejects: 0, added: 0, updated: 0 }
          : (merged.get(file) ?? (await stageFile(ws, file, importId, baseCurrency, together)));
        if (together?.last) await ws.run(`DROP TABLE IF EXISTS ${together.table}`);
      }
      // A command whose files were all imported before wrote nothing: no appends to make safe.
      if (fresh.length > 0) {
        await ws.run(`DROP TABLE IF EXISTS stage`);
        await refreshLineSummaries(ws);
        await logEveryAppend(ws);
      }
      return outcomes;
    });
  } finally {
    for (const table of tables) await ws.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

/**
 * The files of `order` to import: the first of each content in the command, not imported before.
 * One read of every SHA-256 imported (a row per file) instead of a look-up per file.
 */
async function freshFiles(
  ws: Workspace,
  files: readonly StagedFile[],
  order: readonly number[],
): Promise<number[]> {
  const known = new Set((await ws.rows<{ sha256: string }>(`SELECT sha256 FROM files`)).map((r) => r.sha256));
  return order.filter((i) => {
    const sha = files[i].sha256;
    if (known.has(sha)) return false;
    known.add(sha);
    return true;
  });
}

function pick(file: StagedFile) {
  return { name: file.name, sha256: file.sha256, format: file.format, kind: file.kind };
}

async function stageFile(
  ws: Workspace,
  file: StagedFile,
  importId: number,
  baseCurrency: string,
  group: ReadTogether | undefined,
): Promise<FileOutcome> {
  let found: StructuralReject[];
  if (group) {
    await ws.run(
      `CREATE OR REPLACE TEMP TABLE stage AS SELECT * EXCLUDE (_file) FROM ${group.table} WHERE _file = ${group.index}`,
    );
    found = [...group.rejectsOf(file)];
  } else {
    await ws.run(`DROP TABLE IF EXISTS reject_errors`).catch(() => undefined);
    try {
      await ws.run(
        `CREATE OR REPLACE TEMP TABLE stage AS SELECT * EXCLUDE (_file) FROM (
         WITH src AS (${sourceRows(file, 0)}),
         ${file.select})`,
        readParams(file, 0),
      );
    } catch (cause) {
      throw cannotRead(file, cause);
    }
    // DuckDB reports a short line once per missing column: keep one reject per line.
    found = await ws.rows<StructuralReject>(
      `SELECT line, first(error_type ORDER BY column_idx) AS error_type, first(csv_line) AS csv_line,
         first(error_message ORDER BY column_idx) AS error_message
       FROM reject_errors GROUP BY line ORDER BY line`,
    );
  }
  const structural = notNoise(file, found);
  if (structural.some((r) => r.error_type === 'INVALID ENCODING' || r.error_type === 'INVALID UNICODE')) {
    const at = present(
      structural.find((r) => r.error_type.startsWith('INVALID')),
      'the row DuckDB found invalid',
    );
    throw new BallastError('bad-file', `${file.name} line ${at.line}: the file is not valid UTF-8 there`, {
      hint: 'Save the file as UTF-8, or give the `encoding` option (shift_jis, windows-1252) to say what it is.',
      place: { option: 'encoding' },
    });
  }
  await assertNotTruncated(file, structural);
  if (structural.length > 0)
    await shiftLinesPastStructuralRejects(
      ws,
      structural.map((r) => r.line),
    );

  if (file.numbered) await numberRepeatedSkus(ws);
  await ws.run(
    `INSERT INTO rejects
     SELECT $sha, $name, _line, reject.column, reject.value, reject.reason FROM stage WHERE reject IS NOT NULL`,
    { sha: file.sha256, name: file.name },
  );
  for (const r of structural) {
    await ws.run(`INSERT INTO rejects VALUES ($sha, $name, $line, NULL, $value, $reason)`, {
      sha: file.sha256,
      name: file.name,
      line: r.line,
      value: (r.csv_line ?? '').slice(0, 200),
      reason: `${r.error_type.toLowerCase()}: ${r.error_message}`,
    });
  }
  const summary = await summarise(ws, file);
  const good = summary.good;
  const rejects = summary.bad + structural.length;
  if (good === 0 && rejects === 0) {
    throw new BallastError('bad-file', `${file.name}: the file has a header but no rows`, {
      hint: 'Export the report again for a period that has orders, or leave this file out.',
    });
  }
  const { added, updated, warnings } =
    file.kind === 'orders'
      ? await mergeOrders(ws, file, summary, baseCurrency)
      : { ...(await mergeTable(ws, file)), warnings: [] };
  await ws.run(
    `INSERT INTO files VALUES ($sha, $name, $format, $kind, $rows, $rejects, $bytes, $encoding, $importId, now()::TIMESTAMP,
       ${file.kind === 'orders' ? RANK_TIME : 'NULL'})`,
    {
      sha: file.sha256,
      name: file.name,
      format: file.format,
      kind: file.kind,
      rows: good,
      rejects,
      bytes: file.bytes,
      encoding: file.encoding,
      importId,
    },
  );
  return {
    ...pick(file),
    status: 'imported',
    rows: good,
    rejects,
    added,
    updated,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** A row DuckDB's reader dropped for its shape (DuckDB reports a short line once per missing column). */
interface StructuralReject {
  line: number;
  error_type: string;
  csv_line: string | null;
  error_message: string;
}

/** The rows dropped for their shape that are problems, not the file's footers (`noise`). */
function notNoise(file: StagedFile, found: readonly StructuralReject[]): StructuralReject[] {
  return found.filter((r) => !file.noise.some((re) => re.test(r.csv_line ?? '')));
}

/** Where a file read together with others sits: its group's table, its `_file` there, its rejects. */
interface ReadTogether {
  table: `stage_group_${number}`;
  index: number;
  /** The group's last file: its table can go once this file is merged. */
  last: boolean;
  /** The files read together, in import order. */
  group: readonly StagedFile[];
  /** Each file's rows dropped for their shape. */
  rejectsOf: (file: StagedFile) => readonly StructuralReject[];
}

/**
 * Files read in one query stop once their rows together pass this: a group is staged whole before its
 * files are merged one by one, and a big file gains little from company. All groups are staged before
 * the transaction, so past GROUPS_BYTES in all the remaining files are read one by one, keeping what
 * waits in temporary tables bounded.
 */
const GROUP_BYTES = 64 * 1024 ** 2;
const GROUPS_BYTES = 256 * 1024 ** 2;

/**
 * Reads the files that share a layout (the same compiled query, column count and CSV dialect) with
 * one query each group, `_file` telling them apart, before the import's transaction: planning the
 * query cost ~90 ms a file, more than reading a month of one channel's orders, and the demo's 35 files
 * spent half their import there. A group whose read fails (a damaged file) is left out: its files are
 * read one by one inside the transaction as before, so the failure names its file and aborts the
 * import exactly as it did. Files alone in their layout are read one by one too.
 */
async function readTogether(
  ws: Workspace,
  files: readonly StagedFile[],
): Promise<Map<StagedFile, ReadTogether>> {
  // Neighbours only: merging a group in one step (mergeGroup) must not pass over another file.
  const groups: Array<{ key: string; files: StagedFile[]; bytes: number }> = [];
  for (const file of files) {
    const key = JSON.stringify([file.select, file.columnCount, file.delimiter, file.encoding === 'xlsx']);
    const open = groups.at(-1);
    if (open && open.key === key && open.bytes + file.bytes <= GROUP_BYTES) {
      open.files.push(file);
      open.bytes += file.bytes;
    } else groups.push({ key, files: [file], bytes: file.bytes });
  }
  const read = new Map<StagedFile, ReadTogether>();
  let n = 0;
  let staged = 0;
  for (const { files: group, bytes } of groups) {
    if (group.length < 2 || staged + bytes > GROUPS_BYTES) continue;
    staged += bytes;
    const table: ReadTogether['table'] = `stage_group_${n++}`;
    await ws.run(`DROP TABLE IF EXISTS reject_errors`).catch(() => undefined);
    await ws.run(`DROP TABLE IF EXISTS reject_scans`).catch(() => undefined);
    const params: SqlParams = {};
    const sources = group.map((file, index) => {
      Object.assign(params, readParams(file, index));
      return sourceRows(file, index);
    });
    try {
      await ws.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS
         WITH src AS (${sources.join('\n UNION ALL ')}),
         ${group[0].select}`,
        params,
      );
    } catch {
      // One by one in the transaction instead, where the failing file is named.
      await ws.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
      continue;
    }
    const rejects = await ws.rows<StructuralReject & { path: string }>(
      `SELECT s.file_path AS path, e.line, first(e.error_type ORDER BY e.column_idx) AS error_type,
         first(e.csv_line) AS csv_line, first(e.error_message ORDER BY e.column_idx) AS error_message
       FROM reject_errors e JOIN reject_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id
       GROUP BY s.file_path, e.line ORDER BY e.line`,
    );
    const rejectsOf = (file: StagedFile) =>
      rejects.filter((r) => r.path === file.csvPath).map(({ path: _path, ...r }) => r);
    group.forEach((file, index) => {
      read.set(file, { table, index, last: index === group.length - 1, group, rejectsOf });
    });
  }
  return read;
}

/**
 * The raw rows of one file as `src` wants them: `_file`, `_line` (the physical line) and `c0`…, all
 * text. Parameters are suffixed with `index`, so that several files' reads can share one query.
 */
function sourceRows(file: StagedFile, index: number): string {
  const columns = Array.from({ length: file.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // max_line_size is ingest's MAX_LINE_BYTES: longer lines are refused before this read.
  return `SELECT ${index} AS _file, (row_number() OVER ()) + ${file.skipLines} AS _line, *
    FROM read_csv($path${index}, header = false, skip = ${file.skipLines}, delim = $delim${index}, quote = $quote${index},
      escape = $quote${index}, columns = {${columns}}, auto_detect = false, store_rejects = true,
      max_line_size = 16777216, strict_mode = true, null_padding = $padding${index})`;
}

/** `sourceRows`'s parameters for the file at `index`. */
function readParams(file: StagedFile, index: number): SqlParams {
  return {
    [`path${index}`]: file.csvPath,
    [`delim${index}`]: file.delimiter,
    // Tab-separated reports (Amazon) do not quote: a product name may start with a `"`.
    [`quote${index}`]: file.delimiter === '\t' ? '' : '"',
    // A workbook row ends at its last non-empty cell, so XLSX-derived rows may be short: pad them.
    [`padding${index}`]: file.encoding === 'xlsx',
  };
}

function cannotRead(file: StagedFile, cause: unknown): BallastError {
  const first = (cause as Error).message.split('\n')[0];
  return new BallastError('bad-file', `${file.name}: cannot read the file as ${file.format} (${first})`, {
    hint: 'The file may be truncated or damaged; download the export again.',
    cause,
  });
}

/**
 * A group read together (readTogether) lands in one step when merging its files one by one would send
 * each down mergeOrders's straight path: orders but not a ledger, no row dropped for its shape, rows
 * in every file, no SKU repeated within an order, no line key shared by two good rows of the group or
 * with a stored line, a rate for every currency. File by file, each good row would then be inserted
 * with its file's SHA-256 and last order time and nothing updated: one INSERT does that for all, and
 * the per-file statements (a dozen round trips each) go. Otherwise the map is empty and the files are
 * merged one by one, where every error names its file as before.
 */
async function mergeGroup(
  ws: Workspace,
  together: ReadTogether,
  importId: number,
  baseCurrency: string,
): Promise<Map<StagedFile, FileOutcome>> {
  const { table, group, rejectsOf } = together;
  const merged = new Map<StagedFile, FileOutcome>();
  const plain = group.every(
    (f) => f.kind === 'orders' && !f.ledger && notNoise(f, rejectsOf(f)).length === 0,
  );
  if (!plain) return merged;
  await ws.run(
    `CREATE OR REPLACE TEMP TABLE stage_files (_file INTEGER, sha VARCHAR, name VARCHAR, bytes BIGINT, encoding VARCHAR)`,
  );
  await ws.append(
    'stage_files',
    group.map((f, i) => [i, f.sha256, f.name, f.bytes, f.encoding]),
  );
  await ws.run(
    `CREATE OR REPLACE TEMP TABLE stage_summary AS
     SELECT f._file, count(g._file) FILTER (WHERE g.reject IS NULL) AS good,
       count(g._file) FILTER (WHERE g.reject IS NOT NULL) AS bad,
       max(g.order_time) FILTER (WHERE g.reject IS NULL) AS rank_time
     FROM stage_files f LEFT JOIN ${table} g USING (_file) GROUP BY f._file`,
  );
  const [check] = await ws.rows<{ straight: boolean }>(
    `SELECT (SELECT min(good + bad) > 0 FROM stage_summary)
       AND (SELECT count(DISTINCT hash(channel, store, order_id, line_key, via)) = count(*) FROM ${table} WHERE reject IS NULL)
       ${group.some((f) => f.numbered) ? `AND (SELECT count(DISTINCT hash(_file, _order_id, sku)) = count(*) FROM ${table})` : ''}
       AND NOT EXISTS (SELECT 1 FROM ${table} s JOIN order_lines o ON ${SAME_KEY} WHERE s.reject IS NULL)
       AND NOT EXISTS (SELECT 1 FROM ${table} WHERE reject IS NULL AND currency <> $base
         AND currency NOT IN (SELECT currency FROM fx) AND currency NOT IN (SELECT currency FROM bl_fx_reference))
       AS straight`,
    { base: baseCurrency },
  );
  if (!check.straight) return merged;
  await ws.run(
    `INSERT INTO rejects
     SELECT f.sha, f.name, g._line, g.reject.column, g.reject.value, g.reject.reason
     FROM ${table} g JOIN stage_files f USING (_file) WHERE g.reject IS NOT NULL`,
  );
  await ws.run(
    `INSERT INTO order_lines (${ORDER_LINE_COLUMNS}, file_sha256, file_line, rank_time)
     SELECT ${ORDER_LINE_COLUMNS}, f.sha, g._line, s.rank_time
     FROM ${table} g JOIN stage_files f USING (_file) JOIN stage_summary s USING (_file) WHERE g.reject IS NULL`,
  );
  await markSuperseded(ws, { shas: 'stage_files' }, table);
  await ws.run(
    `INSERT INTO files
     SELECT f.sha, f.name, $format, 'orders', s.good, s.bad, f.bytes, f.encoding, $importId, now()::TIMESTAMP, s.rank_time
     FROM stage_files f JOIN stage_summary s USING (_file) ORDER BY f._file`,
    { format: group[0].format, importId },
  );
  const counts = await ws.rows<{ _file: number; good: number; bad: number }>(
    `SELECT _file, good, bad FROM stage_summary ORDER BY _file`,
  );
  for (const { _file, good, bad } of counts) {
    const file = group[_file];
    merged.set(file, {
      ...pick(file),
      status: 'imported',
      rows: good,
      rejects: bad,
      added: good,
      updated: 0,
    });
  }
  return merged;
}

/**
 * A SKU listed twice in one order is two lines, `SKU#1` and `SKU#2`, numbered by file order among all
 * the order's rows (rejected ones too). The compiled query keys them all `#1`: a window over the whole
 * file would sort it, and most files list each SKU once per order, which one hash count shows.
 */
async function numberRepeatedSkus(ws: Workspace): Promise<void> {
  const repeats = await ws.value<boolean>(
    `SELECT count(DISTINCT hash(_order_id, sku)) < count(*) FROM stage`,
  );
  if (!repeats) return;
  await ws.run(
    `UPDATE stage SET line_key = stage.sku || '#' || n.occurrence
     FROM (SELECT _line, row_number() OVER (PARTITION BY _order_id, sku ORDER BY _line) AS occurrence FROM stage) n
     WHERE stage._line = n._line AND stage._numbered AND n.occurrence > 1`,
  );
}

/** The file's last order time, from `summarise`: a newer export's lines update an older one's. */
const RANK_TIME = '(SELECT rank_time FROM stage_summary)';

/** What one pass over the staged rows says before anything is merged. */
interface Summary {
  good: number;
  bad: number;
  /** Whether two good rows may share a line key: false only when every key is certainly distinct. */
  repeats: boolean;
  channels: string[];
  currencies: string[];
}

/**
 * Counts, the channels and currencies, and whether a line key repeats, in one read of `stage`
 * instead of one each; the file's last order time stays in `stage_summary` (RANK_TIME) for the
 * statements that store it. Keys are compared by hash: equal counts prove every key distinct; fewer
 * hashes than rows (a repeat, or very rarely a collision) take the careful path.
 */
async function summarise(ws: Workspace, file: StagedFile): Promise<Summary> {
  const good = `FILTER (WHERE reject IS NULL)`;
  const orders = file.kind === 'orders';
  await ws.run(
    `CREATE OR REPLACE TEMP TABLE stage_summary AS
     SELECT count(*) ${good} AS good, count(*) FILTER (WHERE reject IS NOT NULL) AS bad${
       orders
         ? `, max(order_time) ${good} AS rank_time, count(DISTINCT hash(${LINE_KEY.join(', ')})) ${good} AS keys,
         list(DISTINCT channel) ${good} AS channels, list(DISTINCT currency) ${good} AS currencies`
         : ', NULL::TIMESTAMP AS rank_time, 0 AS keys, NULL AS channels, NULL AS currencies'
     }
     FROM stage`,
  );
  const [row] = await ws.rows<{
    good: number;
    bad: number;
    keys: number;
    channels: string[] | null;
    currencies: string[] | null;
  }>(`SELECT good, bad, keys, channels, currencies FROM stage_summary`);
  return {
    good: row.good,
    bad: row.bad,
    repeats: orders && row.keys < row.good,
    channels: row.channels ?? [],
    currencies: row.currencies ?? [],
  };
}

/**
 * DuckDB numbers the rows it keeps, so each row dropped for its shape shifts the lines after it.
 * With the dropped lines s₁ < s₂ < …, a kept row numbered L sits on line L + #{i : sᵢ − (i − 1) ≤ L}.
 */
async function shiftLinesPastStructuralRejects(ws: Workspace, lines: number[]): Promise<void> {
  const thresholds = [...lines].sort((a, b) => a - b).map((line, i) => [line - i] as const);
  await ws.run(`CREATE OR REPLACE TEMP TABLE shifts (t BIGINT)`);
  await ws.append('shifts', thresholds);
  await ws.run(`UPDATE stage SET _line = _line + (SELECT count(*) FROM shifts WHERE t <= stage._line)`);
}

/**
 * A file cut short ends without a newline in the middle of a row, and DuckDB rejects that last row
 * for its shape: stop rather than keep the rest. The rejected record must be the file's final line
 * (compared by text, since a quoted cell spanning lines makes record and line numbers differ).
 */
async function assertNotTruncated(
  file: StagedFile,
  structural: ReadonlyArray<{ line: number; csv_line: string | null }>,
): Promise<void> {
  if (structural.length === 0 || file.bytes === 0) return;
  const handle = await open(file.csvPath, 'r');
  let tail: string;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 1 << 16);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    if (buffer[length - 1] === 0x0a || buffer[length - 1] === 0x0d) return;
    tail = (buffer.toString('utf8').split('\n').at(-1) ?? '').replace(/\r$/, '');
  } finally {
    await handle.close();
  }
  const last = structural[structural.length - 1];
  if (tail !== '' && (last.csv_line ?? '').replace(/\r$/, '').endsWith(tail)) {
    throw new BallastError(
      'bad-file',
      `${file.name} line ${last.line}: the file ends in the middle of a row; it looks truncated`,
      {
        hint: 'Download the export again and import the complete file. Nothing was imported.',
      },
    );
  }
}

async function mergeOrders(
  ws: Workspace,
  file: StagedFile,
  summary: Summary,
  baseCurrency: string,
): Promise<{ added: number; updated: number; warnings: string[] }> {
  const missing = await ws.rows<{ currency: string }>(
    `SELECT currency FROM (SELECT unnest(currencies) AS currency FROM stage_summary)
     WHERE currency <> $base
       AND currency NOT IN (SELECT currency FROM fx) AND currency NOT IN (SELECT currency FROM bl_fx_reference)
     ORDER BY currency`,
    { base: baseCurrency },
  );
  if (missing.length > 0) {
    const list = missing.map((m) => m.currency).join(', ');
    throw new BallastError(
      'missing-rate',
      `${file.name}: amounts in ${list} but no exchange rate to ${baseCurrency}`,
      {
        hint: `Import an FX file (date,currency,rate — units of ${baseCurrency} per unit) with rates for ${list}, in the same command or before. Nothing was imported.`,
      },
    );
  }
  // Within one file, a key seen twice keeps its last row (an export listing an order twice). The
  // window that picks the last row sorts the file, so it runs only when the summary saw a repeat.
  const lastOfKey = summary.repeats
    ? `QUALIFY row_number() OVER (PARTITION BY ${LINE_KEY.join(', ')} ORDER BY _line DESC) = 1`
    : '';
  if (!file.ledger && !((await storedInChannels(ws)) && (await sharesKeys(ws)))) {
    // Every comparison below matches a stored line on its channel, store, order, line key and via:
    // with no stored line sharing those with a line of the file (no line in its channels at all, or
    // a month's report beside earlier months), there is nothing to update or warn about, and the
    // lines go from the stage straight into order_lines instead of through a second copy.
    const added = await ws.value<number>(
      `INSERT INTO order_lines (${ORDER_LINE_COLUMNS}, file_sha256, file_line, rank_time)
       SELECT ${ORDER_LINE_COLUMNS}, $sha, _line, ${RANK_TIME} FROM stage WHERE reject IS NULL ${lastOfKey}`,
      { sha: file.sha256 },
    );
    await markSuperseded(ws, file.sha256, 'stage');
    return { added, updated: 0, warnings: [] };
  }
  if (file.ledger) await stageLedgerLines(ws, file);
  else {
    await ws.run(
      `CREATE OR REPLACE TEMP TABLE stage_lines AS
      SELECT * EXCLUDE (reject, _line), _line AS file_line, $sha AS file_sha256,
        ${RANK_TIME} AS rank_time
      FROM stage WHERE reject IS NULL ${lastOfKey}`,
      { sha: file.sha256 },
    );
  }
  // An order_uid left empty (an export without Shopify's `Id`, or a line stored before schema 7)
  // matches any: that file cannot tell the stores apart, and the clash check below says so.
  const on = `${SAME_KEY} AND (o.order_uid = s.order_uid OR o.order_uid = '' OR s.order_uid = '')`;
  const empty = (await ws.value<number>(`SELECT count(*) FROM (SELECT 1 FROM order_lines LIMIT 1)`)) === 0;
  if (!empty) {
    // Lines stored before shops were told apart (schema 6) have no order_uid: the same order, at the
    // same time, from a newer export of the same shop takes them over instead of adding a copy.
    await ws.run(
      `UPDATE order_lines o SET order_uid = s.order_uid FROM stage_lines s
       WHERE o.order_uid = '' AND s.order_uid <> '' AND o.order_time = s.order_time
         AND ${SAME_KEY}`,
    );
  }
  // Before any update: afterwards the other shop's lines would already look like this file's.
  const warnings = empty ? [] : await crossStoreOverlaps(ws, file, on);
  // A newer export (later last order) updates what the older one said: statuses, refunds, fees. A
  // ledger line staged from all its events is the whole story, whichever report came last, unless
  // another kind of file (All Orders) wrote the line.
  const newer = `(s.rank_time >= o.rank_time OR o.rank_time IS NULL${
    file.ledger ? ` OR o.file_sha256 IN (SELECT sha256 FROM files WHERE format = $format)` : ''
  })`;
  const params: Record<string, string> = file.ledger ? { format: file.format } : {};
  const updated = empty
    ? 0
    : await ws.value<number>(
        `SELECT count(*) FROM order_lines o JOIN stage_lines s ON ${on} WHERE ${newer}`,
        params,
      );
  if (updated > 0) {
    await ws.run(
      `UPDATE order_lines o SET ${[...file.updates, ...PROVENANCE].map((c) => `${c} = s.${c}`).join(', ')}
      FROM stage_lines s WHERE ${on} AND ${newer}`,
      params,
    );
  }
  if (!empty && file.authoritative.length > 0) {
    await ws.run(
      `UPDATE order_lines o SET ${file.authoritative.map((c) => `${c} = s.${c}`).join(', ')} FROM stage_lines s WHERE ${on}`,
    );
  }
  const columns = `${ORDER_LINE_COLUMNS}, file_sha256, file_line, rank_time`;
  const added = await ws.value<number>(`INSERT INTO order_lines (${columns})
    SELECT ${columns} FROM stage_lines s
    ${empty ? '' : `WHERE NOT EXISTS (SELECT 1 FROM order_lines o WHERE ${on})`}`);
  await markSuperseded(ws, file.sha256);
  return { added, updated, warnings };
}

const ORDER_LINE_COLUMNS = `channel, store, order_uid, market, order_id, line_key, via, order_time, utc_offset_min,
  seller_sku, sku, quantity, gross, discount, shipping, tax, fees, refund, currency, status, status_raw, fulfillment`;

/** Whether order_lines holds any line in a channel of the staged file's good lines. */
function storedInChannels(ws: Workspace): Promise<boolean> {
  return ws.value<boolean>(
    `SELECT EXISTS (SELECT 1 FROM order_lines WHERE channel IN (SELECT unnest(channels) FROM stage_summary))`,
  );
}

/**
 * Whether order_lines holds a line with the key of one of the staged file's good lines, whatever its
 * order_uid (the widest match any comparison in mergeOrders makes).
 */
function sharesKeys(ws: Workspace): Promise<boolean> {
  return ws.value<boolean>(
    `SELECT EXISTS (SELECT 1 FROM stage s JOIN order_lines o ON ${SAME_KEY} WHERE s.reject IS NULL)`,
  );
}

/**
 * Lines of this file whose key another file already holds with a different order time or SKU: the
 * same order number in two shops (`#1001` in a US and a UK Shopify store), which would overwrite each
 * other. Said as a warning naming both files; exports that name their shop, or `--store`, keep them apart.
 */
async function crossStoreOverlaps(ws: Workspace, file: StagedFile, on: string): Promise<string[]> {
  const clashes = await ws.rows<{ other: string; lines: number; example: string }>(
    `SELECT f.name AS other, count(*) AS lines, min(s.order_id) AS example
     FROM stage_lines s JOIN order_lines o ON ${on} JOIN files f ON f.sha256 = o.file_sha256
     WHERE o.file_sha256 <> s.file_sha256 AND (o.order_time <> s.order_time OR o.sku <> s.sku)
     GROUP BY f.name ORDER BY f.name`,
  );
  return clashes.map(
    (c) =>
      `${file.name}: ${c.lines} line${c.lines === 1 ? '' : 's'} (order ${c.example}${c.lines > 1 ? ', …' : ''}) have the same order and line as ${c.other} but a different date or SKU; they replace them. If the two files are different stores, import each with --store NAME.`,
  );
}

/**
 * A ledger file's events join those already stored (an event two reports share is kept once: same
 * cells, same occurrence among identical rows), and each line it touches is staged as the sum of all
 * its events, so February's refund adds to January's sale instead of replacing it. While no event of a
 * line sells, its refund events stand for the sale; once one does, only selling events count units
 * and amounts, and every event counts fees and refunds.
 */
async function stageLedgerLines(ws: Workspace, file: StagedFile): Promise<void> {
  await ws.run(
    `INSERT INTO ledger_events BY NAME
     SELECT * EXCLUDE (reject, _line), _line AS file_line, $sha AS file_sha256,
       CAST(row_number() OVER (PARTITION BY channel, event_key ORDER BY _line) AS INTEGER) AS occurrence
     FROM stage WHERE reject IS NULL
     ON CONFLICT DO NOTHING`,
    { sha: file.sha256 },
  );
  const key = LINE_KEY.join(', ');
  const counts = `FILTER (WHERE sells OR NOT has_sale)`;
  await ws.run(
    `CREATE OR REPLACE TEMP TABLE stage_lines AS
     WITH e AS (
       SELECT *, bool_or(sells) OVER (PARTITION BY ${key}) AS has_sale
       FROM ledger_events SEMI JOIN (SELECT DISTINCT ${key} FROM stage WHERE reject IS NULL) USING (${key})
     )
     SELECT ${key}, any_value(market) AS market, min(order_time) ${counts} AS order_time,
       arg_min(utc_offset_min, order_time) ${counts} AS utc_offset_min, any_value(seller_sku) AS seller_sku,
       any_value(sku) AS sku, sum(quantity) ${counts} AS quantity, sum(gross) ${counts} AS gross,
       sum(discount) ${counts} AS discount, sum(shipping) ${counts} AS shipping, sum(tax) ${counts} AS tax,
       sum(fees) AS fees, sum(refund) AS refund, any_value(currency) AS currency,
       CASE WHEN bool_or(status = 'returned') THEN 'returned'
            WHEN sum(refund) > 0 AND sum(refund) >= sum(gross) ${counts} - sum(discount) ${counts} - 0.005 THEN 'refunded'
            ELSE arg_min(status, order_time) ${counts} END AS status,
       arg_max(status_raw, order_time) AS status_raw, any_value(fulfillment) AS fulfillment,
       $sha AS file_sha256, coalesce(min(file_line) FILTER (WHERE file_sha256 = $sha), min(file_line)) AS file_line,
       ${RANK_TIME} AS rank_time
     FROM e GROUP BY ${key}`,
    { sha: file.sha256 },
  );
}

async function mergeTable(ws: Workspace, file: StagedFile): Promise<{ added: number; updated: number }> {
  const { table, key } = TABLES[file.kind as keyof typeof TABLES];
  const on = key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  await ws.run(`CREATE OR REPLACE TEMP TABLE stage_rows AS
    SELECT * EXCLUDE (reject, _line) FROM stage WHERE reject IS NULL
    QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY _line DESC) = 1`);
  const updated = await ws.value<number>(`SELECT count(*) FROM ${table} t JOIN stage_rows s ON ${on}`);
  await ws.run(`DELETE FROM ${table} t USING stage_rows s WHERE ${on}`);
  await ws.run(`INSERT INTO ${table} BY NAME SELECT * FROM stage_rows`);
  const total = await ws.value<number>(`SELECT count(*) FROM stage_rows`);
  return { added: total - updated, updated };
}
