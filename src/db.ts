/**
 * What a domain needs to read the workspace: SQL text with named parameters in, plain rows out.
 * The store's Workspace provides it; domains never import DuckDB or the store itself.
 */
export interface Queryable {
  rows<T = Record<string, unknown>>(
    sql: string,
    params?: Record<string, string | number | boolean | null>,
  ): Promise<T[]>;
}

/**
 * The workspace's base currency as a SQL scalar, for queries that convert amounts in SQL. The store
 * keeps it in `settings` (USD unless the seller chose another at import).
 */
export const BASE_CURRENCY_SQL = `(SELECT value FROM settings WHERE key = 'base_currency')`;

/** The workspace's base currency code; USD, the store's own default, where the setting is absent. */
export async function baseCurrency(db: Queryable): Promise<string> {
  const [row] = await db.rows<{ base: string | null }>(`SELECT ${BASE_CURRENCY_SQL} AS base`);
  return row?.base ?? 'USD';
}
