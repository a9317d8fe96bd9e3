/**
 * Server mode's accounts: the Postgres connection, organisations, sign-in (rate-limited), sessions and
 * API tokens. Each turns a credential into a Principal; what a principal may touch is decided by its
 * Tenant (tenant.ts), never by the caller.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { BallastError } from '../errors.js';
import { connect, type Db } from './database.js';
import { migrate } from './migrations.js';
import { hashPassword, NO_PASSWORD, verifyPassword } from './passwords.js';
import { ROLE_PERMISSIONS, isPermission, isRole, type Permission, type Principal } from './roles.js';
import { hashSecret, isId, newId, newSecret } from './secrets.js';
import { recordAlertCheck, rulesOfSeller, sellersWithRules, type CheckedAlert } from './alerts.js';
import type { FiguresUpdate } from './figures.js';
import {
  failJob,
  finishJob,
  isDone,
  recordServerJob,
  startJob,
  unfinishedJobs,
  type JobRecord,
  type ServerJob,
} from './jobs.js';
import type { JobQueue } from './queue.js';
import { Tenant, uploadDir } from './tenant.js';
import { insertUser, type NewUser } from './users.js';

export interface AgencyOptions {
  /** postgres://user@host:port/database */
  postgres: string;
  /** The folder holding every seller's workspace (`sellers/<id>.duckdb`). */
  dataDir: string;
  sessionDays?: number;
  /** Failed sign-ins per e-mail address within `loginWindowMinutes` before sign-in is refused. */
  loginAttempts?: number;
  loginWindowMinutes?: number;
  log?: (line: string) => void;
}

const DEFAULTS = { sessionDays: 14, loginAttempts: 10, loginWindowMinutes: 15 };

export interface Session {
  /** The cookie's value: shown once, stored only as its hash. */
  secret: string;
  expiresAt: Date;
  principal: Principal;
}

export class Agency {
  private constructor(
    readonly db: Db,
    readonly dataDir: string,
    private readonly options: typeof DEFAULTS,
  ) {}

  /** Connects, migrates the schema to the newest version and makes the data folder. */
  static async open(options: AgencyOptions): Promise<Agency> {
    const log = options.log ?? ((line: string) => process.stderr.write(`ballast: ${line}\n`));
    const db = connect(options.postgres, log);
    try {
      await migrate(db as never);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    await mkdir(join(options.dataDir, 'sellers'), { recursive: true });
    const settings = {
      ...DEFAULTS,
      ...Object.fromEntries(
        Object.entries({
          sessionDays: options.sessionDays,
          loginAttempts: options.loginAttempts,
          loginWindowMinutes: options.loginWindowMinutes,
        }).filter(([, v]) => v !== undefined),
      ),
    } satisfies typeof DEFAULTS;
    return new Agency(db, options.dataDir, settings);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** A new organisation and its first owner (`ballast org create`, or a test). */
  async createOrganisation(
    name: string,
    owner: Omit<NewUser, 'role'>,
  ): Promise<{ orgId: string; userId: string }> {
    const orgId = newId('org');
    const userId = newId('usr');
    const passwordHash = await hashPassword(owner.password);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('organisations').values({ id: orgId, name }).execute();
      await insertUser(trx, orgId, userId, owner, 'owner', passwordHash);
      await trx
        .insertInto('audit_log')
        .values({
          org_id: orgId,
          actor: `user:${userId}`,
          action: 'organisation.create',
          seller_id: null,
          detail: '{}',
        })
        .execute();
    });
    return { orgId, userId };
  }

