/**
 * The one façade the CLI, the HTTP API and the dashboard call. Each function opens the workspace,
 * composes the domains and returns plain data; none prints or exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BallastError } from './errors.js';
import { compileFile, prelude, type CompiledFile, type Encoding, type ReaderOptions } from './ingest/index.js';
import { computeExposure, type ExposureOptions, type ExposureReport } from './exposure/index.js';
import { Workspace, importBatch, readRejects, readStatus, type FileOutcome, type RejectsReport, type StatusReport } from './store/index.js';

export type { StatusReport, RejectsReport, FileOutcome, ExposureOptions, ExposureReport };

export const DEFAULT_DB = 'ballast.duckdb';

/** Where the workspace lives: `--db`, else `BALLAST_DB`, else `./ballast.duckdb`. */
export function resolveDb(flag?: string): string {
  return flag ?? process.env.BALLAST_DB ?? DEFAULT_DB;
}

async function withWorkspace<T>(db: string, create: boolean, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await Workspace.open(db, { create, prelude: prelude() });
  try {
    return await work(ws);
  } finally {
    ws.close();
  }
}

export interface ImportOptions extends ReaderOptions {
  encoding?: Encoding;
  /** Called as each file starts and ends, for progress display. */
  onFile?: (event: { name: string; phase: 'start' | 'done'; index: number; total: number }) => void;
}

export interface ImportSummary {
  files: FileOutcome[];
  added: number;
  updated: number;
  rejects: number;
  warnings: string[];
}

/**
 * Imports channel exports and input files in one transaction: all land or none do.
 * @example
 *   const summary = await importFiles('shop.duckdb', ['orders_export_1.csv', 'All Orders.txt']);
 *   console.log(summary.added, 'lines added,', summary.rejects, 'rows kept for review');
 */
export async function importFiles(db: string, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  if (paths.length === 0) {
    throw new BallastError('usage', 'no files to import', { hint: 'Name one or more export files: ballast import orders.csv' });
  }
  const workDir = await mkdtemp(join(tmpdir(), 'ballast-import-'));
  try {
    const compiled: CompiledFile[] = [];
    for (const [index, path] of paths.entries()) {
      options.onFile?.({ name: path, phase: 'start', index, total: paths.length });
      compiled.push(await compileFile(path, options, workDir, index));
    }
    const files = await withWorkspace(db, true, async (ws) => {
      const base = await ws.value<string>(`SELECT value FROM settings WHERE key = 'base_currency'`);
      return importBatch(ws, compiled, base);
    });
    options.onFile?.({ name: '', phase: 'done', index: paths.length, total: paths.length });
    return {
      files,
      added: files.reduce((sum, f) => sum + f.added, 0),
      updated: files.reduce((sum, f) => sum + f.updated, 0),
      rejects: files.reduce((sum, f) => sum + f.rejects, 0),
      warnings: compiled.flatMap((c) => c.warnings),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * What the workspace holds: files, per channel × market × currency totals, rejects waiting.
 * @example
 *   const { totals } = await status('shop.duckdb');
 */
export async function status(db: string): Promise<StatusReport> {
  return withWorkspace(db, false, readStatus);
}

/**
 * Rows that could not be read, with file, line, column, value and reason.
 * @example
 *   const { rejects } = await rejectsOf('shop.duckdb', 50);
 */
export async function rejectsOf(db: string, limit = 100): Promise<RejectsReport> {
  return withWorkspace(db, false, (ws) => readRejects(ws, limit));
}

/**
 * Exposure over a window (SPEC §4): shares, growth, concentration, SKU dependency, locked stock,
 * commitments, halo and alerts, in base currency.
 * @example
 *   const report = await exposure('shop.duckdb', { window: 90 });
 *   console.log(report.concentration.channel.effectiveNumber);
 */
export async function exposure(db: string, options: ExposureOptions = {}): Promise<ExposureReport> {
  return withWorkspace(db, false, (ws) => computeExposure(ws, options));
}
