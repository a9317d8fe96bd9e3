/**
 * Each seller's API: the single-workspace app of `ballast serve` (../app.ts), one per seller, over
 * that seller's own workspace file. Kept open for the sellers used lately; the least recently used
 * is closed when more than `keepOpen` are open and it runs no job. Which file a seller uses is the
 * Tenant's answer, never this module's.
 */
import * as engine from '../../engine.js';
import { createApp, type Server } from '../app.js';

interface Entry {
  opened: Promise<{ server: Server; ws: engine.WorkspaceHandle }>;
}

export class SellerApps {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly keepOpen = 32,
  ) {}

  /** The seller's app and workspace; `path` comes from Tenant.workspacePath. */
  async get(sellerId: string, path: string): Promise<{ server: Server; ws: engine.WorkspaceHandle }> {
    let entry = this.entries.get(sellerId);
    if (entry) {
      // Most recently used last: a Map keeps insertion order.
      this.entries.delete(sellerId);
      this.entries.set(sellerId, entry);
    } else {
      const opened = engine.openWorkspace(path, { create: true }).then((ws) => ({
        ws,
        server: createApp({ ws, webDir: null, log: (line) => this.log(`seller ${sellerId}: ${line}`) }),
      }));
      entry = { opened };
      this.entries.set(sellerId, entry);
      opened.catch(() => this.entries.delete(sellerId));
      await this.evict();
    }
    return entry.opened;
  }

  /** Closes every workspace after its jobs end (the server shutting down). */
  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => closeEntry(entry).catch(() => {})));
  }

  private async evict(): Promise<void> {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.keepOpen) return;
      const { server } = await entry.opened.catch(() => ({ server: null }));
      if (server && server.jobs.list().some((j) => j.state === 'running' || j.state === 'queued')) continue;
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
