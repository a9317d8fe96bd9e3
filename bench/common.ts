import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { BallastError } from '../src/errors.js';

/** Helpers every benchmark reads its flags, prints and summarises with. */

/** A benchmark's flags checked by its zod schema; a problem is a usage error naming the flag, with the usage. */
export function benchOptions<T extends z.ZodType>(
  bench: string,
  schema: T,
  values: unknown,
  usage: string,
): z.infer<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BallastError('usage', `${bench} benchmark: ${problems}`, { hint: usage });
  }
  return parsed.data;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Peak resident memory of this process so far, in MB. */
export const rssMB = (): number => process.resourceUsage().maxRSS / 1024;

/** A plain table on stdout: the first column left-aligned, the figures right-aligned. */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// A measurement runs in a fresh Node process, so its peak RSS, heap and JIT state are its own and
// not what the parent (or the previous measurement) left behind. The parent starts
// `node <module> --child '<job JSON>'`; the child prints its result as the last line of stdout.

/** Starts the benchmark module at `moduleUrl` as a child measuring `job`; its stderr goes to ours. */
export function spawnChild(moduleUrl: string, job: unknown): ChildProcessByStdio<null, Readable, null> {
  return spawn(process.execPath, [fileURLToPath(moduleUrl), '--child', JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Runs `job` in a child of the module at `moduleUrl` and returns the last line it printed, checked by `result`. */
export function inChild<T>(moduleUrl: string, job: unknown, result: z.ZodType<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(moduleUrl, job);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      const parsed = result.safeParse(last.startsWith('{') ? JSON.parse(last) : undefined);
      if (parsed.success) resolve(parsed.data);
      else
        reject(
          new BallastError('internal', `benchmark child (${what}) exited with code ${code} and no result`),
        );
    });
  });
}

/**
 * The child's side: when Node was started with the module at `moduleUrl` and `--child`, measures the
 * job and prints what `measure` returns (if anything) as one JSON line; a failure exits with code 2.
 */
export function runIfChild<J>(
  moduleUrl: string,
  job: z.ZodType<J>,
  measure: (job: J) => Promise<unknown>,
): void {
  const [, script, flag, json] = process.argv;
  if (!script || moduleUrl !== pathToFileURL(script).href || flag !== '--child') return;
  measure(job.parse(JSON.parse(json ?? '')))
    .then((result) => {
      if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}

/** Deletes a workspace file with its write-ahead log and spill folder, so the next run starts fresh. */
export async function removeWorkspace(db: string): Promise<void> {
  for (const suffix of ['', '.wal', '.tmp']) await rm(db + suffix, { recursive: true, force: true });
}
