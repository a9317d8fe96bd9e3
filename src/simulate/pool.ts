import { Worker } from 'node:worker_threads';
import { BallastError } from '../errors.js';
import { workerEntry } from '../worker-entry.js';
import { runPaths, type PathOutputs, type Prepared, type VariantWorld } from './kernel.js';
import type { SimModel } from './model.js';
import type { JobSpec, Task } from './worker.js';

/** At most this many paths per task, and at least MIN_CHUNK: enough tasks to balance the threads. */
const MAX_CHUNK = 500;
const MIN_CHUNK = 25;
/** Tasks per worker a run is cut into when it has few paths (a tornado run is 500 paths of 30 worlds). */
const CHUNKS_PER_WORKER = 4;

export interface Job {
  model: SimModel;
  prepared: Prepared;
  paths: Int32Array;
  /** Record the planner's extra outputs (see `RecordedOutputs`). */
  record?: boolean;
  /** Worlds run on the same draws as the event world (see `RunOptions`). */
  variants?: readonly VariantWorld[];
  /** Only paths with an index below this run the variant worlds (see `RunOptions`). */
  variantsBelow?: number;
}

let nextId = 1;

/**
 * Runs jobs on worker threads, or inline for one worker. Paths are cut into chunks handed out as
 * workers free up; results are put back in path order, so the worker count never changes a number.
 * A worker receives a model and its tables once, with its first chunk of the first job on them (a
 * run's main paths, tornado and tail share one: megabytes of tables not copied again), and each
 * job's own settings with its first chunk of that job.
 */
export class Pool {
  private readonly workers: Worker[] = [];
  private readonly seenJob = new Map<Worker, number>();
  private readonly seenBase = new Map<Worker, number>();
  private base: { id: number; model: SimModel; prepared: Prepared } | undefined;

  /** `signal`: stop handing out chunks once it aborts; `run` then rejects with a 'cancelled' error. */
  constructor(
    readonly size: number,
    private readonly signal?: AbortSignal,
  ) {
    if (size > 1) {
      const entry = workerEntry(new URL('./worker.js', import.meta.url), 'simulation worker');
      for (let i = 0; i < size; i++) this.workers.push(new Worker(entry));
    }
  }

  async run(job: Job, onChunk?: (done: number, total: number) => void): Promise<PathOutputs[]> {
    // Paths that also run variant worlds (a leading run of them) cost several times the others:
    // they are cut into chunks of their own, sized as for a job of those paths alone.
    const below = job.variantsBelow ?? Infinity;
    let heavy = 0;
    while (heavy < job.paths.length && job.paths[heavy] < below) heavy++;
    const chunks = [...this.cut(job.paths.subarray(0, heavy)), ...this.cut(job.paths.subarray(heavy))];
    const options = {
      record: job.record === true,
      variants: job.variants ?? [],
      ...(job.variantsBelow !== undefined ? { variantsBelow: job.variantsBelow } : {}),
    };
    if (this.workers.length === 0) {
      return chunks.map((paths, i) => {
        this.throwIfCancelled();
        const out = runPaths(job.model, job.prepared, paths, options);
        onChunk?.(i + 1, chunks.length);
        return out;
      });
    }
    if (this.base?.model !== job.model || this.base.prepared !== job.prepared)
      this.base = { id: nextId++, model: job.model, prepared: job.prepared };
    const base = this.base;
    const spec: JobSpec = { jobId: nextId++, baseId: base.id, ...options };
    const results: PathOutputs[] = new Array<PathOutputs>(chunks.length);
    let next = 0;
    let done = 0;
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (this.signal?.aborted) {
                reject(cancelled());
                return;
              }
              if (next >= chunks.length) {
                worker.off('message', take);
                worker.off('error', reject);
                resolve();
                return;
              }
              const id = next++;
              const freshJob = this.seenJob.get(worker) !== spec.jobId;
              const freshBase = this.seenBase.get(worker) !== base.id;
              this.seenJob.set(worker, spec.jobId);
              this.seenBase.set(worker, base.id);
              const task: Task = {
                id,
                jobId: spec.jobId,
                paths: chunks[id].slice(),
                ...(freshJob ? { job: spec } : {}),
                ...(freshBase ? { base: { id: base.id, model: base.model, prepared: base.prepared } } : {}),
              };
              worker.postMessage(task);
            };
            const take = (message: { id: number; out: PathOutputs }) => {
              results[message.id] = message.out;
              onChunk?.(++done, chunks.length);
              give();
            };
            worker.on('message', take);
            worker.on('error', reject);
            give();
          }),
      ),
    );
    return results;
  }

  /** Paths in chunks: enough of them to keep every thread busy, each of MIN_CHUNK to MAX_CHUNK paths. */
  private cut(paths: Int32Array): Int32Array[] {
    const chunk = Math.min(
      MAX_CHUNK,
      Math.max(MIN_CHUNK, Math.ceil(paths.length / (CHUNKS_PER_WORKER * Math.max(1, this.size)))),
    );
    const chunks: Int32Array[] = [];
    for (let at = 0; at < paths.length; at += chunk) chunks.push(paths.subarray(at, at + chunk));
    return chunks;
  }

  private throwIfCancelled(): void {
    if (this.signal?.aborted) throw cancelled();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function cancelled(): BallastError {
  return new BallastError('cancelled', 'the simulation was cancelled', {
    hint: 'Start it again when you need it.',
  });
}

/** Joins chunk outputs (in path order) into one PathOutputs: every array, chunk after chunk. */
export function concatOutputs(parts: PathOutputs[]): PathOutputs {
  const first = parts[0];
  const joined: Record<string, ArrayBufferView> = {};
  for (const key of Object.keys(first) as Array<keyof PathOutputs>) {
    const arrays = parts.map((p) => p[key]).filter((a) => a !== undefined);
    const total = arrays.reduce((n, a) => n + a.length, 0);
    const out = new (arrays[0].constructor as new (n: number) => NonNullable<PathOutputs[typeof key]>)(total);
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    joined[key] = out;
  }
  return joined as unknown as PathOutputs;
}
