import { parentPort } from 'node:worker_threads';
import { runPaths, type PathOutputs, type Prepared } from './kernel.js';
import type { SimModel } from './model.js';

/** A worker thread runs the paths it is sent and posts their outputs back (buffers transferred). */
export interface Task {
  id: number;
  model: SimModel;
  prepared: Prepared;
  paths: Int32Array;
  disabled?: Uint8Array;
  record: boolean;
}

parentPort?.on('message', (task: Task) => {
  const out: PathOutputs = runPaths(task.model, task.prepared, task.paths, task.disabled, task.record);
  const buffers = Object.values(out).map((array: ArrayBufferView) => array.buffer as ArrayBuffer);
  parentPort!.postMessage({ id: task.id, out }, [...new Set(buffers)]);
});
