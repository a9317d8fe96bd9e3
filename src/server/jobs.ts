/**
 * Long work off the request thread: each job runs in the background with progress and a cancel
 * switch, and listeners (server-sent events) hear its progress and its end. Every job writes to the
 * workspace, so one runs at a time; starting another while one runs is refused with what is running.
 */
import { randomUUID } from 'node:crypto';
import { BallastError, asBallastError } from '../errors.js';

export const JOB_KINDS = ['import', 'simulation', 'plan', 'demo'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  progress: Progress | null;
  createdAt: string;
  finishedAt?: string;
  runId?: string;
  error?: { code: string; message: string; hint?: string };
}

/** Who hears each job start and end, besides its listeners (see Jobs). */
export interface JobHooks {
  started?: (job: Job) => Promise<void>;
  ended?: (job: Job) => Promise<void>;
}

export type JobEvent = { type: 'progress'; progress: Progress } | { type: 'end'; job: Job };

interface Entry {
  job: Job;
  controller: AbortController;
  listeners: Set<(event: JobEvent) => void>;
  finished: Promise<void>;
}

export interface JobContext {
  signal: AbortSignal;
  progress: (stage: string, done: number, total: number) => void;
}

/** Jobs kept for listing; older finished ones are forgotten. */
const KEEP = 100;

export class Jobs {
  private readonly entries = new Map<string, Entry>();
  private running: Entry | null = null;

  /**
   * `hooks` hear each job start and end (server mode records them in Postgres, and the seller's new
   * figures after a success): each is awaited, the end before the next job may start and before the
   * job's listeners hear it; a hook's failure is logged and changes nothing of the job.
   */
  constructor(
    private readonly log: (line: string) => void = () => {},
    private readonly hooks: JobHooks = {},
  ) {}

  /** Starts `work` in the background; refused with 'busy' while another job runs. */
  start(kind: JobKind, work: (ctx: JobContext) => Promise<{ runId?: string }>): Job {
    return this.begin(kind, work).job;
  }

  /** Runs `work` as a job and waits for it (an upload answers with its result, yet holds the writer slot). */
  async run<T>(kind: JobKind, work: (ctx: JobContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    const entry = this.begin(kind, async (ctx) => {
      result = await work(ctx);
      return {};
    });
    await entry.finished;
    if (entry.job.state !== 'done') throw entry.failure;
    return result as T;
  }

  list(): Job[] {
    return [...this.entries.values()].map((e) => e.job).reverse();
  }

  get(id: string): Job | null {
    return this.entries.get(id)?.job ?? null;
  }

  /** Asks a running job to stop; it ends as 'cancelled' at its next checkpoint. */
  cancel(id: string): Job | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.job.state === 'queued' || entry.job.state === 'running') entry.controller.abort();
    return entry.job;
  }

  /** Hears a job's progress and end; returns the unsubscribe function. Null for an unknown job. */
  listen(id: string, listener: (event: JobEvent) => void): (() => void) | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (isFinished(entry.job)) {
      listener({ type: 'end', job: entry.job });
      return () => {};
    }
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Waits for every job to end (a server shutting down, or a test). */
  async idle(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.finished));
  }

  private begin(
    kind: JobKind,
    work: (ctx: JobContext) => Promise<{ runId?: string }>,
  ): Entry & { failure?: BallastError } {
    if (this.running) {
      const { job } = this.running;
      throw new BallastError('busy', `another job is running: ${job.kind} ${job.id} (${describe(job)})`, {
        hint: `Wait for it to finish (GET /api/v1/jobs/${job.id}), or cancel it (DELETE /api/v1/jobs/${job.id}).`,
      });
    }
    const job: Job = {
      id: `job-${randomUUID().slice(0, 12)}`,
      kind,
      state: 'running',
      progress: null,
      createdAt: new Date().toISOString(),
    };
    const controller = new AbortController();
    const entry: Entry & { failure?: BallastError } = {
      job,
      controller,
      listeners: new Set(),
      finished: Promise.resolve(),
    };
    const emit = (event: JobEvent) => {
      for (const listener of entry.listeners) listener(event);
    };
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (stage, done, total) => {
        job.progress = { stage, done, total };
        emit({ type: 'progress', progress: job.progress });
      },
    };
    this.running = entry;
    this.entries.set(job.id, entry);
    this.forgetOld();
    entry.finished = (async () => {
      try {
        await this.hear('started', job);
        // Off the request: the handler has answered before the work starts.
        await new Promise((resolve) => setImmediate(resolve));
        const { runId } = await work(ctx);
        if (controller.signal.aborted) throw new BallastError('cancelled', `${kind} cancelled`);
        job.state = 'done';
        if (runId) job.runId = runId;
      } catch (thrown) {
        const error = asBallastError(thrown);
        entry.failure = error;
        job.state = controller.signal.aborted || error.code === 'cancelled' ? 'cancelled' : 'failed';
        job.error = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
        if (error.code === 'internal')
          this.log(`job ${job.id} failed: ${String((error.cause as Error)?.stack ?? error.stack)}`);
      } finally {
        job.finishedAt = new Date().toISOString();
        await this.hear('ended', job);
        this.running = null;
        emit({ type: 'end', job });
        entry.listeners.clear();
      }
    })();
    return entry;
  }

  private async hear(hook: keyof JobHooks, job: Job): Promise<void> {
    try {
      await this.hooks[hook]?.(job);
    } catch (error) {
      this.log(`job ${job.id} ${hook}: ${String((error as Error)?.stack ?? error)}`);
    }
  }

  private forgetOld(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= KEEP) break;
      if (isFinished(entry.job)) this.entries.delete(id);
    }
  }
}

const isFinished = (job: Job) => job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';

function describe(job: Job): string {
  return job.progress ? `${job.progress.stage} ${job.progress.done}/${job.progress.total}` : 'starting';
}
