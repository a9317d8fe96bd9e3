/**
 * CTEs giving `day_rate`: one rate per currency and day from $ratesFrom to $ratesTo, by the rule of `lines_base` (store/views.ts): the base
 * currency is 1; else the latest workspace rate on or before the day, else the currency's earliest
 * one, else the built-in reference. A few thousand rows, so a line (or a day of
 * `line_days`) finds its rate with one small hash join instead of an as-of join over all lines.
 */
export const DAY_RATES = `
  days AS (SELECT CAST(d AS DATE) AS day FROM range(CAST($ratesFrom AS DATE), CAST($ratesTo AS DATE) + 1, INTERVAL 1 DAY) t(d)),
  first_rate AS (SELECT currency, arg_min(rate, date) AS rate FROM fx GROUP BY currency),
  reference AS (SELECT r.currency, r.rate / b.rate AS rate FROM bl_fx_reference r JOIN bl_fx_reference b ON b.currency = $base),
  currencies AS (SELECT currency FROM fx UNION SELECT currency FROM bl_fx_reference UNION SELECT $base),
  day_rate AS (
    SELECT c.currency, d.day, CASE WHEN c.currency = $base THEN 1.0 ELSE coalesce(a.rate, f.rate, ref.rate) END AS rate
    FROM currencies c CROSS JOIN days d ASOF LEFT JOIN fx a ON a.currency = c.currency AND d.day >= a.date
    LEFT JOIN first_rate f ON f.currency = c.currency LEFT JOIN reference ref ON ref.currency = c.currency)`;
