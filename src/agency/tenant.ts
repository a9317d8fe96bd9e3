/**
 * Tenant isolation in one place. A Tenant is one principal's view of the server: every query below
 * filters on the principal's organisation, and every workspace path is built here from a seller id
 * this organisation owns. Faces never decide either; they ask a Tenant. Anything outside the
 * organisation is "not found", worded without echoing the id, so a response says nothing of it.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BallastError } from '../errors.js';
import { insertUser, type NewUser } from './users.js';
import {
  deleteRules,
  listAlerts,
  openAlertsOfOrg,
  readRules,
  writeRules,
  type SellerAlert,
  type StoredAlertRules,
} from './alerts.js';
import type { Db } from './database.js';
import { figuresOfOrg, type StoredFigures } from './figures.js';
import { cancelJob, findJob, insertJob, listJobs, type JobFilter, type JobRecord } from './jobs.js';
import { hashPassword } from './passwords.js';
import type { JobQueue, WorkKind } from './queue.js';
import { isPermission, type Permission, type Principal, type Role } from './roles.js';
import { hashSecret, isId, newId, newSecret } from './secrets.js';

export interface Seller {
  id: string;
  name: string;
  createdAt: string;
}

export interface UserListing {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
}

export interface TokenListing {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** What the organisation view shows of each seller's alerts. */
export interface SellerAlerts {
  sellerId: string;
  name: string;
  open: number;
  /** Its open alerts, oldest first. */
  alerts: SellerAlert[];
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  sellerId: string | null;
  detail: Record<string, unknown>;
}

const WORDS: Record<Permission, string> = {
  read: 'read this organisation’s data',
  run: 'import files or run simulations and plans',
  manage: 'manage users, tokens and sellers',
};

export class Tenant {
  constructor(
    private readonly db: Db,
    readonly principal: Principal,
    private readonly dataDir: string,
  ) {}

  get orgId(): string {
    return this.principal.orgId;
  }

  can(permission: Permission): boolean {
    return this.principal.permissions.has(permission);
  }

  /** Refuses (403) unless the principal's role or token scope allows `permission`. */
  require(permission: Permission): void {
    if (!this.can(permission))
      throw new BallastError('forbidden', `your role or token may not ${WORDS[permission]}`, {
        hint: 'Ask an owner of your organisation for a role (or a token scope) that allows it.',
      });
  }

  /** The caller's own organisation when `id` names it; any other id is 404. */
  async organisation(id: string): Promise<{ id: string; name: string }> {
    this.require('read');
    const row =
      id === this.orgId
        ? await this.db
            .selectFrom('organisations')
            .select(['id', 'name'])
            .where('id', '=', this.orgId)
            .executeTakeFirst()
        : undefined;
    if (!row) throw noSuch('organisation', 'GET /api/v1/auth/me names yours.');
    return row;
  }

