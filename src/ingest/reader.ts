import { BallastError } from '../errors.js';
import type { Channel } from './channels.js';
import type { Delimiter } from './sniff-rows.js';
import { normaliseHeader } from './sniff-rows.js';

/**
 * A reader is data: a header signature to recognise its file, and a mapping from its columns to the
 * canonical order line, written as SQL expressions over the raw cells. The compiler turns the mapping
 * into one DuckDB query, so no reader loops over rows in JavaScript.
 */
export type FileKind = 'orders' | 'locations' | 'inventory' | 'shipments' | 'costs' | 'commitments' | 'fx';

/** A raw column of the file, as a safe SQL identifier (`"c12"`) plus the header name for messages. */
export interface ColumnRef {
  sql: string;
  name: string;
}

/** A parsed value and, when it can fail, how to report the failure. */
export interface Field {
  /** SQL producing the parsed value, NULL when absent or unreadable. */
  sql: string;
  /** The raw cell, for reject messages; absent for constants and derived values. */
  raw?: ColumnRef;
  /** What a readable cell looks like, for the reject reason (`a number`, `a date like 09/15/2025`). */
  expect?: string;
}

export interface Columns {
  /** The header as written in the file. */
  readonly header: readonly string[];
  has(...aliases: string[]): boolean;
  /** The first column present among the aliases; throws if none is (the signature should prevent it). */
  get(...aliases: string[]): ColumnRef;
  opt(...aliases: string[]): ColumnRef | undefined;
  /** The first column whose normalised name matches, e.g. a currency only written in the name. */
  find(pattern: RegExp): ColumnRef | undefined;
}

export type Status = 'pending' | 'completed' | 'cancelled' | 'refunded' | 'returned';

/** How a channel's columns become canonical order lines (docs/formats.md). Amounts are in `currency`. */
export interface OrderMapping {
  orderId: Field;
  orderTime: Field;
  /** Minutes east of UTC as written in the file; NULL when the file gives no zone. */
  utcOffsetMin?: Field;
  sku: Field;
  quantity: Field;
  /** Quantity × unit price before discounts, without shipping and tax. */
  gross: Field;
  currency: Field;
  market: Field;
  status: Field;
  statusRaw?: Field;
  channel?: Field;
  lineId?: Field;
  fulfillment?: Field;
  discount?: Field;
  shipping?: Field;
  tax?: Field;
  fees?: Field;
  refund?: Field;
  /** Order-level amounts, written once per order or repeated on each of its rows; spread over its lines. */
  order?: { discount?: Field; shipping?: Field; tax?: Field; fees?: Field; refund?: Field };
  /** The shop the order belongs to, where the export names it; else the import's `store` option. */
  store?: Field;
  /**
   * An id of the order unique across all of the channel's shops (Shopify's `Id`), where `orderId` is
   * unique only within one shop (`#1001`): two shops' orders never update each other.
   */
  orderUid?: Field;
  /** A copy of another channel's order (Shopify carrying TikTok Shop orders): counted once, there. */
  syncedFrom?: { channel: Field; orderId: Field };
  /**
   * false when every row carries its order's fields (generic CSV, Amazon): skips filling order-level
   * values forward from the order's first row, a window pass over the whole file.
   */
  fillForward?: boolean;
  /** SQL predicate for rows that are not order lines (description rows, package parents, footers). */
  skipRow?: string;
  /**
   * Columns computed once over the raw rows, by name, before any field reads them: a window that fields
   * mention many times, which DuckDB would otherwise evaluate once per mention.
   */
  derived?: Record<string, string>;
  /**
   * Several rows of one file describe one line (Amazon's All Orders report: a cancelled row beside a
   * live one): rows with the same order and SKU are summed into one line.
   */
  combineRows?: boolean;
  /**
   * The rows are ledger events (Amazon's transaction report: an Order row in January, its Refund row in
   * February's report). Each event is stored once, whichever files bring it, and a line is the sum of
   * all its events; `sells` is the SQL predicate of rows that sell (the others adjust a sale). While
   * no stored event of a line sells, its other events stand for the sale.
   */
  ledger?: { sells: string };
  /**
   * Columns this file is the authority on: they update lines another file brought, whichever file is
   * newer (Amazon's transaction report for fees and refunds). Other columns it maps update only
   * from a newer file.
   */
  authoritative?: ReadonlyArray<'fees' | 'refund' | 'status' | 'shipping' | 'tax' | 'discount'>;
}

export interface ReaderSpec {
  id: string;
  label: string;
  kind: FileKind;
  /** The channel every line belongs to; null when a column says (generic CSV). */
  channel: Channel | null;
  /** Normalised header names that must all be present for the file to be this format. */
  signature: readonly string[];
  /** Header names that must not be present (to tell look-alike layouts apart). */
  exclude?: readonly string[];
  /** More specific readers win when several signatures match. Default: signature length. */
  priority?: number;
  delimiters?: readonly Delimiter[];
  /** Decimal separator of amounts: `auto` reads `1,234.50` and `1.234,50` alike. */
  decimal?: '.' | ',' | 'auto';
  /** Lines that are not data even though they sit among data rows (eBay's `N record(s) downloaded`). */
  noise?: readonly RegExp[];
  /** Header labels that change column meaning, e.g. a second `Estado`. */
  orders?: (columns: Columns, options: ReaderOptions) => OrderMapping;
  /** For the non-order inputs: SQL select list producing the table's columns. */
  table?: (columns: Columns) => TableMapping;
}

export interface TableMapping {
  /** Target columns and their fields, in the order of the workspace table. */
  fields: Record<string, Field & { required?: boolean }>;
}

/** What the user said on the command line about files that cannot tell. */
export interface ReaderOptions {
  channel?: string;
  /** The shop a file comes from, for exports that do not name it (`--store us-shop`). */
  store?: string;
  market?: string;
  currency?: string;
}

export function columnsOf(header: readonly string[]): Columns {
  const byName = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (!byName.has(key)) byName.set(key, index);
  });
  const ref = (index: number): ColumnRef => ({ sql: `"c${index}"`, name: header[index].trim() });
  const opt = (...aliases: string[]) => {
    for (const alias of aliases) {
      const index = byName.get(normaliseHeader(alias));
      if (index !== undefined) return ref(index);
    }
    return undefined;
  };
  return {
    header,
    has: (...aliases) => opt(...aliases) !== undefined,
    opt,
    get: (...aliases) => {
      const found = opt(...aliases);
      if (!found) {
        throw new BallastError(
          'bad-file',
          `the file has no column named ${aliases.map((a) => `\`${a}\``).join(' or ')}`,
          {
            hint: 'Export the report again with all columns, or use the generic CSV layout (docs/formats.md).',
          },
        );
      }
      return found;
    },
    find: (pattern) => {
      const index = header.findIndex((name) => pattern.test(normaliseHeader(name)));
      return index < 0 ? undefined : ref(index);
    },
  };
}
