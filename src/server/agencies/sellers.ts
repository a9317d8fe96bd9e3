/**
 * Each seller's API: the single-workspace app of `ballast serve` (../app.ts), one per seller, over
 * that seller's own workspace file. Up to `keepOpen` idle workspaces stay open (least recently used
 * closed first). With workers (`keepOpen: 0`) none stays open after its request: DuckDB lets one
 * process at a time hold a file, and the workers must be able to take it. Which file a seller uses
 * is the Tenant's answer, never this module's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as engine from '../../engine.js';
import { createApp, type Server } from '../app.js';
import type { Job } from '../jobs.js';

export interface SellerApp {
  server: Server;
  ws: engine.WorkspaceHandle;
}

/** What server mode does as a seller's job starts and ends (app.ts: record it in Postgres). */
export interface SellerJobHooks {
  started(sellerId: string, job: Job, caller: string): Promise<void>;
  ended(sellerId: string, ws: engine.WorkspaceHandle, job: Job, caller: string): Promise<void>;
}

interface Entry {
  opened: Promise<SellerApp>;
  users: number;
}

export class SellerApps {
  private readonly entries = new Map<string, Entry>();

  /**
   * Who made the request a job starts in: a job starts inside its request (and this store carries
   * the caller through to the job's hooks), while the seller's app is shared by every request.
   */
  private readonly callers = new AsyncLocalStorage<string>();

  /** `jobs` hears each of a seller's jobs start and end, its workspace open and its caller known. */
  constructor(
    private readonly log: (line: string) => void,
    private readonly keepOpen = 32,
    private readonly jobs: SellerJobHooks = { started: async () => {}, ended: async () => {} },
  ) {}

  /** Runs `work` on the seller's app and workspace; `path` comes from Tenant.workspacePath. */
  async use<T>(
    sellerId: string,
    path: string,
    work: (app: SellerApp) => Promise<T>,
    caller = 'server',
  ): Promise<T> {
    return this.callers.run(caller, () => this.open(sellerId, path, work));
  }

  private async open<T>(sellerId: string, path: string, work: (app: SellerApp) => Promise<T>): Promise<T> {
    let entry = this.entries.get(sellerId);
    if (entry) {
      // Most recently used last: a Map keeps insertion order.
      this.entries.delete(sellerId);
      this.entries.set(sellerId, entry);
    } else {
      const opened = engine.openWorkspace(path, { create: true }).then((ws) => ({
        ws,
        server: createApp({
          ws,
          webDir: null,
          log: (line) => this.log(`seller ${sellerId}: ${line}`),
          jobHooks: {
            started: (job) => this.jobs.started(sellerId, job, this.callers.getStore() ?? 'server'),
            ended: (job) => this.jobs.ended(sellerId, ws, job, this.callers.getStore() ?? 'server'),
          },
        }),
      }));
      entry = { opened, users: 0 };
      this.entries.set(sellerId, entry);
      opened.catch(() => this.entries.delete(sellerId));
    }
    entry.users++;
    try {
      return await work(await entry.opened);
    } finally {
      entry.users--;
      await this.evict();
    }
  }

  /** Closes every workspace after its jobs end (the server shutting down). */
  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => closeEntry(entry).catch(() => {})));
  }

  private async evict(): Promise<void> {
    for (const [id, entry] of [...this.entries]) {
      if (this.entries.size <= this.keepOpen) return;
      if (entry.users > 0) continue;
      const app = await entry.opened.catch(() => null);
      if (entry.users > 0 || this.entries.get(id) !== entry) continue;
      if (app && app.server.jobs.list().some((j) => j.state === 'running' || j.state === 'queued')) continue;
      this.entries.delete(id);
      await closeEntry(entry).catch(() => {});
    }
  }
}

async function closeEntry(entry: Entry): Promise<void> {
  const { server, ws } = await entry.opened;
  for (const job of server.jobs.list()) server.jobs.cancel(job.id);
  await server.jobs.idle();
  ws.close();
}
