/**
 * Throwaway PostgreSQL and Redis for a server-mode test file (./servers.ts): started when the file
 * asks, stopped and deleted after it, whatever its tests did to them.
 *
 * The servers are removed by one `afterAll` registered when this module is loaded, which happens while
 * the test file is collected. An `afterAll` registered later — inside a `beforeAll` or a test, where
 * the servers are started — is silently never run by vitest, and every server leaked.
 */
import { afterAll } from 'vitest';
import { launchPostgres, launchRedis, type Postgres, type Redis } from './servers.js';

export type { Postgres, Redis };

const started: Array<Postgres | Redis> = [];

afterAll(async () => {
  await Promise.all(started.splice(0).map((server) => server.remove()));
});

export async function startPostgres(): Promise<Postgres> {
  const pg = await launchPostgres();
  started.push(pg);
  return pg;
}

export async function startRedis(): Promise<Redis> {
  const redis = await launchRedis();
  started.push(redis);
  return redis;
}
