import type { Workspace } from './workspace.js';

/**
 * Two small tables that say what the whole order history holds without reading a line of it, so an
 * exposure over ten million lines reads only its window's lines (measured in bench/README.md,
 * "exposure"). Both count exactly what `sales_lines` counts (synced copies that gave way are out):
 * - `line_days`: per store × channel × market × currency × order date, the units and the net amount
 *   (gross − discount − refund) in the lines' currency; cancelled lines count nothing. A few rows per
 *   day: the halo's daily series, the prior window's revenue, the last order date, who sells where.
 * - `sku_channels`: each store × SKU × channel with a line that is not cancelled (whether a SKU ever
 *   sold elsewhere).
 *
 * Every import batch rebuilds both inside its transaction, so they land with the lines or not at all;
 * a rebuild is one aggregation over the lines (about a tenth of a second per million).
 */
export const LINE_SUMMARY_TABLES = ['line_days', 'sku_channels'] as const;

export const CREATE_LINE_SUMMARIES: readonly string[] = [
  `CREATE TABLE line_days (
     store VARCHAR, channel VARCHAR NOT NULL, market VARCHAR NOT NULL, currency VARCHAR NOT NULL,
     order_date DATE NOT NULL, units DOUBLE NOT NULL, net DOUBLE NOT NULL)`,
  `CREATE TABLE sku_channels (store VARCHAR, sku VARCHAR NOT NULL, channel VARCHAR NOT NULL)`,
];

/** The statements that rebuild both tables from the lines (also the migration's backfill). */
export const REFRESH_LINE_SUMMARIES: readonly string[] = [
  `DELETE FROM line_days`,
  `INSERT INTO line_days
   SELECT store, channel, market, currency, CAST(order_time AS DATE),
     sum(CASE WHEN status = 'cancelled' THEN 0 ELSE quantity END),
     sum(CASE WHEN status = 'cancelled' THEN 0 ELSE gross - discount - refund END)
   FROM sales_lines GROUP BY ALL`,
  `DELETE FROM sku_channels`,
  `INSERT INTO sku_channels
   SELECT DISTINCT store, sku, channel FROM sales_lines WHERE status <> 'cancelled'`,
];

export async function refreshLineSummaries(ws: Workspace): Promise<void> {
  await ws.run(REFRESH_LINE_SUMMARIES.join(';\n'));
}
