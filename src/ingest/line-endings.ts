import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BallastError } from '../errors.js';
import { namingTarget } from './decode.js';

const CR = 0x0d;
const LF = 0x0a;

/**
 * DuckDB's strict CSV reader takes one line ending per file and refuses a file that mixes them ("The
 * CSV Parser state machine reached an invalid state"): one CRLF line among LF lines, two exports
 * concatenated, a lone CR. Such a file is read from a copy with every line ending made LF, in
 * `target`; a file with one kind throughout is read where it is. A lone CR inside a row splits it,
 * and the halves become rejects like any short row.
 */
export async function uniformLineEndings(
  path: string,
  target: string,
  name: string,
  scanned?: LineScan,
): Promise<string> {
  const { mixed, longest } = scanned ?? (await scanLines(path));
  if (longest > MAX_LINE_BYTES)
    throw new BallastError(
      'bad-file',
      `${name}: a line is ${(longest / 1024 ** 2).toFixed(0)} MB long; Ballast reads lines of at most ${MAX_LINE_BYTES / 1024 ** 2} MB`,
      { hint: 'The file is damaged or is not a channel export; download it again.' },
    );
  if (!mixed) return path;
  await pipeline(createReadStream(path), toLf(), createWriteStream(target)).catch(namingTarget(target));
  return target;
}

/**
 * The longest line DuckDB's reader is given (its `max_line_size`, in import-batch.ts). A longer one is
 * refused here: DuckDB takes time that grows with the square of its length to reject it (a 60 MB line
 * took over two minutes), and no channel export has a row of even one megabyte.
 */
export const MAX_LINE_BYTES = 16 * 1024 ** 2;

/** What `scanLines` finds in one pass over a file. */
export interface LineScan {
  mixed: boolean;
  longest: number;
  /** The file's SHA-256 (hex), when asked for. */
  sha256?: string;
}

/**
 * Whether the file mixes line endings (a lone CR, or both CRLF and bare LF), and the length of its
 * longest line that crosses a chunk boundary: every line longer than a chunk (1 MB) crosses one, so
 * each line over the limit is measured. One pass, native searches only; with `withHash`, the same
 * pass gives the file's SHA-256, so a file read where it is gets read once before DuckDB reads it.
 */
export async function scanLines(path: string, withHash = false): Promise<LineScan> {
  const hash = withHash ? createHash('sha256') : undefined;
  let sawCrlf = false;
  let sawBareLf = false;
  let pendingCr = false;
  let mixed = false;
  let run = 0; // bytes since the last LF
  let longest = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash?.update(chunk);
    const firstLf = chunk.indexOf(LF);
    if (firstLf === -1) run += chunk.length;
    else {
      longest = Math.max(longest, run + firstLf);
      run = chunk.length - chunk.lastIndexOf(LF) - 1;
    }
    if (mixed) continue;
    let crlf = 0;
    if (pendingCr) {
      if (chunk[0] !== LF) mixed = true;
      crlf++;
    }
    pendingCr = false;
    for (let at = chunk.indexOf(CR); at !== -1 && !mixed; at = chunk.indexOf(CR, at + 1)) {
      if (at === chunk.length - 1) pendingCr = true;
      else if (chunk[at + 1] === LF) crlf++;
      else mixed = true;
    }
    // Without a CR in the chunk, any LF is bare; with some, count them against the CRLFs.
    let lf = 0;
    if (crlf === 0) lf = firstLf === -1 ? 0 : 1;
    else for (let at = firstLf; at !== -1; at = chunk.indexOf(LF, at + 1)) lf++;
    sawCrlf ||= crlf > 0;
    sawBareLf ||= lf > crlf;
    if (sawCrlf && sawBareLf) mixed = true;
  }
  return {
    mixed: mixed || (pendingCr && sawBareLf),
    longest: Math.max(longest, run),
    ...(hash ? { sha256: hash.digest('hex') } : {}),
  };
}

/** CRLF and lone CR to LF, a CR at the end of one chunk matched against the next. */
function toLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      let start = 0;
      if (pendingCr) {
        parts.push(Buffer.of(LF));
        if (chunk[0] === LF) start = 1;
        pendingCr = false;
      }
      for (let at = chunk.indexOf(CR, start); at !== -1; at = chunk.indexOf(CR, at + 1)) {
        parts.push(chunk.subarray(start, at));
        if (at === chunk.length - 1) {
          pendingCr = true;
          start = chunk.length;
          break;
        }
        parts.push(Buffer.of(LF));
        start = chunk[at + 1] === LF ? at + 2 : at + 1;
        at = start - 1;
      }
      parts.push(chunk.subarray(start));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.of(LF) : null);
    },
  });
}
