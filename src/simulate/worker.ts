import { parentPort } from 'node:worker_threads';
import { runPaths, type PathOutputs, type Prepared, type VariantWorld } from './kernel.js';
import type { SimModel } from './model.js';

/** What every chunk of one pool run shares: sent to a worker once per run, not with every chunk. */
export interface JobSpec {
  jobId: number;
  model: SimModel;
  prepared: Prepared;
  record: boolean;
  variants: readonly VariantWorld[];
}

/** A worker thread runs the paths it is sent and posts their outputs back (buffers transferred). */
export interface Task {
  id: number;
  jobId: number;
  /** Present when this worker has not seen the job yet. */
  job?: JobSpec;
  paths: Int32Array;
}

let job: JobSpec | undefined;

parentPort?.on('message', (task: Task) => {
  if (task.job) job = task.job;
  if (!job || job.jobId !== task.jobId)
    throw new Error(`simulation worker: task for unknown job ${task.jobId}`);
  const out: PathOutputs = runPaths(job.model, job.prepared, task.paths, {
    record: job.record,
    variants: job.variants,
  });
  const buffers = Object.values(out).map((array: ArrayBufferView) => array.buffer as ArrayBuffer);
  parentPort?.postMessage({ id: task.id, out }, [...new Set(buffers)]);
});
