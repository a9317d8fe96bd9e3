/**
 * The CPLEX LP text HiGHS writes, in the dialect other solvers read. Without this, cbc 2.10 would
 * silently solve another problem from `ballast plan --export-lp` (see `readerTail`).
 */
import { BallastError } from '../errors.js';

/**
 * The readers' dialect of what HiGHS writes. HiGHS ends the file with `bin`, `gen` and `semi`
 * sections, empty ones included. CoinLpIO (cbc 2.10) knows only `binary`/`binaries` and
 * `general`/`generals`: it reads `bin` and `gen` as column names, the binaries become continuous
 * columns in [0, ∞) and cbc solves another problem. GLPK knows `bin` and `gen` but not `semi`,
 * which it reads as one more general integer column (unbounded, in no row, cost 0). So: the long
 * keywords, and empty sections dropped. The model is unchanged; a non-empty `semi` section (which
 * Ballast never writes) is refused rather than dropped.
 *
 * @param tail the file's last lines, from the first section after `bounds` (see `tailStart`)
 */
export function readerTail(tail: string): string {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of tail.split('\n')) {
    const word = line.trim();
    if (word === '') continue;
    const keyword = KEYWORDS[word.toLowerCase()];
    if (keyword === 'end') break;
    if (keyword) {
      current = sections.get(keyword) ?? [];
      sections.set(keyword, current);
    } else if (current) current.push(line);
    else
      throw new BallastError(
        'internal',
        `LP tail starts with ${JSON.stringify(line)}, not a section keyword`,
      );
  }
  if (sections.get('semi')?.length)
    throw new BallastError('internal', 'the LP has semi-continuous columns: not rewritten for glpsol');
  const out: string[] = [];
  for (const [keyword, lines] of [
    ['binary', sections.get('binary')],
    ['general', sections.get('general')],
  ] as const) {
    if (lines?.length) out.push(keyword, ...lines);
  }
  return `${[...out, 'end'].join('\n')}\n`;
}

const KEYWORDS: Record<string, 'binary' | 'general' | 'semi' | 'end'> = {
  bin: 'binary',
  binary: 'binary',
  binaries: 'binary',
  gen: 'general',
  general: 'general',
  generals: 'general',
  int: 'general',
  integer: 'general',
  integers: 'general',
  semi: 'semi',
  semis: 'semi',
  'semi-continuous': 'semi',
  end: 'end',
};

/**
 * Where the integrality sections begin: walking back from `end`, the lines that are a keyword or a
 * single column name (bound lines always have an operator or `free`). -1 when there is no `end`.
 */
export function tailStart(text: string): number {
  let at = text.length;
  let start = -1;
  while (at > 0) {
    const from = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(from, at).trim();
    at = from;
    if (line === '') continue;
    const single = /^\S+$/.test(line) && !/[<>=:]/.test(line);
    if (!single) break;
    if (KEYWORDS[line.toLowerCase()] && KEYWORDS[line.toLowerCase()] !== 'end') start = from;
    if (at === 0) break;
  }
  return start;
}

/** Rewrites `text` (an LP file) into the readers' dialect. */
export function readerLp(text: string): string {
  const start = tailStart(text);
  return start < 0 ? text : text.slice(0, start) + readerTail(text.slice(start));
}
