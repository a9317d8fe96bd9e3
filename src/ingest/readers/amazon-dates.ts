import { sqlString } from '../fields.js';

/**
 * Dates in Amazon's transaction report (docs/formats/amazon.md) are written in the marketplace's style and
 * end in a zone abbreviation: US `Jan 5, 2026 11:03:05 AM PST`, CA `… a.m. PST`, IN/AE
 * `1 Aug 2026 3:44:19 pm UTC` or zone-less `27/06/2026 10:00:00`, UK `1 May 2026 00:09:17 UTC`,
 * DE `01.09.2026 10:22:11 UTC` (older files `GMT+00:00`). strptime reads numeric offsets only, so the
 * abbreviation is replaced by its offset in SQL first. Each cell says PST or PDT itself, so daylight
 * saving needs no calendar. CST is US Central and IST India, as in Amazon's own reports.
 */
const ZONES: Readonly<Record<string, string>> = {
  PST: '-0800',
  PDT: '-0700',
  MST: '-0700',
  MDT: '-0600',
  CST: '-0600',
  CDT: '-0500',
  EST: '-0500',
  EDT: '-0400',
  AKST: '-0900',
  AKDT: '-0800',
  HST: '-1000',
  UTC: '+0000',
  GMT: '+0000',
  BST: '+0100',
  CET: '+0100',
  CEST: '+0200',
  MEZ: '+0100',
  MESZ: '+0200',
  IST: '+0530',
  JST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
};
export const TRANSACTION_DATE_FORMATS = [
  '%b %d, %Y %I:%M:%S %p %z', // US, CA, MX: Jan 5, 2026 11:03:05 AM PST
  '%d %b %Y %I:%M:%S %p %z', // IN, AE: 1 Aug 2026 3:44:19 pm UTC
  '%d %b %Y %H:%M:%S %z', // UK: 1 May 2026 00:09:17 UTC
  '%d.%m.%Y %H:%M:%S %z', // DE: 01.09.2026 10:22:11 UTC (older: GMT+00:00)
  '%Y/%m/%d %H:%M:%S %z', // JP (unconfirmed)
  '%d/%m/%Y %H:%M:%S', // IN, no zone: 27/06/2026 10:00:00
];

/** SQL rewriting a date cell's zone abbreviation (`PST`) or `GMT+00:00` as a numeric offset. */
export function withOffset(cell: string): string {
  const meridiem = `replace(replace(replace(replace(${cell}, 'a.m.', 'AM'), 'p.m.', 'PM'), 'A.M.', 'AM'), 'P.M.', 'PM')`;
  const t = `regexp_replace(${meridiem}, '\\s(GMT|UTC)([+-]\\d)', ' \\2')`;
  const zone = `upper(regexp_extract(${t}, '\\s([A-Za-z]{2,4})$', 1))`;
  const offsets = Object.entries(ZONES).map(
    ([name, offset]) => `WHEN ${sqlString(name)} THEN ${sqlString(offset)}`,
  );
  return `CASE WHEN ${zone} IN (${Object.keys(ZONES).map(sqlString).join(', ')})
    THEN regexp_replace(${t}, '[A-Za-z]{2,4}$', CASE ${zone} ${offsets.join(' ')} END) ELSE ${t} END`;
}