  async sellers(): Promise<Seller[]> {
    this.require('read');
    const rows = await this.db
      .selectFrom('sellers')
      .select(['id', 'name', 'created_at'])
      .where('org_id', '=', this.orgId)
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at.toISOString() }));
  }

  /**
   * Every seller of this organisation with the figures its jobs stored (null: not yet computed), in
   * two queries and without opening a workspace: what the organisation view reads.
   */
  async sellersWithFigures(): Promise<Array<Seller & StoredFigures>> {
    const [sellers, figures] = [await this.sellers(), await figuresOfOrg(this.db, this.orgId)];
    return sellers.map((s) => ({ ...s, ...(figures.get(s.id) ?? { headline: null, risk: null }) }));
  }

  /** One of this organisation's sellers; any other id (another organisation's, or malformed) is 404. */
  async seller(id: string): Promise<Seller> {
    this.require('read');
    const row = isId(id, 'sel')
      ? await this.db
          .selectFrom('sellers')
          .select(['id', 'name', 'created_at'])
          .where('id', '=', id)
          .where('org_id', '=', this.orgId)
          .executeTakeFirst()
      : undefined;
    if (!row)
      throw new BallastError('not-found', 'no such seller in your organisation', {
        hint: 'List your sellers with GET /api/v1/orgs/{orgId}/sellers.',
      });
    return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
  }

  /** The seller's workspace file: built from its id (checked above), never from its name. */
  async workspacePath(sellerId: string): Promise<string> {
    const seller = await this.seller(sellerId);
    return workspaceFile(this.dataDir, seller.id);
  }

  async createSeller(name: string): Promise<Seller> {
    this.require('manage');
    const id = newId('sel');
    const row = await this.db
      .insertInto('sellers')
      .values({ id, org_id: this.orgId, name: name.trim() })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505')
          throw new BallastError('bad-input', 'your organisation already has a seller of this name', {
            hint: 'Choose another name.',
          });
        throw error;
      });
    await this.audit('seller.create', id, { name: row.name });
    return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
  }

  async users(): Promise<UserListing[]> {
    this.require('manage');
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'created_at'])
      .where('org_id', '=', this.orgId)
      .orderBy('email')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      createdAt: r.created_at.toISOString(),
    }));
  }

  async addUser(user: NewUser): Promise<UserListing> {
    this.require('manage');
    const id = newId('usr');
    await insertUser(this.db, this.orgId, id, user, user.role, await hashPassword(user.password));
    await this.audit('user.create', null, { userId: id, role: user.role });
    const [listing] = (await this.users()).filter((u) => u.id === id);
    if (!listing) throw new BallastError('internal', `user ${id} vanished after it was added`);
    return listing;
  }

  async setRole(userId: string, role: Role): Promise<void> {
    this.require('manage');
    const { numUpdatedRows } = await this.db
      .updateTable('users')
      .set({ role })
      .where('id', '=', isId(userId, 'usr') ? userId : '')
      .where('org_id', '=', this.orgId)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw noSuch('user');
    await this.audit('user.role', null, { userId, role });
  }

  async tokens(): Promise<TokenListing[]> {
    this.require('manage');
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'scopes', 'created_at', 'revoked_at'])
      .where('org_id', '=', this.orgId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: r.scopes,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }

  /** A new API token; its secret is returned once and stored only as its hash. */
  async createToken(
    name: string,
    scopes: readonly string[],
  ): Promise<{ token: TokenListing; secret: string }> {
    this.require('manage');
    const unknown = scopes.filter((s) => !isPermission(s));
    if (unknown.length > 0 || scopes.length === 0)
      throw new BallastError(
        'bad-input',
        `token scopes must be some of read, run, manage; got ${JSON.stringify(scopes)}`,
        {
          hint: 'Give `scopes` as a list, e.g. ["read"] for a token that only reads.',
        },
      );
    const id = newId('tok');
    const secret = newSecret('blt');
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        org_id: this.orgId,
        name,
        token_hash: hashSecret(secret),
        scopes: [...new Set(scopes)],
        created_by: this.principal.actor,
      })
      .execute();
    await this.audit('token.create', null, { tokenId: id, scopes });
    const [token] = (await this.tokens()).filter((t) => t.id === id);
    if (!token) throw new BallastError('internal', `token ${id} vanished after it was made`);
    return { token, secret };
  }

  /** Revokes a token: the next call that sends it fails (tokens are checked on every call). */
  async revokeToken(tokenId: string): Promise<void> {
    this.require('manage');
    const { numUpdatedRows } = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', isId(tokenId, 'tok') ? tokenId : '')
      .where('org_id', '=', this.orgId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw noSuch('token');
    await this.audit('token.revoke', null, { tokenId });
  }

  /**
   * Queues work on one of this organisation's sellers. `stage` first writes what the job reads (an
   * upload's files) into the job's own folder, named by the job's id.
   */
  async queueJob(
    queue: JobQueue,
    sellerId: string,
    kind: WorkKind,
    input: Record<string, unknown>,
    stage?: (uploadDir: string) => Promise<void>,
  ): Promise<JobRecord> {
    this.require('run');
    const seller = await this.seller(sellerId);
    const id = newId('job');
    if (stage) await stage(uploadDir(this.dataDir, id));
    await insertJob(this.db, {
      id,
      orgId: this.orgId,
      sellerId: seller.id,
      kind,
      input,
      createdBy: this.principal.actor,
    });
    await this.audit(`job.${kind}`, seller.id, { jobId: id });
    await queue.add({ jobId: id, orgId: this.orgId, sellerId: seller.id, kind, input });
    const job = await findJob(this.db, this.orgId, seller.id, id);
    if (!job) throw new BallastError('internal', `job ${id} vanished after it was queued`);
    return job;
  }

  async job(sellerId: string, jobId: string): Promise<JobRecord> {
    const seller = await this.seller(sellerId);
    const job = isId(jobId, 'job') ? await findJob(this.db, this.orgId, seller.id, jobId) : null;
    if (!job) throw noSuch('job', `List this seller's jobs with GET /api/v1/sellers/{sellerId}/jobs.`);
    return job;
  }

  /**
   * Cancels a queued job: marked cancelled in Postgres (so no worker runs it), then taken out of the
   * queue and its upload deleted. A job a worker has started, or one that has ended, is a 409.
   */
  async cancelJob(queue: JobQueue, sellerId: string, jobId: string): Promise<JobRecord> {
    const job = await this.job(sellerId, jobId);
    this.require('run');
    const outcome = await cancelJob(this.db, this.orgId, job.sellerId, job.id);
    if (!outcome.cancelled || !outcome.job) {
      const state = outcome.job?.state ?? job.state;
      throw new BallastError(
        'busy',
        state === 'running'
          ? `job ${job.id} is running on a worker; only a queued job can be cancelled`
          : `job ${job.id} has already ended (${state}); only a queued job can be cancelled`,
        {
          hint:
            state === 'running'
              ? `Wait for it to end: GET /api/v1/sellers/${job.sellerId}/jobs/${job.id}.`
              : 'Nothing to cancel: its outcome is in the job list.',
        },
      );
    }
    await queue.remove(job.id);
    if (job.kind === 'import') await rm(uploadDir(this.dataDir, job.id), { recursive: true, force: true });
    await this.audit('job.cancel', job.sellerId, { jobId: job.id });
    return outcome.job;
  }

  /** One seller's jobs, newest first, optionally in one state (`failed`: what went wrong, and why). */
  async jobs(sellerId: string, filter: Omit<JobFilter, 'sellerId'>): Promise<JobRecord[]> {
    const seller = await this.seller(sellerId);
    return listJobs(this.db, this.orgId, { ...filter, sellerId: seller.id });
  }

  /** Every job of this organisation's sellers, newest first, optionally in one state. */
  async organisationJobs(filter: Omit<JobFilter, 'sellerId'>): Promise<JobRecord[]> {
    this.require('read');
    return listJobs(this.db, this.orgId, filter);
  }

  async alertRules(sellerId: string): Promise<StoredAlertRules | null> {
    const seller = await this.seller(sellerId);
    return readRules(this.db, this.orgId, seller.id);
  }

  /** Sets a seller's alert rules: already checked against the alerts.yaml schema by the caller. */
  async setAlertRules(sellerId: string, rules: Record<string, unknown>): Promise<StoredAlertRules> {
    const seller = await this.seller(sellerId);
    this.require('run');
    await writeRules(this.db, this.orgId, seller.id, rules, this.principal.actor);
    await this.audit('alert-rules.set', seller.id);
    const stored = await readRules(this.db, this.orgId, seller.id);
    if (!stored) throw new BallastError('internal', `the alert rules of ${seller.id} vanished after saving`);
    return stored;
  }

  /** Removes a seller's alert rules: its alerts are no longer checked (their history stays). */
  async deleteAlertRules(sellerId: string): Promise<void> {
    const seller = await this.seller(sellerId);
    this.require('run');
    if (!(await deleteRules(this.db, this.orgId, seller.id)))
      throw new BallastError('not-found', 'this seller has no alert rules', {
        hint: 'Set them with PUT /api/v1/sellers/{sellerId}/alert-rules.',
      });
    await this.audit('alert-rules.delete', seller.id);
  }

  async alerts(sellerId: string, options: { openOnly: boolean; limit: number }): Promise<SellerAlert[]> {
    const seller = await this.seller(sellerId);
    return listAlerts(this.db, this.orgId, seller.id, options);
  }

  /** Every seller of the organisation with its open alerts (none for a seller without any). */
  async openAlerts(): Promise<SellerAlerts[]> {
    const [sellers, open] = [await this.sellers(), await openAlertsOfOrg(this.db, this.orgId)];
    return sellers.map((s) => {
      const alerts = open.filter((a) => a.sellerId === s.id);
      return { sellerId: s.id, name: s.name, open: alerts.length, alerts };
    });
  }

  /** Records who did what (to which seller); the seller id must already be checked by the caller. */
  async audit(action: string, sellerId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        org_id: this.orgId,
        actor: this.principal.actor,
        action,
        seller_id: sellerId,
        detail: JSON.stringify(detail),
      })
      .execute();
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    this.require('manage');
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['at', 'actor', 'action', 'seller_id', 'detail'])
      .where('org_id', '=', this.orgId)
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(limit, 1000)))
      .execute();
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      sellerId: r.seller_id,
      detail: r.detail,
    }));
  }
}

/** A seller's workspace file, named by the seller's id (already checked to be this organisation's). */
const workspaceFile = (dataDir: string, sellerId: string): string =>
  join(dataDir, 'sellers', `${sellerId}.duckdb`);

/** Where a job's uploaded files wait for a worker: named by the job's id, never by a file's name. */
export const uploadDir = (dataDir: string, jobId: string): string => join(dataDir, 'uploads', jobId);

const noSuch = (what: string, hint = `List them with GET /api/v1/orgs/{orgId}/${what}s.`) =>
  new BallastError('not-found', `no such ${what} in your organisation`, { hint });
