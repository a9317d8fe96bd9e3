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
