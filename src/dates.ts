/**
 * Calendar dates as YYYY-MM-DD strings and whole-day arithmetic in UTC, so a scenario's day
 * indexes, a report's dates and the demo's calendar never shift with the machine's time zone or
 * daylight saving. Shared by every domain and the dashboard like errors.ts: it imports nothing.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid YYYY-MM-DD, else null (rejects 2025-02-30 and 2025-1-9). */
export function epochDay(value: string): number | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return null;
  return ms / DAY_MS;
}

export function isIsoDate(value: string): boolean {
  return epochDay(value) !== null;
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const base = epochDay(date);
  if (base === null) throw new RangeError(`not a date: ${date}`);
  return new Date((base + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `start` to `date` (negative when `date` is earlier). */
export function dayIndex(start: string, date: string): number {
  const a = epochDay(start);
  const b = epochDay(date);
  if (a === null || b === null) throw new RangeError(`not a date: ${a === null ? start : date}`);
  return b - a;
}
