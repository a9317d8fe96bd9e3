import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { BallastError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { assertDuckDbFile, storageError } from './storage-errors.js';
import { VIEW_STATEMENTS } from './views.js';

export type SqlParams = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** Per-connection TEMP objects (macros, tables) that other domains' SQL relies on. */
export interface Prelude {
  statements: readonly string[];
}

/** How long opening waits for another process to let go of the file before saying it is busy. */
const LOCK_WAIT_MS = 5_000;
const LOCK_RETRY_MS = 250;

export interface OpenOptions {
  /** Create the file when it is not there (default true). */
  create?: boolean;
  prelude?: Prelude;
  /** Milliseconds to keep retrying while another process holds the file (default 5,000). */
  lockWaitMs?: number;
}

/**
 * One DuckDB file holding a seller's workspace. The only place that talks to DuckDB: everything else
 * hands it SQL text whose outside values travel as parameters, never spliced in.
 *
 * `open` opens the file (one read-write process per file: DuckDB's lock) and migrates it; `connect`
 * gives another connection to the same open file, with the prelude and views, for work that must not
 * share a connection's transaction or TEMP objects with other work (a server's concurrent requests).
 */
export class Workspace {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly prelude: Prelude | undefined,
    /** Only the workspace that opened the file closes it; connections close themselves. */
    private readonly ownsInstance: boolean,
  ) {}

  static async open(path: string, options: OpenOptions = {}): Promise<Workspace> {
    if (options.create === false && path !== ':memory:' && !existsSync(path)) {
      throw new BallastError('not-found', `no workspace at ${path}`, {
        hint: 'Import files first (ballast import FILE…), or point `db` at your workspace.',
        place: { option: 'db' },
      });
    }
    if (path !== ':memory:') assertDuckDbFile(path);
    const instance = await openInstance(path, options.lockWaitMs ?? LOCK_WAIT_MS);
    const workspace = new Workspace(path, instance, await instance.connect(), options.prelude, true);
    try {
      await workspace.setUp(true);
    } catch (error) {
      workspace.closeQuietly();
      throw error;
    }
    return workspace;
  }

  /** Another connection to this open file, ready for queries; close it when done. */
  async connect(): Promise<Workspace> {
    const workspace = new Workspace(
      this.path,
      this.instance,
      await this.instance.connect(),
      this.prelude,
      false,
    );
    try {
      await workspace.setUp(false);
    } catch (error) {
      workspace.close();
      throw error;
    }
    return workspace;
  }

  private async setUp(migrate: boolean): Promise<void> {
    await this.run(`SET TimeZone = 'UTC'`);
    if (migrate) {
      // Bounded memory for big imports: DuckDB spills to disk beyond this (`<workspace>.tmp`) instead
      // of taking most of RAM, and uses about 0.6 GB more than it on a large import. At 768 MB a
      // 2.15 GB, 35,000,000-line CSV peaked at 1.40 GB RSS; at 1 GB it peaked at 1.69 GB, at 2 GB it
      // passed 2 GB within two minutes.
      await this.run(`SET memory_limit = '768MB'`);
      await this.migrate();
    }
    for (const statement of this.prelude?.statements ?? []) await this.run(statement);
    for (const statement of VIEW_STATEMENTS) await this.run(statement);
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, params).catch((cause: unknown) => this.rethrow(cause));
  }

  /** Rows as plain objects; BIGINTs become numbers (counts here stay far below 2^53). */
  async rows<T = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const result = await this.connection
      .runAndReadAll(sql, params)
      .catch((cause: unknown) => this.rethrow(cause));
    return result.getRowObjectsJS().map((row) => {
      for (const key of Object.keys(row)) {
        const value = row[key];
        if (typeof value === 'bigint') (row as Record<string, unknown>)[key] = Number(value);
      }
      return row as T;
    });
  }

  async value<T = unknown>(sql: string, params?: SqlParams): Promise<T> {
    const [row] = await this.rows(sql, params);
    return (row ? Object.values(row)[0] : undefined) as T;
  }

  /** Runs `work` in one transaction: all of it lands, or none of it does. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      // A rollback that fails too (the disk is full) must not hide why the work stopped.
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Bulk-loads rows through DuckDB's appender (for generated or JS-side data). */
  async append(table: string, rows: ReadonlyArray<readonly DuckDBValue[]>): Promise<void> {
    try {
      const appender = await this.connection.createAppender(table);
      for (const row of rows) {
        for (const value of row) appender.appendValue(value);
        appender.endRow();
      }
      appender.closeSync();
    } catch (cause) {
      this.rethrow(cause);
    }
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  /** Closes after a failure, when the failure is what the caller should see. */
  private closeQuietly(): void {
    try {
      this.close();
    } catch {
      // the first error is the one worth reporting
    }
  }

  /** A full disk or a damaged file in the user's terms; anything else as DuckDB said it. */
  private rethrow(cause: unknown): never {
    throw storageError(this.path, cause) ?? cause;
  }

  private async migrate(): Promise<void> {
    await this.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
    const current = Number(
      (await this.value<string>(`SELECT value FROM meta WHERE key = 'schema_version'`)) ?? 0,
    );
    if (current > SCHEMA_VERSION) {
      this.close();
      throw new BallastError(
        'workspace-version',
        `${this.path} was written by a newer Ballast (schema ${current}; this one knows ${SCHEMA_VERSION})`,
        {
          hint: 'Upgrade Ballast to open this workspace.',
        },
      );
    }
    const pending = MIGRATIONS.filter((m) => m.version > current);
    if (pending.length === 0) return;
    await this.transaction(async () => {
      for (const migration of pending) for (const statement of migration.sql) await this.run(statement);
      await this.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)`, {
        v: String(SCHEMA_VERSION),
      });
    });
  }
}

/**
 * Opens the DuckDB file, waiting a bounded time while another process holds its lock (DuckDB allows
 * one read-write process per file), then saying who holds it and what to do.
 */
async function openInstance(path: string, lockWaitMs: number): Promise<DuckDBInstance> {
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      return await DuckDBInstance.create(path);
    } catch (cause) {
      const storage = storageError(path, cause);
      if (storage) throw storage;
      const message = (cause as Error).message;
      if (!/lock/i.test(message)) {
        throw new BallastError('bad-file', `cannot open the workspace ${path}: ${message.split('\n')[0]}`, {
          hint: 'Check that the path is a Ballast workspace (a DuckDB file).',
          cause,
        });
      }
      if (Date.now() >= deadline) {
        const pid = /PID (\d+)/.exec(message)?.[1];
        throw new BallastError(
          'busy',
          `the workspace ${path} is busy: another process${pid ? ` (pid ${pid})` : ''} has it open`,
          {
            hint: 'Wait for that command to finish, or stop it (a running `ballast serve` holds its workspace until stopped), then try again; a served workspace can be used through its dashboard or API meanwhile.',
            cause,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}
