/**
 * The worker's side of alerts in server mode: a seller is checked after each successful import and
 * on the schedule, with its rules from Postgres, under its lock, on its own workspace — the engine's
 * alert check (the one `ballast alerts` runs) decides what opens, closes and is delivered, and what
 * it finds is copied into Postgres for the API. The webhook secret and the SMTP URL are read from
 * this process's environment, under the names the rules give (`secret_env`, `smtp_env`).
 */
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';

/** Scheduled checks when `ballast worker` is not given `--alerts-every`: once an hour. */
export const DEFAULT_ALERTS_EVERY_MS = 60 * 60_000;

/** The id of the check queued after import job `jobId` (kept an hour in the queue, for tests and ops). */
export const afterImportId = (jobId: string): string => `import-${jobId}`;

export interface AlertChecks {
  /** Queues a check of the seller after its import job `jobId` (logged, never thrown: the import stands). */
  afterImport(sellerId: string, jobId: string): Promise<void>;
  close(): Promise<void>;
}

export function startAlertChecks(
  agency: agencyEngine.Agency,
  options: {
    redis: string;
    concurrency: number;
    lockDurationMs?: number;
    /** The sweep's interval; null removes the schedule. */
    everyMs: number | null;
    log: (line: string) => void;
  },
): AlertChecks {
  const { log } = options;
  const queue = agencyEngine.AlertQueue.connect(options.redis, log);
  // Not awaited: a worker starts while Redis is away (its commands wait for it), as for its jobs.
  queue.schedule(options.everyMs).catch((error: unknown) => log(`alert schedule not set: ${String(error)}`));
  const worker = agencyEngine.startAlertWorker({
    redis: options.redis,
    concurrency: options.concurrency,
    ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
    log,
    run: async (data) => {
      if (data.kind === 'check') return checkSeller(agency, data.sellerId);
      // One check id per seller: while a seller's last one still waits, the sweep adds none.
      const sellers = await agency.sellersWithAlertRules();
      await queue.checks(sellers.map((sellerId) => ({ sellerId, id: `sweep-${sellerId}` })));
    },
  });
  return {
    afterImport: async (sellerId, jobId) => {
      try {
        await queue.checks([{ sellerId, id: afterImportId(jobId) }], true);
      } catch (error) {
        log(
          `alert check after import ${jobId} not queued (the next scheduled check covers it): ${String(error)}`,
        );
      }
    },
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}

/**
 * Checks one seller's rules against its workspace and copies the open alerts into Postgres. A seller
 * whose rules were removed since the check was queued is skipped.
 */
async function checkSeller(agency: agencyEngine.Agency, sellerId: string): Promise<void> {
  const rules = await agency.alertRulesOf(sellerId);
  if (!rules) return;
  await agency.withSellerLock(sellerId, async () => {
    // Another process (the server answering a read) may hold the file a moment: wait for it.
    const ws = await engine.openWorkspace(agency.workspaceOfSeller(sellerId), {
      create: true,
      lockWaitMs: 120_000,
    });
    try {
      const check = await ws.alerts({ rules: { text: JSON.stringify(rules), name: 'the alert rules' } });
      await agency.recordAlertCheck(sellerId, check.checkedAt, check.alerts);
    } finally {
      ws.close();
    }
  });
}
