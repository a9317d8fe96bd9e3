/**
 * One fuzzing worker: imports the files the driver sends, one at a time, into its workspace, and says
 * how each ended: imported (exit 0), refused with a message (exit 1), or a bug (exit 2) — the CLI's
 * own mapping. After a refused import it compares the workspace's totals with those before it.
 */
import * as engine from '../src/engine.js';
import { asBallastError } from '../src/errors.js';

export interface FuzzJob {
  db: string;
  path: string;
}

export interface FuzzResult {
  exit: 0 | 1 | 2;
  message: string;
  /** After a refused import: whether the totals are what they were before it. */
  unchanged: boolean | null;
  rejects: number;
}

/** The workspace held open across jobs (the driver moves to a fresh one every so often). */
let held: { db: string; ws: engine.WorkspaceHandle } | null = null;

async function workspace(db: string): Promise<engine.WorkspaceHandle> {
  if (held?.db !== db) {
    held?.ws.close();
    held = { db, ws: await engine.openWorkspace(db) };
  }
  return held.ws;
}

process.on('message', (job: FuzzJob) => {
  void (async () => {
    const ws = await workspace(job.db);
    const snapshot = async () => JSON.stringify((await ws.status()).totals);
    const before = await snapshot();
    let result: FuzzResult;
    try {
      const summary = await ws.importFiles([job.path]);
      result = { exit: 0, message: '', unchanged: null, rejects: summary.rejects };
    } catch (error) {
      const e = asBallastError(error);
      const unchanged = (await snapshot().catch(() => 'unreadable')) === before;
      result = {
        exit: e.isUserError ? 1 : 2,
        message: `${e.message}${e.isUserError ? '' : `\n${String((e.cause as Error | undefined)?.stack ?? e.stack)}`}`,
        unchanged,
        rejects: 0,
      };
    }
    process.send?.(result);
  })();
});
