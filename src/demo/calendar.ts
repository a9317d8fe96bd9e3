/**
 * Days and clocks of the demo. Days are indexes from the first day of history; a time of day is
 * seconds after local midnight. The US shops keep Pacific time (with daylight saving); Mercado
 * Livre Brasil writes São Paulo time, which has had no daylight saving since 2019.
 */
import { addDays as addDaysUtc } from '../dates.js';

const DAY_MS = 86_400_000;

export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTHS_PT = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
];

export const isoToMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
export const msToIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

// The writers ask for the same few hundred days over and over (a row's date, the next day in UTC):
// remembered, they cost a lookup instead of a Date.
const shifted = new Map<string, string>();
export function addDays(iso: string, days: number): string {
  const key = `${iso}${days}`;
  let out = shifted.get(key);
  if (out === undefined) shifted.set(key, (out = addDaysUtc(iso, days)));
  return out;
}
export const daysBetween = (from: string, to: string): number =>
  Math.round((isoToMs(to) - isoToMs(from)) / DAY_MS);

interface DayParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
}
const parts = new Map<string, DayParts>();

/** Calendar fields of a day, read as UTC so that no machine time zone leaks in. */
export function dayParts(iso: string): DayParts {
  let out = parts.get(iso);
  if (out === undefined) {
    const d = new Date(isoToMs(iso));
    out = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: d.getUTCDay(),
    };
    parts.set(iso, out);
  }
  return out;
}

/** The n-th (1-based) Sunday of a month, as a day of the month. */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + 7 * (n - 1);
}

/**
 * US Pacific offset in minutes for a local day: −420 (PDT) from the second Sunday of March to the
 * first Sunday of November, else −480 (PST). The switch days themselves are taken whole (the
 * switch happens at 2 am, when hardly anyone orders).
 */
export function pacificOffsetMin(iso: string): number {
  const { year, month, day } = dayParts(iso);
  const start = nthSunday(year, 3, 2);
  const end = nthSunday(year, 11, 1);
  const after = month > 3 || (month === 3 && day >= start);
  const before = month < 11 || (month === 11 && day < end);
  return after && before ? -420 : -480;
}

export const SAO_PAULO_OFFSET_MIN = -180;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export interface Clock {
  hour: number;
  minute: number;
  second: number;
}

export const clockOf = (seconds: number): Clock => ({
  hour: Math.floor(seconds / 3600),
  minute: Math.floor(seconds / 60) % 60,
  second: seconds % 60,
});

/** Local day and time shifted to UTC: the UTC day and its clock. */
export function toUtc(iso: string, seconds: number, offsetMin: number): { iso: string; seconds: number } {
  const total = seconds - offsetMin * 60;
  const dayShift = Math.floor(total / 86_400);
  return { iso: addDays(iso, dayShift), seconds: total - dayShift * 86_400 };
}

/** `2024-03-05T22:10:09+00:00` (Amazon), from a UTC day and clock. */
export function isoUtc(iso: string, seconds: number): string {
  const c = clockOf(seconds);
  return `${iso}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}+00:00`;
}

/** `2024-03-05 14:10:09 -0800` (Shopify), local day and clock with the offset. */
export function shopifyTime(iso: string, seconds: number, offsetMin: number): string {
  const c = clockOf(seconds);
  const sign = offsetMin < 0 ? '-' : '+';
  const off = Math.abs(offsetMin);
  return `${iso} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
}

const hour12 = (hour: number) => (hour % 12 === 0 ? 12 : hour % 12);

/** `03/05/2024 2:10:09 PM` (TikTok Shop US), local. */
export function tiktokTime(iso: string, seconds: number): string {
  const { year, month, day } = dayParts(iso);
  const c = clockOf(seconds);
  return `${pad(month)}/${pad(day)}/${year} ${hour12(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${c.hour < 12 ? 'AM' : 'PM'}`;
}

/** `Mar 5, 2024, 2:10 pm PST(UTC-8)` (Temu US), local with the zone. */
export function temuTime(iso: string, seconds: number, offsetMin: number): string {
  const { year, month, day } = dayParts(iso);
  const c = clockOf(seconds);
  const zone = offsetMin === -420 ? 'PDT' : 'PST';
  return `${MONTHS_EN[month - 1]} ${day}, ${year}, ${hour12(c.hour)}:${pad(c.minute)} ${c.hour < 12 ? 'am' : 'pm'} ${zone}(UTC${offsetMin / 60})`;
}

/** `5 de março de 2024`. */
export function portugueseDate(iso: string): string {
  const { year, month, day } = dayParts(iso);
  return `${day} de ${MONTHS_PT[month - 1]} de ${year}`;
}

/** `5 de março de 2024 14:10 hs.` (Mercado Livre Brasil), local. */
export function vendasTime(iso: string, seconds: number): string {
  const { year, month, day } = dayParts(iso);
  const c = clockOf(seconds);
  return `${day} de ${MONTHS_PT[month - 1]} de ${year} ${pad(c.hour)}:${pad(c.minute)} hs.`;
}
