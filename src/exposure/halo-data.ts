import type { Queryable } from '../db.js';
import { estimateHalo, type HaloEstimate } from './halo.js';

/** Days of history the halo regression looks at, ending with the window. */
const HISTORY_DAYS = 730;

/**
 * Halo estimates for every ordered pair of channels that sell in a common market, from daily units in
 * those shared markets over up to two years before the window's end (from the `daily` table,
 * exposure/daily.ts), with the other channels' units in the same markets as the shared-demand control.
 */
export async function haloEstimates(db: Queryable, daily: string, to: string): Promise<HaloEstimate[]> {
  // One row per channel × market with its days and units as lists: a few dozen rows to convert, not
  // one per day.
  const rows = await db.rows<{ channel: string; market: string; days: number[]; units: number[] }>(
    `SELECT channel, market, list(day ORDER BY day) AS days, list(units ORDER BY day) AS units FROM (
       SELECT channel, market, CAST(date_diff('day', CAST($to AS DATE) - ${HISTORY_DAYS - 1}, order_date) AS INTEGER) AS day,
         sum(units) AS units
       FROM ${daily}
       WHERE order_date BETWEEN CAST($to AS DATE) - ${HISTORY_DAYS - 1} AND CAST($to AS DATE)
       GROUP BY ALL)
     GROUP BY channel, market ORDER BY channel, market`,
    { to },
  );
  if (rows.length === 0) return [];
  const first = Math.min(...rows.map((r) => r.days[0]));
  const days = HISTORY_DAYS - first;
  const series = new Map<string, Float64Array>();
  const markets = new Map<string, string[]>();
  for (const r of rows) {
    const units = new Float64Array(days);
    for (let i = 0; i < r.days.length; i++) units[r.days[i] - first] = r.units[i];
    series.set(`${r.channel}|${r.market}`, units);
    const listed = markets.get(r.channel);
    if (listed) listed.push(r.market);
    else markets.set(r.channel, [r.market]);
  }
  const channels = [...markets.keys()];
  const estimates: HaloEstimate[] = [];
  for (const [driver, driverMarkets] of markets) {
    for (const [channel, channelMarkets] of markets) {
      if (driver === channel) continue;
      const shared = driverMarkets.filter((m) => channelMarkets.includes(m));
      if (shared.length === 0) continue;
      const sum = (of: string[]) => {
        const out = new Float64Array(days);
        for (const c of of) {
          for (const m of shared) {
            const units = series.get(`${c}|${m}`);
            if (units) for (let i = 0; i < days; i++) out[i] += units[i];
          }
        }
        return out;
      };
      // The seller's other channels in those markets: the demand they all share.
      const others = channels.filter((c) => c !== driver && c !== channel);
      estimates.push(
        estimateHalo(driver, channel, sum([driver]), sum([channel]), others.length ? sum(others) : undefined),
      );
    }
  }
  return estimates;
}
