/**
 * The job lists of server mode, read from Postgres: every job of one seller, or of the whole
 * organisation, newest first, each with its state, attempts, times and — for a failed one — its error.
 * Jobs run by workers and jobs the server ran itself (no workers) are listed alike.
 */
import { z } from 'zod';
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { answer, denied, documented, orgParam, sellerParam, type AgencyApp } from './openapi.js';
import { jobSchema } from './schemas.js';

export const jobListQuery = z.object({
  state: z.enum(agencyEngine.AGENCY_JOB_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function jobListRoutes(app: AgencyApp): void {
  documented(
    app,
    {
      method: 'get',
      path: '/orgs/{orgId}/jobs',
      summary: 'The organisation’s jobs, newest first; ?state=failed lists what went wrong',
      request: { params: orgParam, query: jobListQuery },
      responses: { 200: answer('its jobs', z.array(jobSchema)), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      await tenant.organisation(c.req.param('orgId') ?? '');
      const filter = engine.parseOptions(jobListQuery, c.req.query());
      return c.json(await tenant.organisationJobs(filter));
    },
  );
  documented(
    app,
    {
      method: 'get',
      path: '/sellers/{sellerId}/jobs',
      summary: 'A seller’s jobs, newest first; ?state=failed lists what went wrong',
      request: { params: sellerParam, query: jobListQuery },
      responses: { 200: answer('its jobs', z.array(jobSchema)), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const filter = engine.parseOptions(jobListQuery, c.req.query());
      return c.json(await tenant.jobs(c.req.param('sellerId') ?? '', filter));
    },
  );
}