  /**
   * Signs in with e-mail and password. Refused without checking the password once an address has
   * failed `loginAttempts` times in the window, so guessing is slow whatever the caller's address.
   */
  async signIn(email: string, password: string): Promise<Session> {
    const address = email.trim().toLowerCase();
    const since = new Date(Date.now() - this.options.loginWindowMinutes * 60_000);
    // Old attempts and ended sessions count for nothing: forget them as we go.
    await this.db.deleteFrom('login_attempts').where('at', '<', since).execute();
    await this.db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
    const { failures } = await this.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<string>().as('failures'))
      .where('email', '=', address)
      .where('ok', '=', false)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(failures) >= this.options.loginAttempts)
      throw new BallastError(
        'rate-limited',
        `too many failed sign-ins for this address in ${this.options.loginWindowMinutes} minutes`,
        {
          hint: `Wait ${this.options.loginWindowMinutes} minutes, or ask an owner of your organisation to reset your password.`,
        },
      );
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', address)
      .executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? (await NO_PASSWORD));
    await this.db
      .insertInto('login_attempts')
      .values({ email: address, ok: ok && !!user })
      .execute();
    if (!ok || !user)
      throw new BallastError('unauthorized', 'wrong e-mail address or password', {
        hint: 'Check both and sign in again.',
      });
    const secret = newSecret('bls');
    const expiresAt = new Date(Date.now() + this.options.sessionDays * 86_400_000);
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hashSecret(secret), user_id: user.id, expires_at: expiresAt })
      .execute();
    await this.db
      .insertInto('audit_log')
      .values({
        org_id: user.org_id,
        actor: `user:${user.id}`,
        action: 'session.sign-in',
        seller_id: null,
        detail: '{}',
      })
      .execute();
    return { secret, expiresAt, principal: userPrincipal(user.org_id, user.id, user.role) };
  }

  async signOut(secret: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(secret)).execute();
  }

  /** The principal behind a session cookie, or null when it is unknown or expired. */
  async fromSession(secret: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.org_id', 'users.role'])
      .where('sessions.token_hash', '=', hashSecret(secret))
      .where('sessions.expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
    return row ? userPrincipal(row.org_id, row.id, row.role) : null;
  }

  /** The principal behind an API token, or null when it is unknown or revoked (checked on every call). */
  async fromToken(secret: string): Promise<Principal | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'org_id', 'scopes'])
      .where('token_hash', '=', hashSecret(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    return {
      orgId: row.org_id,
      actor: `token:${row.id}`,
      userId: null,
      permissions: new Set(row.scopes.filter(isPermission)),
    };
  }

  /** Everything a principal may see and do, scoped to its organisation. */
  tenant(principal: Principal): Tenant {
    return new Tenant(this.db, principal, this.dataDir);
  }

  // Worker side: a worker acts for the system, on the job row the server wrote after its Tenant
  // checked the caller; the seller and its workspace come from that row, not from the queue message.

  /** Marks a job running; null when it is already done (then it is not run again). */
  startJob(jobId: string, worker: string): Promise<JobRecord | null> {
    return startJob(this.db, jobId, worker);
  }

  /** Stores a job's result and the seller's figures it computed, once; true when this call stored them. */
  finishJob(jobId: string, runId: string | null, result: unknown, figures?: FiguresUpdate): Promise<boolean> {
    return finishJob(this.db, jobId, runId, result, figures);
  }

  /**
   * Records a job the server runs itself (no workers) as it starts and ends, with the seller's figures
   * it computed; the seller's organisation is read from its row, as a worker reads it from the job's.
   */
  async recordServerJob(
    sellerId: string,
    job: ServerJob,
    actor: string,
    figures?: FiguresUpdate,
  ): Promise<void> {
    const seller = await this.db
      .selectFrom('sellers')
      .select(['org_id'])
      .where('id', '=', sellerId)
      .executeTakeFirst();
    if (seller) await recordServerJob(this.db, { orgId: seller.org_id, sellerId }, job, actor, figures);
  }

  failJob(
    jobId: string,
    error: { code: string; message: string; hint?: string },
    final: boolean,
  ): Promise<void> {
    return failJob(this.db, jobId, error, final);
  }

  isDone(jobId: string): Promise<boolean> {
    return isDone(this.db, jobId);
  }

  /**
   * Queues again every job Postgres has not seen finish. Adding a job id the queue still holds does
   * nothing, so this is safe to run at any time; after Redis lost its data (a restart without
   * persistence) it puts the lost jobs back. Returns how many were offered.
   */
  async requeue(queue: JobQueue): Promise<number> {
    const jobs = await unfinishedJobs(this.db);
    for (const job of jobs) await queue.add(job);
    return jobs.length;
  }

  /** A seller's alert rules (JSON of the alerts.yaml schema), or null: what a worker checks. */
  alertRulesOf(sellerId: string): Promise<Record<string, unknown> | null> {
    return rulesOfSeller(this.db, sellerId);
  }

  /** Every seller with alert rules: what the scheduled check visits. */
  sellersWithAlertRules(): Promise<string[]> {
    return sellersWithRules(this.db);
  }

  /** Copies a check's outcome (the alerts open in the seller's workspace) into Postgres. */
  recordAlertCheck(sellerId: string, checkedAt: string, open: readonly CheckedAlert[]): Promise<void> {
    return recordAlertCheck(this.db, sellerId, checkedAt, open);
  }

  /** The workspace file of a seller, by id: for a job row's seller or a seller with alert rules. */
  workspaceOfSeller(sellerId: string): string {
    if (!isId(sellerId, 'sel'))
      throw new BallastError('internal', `${JSON.stringify(sellerId)} is no seller id`);
    return join(this.dataDir, 'sellers', `${sellerId}.duckdb`);
  }

  /** The workspace file of a seller named by a job row. */
  workspaceOf(job: JobRecord): string {
    if (!isId(job.sellerId, 'sel')) throw new BallastError('internal', `job ${job.id} names no seller id`);
    return join(this.dataDir, 'sellers', `${job.sellerId}.duckdb`);
  }

  /** Where a split simulation's model and blocks of paths are kept while it runs (by job id only). */
  blocksOf(jobId: string): string {
    if (!isId(jobId, 'job')) throw new BallastError('internal', 'a block names no job id');
    return join(this.dataDir, 'blocks', jobId);
  }

  uploadsOf(job: JobRecord): string {
    return uploadDir(this.dataDir, job.id);
  }

  /**
   * Runs `work` holding the seller's Postgres advisory lock: one writer per seller across every
   * worker. The lock belongs to the connection, so a worker that dies releases it with its socket.
   */
  async withSellerLock<T>(sellerId: string, work: () => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(hashtextextended(${sellerId}, 0))`.execute(conn);
      try {
        return await work();
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtextextended(${sellerId}, 0))`.execute(conn);
      }
    });
  }
}

function userPrincipal(orgId: string, userId: string, role: string): Principal {
  const permissions: readonly Permission[] = isRole(role) ? ROLE_PERMISSIONS[role] : [];
  return { orgId, actor: `user:${userId}`, userId, permissions: new Set(permissions) };
}
