/**
 * `ballast serve`: the app on a port, over a workspace held open for the server's life. Bound to the
 * loopback address it needs no token; bound to any other address it needs one (BALLAST_TOKEN, or one
 * generated here and printed once).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve as listen } from '@hono/node-server';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { createApp } from './app.js';

export const serveOptions = z.object({
  port: z.coerce
    .number()
    .int('a whole number')
    .min(0, 'a port from 0 to 65535')
    .max(65535, 'a port from 0 to 65535')
    .default(7777),
  host: z.string().min(1, 'an address like 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  open: z.boolean().default(false),
});

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** For tests; default: BALLAST_TOKEN, else generated when the host is not loopback. */
  token?: string;
}

export interface Running {
  url: string;
  /** The token a caller must send, or null on a loopback-only server. */
  token: string | null;
  /** True when the token was generated here (print it: it is shown once). */
  generated: boolean;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startServer(options: ServeOptions): Promise<Running> {
  const loopback = LOOPBACK.has(options.host);
  const given = options.token ?? process.env.BALLAST_TOKEN;
  const token = given && given !== '' ? given : loopback ? null : randomBytes(24).toString('base64url');
  const ws = await engine.openWorkspace(options.db);
  const { app, jobs } = createApp({ ws, ...(token ? { token } : {}) });
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  }).catch((error: unknown) => {
    ws.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new BallastError('usage', `cannot listen on ${options.host}:${options.port} (${code})`, {
        hint: 'Choose another `port` (or `host`); another program may be using that one.',
        place: { option: 'port' },
        cause: error,
      });
    throw error;
  });
  ws.warm();
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    token,
    generated: token !== null && !given,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const job of jobs.list()) jobs.cancel(job.id);
      await jobs.idle();
      ws.close();
    },
  };
}
