import { resolve } from 'node:path';
import { build } from 'vite';
import { startServer as serve } from '../src/server/serve.js';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the dashboard into dist/web, where the server finds it. */
export async function buildDashboard(): Promise<void> {
  await build({ configFile: resolve(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export interface RunningServer {
  /** The server's origin, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** `ballast serve` in this process, on a free port of the loopback address. */
export async function startServer(db: string): Promise<RunningServer> {
  const running = await serve({ db, port: 0, host: '127.0.0.1' });
  return { url: running.url.replace(/\/$/, ''), close: () => running.close() };
}
