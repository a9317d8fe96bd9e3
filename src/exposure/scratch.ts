import type { Queryable } from '../db.js';

/**
 * The TEMP tables one exposure command builds once and every exposure query reads, instead of each
 * query re-evaluating the `sales_lines` → `lines_costed` view chain over the whole history:
 * - `daily`: lines and units per channel × market × currency × day over the whole history (halo, the
 *   last order date, which channels sell in which market, the FX flag);
 * - `cells`: net revenue, units and gross profit of the window and its prior window (shares, growth,
 *   gross profit, SKU dependency).
 * Names carry a counter so two commands on one connection never share a table.
 */
export interface Scratch {
  daily: string;
  cells: string;
  /** SQL predicate on `order_lines` choosing the lines analysed: one store's, or all. */
  lines: string;
}

let opened = 0;

export function scratchNames(store?: string): Scratch {
  const n = ++opened;
  return {
    daily: `bl_exposure_daily_${n}`,
    cells: `bl_exposure_cells_${n}`,
    lines: store === undefined ? 'true' : `store = '${store.replaceAll("'", "''")}'`,
  };
}

export async function dropScratch(db: Queryable, scratch: Scratch): Promise<void> {
  for (const table of [scratch.daily, scratch.cells]) {
    await db.rows(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** `sales_lines` restricted by `where` (unqualified columns), as a subquery of just `columns`. */
export function salesLines(columns: string, where = 'true'): string {
  return `(SELECT ${columns} FROM sales_lines WHERE ${where})`;
}
