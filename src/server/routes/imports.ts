/**
 * Uploads: the files of a multipart form (field `files`) saved to a temporary folder under their own
 * names (readers recognise some exports by name), then imported as `ballast import` would, holding
 * the workspace's one writer slot while it runs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import * as engine from '../../engine.js';
import { BallastError } from '../../errors.js';
import { errors, parse, route, same, state, type App } from '../http.js';

const form = z.object({
  // Files are read by the handler (the form validator cannot check File values); described here.
  files: z.any().meta({ description: 'one or more export files, each a file part of the form' }),
  channel: z.string().optional(),
  market: z.string().optional(),
  currency: z.string().optional(),
  encoding: z.string().optional(),
});

/** A safe file name: the upload's own base name, without characters a file system could trip on. */
function safeName(name: string, index: number): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 150);
  return base === '' || base.startsWith('.') ? `upload-${index + 1}${base}` : base;
}

export function importRoutes(app: App): void {
  route(
    app,
    {
      method: 'post',
      path: '/imports',
      summary: 'Import channel exports and input files (as `ballast import --json`)',
      request: { body: { content: { 'multipart/form-data': { schema: form } }, required: true } },
      responses: {
        200: same('files, lines added and updated, rejects, warnings'),
        ...errors(400, 409, 413, 422),
      },
    },
    async (c) => {
      const { ws, jobs } = state(c);
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
      const options = parse(engine.importOptions, {
        channel: text('channel'),
        market: text('market'),
        currency: text('currency'),
        encoding: text('encoding'),
      });
      const summary = await jobs.run('import', async ({ signal, progress }) => {
        const dir = await mkdtemp(join(tmpdir(), 'ballast-upload-'));
        try {
          const paths: string[] = [];
          const used = new Set<string>();
          for (const [index, file] of files.entries()) {
            let name = safeName(file.name, index);
            // Two uploads of the same name land side by side, each under its own folder.
            if (used.has(name)) name = join(String(index), name);
            used.add(name);
            const path = join(dir, name);
            await mkdir(join(path, '..'), { recursive: true });
            await writeFile(path, new Uint8Array(await file.arrayBuffer()));
            paths.push(path);
          }
          return await ws.importFiles(paths, {
            ...options,
            signal,
            onFile: ({ index, total }) => progress('importing', index, total),
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
      return c.json(summary);
    },
  );
}
