/**
 * An upload of export files: the files of a multipart form (field `files`) and the import options
 * beside them, saved under their own names (readers recognise some exports by name). The single-seller
 * import route and server mode's queued import both take uploads this way.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Context } from 'hono';
import type { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';

export interface Upload {
  files: File[];
  options: z.output<typeof engine.importOptions>;
}

/** The form's files and options; a body that is no form, or has no file, is a usage error. */
export async function readUpload(c: Context): Promise<Upload> {
  let body: Record<string, string | File | Array<string | File>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch (cause) {
    throw new BallastError('usage', 'the body is not a multipart form', {
      hint: 'Send the files as multipart/form-data in the field `files`.',
      cause,
    });
  }
  const given = body.files === undefined ? [] : Array.isArray(body.files) ? body.files : [body.files];
  const files = given.filter((f): f is File => typeof f !== 'string');
  if (files.length === 0)
    throw new BallastError('usage', 'no files to import', {
      hint: 'Send one or more export files in the multipart field `files`.',
    });
  const text = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  const options = engine.parseOptions(engine.importOptions, {
    channel: text('channel'),
    market: text('market'),
    currency: text('currency'),
    encoding: text('encoding'),
  });
  return { files, options };
}

/**
 * Writes each file into a folder of its own under `dir` (two uploads of one name stay apart, and each
 * keeps its name) and returns their paths in upload order.
 */
export async function saveUploads(dir: string, files: readonly File[]): Promise<string[]> {
  const paths: string[] = [];
  for (const [index, file] of files.entries()) {
    const folder = join(dir, String(index));
    await mkdir(folder, { recursive: true });
    const path = join(folder, safeName(file.name, index));
    await writeFile(path, new Uint8Array(await file.arrayBuffer()));
    paths.push(path);
  }
  return paths;
}

/** A file name safe to write: the upload's own base name, without characters a file system trips on. */
function safeName(name: string, index: number): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 150);
  return base === '' || base.startsWith('.') ? `upload-${index + 1}${base}` : base;
}
