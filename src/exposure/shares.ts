import type { Queryable } from '../db.js';
import { GROSS_PROFIT } from './gross-profit.js';
import type { Window } from './window.js';

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

/** Net revenue, units and gross profit per key over the window, with growth against the prior window. */
export async function sharesBy<K extends 'channel' | 'market'>(db: Queryable, window: Window, keys: K[]): Promise<Array<Keyed<K>>> {
  const cols = keys.join(', ');
  const rows = await db.rows<Keyed<K>>(
    `WITH current AS (
       SELECT ${cols}, sum(net_base) AS revenue, sum(units) AS units, ${GROSS_PROFIT} AS "grossProfit"
       FROM lines_costed WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY ${cols}),
     prior AS (
       SELECT ${cols}, sum(net_base) AS revenue FROM lines_costed
       WHERE order_date BETWEEN CAST($priorFrom AS DATE) AND CAST($priorTo AS DATE) GROUP BY ${cols})
     SELECT ${keys.map((k) => `coalesce(c.${k}, p.${k}) AS ${k}`).join(', ')},
       coalesce(c.revenue, 0) AS revenue, coalesce(c.units, 0) AS units,
       CASE WHEN c.revenue IS NULL THEN 0 ELSE c."grossProfit" END AS "grossProfit",
       coalesce(p.revenue, 0) AS "priorRevenue"
     FROM current c FULL JOIN prior p USING (${cols})
     ORDER BY revenue DESC, ${cols}`,
    { from: window.from, to: window.to, priorFrom: window.priorFrom, priorTo: window.priorTo },
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
export function concentration(rows: ReadonlyArray<{ share: number }>): { hhi: number; effectiveNumber: number } {
  const hhi = rows.reduce((s, r) => s + r.share * r.share, 0);
  return { hhi, effectiveNumber: hhi > 0 ? 1 / hhi : 0 };
}
