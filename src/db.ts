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
