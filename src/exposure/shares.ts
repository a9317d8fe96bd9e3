import type { Queryable } from '../db.js';

export interface ShareRow {
  revenue: number;
  share: number;
  units: number;
  grossProfit: number | null;
  /** Against the prior window of the same length; null without revenue in it. */
  growth: number | null;
  priorRevenue: number;
}

type Keyed<K extends string> = ShareRow & Record<K, string>;

/**
 * Net revenue, units and gross profit per key over the window, with growth against the prior window,
 * from the `cells` table (exposure/cells.ts). Gross profit is unknown (null) when some line with
 * revenue has no cost, and 0 for a key with no revenue in the window.
 */
export async function sharesBy<K extends 'channel' | 'market'>(
  db: Queryable,
  cells: string,
  keys: K[],
): Promise<Array<Keyed<K>>> {
  const cols = keys.join(', ');
  const rows = await db.rows<Keyed<K>>(
    `SELECT * FROM (
     SELECT ${cols},
       coalesce(sum(revenue) FILTER (current), 0) AS revenue, coalesce(sum(units) FILTER (current), 0) AS units,
       CASE WHEN sum(revenue) FILTER (current) IS NULL THEN 0
            WHEN bool_and(cost_known) FILTER (current) THEN sum(gross_profit) FILTER (current) END AS "grossProfit",
       coalesce(sum(revenue) FILTER (NOT current), 0) AS "priorRevenue"
     FROM ${cells} GROUP BY ${cols})
     ORDER BY revenue DESC, ${cols}`,
  );
  const total = rows.reduce((s, r) => s + r.revenue, 0);
  return rows
    .filter((r) => r.revenue !== 0 || r.priorRevenue !== 0)
    .map((r) => ({
      ...r,
      share: total > 0 ? r.revenue / total : 0,
      growth: r.priorRevenue > 0 ? r.revenue / r.priorRevenue - 1 : null,
    }));
}

/** Herfindahl–Hirschman index on the 0–1 scale and its reciprocal, the effective number. */
export function concentration(rows: ReadonlyArray<{ share: number }>): {
  hhi: number;
  effectiveNumber: number;
} {
  const hhi = rows.reduce((s, r) => s + r.share * r.share, 0);
  return { hhi, effectiveNumber: hhi > 0 ? 1 / hhi : 0 };
}
