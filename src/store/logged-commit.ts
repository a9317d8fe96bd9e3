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
] as const;

const SENTINEL = '\u0000ballast-logged-commit';

/**
 * Makes a big transaction land whole or not at all when the process is killed during COMMIT.
 *
 * DuckDB writes a transaction's bulk appends (a row group or more into one table) straight into the
 * database file and logs only a pointer to them; measured with DuckDB 1.5, a SIGKILL during such a
 * COMMIT left a million new order lines in the reopened workspace without the `files` row written
 * in the same transaction (5 kills of 12). A table's appends take the ordinary, fully logged path
 * when the transaction has also deleted one of its own new rows, so each table gets a sentinel row
 * inserted and deleted again. The cost is writing the new rows twice (log, then checkpoint).
 */
export async function logEveryAppend(
  ws: Workspace,
  tables: readonly string[] = IMPORT_TABLES,
): Promise<void> {
  for (const table of tables) {
    const columns = await ws.rows<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_schema = 'main' AND table_name = $table ORDER BY ordinal_position`,
      { table },
    );
    const marker = columns.find((c) => c.type === 'VARCHAR');
    if (!marker) continue;
    const values = columns.map((c) => placeholder(c.type));
    await ws.run(
      `INSERT INTO ${table} (${columns.map((c) => quoteName(c.name)).join(', ')}) VALUES (${values.join(', ')})`,
      { sentinel: SENTINEL },
    );
    await ws.run(`DELETE FROM ${table} WHERE ${quoteName(marker.name)} = $sentinel`, { sentinel: SENTINEL });
  }
}

/** A value of the column's type that meets NOT NULL and, in VARCHAR key columns, never clashes. */
function placeholder(type: string): string {
  if (type === 'VARCHAR') return '$sentinel';
  if (type === 'BOOLEAN') return 'false';
  if (type === 'DATE') return `DATE '1970-01-01'`;
  if (type.startsWith('TIMESTAMP')) return `TIMESTAMP '1970-01-01'`;
  if (type === 'JSON') return `'{}'`;
  return '0';
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
