import { rm } from 'node:fs/promises';
import { BallastError } from '../errors.js';
import { compileFile, createWorkDir, lookupTables, type CompiledFile } from '../ingest/index.js';
import { importBatch, type FileOutcome, type Workspace } from '../store/index.js';
import { importOptions, parseOptions, type ImportOptionsInput } from './options.js';
import { baseCurrency } from '../db.js';

export interface ImportHooks {
  /** Called as each file starts and when all are written, for progress display. */
  onFile?: (event: { name: string; phase: 'start' | 'done'; index: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface ImportSummary {
  files: FileOutcome[];
  added: number;
  updated: number;
  rejects: number;
  warnings: string[];
}

/**
 * Channel exports and input files → the workspace, in one transaction: every file is compiled (read,
 * decoded, checked) first, then all land together or none do.
 */
export async function importFiles(
  ws: Workspace,
  paths: readonly string[],
  options: ImportOptionsInput & ImportHooks = {},
): Promise<ImportSummary> {
  const { onFile, signal, ...rest } = options;
  const reader = parseOptions(importOptions, rest);
  if (paths.length === 0) {
    throw new BallastError('usage', 'no files to import', {
      hint: 'Name one or more export files: ballast import orders.csv',
    });
  }
  const workDir = await createWorkDir();
  try {
    const compiled: CompiledFile[] = [];
    for (const [index, path] of paths.entries()) {
      if (signal?.aborted) throw new BallastError('cancelled', 'the import was cancelled');
      onFile?.({ name: path, phase: 'start', index, total: paths.length });
      compiled.push(await compileFile(path, reader, workDir, index));
    }
    for (const { table, rows } of lookupTables()) {
      await ws.run(`DELETE FROM ${table}`);
      await ws.append(table, rows);
    }
    const base = await baseCurrency(ws);
    const files = await importBatch(ws, compiled, base);
    onFile?.({ name: '', phase: 'done', index: paths.length, total: paths.length });
    return {
      files,
      added: files.reduce((sum, f) => sum + f.added, 0),
      updated: files.reduce((sum, f) => sum + f.updated, 0),
      rejects: files.reduce((sum, f) => sum + f.rejects, 0),
      warnings: [...compiled.flatMap((c) => c.warnings), ...files.flatMap((f) => f.warnings ?? [])],
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
