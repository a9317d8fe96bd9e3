/**
 * The Postgres connection: a pg pool behind Kysely. A pool whose server goes away reports it on idle
 * clients; that is logged, not fatal, and the next query fails with 'unavailable' (a 503) until
 * Postgres is back, when the pool reconnects by itself.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { BallastError } from '../errors.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export function connect(url: string, log: (line: string) => void): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on('error', (error) => log(`postgres: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Postgres error classes and socket errors that mean "the server cannot be reached now". */
const GONE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
const GONE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** The error a query failed with, as a 503 when Postgres is out of reach; undefined otherwise. */
export function unreachable(error: unknown): BallastError | undefined {
  if (error instanceof BallastError) return undefined;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const gone =
    (code !== undefined && (GONE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P'))) ||
    GONE_MESSAGES.test(message ?? '');
  if (!gone) return undefined;
  return new BallastError('unavailable', 'the accounts database (PostgreSQL) is not reachable', {
    hint: 'Try again in a moment; if it lasts, check that PostgreSQL is running and that --postgres points at it.',
    cause: error,
  });
}
