/**
 * Alert checks on their own BullMQ queue, `ballast-alerts`. A `check` job checks one seller: one is
 * added after each successful import, and the `sweep` — a BullMQ job scheduler (a repeatable job) —
 * adds one for every seller with rules at each interval. Any worker takes either; the check itself
 * runs under the seller's lock like every other write to its workspace. Checks are not recorded as
 * jobs in Postgres: they are frequent, and what they find is kept as alert history instead.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { BallastError } from '../errors.js';
import { ATTEMPTS, redis, type RunningWorker } from './queue.js';

export const ALERT_QUEUE = 'ballast-alerts';
const SWEEP = 'alerts-sweep';

export type AlertJobData = { kind: 'check'; sellerId: string } | { kind: 'sweep' };

export class AlertQueue {
  private constructor(
    private readonly queue: Queue<AlertJobData>,
    private readonly connection: Redis,
  ) {}

  static connect(url: string, log: (line: string) => void = () => {}): AlertQueue {
    const connection = redis(url, log);
    const queue = new Queue<AlertJobData>(ALERT_QUEUE, { connection });
    queue.on('error', (error) => log(`alert queue: ${error.message}`));
    return new AlertQueue(queue, connection);
  }

  /**
   * Queues checks of sellers, each under its `id`. While a job of that id waits or runs, adding it
   * again does nothing, so a sweep that comes round before the last one's checks ran adds no second
   * copy. With `keep`, a check stays listed in the queue for an hour after it ends (one id per import,
   * so keeping it blocks nothing); a sweep's are removed at once, so the next sweep can add them.
   */
  async checks(list: ReadonlyArray<{ sellerId: string; id: string }>, keep = false): Promise<void> {
    const removeWhenDone = keep ? { age: 3_600, count: 10_000 } : true;
    // In slices: one sweep of thousands of sellers is a few round trips, not one huge one.
    for (let from = 0; from < list.length; from += 500)
      await this.queue.addBulk(
        list.slice(from, from + 500).map(({ sellerId, id }) => ({
          name: 'check',
          data: { kind: 'check' as const, sellerId },
          opts: {
            jobId: id,
            attempts: ATTEMPTS,
            backoff: { type: 'exponential', delay: 1_000 },
            removeOnComplete: removeWhenDone,
            removeOnFail: removeWhenDone,
          },
        })),
      );
  }

  /** Where a check queued under `id` stands ('completed', 'failed', 'active', …, or 'unknown'). */
  async state(id: string): Promise<string> {
    return this.queue.getJobState(id);
  }

  /**
   * Sets the schedule of the sweep (every `everyMs`), or removes it (null). Every worker sets it at
   * start; BullMQ keeps one schedule per id, so the last worker started decides the interval.
   */
  async schedule(everyMs: number | null): Promise<void> {
    if (everyMs === null) await this.queue.removeJobScheduler(SWEEP);
    else
      await this.queue.upsertJobScheduler(
        SWEEP,
        { every: everyMs },
        { name: 'sweep', data: { kind: 'sweep' }, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface AlertWorkerOptions {
  redis: string;
  concurrency: number;
  lockDurationMs?: number;
  /** Runs one check or sweep. A user error (rules naming an unset variable) is not retried. */
  run: (data: AlertJobData) => Promise<void>;
  log?: (line: string) => void;
}

export function startAlertWorker(options: AlertWorkerOptions): RunningWorker {
  const log = options.log ?? (() => {});
  const connection = redis(options.redis, log);
  const name = `${hostname()}:${process.pid}`;
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<AlertJobData>(
    ALERT_QUEUE,
    async (job: Job<AlertJobData>) => {
      try {
        await options.run(job.data);
      } catch (error) {
        if (error instanceof BallastError && error.isUserError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, concurrency: options.concurrency, lockDuration, stalledInterval: lockDuration, name },
  );
  worker.on('error', (error) => log(`alert queue: ${error.message}`));
  // A check has no job row for its error to show in: the worker's log is where it is seen.
  worker.on('failed', (job, error) =>
    log(`alert ${job?.data.kind ?? 'job'} ${job?.id ?? ''} failed: ${error.message}`),
  );
  return {
    name,
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}
