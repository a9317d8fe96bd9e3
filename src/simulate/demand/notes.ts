import {
  METHOD_DAMPED,
  METHOD_FLAT,
  METHOD_SBA,
  METHOD_SHORT,
  METHOD_ZERO,
  type DemandFit,
} from './demand-fit.js';
import type { DemandOptions } from './options.js';

/**
 * Plain-words notes on how a cell's baseline was made, for reports and `--explain` output. Built from
 * the fit after the fact, so bulk fits that never print them pay nothing.
 */

/** Three significant digits, without trailing zeros or exponent noise for everyday magnitudes. */
function num(x: number): string {
  return String(Number(x.toPrecision(3)));
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function weekdayNote(fit: DemandFit): string {
  if (fit.seasonWeeks < 2) return 'no weekday pattern: fewer than 2 full weeks of history';
  if (fit.seasonWeight === 0) {
    return `no weekday pattern: what ${fit.seasonWeeks} weeks show is within their week-to-week noise`;
  }
  return (
    `weekday pattern from the last ${fit.seasonWeeks} full weeks, ` +
    `${percent(fit.seasonWeight)} of it kept after shrinking toward flat`
  );
}

/** Notes for `fit`; `flooredFrom` is what projectDemand returned. */
export function describeFit(fit: DemandFit, options: DemandOptions, flooredFrom: number): string[] {
  const notes: string[] = [];
  if (fit.method === METHOD_ZERO) {
    notes.push(
      fit.historyDays === 0
        ? 'no history: forecast 0'
        : `no sale in ${fit.historyDays} days of history: forecast 0`,
    );
    return notes;
  }
  if (fit.leadingZeroDays > 0 && fit.gapDays === 0) {
    notes.push(`history starts at the first sale: ${fit.leadingZeroDays} earlier days with no sale ignored`);
  } else if (fit.leadingZeroDays > 0) {
    notes.push(
      `history starts ${fit.gapDays} days before the first sale (the usual wait between sales): ` +
        `${fit.leadingZeroDays} earlier days with no sale ignored`,
    );
  }
  if (fit.method === METHOD_SHORT) {
    notes.push(
      `only ${fit.historyDays} days of history (under ${options.minHistoryDays}): ` +
        `forecast is the mean, ${num(fit.level)} a day, with no trend`,
    );
    notes.push(weekdayNote(fit));
  } else if (fit.method === METHOD_FLAT) {
    notes.push(`the last ${fit.trendWeeks * 7} days are all ${num(fit.level)}: forecast flat at that value`);
  } else if (fit.method === METHOD_SBA) {
    const window = Math.min(fit.historyDays, options.intermittentWindowDays);
    notes.push(
      `intermittent: ${percent(fit.zeroShare)} of the last ${window} days had no sale; ` +
        `Croston–SBA rate ${num(fit.level)} a day over the last ${fit.trendWeeks * 7} days ` +
        `(about ${num(fit.demandSize)} units every ${num(fit.demandIntervalDays)} days), flat`,
    );
    if (fit.daysSinceLastSale >= 28) {
      notes.push(
        `no sale in the last ${fit.daysSinceLastSale} days: the gap still open counts as an interval, ` +
          'so the rate has come down',
      );
    }
  } else if (fit.method === METHOD_DAMPED) {
    notes.push(
      `damped trend on the last ${fit.trendWeeks} weeks: level ${num(fit.level)} a week, ` +
        `trend ${fit.trendPerWeek >= 0 ? '+' : ''}${num(fit.trendPerWeek)} a week, damped by φ = ` +
        `${fit.damping} a week (α = ${fit.alpha}, β = ${fit.beta})`,
    );
    notes.push(weekdayNote(fit));
  }
  if (flooredFrom >= 0) notes.push(`declining trend: forecast floored at 0 from day ${flooredFrom + 1}`);
  return notes;
}
