/**
 * `ballast serve --postgres URL [--redis URL] --data DIR`: server mode on a port. With `--redis`,
 * imports, simulations and plans are queued for `ballast worker` processes; without it, they run in
 * this process as in single-seller mode. Every route but health and sign-in needs a session or token.
 */
import type { AddressInfo } from 'node:net';
import { serve as listen } from '@hono/node-server';
import * as agencyEngine from '../../engine-agency.js';
import { BallastError } from '../../errors.js';
import { createAgencyApp } from './app.js';
import { keepQueued } from './requeue.js';

/** How often unfinished jobs are offered to the queue again (after Redis lost them). */
const REQUEUE_EVERY_MS = 30_000;

export interface AgencyServeOptions {
  postgres: string;
  redis?: string;
  dataDir: string;
  port: number;
  host: string;
  secureCookies?: boolean;
  log?: (line: string) => void;
}

export async function startAgencyServer(
  options: AgencyServeOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`ballast serve: ${line}\n`));
  const agency = await agencyEngine.openAgency({ postgres: options.postgres, dataDir: options.dataDir, log });
  const queue = options.redis ? agencyEngine.JobQueue.connect(options.redis, log) : null;
  const { app, close } = createAgencyApp({
    agency,
    queue,
    log,
    secureCookies: options.secureCookies ?? false,
  });
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    await queue?.close();
    await agency.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new BallastError('usage', `cannot listen on ${options.host}:${options.port} (${code ?? 'error'})`, {
      hint: 'Choose another `port` (or `host`); another program may be using that one.',
      place: { option: 'port' },
      cause: error,
    });
  });
  const stopRequeue = queue ? keepQueued(agency, queue, REQUEUE_EVERY_MS, log) : () => {};
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      stopRequeue();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
      await queue?.close();
      await agency.close();
    },
  };
}
