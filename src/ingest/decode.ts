import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { BallastError } from '../errors.js';

/** Bytes read to sniff encoding and find the header: enough for long preambles and wide headers. */
const SNIFF_BYTES = 1 << 20;

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface Sniffed {
  encoding: Encoding;
  /** True when the encoding was guessed from invalid UTF-8 rather than declared by a BOM. */
  guessed: boolean;
  /** Whether the file is a ZIP container (XLSX). */
  zip: boolean;
  /** The start of the file as text, BOM removed. */
  text: string;
  /** True when `text` is the whole file. */
  complete: boolean;
  bytes: number;
}

/**
 * Decodes the head of a file the way Actual Budget's importers do: a declared encoding wins, then a
 * BOM, then UTF-8 if the bytes are valid UTF-8. Amazon JP reports are Shift_JIS (cp932) and some EU
 * reports Windows-1252, both undeclared, so invalid UTF-8 falls back to whichever of those decodes
 * without replacement characters.
 */
export async function sniffFile(path: string, declared?: Encoding): Promise<Sniffed> {
  const handle = await open(path, 'r').catch((cause: unknown) => {
    throw new BallastError('not-found', `${path}: cannot open the file`, {
      hint: 'Check the path and that you may read the file.',
      cause,
    });
  });
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(buffer, 0, buffer.length, 0);
    const complete = buffer.length === size;
    const zip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
    if (zip) return { encoding: 'utf-8', guessed: false, zip, text: '', complete, bytes: size };
    const { encoding, guessed, bomLength } = chooseEncoding(buffer, complete, declared);
    const body = buffer.subarray(bomLength);
    const text = iconv.decode(complete ? body : trimPartialChar(body, encoding), encoding);
    return { encoding, guessed, zip, text, complete, bytes: size };
  } finally {
    await handle.close();
  }
}

function chooseEncoding(
  buffer: Buffer,
  complete: boolean,
  declared: Encoding | undefined,
): { encoding: Encoding; guessed: boolean; bomLength: number } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { encoding: declared ?? 'utf-8', guessed: false, bomLength: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { encoding: 'utf-16le', guessed: false, bomLength: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { encoding: 'utf-16be', guessed: false, bomLength: 2 };
  if (declared) return { encoding: declared, guessed: false, bomLength: 0 };
  const utf16 = utf16WithoutBom(buffer);
  if (utf16) return { encoding: utf16, guessed: true, bomLength: 0 };
  if (isValidUtf8(complete ? buffer : trimPartialChar(buffer, 'utf-8'))) {
    return { encoding: 'utf-8', guessed: false, bomLength: 0 };
  }
  const sjis = iconv.decode(buffer, 'shift_jis');
  const looksJapanese = !sjis.includes('\uFFFD') && /[\u3040-\u30ff\u4e00-\u9fff]/.test(sjis);
  return { encoding: looksJapanese ? 'shift_jis' : 'windows-1252', guessed: true, bomLength: 0 };
}

/**
 * UTF-16 saved without a BOM (some Windows tools do): text in Latin scripts then has a NUL byte in
 * every other position. Valid UTF-8 text never holds NUL, so a NUL on one side of most byte pairs and
 * almost none on the other is UTF-16, its side giving the byte order.
 */
function utf16WithoutBom(buffer: Buffer): Encoding | undefined {
  const pairs = Math.floor(Math.min(buffer.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (buffer[2 * i] === 0) evenNul++;
    if (buffer[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= 0.6 * pairs && evenNul <= 0.05 * pairs) return 'utf-16le';
  if (evenNul >= 0.6 * pairs && oddNul <= 0.05 * pairs) return 'utf-16be';
  return undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Drops a multi-byte character cut in half at the end of a sniffed prefix. */
function trimPartialChar(buffer: Buffer, encoding: Encoding): Buffer {
  if (encoding !== 'utf-8') return buffer;
  const end = buffer.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = buffer[end - back];
    if ((byte & 0xc0) === 0xc0) return buffer.subarray(0, end - back);
    if ((byte & 0x80) === 0) break;
  }
  return buffer;
}

/** Streams a non-UTF-8 file into a UTF-8 copy so DuckDB's reader can take it. */
export async function transcodeToUtf8(source: string, encoding: Encoding, target: string): Promise<void> {
  await pipeline(
    createReadStream(source),
    iconv.decodeStream(encoding, { stripBOM: true }),
    iconv.encodeStream('utf-8'),
    createWriteStream(target),
  ).catch(namingTarget(target));
}

/**
 * A pipe (`<(cat f.csv)`, /dev/stdin) can be read once and has no size: copy it into `target` so it
 * can be sniffed, hashed and read like any file. A regular file is read where it is.
 */
export async function readablePath(source: string, target: string): Promise<string> {
  const info = await stat(source).catch((cause: unknown) => {
    throw new BallastError('not-found', `${source}: cannot open the file`, {
      hint: 'Check the path and that you may read the file.',
      cause,
    });
  });
  if (info.isFile()) return source;
  if (info.isDirectory()) {
    throw new BallastError('bad-input', `${source} is a folder, not a file`, {
      hint: 'Name the export files themselves: ballast import exports/*.csv',
    });
  }
  await pipeline(createReadStream(source), createWriteStream(target)).catch(namingTarget(target));
  return target;
}

/** Node's write errors carry no path; a full disk should still say which file it was writing. */
export const namingTarget =
  (target: string) =>
  (error: unknown): never => {
    const e = error as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && !e.path) e.path = target;
    throw error;
  };

/** SHA-256 of a file, streamed: the identity of an import. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
