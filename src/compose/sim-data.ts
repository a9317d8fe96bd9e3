import { COMMITMENT_RATE_SQL, type Queryable } from '../db.js';

/**
 * What the simulator needs from the workspace, read with a handful of aggregate queries: cells with
 * their daily history, unit economics, stock, shipments and commitments. Amounts are base currency.
 */
export interface CellRow {
  sku: string;
  channel: string;
  market: string;
  /** Net revenue per unit over the last 90 days of history, else over all of it. */
  price: number;
  unitCost: number | null;
  feePct: number;
  feePerUnit: number;
  shipPerUnit: number;
}

export interface SimData {
  cells: CellRow[];
  /** cells × historyDays, units per day, oldest first, ending the day before `start`. */
  history: Float64Array;
  historyDays: number;
  /** True when the workspace has any cost rows (else profit is unknown). */
  costsKnown: boolean;
  locations: Array<{ location: string; kind: string; market: string; channels: string[] }>;
  inventory: Array<{ location: string; sku: string; units: number }>;
  shipments: Array<{
    shipment: string;
    location: string;
    sku: string;
    units: number;
    day: number;
    canRedirect: boolean;
  }>;
  commitments: Array<{
    id: string;
    channel: string;
    amount: number;
    startDay: number;
    endDay: number;
    cancellable: boolean;
    cancelFee: number;
  }>;
}

export const HISTORY_DAYS = 365;

export async function readSimData(db: Queryable, start: string): Promise<SimData> {
  const params = { start, days: HISTORY_DAYS };
  const cells = await db.rows<CellRow>(
    `WITH hist AS (
       SELECT * FROM lines_costed WHERE order_date < CAST($start AS DATE) AND order_date >= CAST($start AS DATE) - $days),
     cell AS (
       SELECT sku, channel, market,
         sum(net_base) FILTER (WHERE order_date >= CAST($start AS DATE) - 90) / nullif(sum(units) FILTER (WHERE order_date >= CAST($start AS DATE) - 90), 0) AS recent,
         sum(net_base) / nullif(sum(units), 0) AS overall,
         any_value(unit_cost_base) AS "unitCost",
         -- Fees the export reports win over the cost file's fee share.
         CASE WHEN sum(fees_base) > 0 THEN sum(fees_base) / nullif(sum(net_base), 0) ELSE any_value(cost_fee_pct) END AS "feePct",
         CASE WHEN sum(fees_base) > 0 THEN 0 ELSE any_value(cost_fee_per_unit) END AS "feePerUnit",
         any_value(cost_ship_per_unit) AS "shipPerUnit"
       FROM hist GROUP BY sku, channel, market HAVING sum(units) > 0)
     SELECT sku, channel, market, coalesce(recent, overall) AS price, "unitCost", coalesce("feePct", 0) AS "feePct",
       coalesce("feePerUnit", 0) AS "feePerUnit", coalesce("shipPerUnit", 0) AS "shipPerUnit"
     FROM cell ORDER BY channel, market, sku`,
    params,
  );
  const index = new Map(cells.map((c, i) => [`${c.sku}|${c.channel}|${c.market}`, i]));
  const history = new Float64Array(cells.length * HISTORY_DAYS);
  const daily = await db.rows<{ sku: string; channel: string; market: string; day: number; units: number }>(
    `SELECT sku, channel, market, date_diff('day', CAST($start AS DATE) - $days, order_date) AS day, sum(units) AS units
     FROM lines_base WHERE order_date < CAST($start AS DATE) AND order_date >= CAST($start AS DATE) - $days
     GROUP BY ALL`,
    params,
  );
  for (const r of daily) {
    const c = index.get(`${r.sku}|${r.channel}|${r.market}`);
    if (c !== undefined) history[c * HISTORY_DAYS + r.day] += r.units;
  }
  const [{ costs } = { costs: 0 }] = await db.rows<{ costs: number }>(`SELECT count(*) AS costs FROM costs`);
  const locations = (
    await db.rows<{ location: string; kind: string; market: string; channels: string }>(
      `SELECT * FROM locations ORDER BY location`,
    )
  ).map((l) => ({
    ...l,
    channels: l.channels.split(';').filter(Boolean),
  }));
  const inventory = await db.rows<{ location: string; sku: string; units: number }>(
    // The count nearest the start, preferring one taken on or before it.
    `SELECT location, sku, arg_min(quantity, abs(date_diff('day', CAST($start AS DATE), as_of)) * 2 + CASE WHEN as_of > CAST($start AS DATE) THEN 1 ELSE 0 END) AS units
     FROM inventory GROUP BY location, sku ORDER BY location, sku`,
    { start },
  );
  const shipments = await db.rows<SimData['shipments'][number]>(
    `SELECT shipment_id AS shipment, can_redirect AS "canRedirect", to_location AS location, sku, quantity AS units, greatest(0, date_diff('day', CAST($start AS DATE), eta)) AS day
     FROM shipments WHERE status NOT IN ('received', 'delivered', 'cancelled') ORDER BY day, shipment_id, sku`,
    { start },
  );
  const commitments = await db.rows<SimData['commitments'][number]>(
    // The fee is in the commitment's currency too: both are converted at the same rate.
    `WITH c AS (
       SELECT *, ${COMMITMENT_RATE_SQL} AS rate FROM commitments)
     SELECT id, channel, amount * rate AS amount,
       date_diff('day', CAST($start AS DATE), start_date) AS "startDay", date_diff('day', CAST($start AS DATE), end_date) AS "endDay",
       cancellable, cancel_fee * rate AS "cancelFee"
     FROM c ORDER BY id`,
    { start },
  );
  return {
    cells,
    history,
    historyDays: HISTORY_DAYS,
    costsKnown: costs > 0,
    locations,
    inventory,
    shipments,
    commitments,
  };
}
