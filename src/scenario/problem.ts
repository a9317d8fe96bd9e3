/**
 * How a scenario problem is reported: one BallastError('bad-input') whose message reads
 * `FILE: KEY.PATH: what is wrong`, the path in the YAML's own spelling (`events[0].pre_onset.days`),
 * and whose hint says what to do next.
 */
import { BallastError } from '../errors.js';

export type KeyPath = ReadonlyArray<string | number>;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['events', 0, 'diversion', 'amazon', 'share']` → `events[0].diversion.amazon.share`. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A value as it appears in a message: strings quoted and cut short, containers by kind. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Numbers in messages: at most 4 decimals, no float noise (0.1 + 0.2 shows as 0.3). */
export function showNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

/**
 * Throws the one error a scenario problem becomes. The key path travels with it, so a face can
 * point at the place (the engine adds the line and column from the text).
 */
export function scenarioProblem(
  fileName: string,
  path: KeyPath,
  what: string,
  hint: string,
  at?: { line: number; column: number },
): never {
  const where = path.length === 0 ? fileName : `${fileName}: ${formatPath(path)}`;
  throw new BallastError('bad-input', `${where}: ${what}`, { hint, place: { path, ...at } });
}

/** The closest of `candidates` to `word` within two edits (case-insensitive), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length];
}
