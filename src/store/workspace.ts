import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { BallastError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { assertDuckDbFile, storageError } from './storage-errors.js';
import { createViews } from './views.js';

export type SqlParams = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** Per-connection TEMP objects (macros, lookup tables) that other domains' SQL relies on. */
export interface Prelude {
  statements: readonly string[];
  tables: ReadonlyArray<{ table: string; rows: ReadonlyArray<readonly DuckDBValue[]> }>;
}

/**
 * One DuckDB file holding a seller's workspace. The only place that talks to DuckDB: everything else
 * hands it SQL text whose outside values travel as parameters, never spliced in.
 */
export class Workspace {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, options: { create?: boolean; prelude?: Prelude } = {}): Promise<Workspace> {
    if (options.create === false && path !== ':memory:' && !existsSync(path)) {
      throw new BallastError('not-found', `no workspace at ${path}`, {
        hint: 'Import files first (ballast import FILE…), or point --db / BALLAST_DB at your workspace.',
      });
    }
    if (path !== ':memory:') assertDuckDbFile(path);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (cause) {
      const storage = storageError(path, cause);
      if (storage) throw storage;
      const message = (cause as Error).message;
      throw new BallastError('bad-file', `cannot open the workspace ${path}: ${message.split('\n')[0]}`, {
        hint: /lock/i.test(message)
          ? 'Another Ballast process has it open; wait for it to finish.'
          : 'Check that the path is a Ballast workspace (a DuckDB file).',
        cause,
      });
    }
    const connection = await instance.connect();
    const workspace = new Workspace(path, instance, connection);
    try {
      await workspace.run(`SET TimeZone = 'UTC'`);
      // Bounded memory for big imports: DuckDB spills to disk beyond this instead of taking most of RAM.
      // (1 GB was too little for the window passes of some readers on any file size.)
      await workspace.run(`SET memory_limit = '2GB'`);
      await workspace.migrate();
      for (const statement of options.prelude?.statements ?? []) await workspace.run(statement);
      for (const { table, rows } of options.prelude?.tables ?? []) await workspace.append(table, rows);
      await createViews(workspace);
    } catch (error) {
      workspace.closeQuietly();
      throw error;
    }
    return workspace;
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
    this.instance.closeSync();
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
