import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BallastError } from '../errors.js';

/**
 * What DuckDB says when the disk under the workspace (or its spill folder beside it) fills up: the
 * write itself, a block it could not move out of memory, or Node's own errno text.
 */
const DISK_FULL =
  /No space left on device|failed to offload data block|Could not write all bytes|Disk quota exceeded|ENOSPC/i;

/** What DuckDB says when a block of the file fails its checksum or the file is not a database. */
const DAMAGED =
  /checksum|Corrupt|not a valid DuckDB database|database file .* (?:is|was) (?:corrupt|truncated)|Could not read enough bytes|block .* out of range|INTERNAL Error: .*(?:block|Deserializ)/i;

/**
 * DuckDB's errors about the storage itself, turned into the user's terms; undefined for anything
 * else (a bad query is a bug and stays one).
 */
export function storageError(path: string, cause: unknown): BallastError | undefined {
  const message = cause instanceof Error ? cause.message : String(cause);
  const first = message.split('\n')[0];
  if (DISK_FULL.test(message)) {
    return new BallastError(
      'disk-full',
      `no space left on the disk holding ${diskOf(path)} (DuckDB: ${first})`,
      {
        hint: 'Free some space on that disk and run the command again; the workspace was left as it was before the command.',
        cause,
      },
    );
  }
  if (DAMAGED.test(message)) return damaged(path, first, cause);
  return undefined;
}

export function damaged(path: string, detail: string, cause?: unknown): BallastError {
  return new BallastError('workspace-damaged', `the workspace file ${path} is damaged (${detail})`, {
    hint: `Restore ${path} from a backup, or move it aside and import your export files again into a new workspace; \`ballast check\` tells whether a workspace is sound.`,
    cause,
  });
}

function diskOf(path: string): string {
  return path === ':memory:' ? 'the temporary folder' : dirname(resolve(path));
}

/** Bytes 8–11 of every DuckDB database file (after the checksum of its first header). */
const MAGIC = 'DUCK';

/**
 * Refuses an existing file that is not a DuckDB database before DuckDB opens it: given a CSV by
 * mistake (`--db shop.csv`), DuckDB reads it as an empty in-memory database and every write is lost.
 */
export function assertDuckDbFile(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // not there yet: DuckDB creates it
  }
  if (size === 0) return;
  const head = Buffer.alloc(12);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 12, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1', 8, 12) === MAGIC) return;
  const shown = head
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.')
    .slice(0, 12);
  throw new BallastError(
    'usage',
    `${path} is not a Ballast workspace (it starts \`${shown}\`, not a DuckDB database)`,
    {
      hint: 'Give --db the workspace file (ballast.duckdb by default), not an export; to import this file, name it after `import`.',
    },
  );
}
