/**
 * Languages of the report and the dashboard. Every word a reader sees comes from a catalogue typed
 * as `Messages`, so a key missing from one language is a type error; every number, amount and date
 * goes through `formatters`, which use the language's own Intl conventions.
 * Messages return plain text: the HTML renderer escapes them, so a hostile channel name passed in
 * as a parameter stays text.
 */
import { en } from './i18n-en.js';
import { zhCN } from './i18n-zh-cn.js';
import type { Messages } from './messages.js';
import { moneyFormat } from '../money.js';

export type { Messages } from './messages.js';
export type { KnownChannel, LocationKind, TornadoSetting } from './messages.js';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, 'zh-CN': zhCN };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

export interface Formatters {
  /** An amount in the base currency: whole units, cents only for amounts under 10. */
  money(amount: number): string;
  /** A short amount for axes and tight spaces (1.2M, 120万). */
  moneyCompact(amount: number): string;
  /** A 0–1 share as a percentage, one decimal unless told (axes and thresholds use 0). */
  percent(share: number, digits?: number): string;
  /** A change in share, in percentage points, with its sign. */
  points(delta: number): string;
  /** A growth rate (0.25 = +25 %) with its sign. */
  growth(rate: number): string;
  integer(n: number): string;
  decimal(n: number, digits: number): string;
  /** `YYYY-MM-DD` → a date in the language. */
  date(iso: string): string;
  /** `YYYY-MM-DD` → a short day for chart axes, without the year (Jan 19, 1月19日). */
  day(iso: string): string;
  /** `YYYY-MM` → month and year. */
  month(yearMonth: string): string;
  /** Names joined the language's way: "A, B, and C" / "A、B和C". */
  list(items: readonly string[]): string;
  /** ISO 3166 code → the country's name in the language (the code itself when Intl does not know it). */
  market(code: string): string;
  /** Channel id → its brand name where Ballast knows the channel, else the id as imported. */
  channel(id: string): string;
}

export function formatters(lang: Lang, currency: string): Formatters {
  const t = CATALOGUES[lang];
  const money = moneyFormat(lang, currency);
  const compact = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const signedPct = new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const signed = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const int = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayShort = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const monthLong = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const lists = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  // 'negative': a share that rounds to zero prints 0.0 %, not −0.0 %.
  const percentFormat = byDigits(
    (digits) =>
      new Intl.NumberFormat(lang, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: 'negative',
      }),
  );
  const decimalFormat = byDigits(
    (digits) => new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  );
  const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
  // Differences of sums leave rounding dust (−1e-12): under half a cent is zero, never "−$0".
  const settle = (n: number) => (Math.abs(n) < 0.005 ? 0 : n);
  return {
    money,
    moneyCompact: (n) => compact.format(settle(n)),
    percent: (x, digits = 1) => percentFormat(digits).format(x),
    points: (d) => t.points(signed.format(d * 100)),
    growth: (r) => signedPct.format(r),
    integer: (n) => int.format(n),
    decimal: (n, digits) => decimalFormat(digits).format(n),
    date: (iso) => (Number.isNaN(utc(iso).getTime()) ? iso : day.format(utc(iso))),
    day: (iso) => (Number.isNaN(utc(iso).getTime()) ? iso : dayShort.format(utc(iso))),
    month: (ym) => {
      const d = utc(`${ym}-01`);
      return Number.isNaN(d.getTime()) ? ym : monthLong.format(d);
    },
    list: (items) => lists.format(items),
    market: (code) => {
      // Intl throws on anything that is not a well-formed region subtag; imported codes are two letters.
      try {
        return /^[A-Za-z]{2}$/.test(code) ? (regions.of(code.toUpperCase()) ?? code) : code;
      } catch {
        return code;
      }
    },
    channel: (id) =>
      Object.hasOwn(t.channelNames, id) ? t.channelNames[id as keyof typeof t.channelNames] : id,
  };
}

/** One number format per count of digits, made the first time it is asked for. */
function byDigits(make: (digits: number) => Intl.NumberFormat): (digits: number) => Intl.NumberFormat {
  const made = new Map<number, Intl.NumberFormat>();
  return (digits) => {
    let format = made.get(digits);
    if (!format) made.set(digits, (format = make(digits)));
    return format;
  };
}
