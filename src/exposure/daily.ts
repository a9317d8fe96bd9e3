import type { Queryable } from '../db.js';

/**
 * Per channel × market × currency × order date (a row wherever there is a line), the units and the net
 * amount in the lines' currency (gross − discount − refund; cancelled lines count nothing), from the
 * `line_days` summary every import keeps (store/line-summaries.ts): the whole history without reading a
 * line. Small (channels × markets × days) and enough for the last order date, the halo's daily series,
 * which channels sell in which market, whether any amount needs an approximate rate, and the prior
 * window's revenue (every line of a currency and day has the same rate, so the amount converts after
 * summing).
 */
export async function createDaily(db: Queryable, table: string, lines = 'true'): Promise<void> {
  await db.rows(
    `CREATE TEMP TABLE ${table} AS
     SELECT channel, market, currency, order_date, sum(units) AS units, sum(net) AS net
     FROM line_days WHERE ${lines}
     GROUP BY ALL`,
  );
}

/** The last order date (YYYY-MM-DD) in the workspace, or null when it has no sales. */
export async function lastOrderDay(db: Queryable, daily: string): Promise<string | null> {
  const [row] = await db.rows<{ last: string | null }>(
    `SELECT strftime(max(order_date), '%Y-%m-%d') AS last FROM ${daily}`,
  );
  return row?.last ?? null;
}

/**
 * Whether some line between `from` and `to` is converted at Ballast's approximate reference rate: its
 * currency is not the base and the workspace has no FX rate for it at all (`fx_approximate` in
 * store/views.ts).
 */
export async function fxApproximate(
  db: Queryable,
  daily: string,
  base: string,
  from: string,
  to: string,
): Promise<boolean> {
  const [row] = await db.rows<{ approx: boolean }>(
    `SELECT coalesce(bool_or(currency <> $base AND currency NOT IN (SELECT currency FROM fx)), false) AS approx
     FROM ${daily} WHERE order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`,
    { base, from, to },
  );
  return row?.approx ?? false;
}
