import type { Queryable } from '../db.js';
import type { Window } from './window.js';

export interface SkuDependency {
  sku: string;
  channel: string;
  /** Share of the SKU's net revenue in the window that came through `channel`. */
  share: number;
  revenueAtStake: number;
  revenue: number;
  /** Whether the SKU has ever sold on another channel (whole history). */
  soldElsewhere: boolean;
}

/** SKUs whose revenue sits above `threshold` on one channel: what a ban of that channel would take. */
export async function skuDependency(db: Queryable, window: Window, threshold: number): Promise<SkuDependency[]> {
  return db.rows<SkuDependency>(
    `WITH per AS (
       SELECT sku, channel, sum(net_base) AS revenue FROM lines_net
       WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY sku, channel),
     tot AS (SELECT sku, sum(revenue) AS revenue FROM per GROUP BY sku HAVING sum(revenue) > 0),
     top AS (SELECT sku, arg_max(channel, revenue) AS channel, max(revenue) AS at_stake FROM per GROUP BY sku)
     SELECT t.sku, t.channel, t.at_stake / tot.revenue AS share, t.at_stake AS "revenueAtStake", tot.revenue,
       EXISTS (SELECT 1 FROM sales_lines s WHERE s.sku = t.sku AND s.channel <> t.channel AND s.status <> 'cancelled') AS "soldElsewhere"
     FROM top t JOIN tot USING (sku)
     WHERE t.at_stake / tot.revenue >= $threshold
     ORDER BY "revenueAtStake" DESC, t.sku`,
    { from: window.from, to: window.to, threshold },
  );
}
