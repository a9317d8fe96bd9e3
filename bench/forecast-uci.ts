import ExcelJS from 'exceljs';
import { BallastError } from '../src/errors.js';
import { dayOf, realHistory, type RealHistory } from './forecast-data.js';

/**
 * UCI Online Retail II (Daqing Chen, UCI Machine Learning Repository, dataset 502; CC BY 4.0): a
 * UK online giftware wholesaler's invoice lines, 2009-12-01 to 2011-12-09, one sheet a year
 * (`Year 2009-2010`, `Year 2010-2011`). Read from the .xlsx as published (or a copy holding a subset of
 * its rows), never committed here. Cells are stock codes (SKUs) and buyer countries; a line's units are
 * its Quantity on its invoice day.
 *
 * Left out, read by the data set's own description: cancellations (invoice numbers starting `C`, negative
 * quantities) and other non-positive quantities (stock adjustments), and lines whose stock code is not
 * a product (products are five digits, sometimes with a letter; `POST` postage, `M` manual, `D`
 * discount, `C2` carriage, `BANK CHARGES`, `AMAZONFEE` … are charges).
 *
 * The two sheets overlap: the first runs to 2010-12-09 and the second starts on 2010-12-01 with the
 * same lines again, so a later sheet's lines on days an earlier sheet already covers are skipped.
 */

const PRODUCT_CODE = /^\d{5}/;
const HEADERS = ['Invoice', 'StockCode', 'Quantity', 'InvoiceDate', 'Country'] as const;
const DAY_MS = 86_400_000;

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value as string | number | boolean);
}

/** Day number (days since 1970-01-01) of an InvoiceDate cell: exceljs gives the sheet's clock time as UTC. */
function dayOfCell(value: ExcelJS.CellValue): number {
  if (value instanceof Date) return Math.floor(value.getTime() / DAY_MS);
  return dayOf(text(value));
}

/**
 * Online Retail II lines as daily units per stock code and per country, from `firstDay` to `lastDay`
 * inclusive (ISO dates). Cells with no sale in the window are left out.
 */
export async function readUci(file: string, firstDay: string, lastDay: string): Promise<RealHistory[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (cause) {
    throw new BallastError('not-found', `forecast benchmark: cannot read ${file} as an .xlsx workbook`, {
      hint: 'Pass --uci FILE, the online_retail_II.xlsx of UCI Online Retail II (see bench/README.md).',
      cause,
    });
  }
  const from = dayOf(firstDay);
  const days = dayOf(lastDay) - from + 1;
  const bySku = new Map<string, Float64Array>();
  const byCountry = new Map<string, Float64Array>();
  const add = (map: Map<string, Float64Array>, key: string, day: number, units: number): void => {
    let y = map.get(key);
    if (!y) map.set(key, (y = new Float64Array(days)));
    y[day] += units;
  };
  let lines = 0;
  let used = 0;
  let covered = -Infinity;
  for (const sheet of workbook.worksheets) {
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(text);
    const at = Object.fromEntries(HEADERS.map((h) => [h, header.indexOf(h)])) as Record<
      (typeof HEADERS)[number],
      number
    >;
    const missing = HEADERS.filter((h) => at[h] < 0);
    if (missing.length > 0)
      throw new BallastError('bad-input', `${file} sheet \`${sheet.name}\`: no column \`${missing[0]}\``, {
        hint: 'Use online_retail_II.xlsx as published (archive.ics.uci.edu/dataset/502/online+retail+ii).',
      });
    let sheetLast = -Infinity;
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      lines++;
      const day = dayOfCell(row.getCell(at.InvoiceDate).value);
      if (!Number.isFinite(day)) return;
      sheetLast = Math.max(sheetLast, day);
      if (day <= covered) return;
      const quantity = Number(row.getCell(at.Quantity).value);
      const code = text(row.getCell(at.StockCode).value).trim();
      if (text(row.getCell(at.Invoice).value).startsWith('C') || !(quantity > 0) || !PRODUCT_CODE.test(code))
        return;
      used++;
      const d = day - from;
      if (d < 0 || d >= days) return;
      add(bySku, code.toUpperCase(), d, quantity);
      add(byCountry, text(row.getCell(at.Country).value) || '(none)', d, quantity);
    });
    covered = Math.max(covered, sheetLast);
  }
  const read =
    `${used} of ${lines} invoice lines used (products sold; cancellations, adjustments, charges ` +
    `and the sheets' overlap left out)`;
  return [
    realHistory('uci by sku', bySku, firstDay, read),
    realHistory('uci by country', byCountry, firstDay, read),
  ];
}
