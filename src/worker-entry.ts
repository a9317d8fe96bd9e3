import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BallastError } from './errors.js';

/**
 * The compiled script of a worker thread, given by its URL next to the module that starts it. Under the
 * test runner that module is TypeScript source, which a worker thread cannot load, so it falls back to
 * the build in dist/ (`npm test` builds first).
 */
export function workerEntry(url: URL, what: string): string {
  const here = fileURLToPath(url);
  if (existsSync(here)) return here;
  const at = here.lastIndexOf(`${sep}src${sep}`);
  const built = at < 0 ? here : `${here.slice(0, at)}${sep}dist${here.slice(at)}`;
  if (existsSync(built)) return built;
  throw new BallastError('internal', `cannot find the ${what} (${here})`, {
    hint: 'Run `npm run build` first.',
  });
}
