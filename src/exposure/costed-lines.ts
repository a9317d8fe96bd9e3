/**
 * SQL for order lines with their unit cost in base currency. The most specific cost row wins:
 * SKU × channel × market, then SKU × channel, then SKU × market, then SKU alone (SPEC §3 costs).
 * Cost currencies convert at the latest workspace rate, else the reference rate.
 */
export const COSTED_LINES = `
WITH cost_rate AS (
  SELECT c.*,
    CASE WHEN c.currency = (SELECT value FROM settings WHERE key = 'base_currency') THEN 1.0
         ELSE coalesce((SELECT arg_max(f.rate, f.date) FROM fx f WHERE f.currency = c.currency),
                       (SELECT r.rate FROM bl_fx_reference r WHERE r.currency = c.currency)
                         / (SELECT r.rate FROM bl_fx_reference r WHERE r.currency = (SELECT value FROM settings WHERE key = 'base_currency')))
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
LEFT JOIN cost_rate c4 ON c4.sku = l.sku AND c4.channel = '' AND c4.market = ''`;

/**
 * Gross profit of a set of lines: net revenue − landed cost − channel fees (from the export where it
 * has them, else the cost file's fee share and per-unit fee) − shipping. NULL when any line with
 * revenue has no cost: an unknown cost is not a zero cost.
 */
export const GROSS_PROFIT = `CASE WHEN bool_and(unit_cost_base IS NOT NULL OR net_base = 0) THEN
  sum(net_base - units * coalesce(unit_cost_base, 0)
      - CASE WHEN fees_base <> 0 THEN fees_base ELSE net_base * cost_fee_pct + units * cost_fee_per_unit END
      - units * cost_ship_per_unit)
END`;
