import { BallastError } from '../errors.js';

/** An inclusive date range and the prior range of the same length, for growth. */
export interface Window {
  from: string;
  to: string;
  days: number;
  priorFrom: string;
  priorTo: string;
}

export type WindowRequest = { from?: string; to?: string; window?: number };

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (value: string, option: string) => {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms)) {
    throw new BallastError('usage', `\`${option}\`: ${value} is not a date like 2025-01-17`, {
      hint: 'Give dates as YYYY-MM-DD.',
      place: { option },
    });
  }
  return ms;
};

/**
 * `from`/`to` win; otherwise a trailing `window` of days (default 90) ending on the last order
 * date in the workspace (`lastOrder`), so an export downloaded months ago still reads as "the last 90
 * days". Null when there is no end: no `to` and no orders.
 */
export function resolveWindow(request: WindowRequest, lastOrder: string | null): Window | null {
  const lastMs = lastOrder ? parse(lastOrder, 'last order') : null;
  const toMs = request.to ? parse(request.to, 'to') : lastMs;
  if (toMs === null) return null;
  const days = request.from
    ? Math.round((toMs - parse(request.from, 'from')) / DAY_MS) + 1
    : (request.window ?? 90);
  if (!(days >= 1))
    throw new BallastError('usage', '`from` is after `to`', {
      hint: 'Give `from` on or before `to`.',
      place: { option: 'from' },
    });
  const fromMs = toMs - (days - 1) * DAY_MS;
  return {
    from: iso(fromMs),
    to: iso(toMs),
    days,
    priorFrom: iso(fromMs - days * DAY_MS),
    priorTo: iso(fromMs - DAY_MS),
  };
}
