/**
 * The dashboard, built by Vite into dist/web, served from beside the compiled server (or, running
 * from the sources, from dist/web). Any path without a file gets index.html (the dashboard routes
 * itself); no build gives a 503 that says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** dist/web from dist/src/server/static.js, or from src/server/static.ts. */
export function findWebDir(): string | null {
  for (const up of ['../../web', '../../dist/web']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * Serves the dashboard. In server mode (`agency`) index.html carries `data-mode="agency"` on its body,
 * so the dashboard opens on sign-in instead of asking a single workspace for its status.
 */
export async function serveStatic(
  c: Context,
  dir: string | null,
  mode: 'workspace' | 'agency' = 'workspace',
): Promise<Response> {
  if (!dir)
    return c.json(
      {
        error: {
          code: 'not-built',
          message: 'the dashboard is not built: run npm run build',
          hint: 'The API under /api/v1 works meanwhile.',
        },
      },
      503,
    );
  const wanted = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^([/\\])+/, '');
  const path = join(dir, wanted);
  const inside = path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  const isFile =
    inside &&
    (await stat(path).then(
      (s) => s.isFile(),
      () => false,
    ));
  const file = isFile ? path : join(dir, 'index.html');
  const read = await readFile(file);
  const body =
    mode === 'agency' && extname(file) === '.html'
      ? Buffer.from(read.toString('utf8').replace('<body', '<body data-mode="agency"'))
      : read;
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Vite names assets by content hash; index.html must be fetched fresh to find the new ones.
    'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}
