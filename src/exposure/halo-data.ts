import type { Queryable } from '../db.js';
import { estimateHalo, type HaloEstimate } from './halo.js';

/** Days of history the halo regression looks at, ending with the window. */
const HISTORY_DAYS = 730;

/**
 * Halo estimates for every ordered pair of channels that sell in a common market, from daily units in
 * those shared markets over up to two years before the window's end (from the `daily` table,
 * exposure/daily.ts).
 */
export async function haloEstimates(db: Queryable, daily: string, to: string): Promise<HaloEstimate[]> {
  const rows = await db.rows<{ channel: string; market: string; day: number; units: number }>(
    `SELECT channel, market, date_diff('day', CAST($to AS DATE) - ${HISTORY_DAYS - 1}, order_date) AS day, sum(units) AS units
     FROM ${daily}
     WHERE order_date BETWEEN CAST($to AS DATE) - ${HISTORY_DAYS - 1} AND CAST($to AS DATE)
     GROUP BY ALL`,
    { to },
  );
  if (rows.length === 0) return [];
  const first = Math.min(...rows.map((r) => r.day));
  const days = HISTORY_DAYS - first;
  const series = new Map<string, Float64Array>();
  const markets = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.channel}|${r.market}`;
    if (!series.has(key)) series.set(key, new Float64Array(days));
    series.get(key)![r.day - first]! += r.units;
    if (!markets.has(r.channel)) markets.set(r.channel, new Set());
    markets.get(r.channel)!.add(r.market);
  }
  const channels = [...markets.keys()].sort();
  const estimates: HaloEstimate[] = [];
  for (const driver of channels) {
    for (const channel of channels) {
      if (driver === channel) continue;
      const shared = [...markets.get(driver)!].filter((m) => markets.get(channel)!.has(m));
      if (shared.length === 0) continue;
      const sum = (c: string) => {
        const out = new Float64Array(days);
        for (const m of shared) out.forEach((_, i) => (out[i]! += series.get(`${c}|${m}`)![i]!));
        return out;
      };
      estimates.push(estimateHalo(driver, channel, sum(driver), sum(channel)));
    }
  }
  return estimates;
}
