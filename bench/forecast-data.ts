import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BallastError } from '../src/errors.js';

/**
 * Genuine public retail histories for the forecast benchmark, read from the public files as published,
 * never committed here: the Olist Brazilian e-commerce data set (Olist, 2018; CC BY-NC-SA 4.0,
 * kaggle.com/datasets/olistbr/brazilian-ecommerce). Each order-item line is one unit sold.
 *
 * An item is dated by the order's purchase day when `olist_orders_dataset.csv` has it, else by its
 * `shipping_limit_date` (the seller's hand-over deadline, a few days after the purchase): some copies
 * of the data set carry only part of the orders file. Lines without either date are left out, and the
 * benchmark prints how many lines it used.
 */

export interface RealHistory {
  name: string;
  /** Cell names and their daily units from `firstDay`, one Float64Array per cell. */
  cells: string[];
  series: Float64Array[];
  firstDay: string;
  /** What was read and what was used, for the benchmark's header ("9998 of 112650 item lines dated"). */
  read: string;
}

const DAY_MS = 86_400_000;

/** Minimal RFC 4180 line splitter: Olist quotes only a few text fields, never across lines in these files. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

async function readCsv(path: string): Promise<{ header: string[]; rows: string[][] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new BallastError('not-found', `forecast benchmark: cannot read ${path}`, {
      hint: 'Pass --olist DIR, a folder holding the Olist CSV files (olist_order_items_dataset.csv …).',
      cause,
    });
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '');
  const rows = lines
    .slice(1)
    .filter((l) => l.length > 0)
    .map(splitLine);
  return { header, rows };
}

/** Day number (days since 1970-01-01) of `2017-10-02 10:56:08` or of the re-saved `10/2/2017 10:56`. */
export function dayOf(text: string): number {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return Date.UTC(+iso[1], +iso[2] - 1, +iso[3]) / DAY_MS;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (us) return Date.UTC(+us[3], +us[1] - 1, +us[2]) / DAY_MS;
  return NaN;
}

function column(header: string[], name: string, file: string): number {
  const at = header.indexOf(name);
  if (at < 0)
    throw new BallastError('bad-input', `${file}: no column \`${name}\``, {
      hint: 'Use the Olist files as published (kaggle.com/datasets/olistbr/brazilian-ecommerce).',
    });
  return at;
}

async function optionalCsv(path: string): Promise<{ header: string[]; rows: string[][] } | undefined> {
  try {
    return await readCsv(path);
  } catch {
    return undefined;
  }
}

/**
 * Olist items as daily units per cell, by product category and by seller, from `firstDay` to `lastDay`
 * inclusive (ISO dates). Cells with no sale in the window are left out.
 */
export async function readOlist(dir: string, firstDay: string, lastDay: string): Promise<RealHistory[]> {
  const itemsFile = 'olist_order_items_dataset.csv';
  const items = await readCsv(join(dir, itemsFile));
  const products = await readCsv(join(dir, 'olist_products_dataset.csv'));
  const orders = await optionalCsv(join(dir, 'olist_orders_dataset.csv'));
  const category = new Map<string, string>();
  const pId = column(products.header, 'product_id', 'olist_products_dataset.csv');
  const pCat = column(products.header, 'product_category_name', 'olist_products_dataset.csv');
  for (const r of products.rows) category.set(r[pId], r[pCat] || '(none)');
  const purchased = new Map<string, number>();
  if (orders) {
    const oId = column(orders.header, 'order_id', 'olist_orders_dataset.csv');
    const oDay = column(orders.header, 'order_purchase_timestamp', 'olist_orders_dataset.csv');
    const oStatus = column(orders.header, 'order_status', 'olist_orders_dataset.csv');
    for (const r of orders.rows) {
      const day = dayOf(r[oDay] ?? '');
      if (Number.isFinite(day) && r[oStatus] !== 'canceled' && r[oStatus] !== 'unavailable')
        purchased.set(r[oId], day);
    }
  }
  const iOrder = column(items.header, 'order_id', itemsFile);
  const iProduct = column(items.header, 'product_id', itemsFile);
  const iSeller = column(items.header, 'seller_id', itemsFile);
  const iLimit = column(items.header, 'shipping_limit_date', itemsFile);
  const from = dayOf(firstDay);
  const days = dayOf(lastDay) - from + 1;
  const byCategory = new Map<string, Float64Array>();
  const bySeller = new Map<string, Float64Array>();
  const add = (map: Map<string, Float64Array>, key: string, day: number): void => {
    let y = map.get(key);
    if (!y) map.set(key, (y = new Float64Array(days)));
    y[day] += 1;
  };
  let dated = 0;
  for (const r of items.rows) {
    const day = purchased.get(r[iOrder]) ?? (orders ? NaN : dayOf(r[iLimit] ?? ''));
    if (!Number.isFinite(day)) continue;
    dated++;
    const d = day - from;
    if (d < 0 || d >= days) continue;
    add(byCategory, category.get(r[iProduct]) ?? '(unknown)', d);
    add(bySeller, r[iSeller], d);
  }
  const read = `${dated} of ${items.rows.length} item lines dated`;
  return [
    realHistory('olist by category', byCategory, firstDay, read),
    realHistory('olist by seller', bySeller, firstDay, read),
  ];
}

/** A history from its cells' daily series, cells in name order. */
export function realHistory(
  name: string,
  byCell: Map<string, Float64Array>,
  firstDay: string,
  read: string,
): RealHistory {
  const sorted = [...byCell].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    name,
    cells: sorted.map(([cell]) => cell),
    series: sorted.map(([, series]) => series),
    firstDay,
    read,
  };
}

/** Weekday (0 = Monday) of an ISO date. */
export function weekdayOfDate(iso: string): number {
  return (new Date(dayOf(iso) * DAY_MS).getUTCDay() + 6) % 7;
}
