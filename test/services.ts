/**
 * Throwaway PostgreSQL and Redis for a server-mode test file (./servers.ts): started when the file
 * asks, stopped and deleted after it, whatever its tests did to them.
 */
import { afterAll } from 'vitest';
import { launchPostgres, launchRedis, type Postgres, type Redis } from './servers.js';

export type { Postgres, Redis };

export async function startPostgres(): Promise<Postgres> {
  const pg = await launchPostgres();
  afterAll(() => pg.remove());
  return pg;
}

export async function startRedis(): Promise<Redis> {
  const redis = await launchRedis();
  afterAll(() => redis.remove());
  return redis;
}
