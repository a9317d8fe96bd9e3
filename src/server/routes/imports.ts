/**
 * Uploads: the files of a multipart form (field `files`) saved to a temporary folder under their own
 * names (readers recognise some exports by name), then imported as `ballast import` would, holding
 * the workspace's one writer slot while it runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { errors, route, same, state, type App } from '../http.js';
import { readUpload, saveUploads } from '../upload.js';

const form = z.object({
  // Files are read by the handler (the form validator cannot check File values); described here.
  files: z.any().meta({ description: 'one or more export files, each a file part of the form' }),
  channel: z.string().optional(),
  market: z.string().optional(),
  currency: z.string().optional(),
  encoding: z.string().optional(),
});

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
      const { files, options } = await readUpload(c);
      const summary = await jobs.run('import', async ({ signal, progress }) => {
        const dir = await mkdtemp(join(tmpdir(), 'ballast-upload-'));
        try {
          const paths = await saveUploads(dir, files);
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
