import { LINE_SUMMARY_TABLES } from './line-summaries.js';
import type { Workspace } from './workspace.js';

/** Tables an import writes; any of them can receive more rows than one DuckDB row group. */
export const IMPORT_TABLES = [
  'order_lines',
  'ledger_events',
  'rejects',
  'files',
  'locations',
  'inventory',
  'shipments',
  'costs',
  'commitments',
  'fx',
  ...LINE_SUMMARY_TABLES,
] as const;

/** In SQL rather than as a parameter, so that all the statements go to DuckDB as one script. */
const SENTINEL = `chr(0) || 'ballast-logged-commit'`;

/**
 * Makes a big transaction land whole or not at all when the process is killed during COMMIT.
 *
 * DuckDB writes a transaction's bulk appends (a row group or more into one table) straight into the
 * database file and logs only a pointer to them; measured with DuckDB 1.5, a SIGKILL during such a
 * COMMIT left a million new order lines in the reopened workspace without the `files` row written
 * in the same transaction (5 kills of 12). A table's appends take the ordinary, fully logged path
 * when the transaction has also deleted one of its own new rows, so each table gets a sentinel row
 * inserted and deleted again. The cost is writing the new rows twice (log, then checkpoint).
 *
 * One catalog query and one script of statements for all the tables: per import, not per table, so
 * a command with many small files does not pay twenty round trips.
 */
export async function logEveryAppend(
  ws: Workspace,
  tables: readonly string[] = IMPORT_TABLES,
): Promise<void> {
  const columns = await ws.rows<{ table: string; name: string; type: string }>(
    `SELECT table_name AS "table", column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name IN (${tables.map((t) => `'${t}'`).join(', ')})
     ORDER BY table_name, ordinal_position`,
  );
  const statements = tables.flatMap((table) => {
    const own = columns.filter((c) => c.table === table);
    const marker = own.find((c) => c.type === 'VARCHAR');
    if (!marker) return [];
    return [
      `INSERT INTO ${table} (${own.map((c) => quoteName(c.name)).join(', ')}) VALUES (${own.map((c) => placeholder(c.type)).join(', ')})`,
      `DELETE FROM ${table} WHERE ${quoteName(marker.name)} = ${SENTINEL}`,
    ];
  });
  if (statements.length > 0) await ws.run(statements.join(';\n'));
}

/** A value of the column's type that meets NOT NULL and, in VARCHAR key columns, never clashes. */
function placeholder(type: string): string {
  if (type === 'VARCHAR') return SENTINEL;
  if (type === 'BOOLEAN') return 'false';
  if (type === 'DATE') return `DATE '1970-01-01'`;
  if (type.startsWith('TIMESTAMP')) return `TIMESTAMP '1970-01-01'`;
  if (type === 'JSON') return `'{}'`;
  return '0';
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
