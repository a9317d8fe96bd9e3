import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BallastError } from '../errors.js';
import { runPaths, type PathOutputs, type Prepared } from './kernel.js';
import type { SimModel } from './model.js';
import type { Task } from './worker.js';

/** Paths per task: small enough to balance two cores, large enough to amortise messaging. */
const CHUNK = 500;

export interface Job {
  model: SimModel;
  prepared: Prepared;
  paths: Int32Array;
  disabled?: Uint8Array;
  /** Record the planner's extra outputs (see `RecordedOutputs`). */
  record?: boolean;
}

/**
 * Runs jobs on worker threads, or inline for one worker. Paths are cut into chunks handed out as
 * workers free up; results are put back in path order, so the worker count never changes a number.
 */
export class Pool {
  private readonly workers: Worker[] = [];

  /** `signal`: stop handing out chunks once it aborts; `run` then rejects with a 'cancelled' error. */
  constructor(
    readonly size: number,
    private readonly signal?: AbortSignal,
  ) {
    if (size > 1) {
      const entry = workerEntry();
      for (let i = 0; i < size; i++) this.workers.push(new Worker(entry));
    }
  }

  async run(job: Job, onChunk?: (done: number, total: number) => void): Promise<PathOutputs[]> {
    const chunks: Int32Array[] = [];
    for (let at = 0; at < job.paths.length; at += CHUNK) chunks.push(job.paths.subarray(at, at + CHUNK));
    if (this.workers.length === 0) {
      return chunks.map((paths, i) => {
        this.throwIfCancelled();
        const out = runPaths(job.model, job.prepared, paths, job.disabled, job.record);
        onChunk?.(i + 1, chunks.length);
        return out;
      });
    }
    const results: PathOutputs[] = new Array(chunks.length);
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
              const task: Task = {
                id,
                model: job.model,
                prepared: job.prepared,
                paths: chunks[id]!.slice(),
                ...(job.disabled ? { disabled: job.disabled } : {}),
                record: job.record === true,
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

/**
 * The compiled worker script. Under the test runner this module is TypeScript source, which a
 * worker thread cannot load, so it falls back to the build in dist/ (`npm test` builds first).
 */
function workerEntry(): string {
  const here = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = here.replace(/([\\/])src([\\/]simulate[\\/]worker\.js)$/, '$1dist$1src$2');
  if (existsSync(built)) return built;
  throw new BallastError('internal', `cannot find the simulation worker (${here})`, {
    hint: 'Run `npm run build` first.',
  });
}

/** Joins chunk outputs (in path order) into one PathOutputs. */
export function concatOutputs(parts: PathOutputs[]): PathOutputs {
  const first = parts[0]!;
  const join = <T extends Float64Array | Float32Array | Uint8Array | Int32Array>(
    pick: (p: PathOutputs) => T,
  ): T => {
    const total = parts.reduce((n, p) => n + pick(p).length, 0);
    const out = new (pick(first).constructor as new (n: number) => T)(total);
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += pick(p).length;
    }
    return out;
  };
  return {
    paths: join((p) => p.paths),
    revenueBase: join((p) => p.revenueBase),
    revenueEvent: join((p) => p.revenueEvent),
    profitBase: join((p) => p.profitBase),
    profitEvent: join((p) => p.profitEvent),
    minCash: join((p) => p.minCash),
    lostUnits: join((p) => p.lostUnits),
    divertedUnits: join((p) => p.divertedUnits),
    strandedUnits: join((p) => p.strandedUnits),
    dailyRevenue: join((p) => p.dailyRevenue),
    occurred: join((p) => p.occurred),
    ...(first.unmet
      ? {
          unmet: join((p) => p.unmet!),
          endStock: join((p) => p.endStock!),
          groupMargin: join((p) => p.groupMargin!),
        }
      : {}),
  };
}
