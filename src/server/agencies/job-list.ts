/**
 * The job lists of server mode, read from Postgres: every job of one seller, or of the whole
 * organisation, newest first, each with its state, attempts, times and — for a failed one — its error.
 * Jobs run by workers and jobs the server ran itself (no workers) are listed alike.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import * as engine from '../../engine.js';
import type { AgencyEnv } from './env.js';

export const jobListQuery = z.object({
  state: z.enum(engine.AGENCY_JOB_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function jobListRoutes(app: Hono<AgencyEnv>): void {
  app.get('/orgs/:orgId/jobs', async (c) => {
    const tenant = c.get('tenant');
    await tenant.organisation(c.req.param('orgId'));
    const filter = engine.parseOptions(jobListQuery, c.req.query());
    return c.json(await tenant.organisationJobs(filter));
  });
  app.get('/sellers/:sellerId/jobs', async (c) => {
    const tenant = c.get('tenant');
    const filter = engine.parseOptions(jobListQuery, c.req.query());
    return c.json(await tenant.jobs(c.req.param('sellerId'), filter));
  });
}
