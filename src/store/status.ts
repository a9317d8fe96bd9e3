import { baseCurrency as readBaseCurrency } from '../db.js';
import type { Workspace } from './workspace.js';

export interface StatusReport {
  workspace: string;
  baseCurrency: string;
  files: Array<{
    name: string;
    sha256: string;
    format: string;
    kind: string;
    rows: number;
    rejects: number;
    importedAt: string;
  }>;
  /** Per channel × market × currency. Cancelled lines count as lines and orders but carry no units or gross. */
  totals: Array<{
    channel: string;
    /** The shop (`--store`, or the export's own), '' when the file did not say. */
    store: string;
    market: string;
    currency: string;
    orders: number;
    lines: number;
    cancelledLines: number;
    units: number;
    gross: number;
    refunds: number;
    from: string;
    to: string;
  }>;
  from: string | null;
  to: string | null;
  rejects: number;
  inputs: Record<'locations' | 'inventory' | 'shipments' | 'costs' | 'commitments' | 'fx', number>;
}

export async function readStatus(ws: Workspace): Promise<StatusReport> {
  const baseCurrency = await readBaseCurrency(ws);
  const files = await ws.rows<StatusReport['files'][number]>(
    `SELECT name, sha256, format, kind, rows, rejects, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS "importedAt"
     FROM files ORDER BY imported_at, name`,
  );
  const totals = await ws.rows<StatusReport['totals'][number]>(
    `SELECT channel, coalesce(store, '') AS store, market, currency,
       count(DISTINCT (order_id, order_uid)) AS orders, count(*) AS lines,
       count(*) FILTER (WHERE status = 'cancelled') AS "cancelledLines",
       coalesce(sum(quantity) FILTER (WHERE status <> 'cancelled'), 0) AS units,
       round(coalesce(sum(gross) FILTER (WHERE status <> 'cancelled'), 0), 2) AS gross,
       round(coalesce(sum(refund) FILTER (WHERE status <> 'cancelled'), 0), 2) AS refunds,
       strftime(min(order_time), '%Y-%m-%d') AS "from", strftime(max(order_time), '%Y-%m-%d') AS "to"
     FROM sales_lines GROUP BY ALL ORDER BY channel, store, market, currency`,
  );
  const range = await ws.rows<{ from: string | null; to: string | null }>(
    `SELECT strftime(min(order_time), '%Y-%m-%d') AS "from", strftime(max(order_time), '%Y-%m-%d') AS "to" FROM sales_lines`,
  );
  const rejects = await ws.value<number>(`SELECT count(*) FROM rejects`);
  const [inputs] = await ws.rows<StatusReport['inputs']>(
    `SELECT (SELECT count(*) FROM locations) AS locations, (SELECT count(*) FROM inventory) AS inventory,
       (SELECT count(*) FROM shipments) AS shipments, (SELECT count(*) FROM costs) AS costs,
       (SELECT count(*) FROM commitments) AS commitments, (SELECT count(*) FROM fx) AS fx`,
  );
  return {
    workspace: ws.path,
    baseCurrency,
    files,
    totals,
    from: range[0].from,
    to: range[0].to,
    rejects,
    inputs: inputs,
  };
}

export interface RejectsReport {
  total: number;
  rejects: Array<{
    file: string;
    line: number | null;
    column: string | null;
    value: string | null;
    reason: string;
  }>;
}

export async function readRejects(ws: Workspace, limit: number): Promise<RejectsReport> {
  const total = await ws.value<number>(`SELECT count(*) FROM rejects`);
  const rejects = await ws.rows<RejectsReport['rejects'][number]>(
    `SELECT file_name AS file, line, column_name AS "column", value, reason FROM rejects ORDER BY file_name, line LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
  return { total, rejects };
}
