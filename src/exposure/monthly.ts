import { baseCurrency, type Queryable } from '../db.js';
import { DAY_RATES } from './day-rates.js';

/**
 * Net revenue (base currency) per calendar month, columnar: `months[i]` is the month of
 * `revenue[i]` in every series, so a chart can stack the series without re-keying rows.
 */
export interface MonthlyShares {
  /** `YYYY-MM`, oldest first, no gaps; starts at the first month with sales inside the span. */
  months: string[];
  /** The last day counted: the last month runs only to here (it may be partial). */
  to: string | null;
  byChannel: Array<{ channel: string; revenue: number[] }>;
  byMarket: Array<{ market: string; revenue: number[] }>;
}

export interface MonthlyOptions {
  /** Last day to count (YYYY-MM-DD); default the last order date. */
  to?: string;
  /** How many calendar months, counting the month of `to` (default 24). */
  months?: number;
}

/**
 * Monthly net revenue by channel and by market over the last `months` calendar months ending with
 * the month of `to`. Series are ordered by their total, largest first, so colours and stacking
 * follow importance.
 */
export async function monthlyShares(db: Queryable, options: MonthlyOptions = {}): Promise<MonthlyShares> {
  const span = options.months ?? 24;
  const to = options.to ?? (await lastOrderDate(db));
  if (to === null) return { months: [], to: null, byChannel: [], byMarket: [] };
  const from = firstOfMonth(to, span - 1);
  // From the daily summary (store/line-summaries.ts) at each currency's rate of the day: every line
  // of a currency and day has the same rate, so the day's amount converts after summing. Converting
  // line by line through `lines_net` took 100 s over ten million lines.
  const rows = await db.rows<{
    channel: string | null;
    market: string | null;
    month: string;
    revenue: number;
  }>(
    `WITH ${DAY_RATES}
     SELECT d.channel, d.market, strftime(d.order_date, '%Y-%m') AS month, sum(d.net * r.rate) AS revenue
     FROM line_days d LEFT JOIN day_rate r ON r.currency = d.currency AND r.day = d.order_date
     WHERE d.order_date BETWEEN CAST($ratesFrom AS DATE) AND CAST($ratesTo AS DATE)
     GROUP BY GROUPING SETS ((d.channel, month), (d.market, month))`,
    { base: await baseCurrency(db), ratesFrom: from, ratesTo: to },
  );
  const channelRows = rows.flatMap((r) =>
    r.channel === null ? [] : [{ key: r.channel, month: r.month, revenue: r.revenue }],
  );
  const marketRows = rows.flatMap((r) =>
    r.market === null ? [] : [{ key: r.market, month: r.month, revenue: r.revenue }],
  );
  const totals = new Map<string, number>();
  for (const r of channelRows) totals.set(r.month, (totals.get(r.month) ?? 0) + r.revenue);
  const all = monthsBetween(from, to);
  const firstSold = all.findIndex((m) => (totals.get(m) ?? 0) !== 0);
  const months = firstSold < 0 ? [] : all.slice(firstSold);
  return {
    months,
    to,
    byChannel: columns(channelRows, months).map(([channel, revenue]) => ({ channel, revenue })),
    byMarket: columns(marketRows, months).map(([market, revenue]) => ({ market, revenue })),
  };
}

async function lastOrderDate(db: Queryable): Promise<string | null> {
  const [last] = await db.rows<{ last: string | null }>(
    `SELECT strftime(max(order_date), '%Y-%m-%d') AS last FROM line_days`,
  );
  return last?.last ?? null;
}

function columns(
  rows: ReadonlyArray<{ key: string; month: string; revenue: number }>,
  months: string[],
): Array<[string, number[]]> {
  const index = new Map(months.map((m, i) => [m, i]));
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const i = index.get(r.month);
    if (i === undefined) continue;
    let values = series.get(r.key);
    if (!values) series.set(r.key, (values = new Array<number>(months.length).fill(0)));
    values[i] += r.revenue;
  }
  const total = (v: number[]) => v.reduce((s, x) => s + x, 0);
  return [...series].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
}

/** The first day of the month `back` months before the month of `iso`. */
function firstOfMonth(iso: string, back: number): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (d.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}
