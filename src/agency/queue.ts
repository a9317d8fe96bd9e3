/**
 * The job queue of server mode: BullMQ on Redis. The server adds work; any number of worker
 * processes, on any machine that reaches Redis, Postgres and the data folder, take it. BullMQ
 * retries failed work with backoff, and hands work whose worker died (its lock not renewed) to
 * another worker. Postgres keeps what the API shows of each job (jobs.ts); Redis only carries it.
 */
import { hostname } from 'node:os';
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { BallastError } from '../errors.js';

export const QUEUE_NAME = 'ballast-jobs';
/** Blocks of a large simulation's paths, run by any worker while the job that split them waits. */
export const BLOCK_QUEUE = 'ballast-blocks';
export const WORK_KINDS = ['import', 'simulation', 'plan'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** What a worker needs to run a job; the input was validated by the server that queued it. */
export interface WorkData {
  jobId: string;
  orgId: string;
  sellerId: string;
  kind: WorkKind;
  input: Record<string, unknown>;
}

/** Tries per job, the first included; waits 1 s, 2 s, 4 s … between them. */
export const ATTEMPTS = 3;

/** A Redis connection for BullMQ; its trouble goes to `log`, one line per error. */
export function redis(url: string, log: (line: string) => void = () => {}): Redis {
  // BullMQ's blocking commands need maxRetriesPerRequest null: a command waits for Redis to return.
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // Without a listener ioredis prints every failed reconnection.
  connection.on('error', (error: Error) => log(`redis: ${error.message}`));
  return connection;
}

export class JobQueue {
  private constructor(
    private readonly queue: Queue<WorkData>,
    private readonly connection: Redis,
  ) {}

  /** Connects (lazily: Redis may come later); connection trouble goes to `log`, and adds then fail. */
  static connect(url: string, log: (line: string) => void = () => {}): JobQueue {
    const connection = redis(url, log);
    const queue = new Queue<WorkData>(QUEUE_NAME, { connection });
    queue.on('error', (error) => log(`queue: ${error.message}`));
    return new JobQueue(queue, connection);
  }

  /** Queues a job under its own id (a second add of the same id is ignored by BullMQ). */
  async add(data: WorkData): Promise<void> {
    try {
      await this.queue.add(data.kind, data, {
        jobId: data.jobId,
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      });
    } catch (cause) {
      throw new BallastError('unavailable', 'the job queue (Redis) is not reachable', {
        hint: 'Try again in a moment; if it lasts, check that Redis is running and that --redis points at it.',
        cause,
      });
    }
  }

  /**
   * Takes a waiting job out of the queue; false when BullMQ would not (a worker holds it, or Redis is
   * out of reach). Postgres decides whether a job runs: a worker that takes a job marked cancelled
   * there does not run it, so a job left in Redis is harmless.
   */
  async remove(jobId: string): Promise<boolean> {
    return (await this.queue.remove(jobId).catch(() => 0)) === 1;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/** One block of paths, [from, to), of job `jobId`'s simulation. */
export interface BlockData {
  jobId: string;
  index: number;
  from: number;
  to: number;
}

/**
 * Hands out a job's blocks of paths and waits for them all. Block ids are `<jobId>-<index>`: a
 * retried job finds the blocks already done and does not run them again.
 */
export class BlockQueue {
  private constructor(
    private readonly queue: Queue<BlockData>,
    private readonly events: QueueEvents,
    private readonly connections: readonly Redis[],
  ) {}

  static connect(url: string, log: (line: string) => void = () => {}): BlockQueue {
    const connection = redis(url, log);
    // The events reader blocks on its connection, so it gets one of its own.
    const eventsConnection = redis(url, log);
    const events = new QueueEvents(BLOCK_QUEUE, { connection: eventsConnection });
    events.on('error', (error) => log(`block events: ${error.message}`));
    return new BlockQueue(new Queue<BlockData>(BLOCK_QUEUE, { connection }), events, [
      connection,
      eventsConnection,
    ]);
  }

  async runAll(blocks: readonly BlockData[]): Promise<void> {
    await this.events.waitUntilReady();
    const added = await Promise.all(
      blocks.map((block) =>
        this.queue.add('block', block, {
          jobId: `${block.jobId}-${block.index}`,
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: 10_000,
          removeOnFail: 10_000,
        }),
      ),
    );
    await Promise.all(added.map((job) => job.waitUntilFinished(this.events)));
  }

  /** BullMQ closes only the connections it made: ours are ended here, or they keep the process alive. */
  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }
}

export interface WorkerOptions {
  redis: string;
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal: a worker that dies hands its jobs on after about
   * this long (BullMQ renews it at half this while the worker lives).
   */
  lockDurationMs?: number;
  /** Runs one job; `attempt` counts from 1. A user error (not 'internal') is not retried. */
  run: (data: WorkData, attempt: number) => Promise<void>;
  /** Runs one block of a split simulation (one at a time per process, beside the jobs). */
  runBlock?: (data: BlockData) => Promise<void>;
  log?: (line: string) => void;
}

export interface RunningWorker {
  name: string;
  close(): Promise<void>;
}

export function startWorker(options: WorkerOptions): RunningWorker {
  const connection = redis(options.redis, options.log);
  const name = `${hostname()}:${process.pid}`;
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<WorkData>(
    QUEUE_NAME,
    async (job: Job<WorkData>) => {
      try {
        await options.run(job.data, job.attemptsMade + 1);
      } catch (error) {
        // Retrying cannot fix the caller's input; it fails at once, with its message kept.
        if (error instanceof BallastError && error.isUserError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, concurrency: options.concurrency, lockDuration, stalledInterval: lockDuration, name },
  );
  worker.on('error', (error) => options.log?.(`queue: ${error.message}`));
  const { runBlock } = options;
  const blockConnection = runBlock ? redis(options.redis, options.log) : null;
  // Its own worker, so a process busy with a job that waits for its blocks can still run blocks.
  const blocks =
    runBlock && blockConnection
      ? new Worker<BlockData>(BLOCK_QUEUE, async (job: Job<BlockData>) => runBlock(job.data), {
          connection: blockConnection,
          concurrency: 1,
          lockDuration,
          stalledInterval: lockDuration,
          name,
        })
      : null;
  blocks?.on('error', (error) => options.log?.(`block queue: ${error.message}`));
  return {
    name,
    close: async () => {
      await blocks?.close();
      await worker.close();
      blockConnection?.disconnect();
      connection.disconnect();
    },
  };
}
