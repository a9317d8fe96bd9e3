import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
export async function uniformLineEndings(path: string, target: string): Promise<string> {
  if (!(await mixesLineEndings(path))) return path;
  await pipeline(createReadStream(path), toLf(), createWriteStream(target)).catch(namingTarget(target));
  return target;
}

/** True when the file has a lone CR, or both CRLF and bare LF. One pass, native searches only. */
async function mixesLineEndings(path: string): Promise<boolean> {
  let sawCrlf = false;
  let sawBareLf = false;
  let pendingCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let crlf = 0;
    if (pendingCr) {
      if (chunk[0] !== LF) return true;
      crlf++;
    }
    pendingCr = false;
    for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) {
      if (at === chunk.length - 1) pendingCr = true;
      else if (chunk[at + 1] === LF) crlf++;
      else return true;
    }
    // Without a CR in the chunk, any LF is bare; with some, count them against the CRLFs.
    let lf = 0;
    if (crlf === 0) lf = chunk.includes(LF) ? 1 : 0;
    else for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lf++;
    sawCrlf ||= crlf > 0;
    sawBareLf ||= lf > crlf;
    if (sawCrlf && sawBareLf) return true;
  }
  return pendingCr && sawBareLf;
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
