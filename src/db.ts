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

/**
 * The rate that turns a commitment's amounts (its spend and its cancel fee, both in its own currency)
 * into the base currency: the newest rate the seller gave, else the reference rate. Read in a query
 * over `commitments`, for the exposure figures and the simulation alike.
 */
export const COMMITMENT_RATE_SQL = `CASE WHEN commitments.currency = ${BASE_CURRENCY_SQL} THEN 1.0
  ELSE coalesce((SELECT arg_max(f.rate, f.date) FROM fx f WHERE f.currency = commitments.currency),
                (SELECT r.rate FROM bl_fx_reference r WHERE r.currency = commitments.currency)) END`;

/** The workspace's base currency code; USD, the store's own default, where the setting is absent. */
export async function baseCurrency(db: Queryable): Promise<string> {
  const [row] = await db.rows<{ base: string | null }>(`SELECT ${BASE_CURRENCY_SQL} AS base`);
  return row?.base ?? 'USD';
}
