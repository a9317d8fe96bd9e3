import { createHash } from 'node:crypto';
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

const CELLS_SQL = `WITH hist AS (
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
     FROM cell ORDER BY channel, market, sku`;
const DAILY_SQL = `SELECT sku, channel, market, date_diff('day', CAST($start AS DATE) - $days, order_date) AS day, sum(units) AS units
     FROM lines_base WHERE order_date < CAST($start AS DATE) AND order_date >= CAST($start AS DATE) - $days
     GROUP BY ALL`;
const LOCATIONS_SQL = `SELECT * FROM locations ORDER BY location`;
// The count nearest the start, preferring one taken on or before it.
const INVENTORY_SQL = `SELECT location, sku, arg_min(quantity, abs(date_diff('day', CAST($start AS DATE), as_of)) * 2 + CASE WHEN as_of > CAST($start AS DATE) THEN 1 ELSE 0 END) AS units
     FROM inventory GROUP BY location, sku ORDER BY location, sku`;
const SHIPMENTS_SQL = `SELECT shipment_id AS shipment, can_redirect AS "canRedirect", to_location AS location, sku, quantity AS units, greatest(0, date_diff('day', CAST($start AS DATE), eta)) AS day
     FROM shipments WHERE status NOT IN ('received', 'delivered', 'cancelled') ORDER BY day, shipment_id, sku`;
// The fee is in the commitment's currency too: both are converted at the same rate.
const COMMITMENTS_SQL = `WITH c AS (
       SELECT *, ${COMMITMENT_RATE_SQL} AS rate FROM commitments)
     SELECT id, channel, amount * rate AS amount,
       date_diff('day', CAST($start AS DATE), start_date) AS "startDay", date_diff('day', CAST($start AS DATE), end_date) AS "endDay",
       cancellable, cancel_fee * rate AS "cancelFee"
     FROM c ORDER BY id`;

export async function readSimData(db: Queryable, start: string): Promise<SimData> {
  const params = { start, days: HISTORY_DAYS };
  const cells = await db.rows<CellRow>(CELLS_SQL, params);
  const index = new Map(cells.map((c, i) => [`${c.sku}|${c.channel}|${c.market}`, i]));
  const history = new Float64Array(cells.length * HISTORY_DAYS);
  const daily = await db.rows<{ sku: string; channel: string; market: string; day: number; units: number }>(
    DAILY_SQL,
    params,
  );
  for (const r of daily) {
    const c = index.get(`${r.sku}|${r.channel}|${r.market}`);
    if (c !== undefined) history[c * HISTORY_DAYS + r.day] += r.units;
  }
  const [{ costs } = { costs: 0 }] = await db.rows<{ costs: number }>(`SELECT count(*) AS costs FROM costs`);
  const locations = (
    await db.rows<{ location: string; kind: string; market: string; channels: string }>(LOCATIONS_SQL)
  ).map((l) => ({
    ...l,
    channels: l.channels.split(';').filter(Boolean),
  }));
  const inventory = await db.rows<{ location: string; sku: string; units: number }>(INVENTORY_SQL, { start });
  const shipments = await db.rows<SimData['shipments'][number]>(SHIPMENTS_SQL, { start });
  const commitments = await db.rows<SimData['commitments'][number]>(COMMITMENTS_SQL, { start });
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

/**
 * What the reads above depend on: the tables under the views they go through, besides the views.
 * Order lines change only in an import, which lists each of its files in `files` in the same
 * transaction, and in a migration (`meta` holds the schema version): those two stand for the lines,
 * whose own hash cost 0.57 s a what-if at ten million lines.
 */
const INPUT_TABLES = [
  'settings',
  'meta',
  'files',
  'fx',
  'costs',
  'locations',
  'inventory',
  'shipments',
  'commitments',
];
const INPUTS_SQL = `SELECT concat_ws(' ',
  ${INPUT_TABLES.map((t) => `(SELECT count(*) || ':' || coalesce(bit_xor(hash(t)), 0) FROM ${t} t)`).join(',\n  ')},
  (SELECT coalesce(bit_xor(hash(r)), 0) FROM bl_fx_reference r),
  (SELECT string_agg(sql, ';' ORDER BY view_name) FROM duckdb_views()
   WHERE view_name IN ('sales_lines', 'lines_base', 'lines_net', 'lines_costed'))) AS inputs`;
const QUERIES = [CELLS_SQL, DAILY_SQL, LOCATIONS_SQL, INVENTORY_SQL, SHIPMENTS_SQL, COMMITMENTS_SQL];

/**
 * `readSimData` through the workspace's cache (`sim_data_cache`, one row per start): a what-if run
 * again on unchanged inputs skips the reads, 1.2 of the demo scenario's 9 CPU seconds. The key holds
 * each input table's row count and an order-free hash of its rows, the views the reads go through
 * and the queries themselves, so an import, a changed cost file or a Ballast that reads differently
 * all miss it.
 */
export async function cachedSimData(db: Queryable, start: string): Promise<SimData> {
  const [{ inputs } = { inputs: '' }] = await db.rows<{ inputs: string }>(INPUTS_SQL);
  const key = createHash('sha256')
    .update([inputs, start, HISTORY_DAYS, ...QUERIES].join('\n'))
    .digest('hex');
  const [hit] = await db.rows<{ data: string }>(
    `SELECT data FROM sim_data_cache WHERE start = $start AND inputs = $key`,
    { start, key },
  );
  if (hit) return decode(hit.data);
  const data = await readSimData(db, start);
  try {
    await db.rows(`INSERT OR REPLACE INTO sim_data_cache VALUES ($start, $key, $data)`, {
      start,
      key,
      data: encode(data),
    });
  } catch (error) {
    // Two runs on one open workspace (the server) stored the same start at once: the reads in hand
    // are as good, and the next run finds the other's. Anything else is a real failure.
    if (!/conflict/i.test((error as Error).message)) throw error;
  }
  return data;
}

/**
 * JSON keeps every finite double exactly (shortest round-trip digits), so the model built from the
 * cache is bit for bit the one built from the reads; the few values JSON cannot hold (NaN, ±Infinity,
 * −0) travel as `{ $number: text }`.
 */
function encode(data: SimData): string {
  return JSON.stringify({ ...data, history: Array.from(data.history) }, (_, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? { $number: Object.is(v, -0) ? '-0' : String(v) }
      : v,
  );
}

function decode(text: string): SimData {
  const parsed = JSON.parse(text, (_, v: unknown) =>
    typeof v === 'object' && v !== null && '$number' in v
      ? (v as { $number: string }).$number === '-0'
        ? -0
        : Number((v as { $number: string }).$number)
      : v,
  ) as Omit<SimData, 'history'> & { history: number[] };
  return { ...parsed, history: Float64Array.from(parsed.history) };
}
