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
