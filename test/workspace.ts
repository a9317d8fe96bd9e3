import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import * as engine from '../src/engine.js';
import { BallastError } from '../src/errors.js';
import { Workspace } from '../src/store/index.js';

const made: string[] = [];

// Registered when this module loads, while the test file is collected: an `afterAll` registered
// later, from inside a test or a hook that asked for a folder, is never run by vitest.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for this test file, removed after it (wherever in the file it was asked for). */
export function tempDir(prefix = 'ballast-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

let counter = 0;
/** A path for a new, empty workspace inside `dir`. */
export function newDb(dir: string): string {
  return join(dir, `ws-${++counter}.duckdb`);
}

export const fixture = (...parts: string[]) => join(import.meta.dirname, 'fixtures', ...parts);

/** Figures a seller would check against the channel's own screen: per currency. */
export interface Figures {
  orders: number;
  lines: number;
  units: number;
  gross: Record<string, number>;
}

export function figures(report: engine.StatusReport): Figures {
  const gross: Record<string, number> = {};
  for (const t of report.totals) gross[t.currency] = round2((gross[t.currency] ?? 0) + t.gross);
  return {
    orders: report.totals.reduce((s, t) => s + t.orders, 0),
    lines: report.totals.reduce((s, t) => s + t.lines, 0),
    units: report.totals.reduce((s, t) => s + t.units, 0),
    gross,
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Runs an import expected to stop, returning the BallastError it stopped with. */
export async function importFails(
  db: string,
  paths: string[],
  options: engine.ImportOptions = {},
): Promise<BallastError> {
  try {
    await engine.importFiles(db, paths, options);
  } catch (error) {
    if (error instanceof BallastError) return error;
    throw error;
  }
  throw new Error(`expected the import of ${paths.join(', ')} to stop`);
}

/**
 * Rows of `sql` read from the workspace at `db`: the engine reports only totals, and the reader tests
 * check what each line stored.
 */
export async function linesOf<Row>(db: string, sql: string): Promise<Row[]> {
  const ws = await Workspace.open(db, { create: false });
  try {
    return await ws.rows<Row>(sql);
  } finally {
    ws.close();
  }
}

/** The rows of `sql` keyed `order_id/line_key`, for tests that look lines up by their key. */
export async function linesByKey<Row extends { order_id: string; line_key: string }>(
  db: string,
  sql: string,
): Promise<Map<string, Row>> {
  const rows = await linesOf<Row>(db, sql);
  return new Map(rows.map((r) => [`${r.order_id}/${r.line_key}`, r]));
}
