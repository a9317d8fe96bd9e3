import type { Queryable } from '../db.js';

/**
 * The TEMP tables one exposure command builds once and every exposure query reads, instead of each
 * query re-evaluating the `sales_lines` → `lines_costed` view chain over the whole history:
 * - `dropped`: synced copies `sales_lines` leaves out (see `salesLines`);
 * - `daily`: lines and units per channel × market × currency × day over the whole history (halo, the
 *   last order date, which channels sell in which market, the FX flag);
 * - `cells`: net revenue, units and gross profit of the window and its prior window (shares, growth,
 *   gross profit, SKU dependency).
 * Names carry a counter so two commands on one connection never share a table.
 */
export interface Scratch {
  dropped: string;
  daily: string;
  cells: string;
  /** SQL predicate on `order_lines` choosing the lines analysed: one store's, or all. */
  lines: string;
}

let opened = 0;

export function scratchNames(store?: string): Scratch {
  const n = ++opened;
  return {
    dropped: `bl_exposure_dropped_${n}`,
    daily: `bl_exposure_daily_${n}`,
    cells: `bl_exposure_cells_${n}`,
    lines: store === undefined ? 'true' : `store = '${store.replaceAll("'", "''")}'`,
  };
}

export async function dropScratch(db: Queryable, scratch: Scratch): Promise<void> {
  for (const table of [scratch.dropped, scratch.daily, scratch.cells]) {
    await db.rows(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The synced copies `sales_lines` (store/migrations.ts) drops: `(channel, order_id)` of lines that came
 * through another channel (`via` set) for an order the channel's own export has brought too. The view
 * checks this per row of every query; here it is one hash join, and only when there are synced copies.
 */
export async function createDropped(db: Queryable, table: string): Promise<void> {
  const [{ synced } = { synced: 0 }] = await db.rows<{ synced: number }>(
    `SELECT count(*) AS synced FROM order_lines WHERE via <> ''`,
  );
  if (synced === 0) {
    await db.rows(`CREATE TEMP TABLE ${table} (channel VARCHAR, order_id VARCHAR)`);
    return;
  }
  await db.rows(
    `CREATE TEMP TABLE ${table} AS
     SELECT DISTINCT o.channel, o.order_id FROM order_lines o
     WHERE o.via <> '' AND EXISTS (
       SELECT 1 FROM order_lines p WHERE p.via = '' AND p.channel = o.channel AND p.order_id = o.order_id)`,
  );
}

/**
 * `sales_lines` restricted by `where` (unqualified columns of `order_lines`), as a subquery: the
 * channels' own lines, plus synced copies not in `dropped`. Same rows as the view; the anti-join
 * probes only the synced copies, against the small `dropped` table (an explicit ANTI JOIN: NOT EXISTS
 * is planned as a delim join that costs several times more).
 */
export function salesLines(dropped: string, columns: string, where = 'true'): string {
  return `(SELECT ${columns} FROM order_lines WHERE via = '' AND (${where})
    UNION ALL
    SELECT ${columns} FROM order_lines o ANTI JOIN ${dropped} d ON d.channel = o.channel AND d.order_id = o.order_id
    WHERE o.via <> '' AND (${where}))`;
}
