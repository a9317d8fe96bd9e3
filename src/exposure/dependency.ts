import type { Queryable } from '../db.js';

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

/**
 * SKUs whose revenue sits above `threshold` on one channel: what a ban of that channel would take.
 * Window revenue comes from `cells` (exposure/cells.ts); "sold elsewhere" looks at the whole history
 * through the `sku_channels` summary every import keeps (store/line-summaries.ts).
 */
export async function skuDependency(
  db: Queryable,
  cells: string,
  threshold: number,
  lines = 'true',
): Promise<SkuDependency[]> {
  return db.rows<SkuDependency>(
    `WITH per AS (SELECT sku, channel, sum(revenue) AS revenue FROM ${cells} WHERE current GROUP BY sku, channel),
     tot AS (SELECT sku, sum(revenue) AS revenue FROM per GROUP BY sku HAVING sum(revenue) > 0),
     -- A tie (the same revenue to the micro-unit, whatever the order of summing) goes to the first
     -- channel by name, every time.
     top AS (SELECT sku, first(channel ORDER BY round(revenue, 6) DESC, channel) AS channel, max(revenue) AS at_stake FROM per GROUP BY sku),
     dependent AS (
       SELECT t.sku, t.channel, t.at_stake / tot.revenue AS share, t.at_stake AS "revenueAtStake", tot.revenue
       FROM top t JOIN tot USING (sku) WHERE t.at_stake / tot.revenue >= $threshold),
     sold AS (SELECT DISTINCT sku, channel FROM sku_channels WHERE ${lines})
     SELECT d.*, EXISTS (SELECT 1 FROM sold WHERE sold.sku = d.sku AND sold.channel <> d.channel) AS "soldElsewhere"
     FROM dependent d
     ORDER BY "revenueAtStake" DESC, d.sku`,
    { threshold },
  );
}
