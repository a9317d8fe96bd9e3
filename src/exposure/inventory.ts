import type { Queryable } from '../db.js';

export interface LockedStock {
  location: string;
  kind: string;
  market: string;
  /** Channels that may sell from the location (`*` expanded to the seller's channels in its market). */
  channels: string[];
  units: number;
  /** Units × unit cost in base currency; null when a SKU held there has no cost. */
  value: number | null;
  /** Set when exactly one channel can sell the stock: a ban of that channel strands it. */
  onlyChannel: string | null;
  inboundUnits: number;
  inboundValue: number | null;
}

/**
 * Stock by location (latest count per SKU) with who can sell it, plus inbound shipments still on their
 * way there. The value uses the SKU's generic cost (SKU-only row, else the average of its rows). Which
 * channels sell in a market comes from the `daily` table (exposure/daily.ts).
 */
export async function lockedStock(db: Queryable, daily: string): Promise<LockedStock[] | null> {
  const [{ locations } = { locations: 0 }] = await db.rows<{ locations: number }>(
    `SELECT count(*) AS locations FROM locations`,
  );
  const [{ stock } = { stock: 0 }] = await db.rows<{ stock: number }>(
    `SELECT count(*) AS stock FROM inventory`,
  );
  if (locations === 0 && stock === 0) return null;
  const rows = await db.rows<Omit<LockedStock, 'channels' | 'onlyChannel'> & { channels: string }>(
    `WITH sku_cost AS (
       SELECT sku, coalesce(max(unit_cost) FILTER (WHERE channel = '' AND market = ''), avg(unit_cost)) AS cost FROM costs GROUP BY sku),
     latest AS (SELECT location, sku, arg_max(quantity, as_of) AS units FROM inventory GROUP BY location, sku),
     inbound AS (SELECT to_location AS location, sku, sum(quantity) AS units FROM shipments
                 WHERE status NOT IN ('received', 'delivered', 'cancelled') GROUP BY ALL),
     market_channels AS (SELECT market, string_agg(DISTINCT channel, ';' ORDER BY channel) AS list FROM ${daily} GROUP BY market),
     places AS (SELECT location FROM locations UNION SELECT location FROM latest UNION SELECT location FROM inbound)
     SELECT p.location, coalesce(l.kind, 'unknown') AS kind, coalesce(l.market, '') AS market,
       CASE WHEN l.channels = '*' THEN coalesce(mc.list, '') ELSE coalesce(l.channels, '') END AS channels,
       coalesce((SELECT sum(units) FROM latest i WHERE i.location = p.location), 0) AS units,
       (SELECT CASE WHEN bool_and(c.cost IS NOT NULL) THEN sum(i.units * c.cost) END FROM latest i LEFT JOIN sku_cost c USING (sku) WHERE i.location = p.location) AS value,
       coalesce((SELECT sum(units) FROM inbound b WHERE b.location = p.location), 0) AS "inboundUnits",
       (SELECT CASE WHEN bool_and(c.cost IS NOT NULL) THEN sum(b.units * c.cost) END FROM inbound b LEFT JOIN sku_cost c USING (sku) WHERE b.location = p.location) AS "inboundValue"
     FROM places p LEFT JOIN locations l USING (location) LEFT JOIN market_channels mc ON mc.market = l.market
     ORDER BY units DESC, p.location`,
  );
  return rows.map((r) => {
    const channels = r.channels.split(';').filter(Boolean);
    return {
      ...r,
      value: r.units === 0 ? 0 : r.value,
      inboundValue: r.inboundUnits === 0 ? 0 : r.inboundValue,
      channels,
      onlyChannel: channels.length === 1 ? channels[0] : null,
    };
  });
}
