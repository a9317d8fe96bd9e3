import { BASE_CURRENCY_SQL } from '../db.js';
import { REFERENCE_USD_PER_UNIT } from './fx-reference.js';

/**
 * Read models every analysis shares, created per connection. `lines_base` is the one place money is
 * converted to the base currency (STYLE: "converted to base currency in one place"):
 *   rate = the workspace's latest FX rate on or before the order date, else its earliest one,
 *          else the built-in approximate reference (flagged `fx_approximate`).
 * Amounts stay signed as stored; cancelled lines are kept and carry no revenue (`net_base` = 0).
 */
export const VIEW_STATEMENTS: readonly string[] = [
  `CREATE OR REPLACE TEMP TABLE bl_fx_reference (currency VARCHAR PRIMARY KEY, rate DOUBLE)`,
  // The reference is Ballast's own constant (three-letter codes and numbers), safe to write as SQL.
  `INSERT INTO bl_fx_reference VALUES ${Object.entries(REFERENCE_USD_PER_UNIT)
    .map(([currency, rate]) => `('${currency.replace(/[^A-Z]/g, '')}', ${Number(rate)})`)
    .join(', ')}`,
  `CREATE OR REPLACE TEMP VIEW lines_base AS
    WITH base AS (SELECT ${BASE_CURRENCY_SQL} AS code),
    first_rate AS (SELECT currency, arg_min(rate, date) AS rate FROM fx GROUP BY currency),
    reference AS (
      SELECT r.currency, r.rate / b.rate AS rate
      FROM bl_fx_reference r, bl_fx_reference b, base WHERE b.currency = base.code),
    rated AS (SELECT s.*, a.rate AS asof_rate FROM sales_lines s ASOF LEFT JOIN fx a ON a.currency = s.currency AND s.order_time >= a.date)
    SELECT r.* EXCLUDE (asof_rate),
      CASE WHEN r.currency = base.code THEN 1.0 ELSE coalesce(r.asof_rate, f.rate, ref.rate) END AS fx_rate,
      r.currency <> base.code AND r.asof_rate IS NULL AND f.rate IS NULL AS fx_approximate,
      CAST(r.order_time AS DATE) AS order_date,
      CASE WHEN r.status = 'cancelled' THEN 0 ELSE r.quantity END AS units
    FROM rated r CROSS JOIN base LEFT JOIN first_rate f ON f.currency = r.currency LEFT JOIN reference ref ON ref.currency = r.currency`,
  `CREATE OR REPLACE TEMP VIEW lines_net AS
    SELECT *,
      CASE WHEN status = 'cancelled' THEN 0 ELSE (gross - discount - refund) * fx_rate END AS net_base,
      CASE WHEN status = 'cancelled' THEN 0 ELSE gross * fx_rate END AS gross_base,
      CASE WHEN status = 'cancelled' THEN 0 ELSE fees * fx_rate END AS fees_base
    FROM lines_base`,
  // The most specific cost row wins: SKU × channel × market, then SKU × channel, SKU × market, SKU.
  // Cost currencies convert at the latest workspace rate, else the reference rate.
  `CREATE OR REPLACE TEMP VIEW lines_costed AS
WITH cost_rate AS (
  SELECT c.*,
    CASE WHEN c.currency = ${BASE_CURRENCY_SQL} THEN 1.0
         ELSE coalesce((SELECT arg_max(f.rate, f.date) FROM fx f WHERE f.currency = c.currency),
                       (SELECT r.rate FROM bl_fx_reference r WHERE r.currency = c.currency)
                         / (SELECT r.rate FROM bl_fx_reference r WHERE r.currency = ${BASE_CURRENCY_SQL}))
    END AS rate
  FROM costs c
)
SELECT l.*,
  coalesce(c1.unit_cost * c1.rate, c2.unit_cost * c2.rate, c3.unit_cost * c3.rate, c4.unit_cost * c4.rate) AS unit_cost_base,
  coalesce(c1.fee_pct, c2.fee_pct, c3.fee_pct, c4.fee_pct, 0) AS cost_fee_pct,
  coalesce(c1.fee_per_unit * c1.rate, c2.fee_per_unit * c2.rate, c3.fee_per_unit * c3.rate, c4.fee_per_unit * c4.rate, 0) AS cost_fee_per_unit,
  coalesce(c1.ship_per_unit * c1.rate, c2.ship_per_unit * c2.rate, c3.ship_per_unit * c3.rate, c4.ship_per_unit * c4.rate, 0) AS cost_ship_per_unit
FROM lines_net l
LEFT JOIN cost_rate c1 ON c1.sku = l.sku AND c1.channel = l.channel AND c1.market = l.market
LEFT JOIN cost_rate c2 ON c2.sku = l.sku AND c2.channel = l.channel AND c2.market = ''
LEFT JOIN cost_rate c3 ON c3.sku = l.sku AND c3.channel = '' AND c3.market = l.market
LEFT JOIN cost_rate c4 ON c4.sku = l.sku AND c4.channel = '' AND c4.market = ''`,
];
