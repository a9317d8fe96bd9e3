/**
 * Formatting shared by the export writers: CSV quoting as the channels do it (only where needed),
 * amounts with two decimals, ids that are the same for a SKU in every file.
 */
import type { DemoOrder } from './orders.js';

/** A CSV cell, quoted only when it holds a comma, a quote or a line break (`""` escapes). */
export const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

export const csvRow = (cells: readonly string[]): string => cells.map(csvCell).join(',');

export const money = (n: number): string => n.toFixed(2);

/** A whole export: its header line, then each order's rows, every line ended by `eol`. */
export function exportFile<T>(
  header: string,
  orders: readonly T[],
  rowsOf: (order: T) => string[][],
  line: (cells: readonly string[]) => string = csvRow,
  eol = '\n',
): string {
  const lines = [header + eol];
  for (const order of orders) for (const row of rowsOf(order)) lines.push(line(row) + eol);
  return lines.join('');
}

/** A stable number from a text (FNV-1a), for ids that must not change between files. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `n` digits from a text's hash and a salt, the first not 0. */
export function digitsOf(text: string, n: number, salt = ''): string {
  let out = '';
  let h = hashOf(salt + text);
  while (out.length < n) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out += String(h % 1_000_000_000).padStart(9, '0');
  }
  return (out[0] === '0' ? '7' : out[0]) + out.slice(1, n);
}

/** Orders whose local day falls in [from, to] (day indexes). */
export const inDays = (orders: readonly DemoOrder[], from: number, to: number): DemoOrder[] =>
  orders.filter((o) => o.day >= from && o.day <= to);

/** The order's subtotal: Σ quantity × unit price − seller discounts. */
export const subtotalOf = (order: DemoOrder): number =>
  order.lines.reduce((s, l) => s + l.quantity * l.unitPrice - l.discount, 0);
