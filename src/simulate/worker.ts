import { parentPort } from 'node:worker_threads';
import { runPaths, type PathOutputs, type Prepared, type VariantWorld } from './kernel.js';
import type { SimModel } from './model.js';

/** A model and its tables: sent to a worker once, for every job run on them. */
export interface JobBase {
  id: number;
  model: SimModel;
  prepared: Prepared;
}

/** What every chunk of one pool run shares: sent to a worker once per run, not with every chunk. */
export interface JobSpec {
  jobId: number;
  /** The `JobBase` the job runs on. */
  baseId: number;
  record: boolean;
  variants: readonly VariantWorld[];
  variantsBelow?: number;
}

/** A worker thread runs the paths it is sent and posts their outputs back (buffers transferred). */
export interface Task {
  id: number;
  jobId: number;
  /** Present when this worker has not seen the job yet. */
  job?: JobSpec;
  /** Present when this worker has not seen the job's model and tables yet. */
  base?: JobBase;
  paths: Int32Array;
}

let job: JobSpec | undefined;
let base: JobBase | undefined;

parentPort?.on('message', (task: Task) => {
  if (task.job) job = task.job;
  if (task.base) base = task.base;
  if (!job || job.jobId !== task.jobId)
    throw new Error(`simulation worker: task for unknown job ${task.jobId}`);
  if (!base || base.id !== job.baseId)
    throw new Error(
      `simulation worker: job ${job.jobId} on a model this worker was not sent (${job.baseId})`,
    );
  const out: PathOutputs = runPaths(base.model, base.prepared, task.paths, {
    record: job.record,
    variants: job.variants,
    ...(job.variantsBelow !== undefined ? { variantsBelow: job.variantsBelow } : {}),
  });
  const buffers = Object.values(out).map((array: ArrayBufferView) => array.buffer as ArrayBuffer);
  parentPort?.postMessage({ id: task.id, out }, [...new Set(buffers)]);
});
