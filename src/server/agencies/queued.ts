/**
 * With workers (`--redis`), the writing work of a seller — imports, simulations, plans — is queued
 * for `ballast worker` processes instead of run here; its jobs are read from Postgres. Bodies are
 * validated here, with the engine's own schemas, so a bad request fails at once (400), not on a
 * worker. Uploads are written under the job's own folder in the data folder, which workers share.
 */
import { z } from 'zod';
import * as engine from '../../engine.js';
import type * as agencyEngine from '../../engine-agency.js';
import { BallastError } from '../../errors.js';
import { readUpload, saveUploads } from '../upload.js';
import { jsonBody, type AgencyCtx } from './env.js';
import { answer, body, denied, documented, sellerParam, type AgencyApp } from './openapi.js';
import { jobSchema } from './schemas.js';

const source = z.object({
  scenario: z.string().max(1_000_000).optional(),
  name: z.string().min(1).max(100).optional(),
});
const simulationBody = source.extend(engine.simulateOptions.omit({ workers: true }).shape).extend({
  /** Split the main paths into blocks of this many, run by any worker (server mode only). */
  blockPaths: z.number().int().min(100).max(1_000_000).optional(),
});
const planBody = source.extend(
  z.object(engine.planOptions.shape).omit({ workers: true, horizonDays: true }).shape,
);

function scenarioGiven(body: z.output<typeof source>): void {
  if ((body.scenario === undefined) === (body.name === undefined))
    throw new BallastError('usage', 'give either `scenario` (YAML text) or `name` (a saved scenario)', {
      hint: 'Save one with PUT /api/v1/sellers/{sellerId}/scenarios/{name}, or send its YAML as `scenario`.',
    });
}

/** The caller may run work on this seller (403, 404) before its body is read. */
async function runner(
  c: AgencyCtx,
): Promise<{ tenant: agencyEngine.Tenant; sellerId: string; queue: agencyEngine.JobQueue }> {
  const tenant = c.get('tenant');
  const sellerId = c.req.param('sellerId') ?? '';
  await tenant.seller(sellerId);
  tenant.require('run');
  const { queue } = c.get('agency');
  if (!queue) throw new BallastError('internal', 'queued routes mounted without a queue');
  return { tenant, sellerId, queue };
}

/** The upload's form: files are read by the handler (a form schema cannot check File values). */
const uploadForm = z.object({
  files: z.any().meta({ description: 'one or more export files, each a file part of the form' }),
  channel: z.string().optional(),
  market: z.string().optional(),
  currency: z.string().optional(),
  encoding: z.string().optional(),
});
const queued = answer('queued for a worker', z.object({ job: jobSchema }));

export function queuedRoutes(app: AgencyApp): void {
  documented(
    app,
    {
      method: 'post',
      path: '/sellers/{sellerId}/simulations',
      summary: 'Queue a simulation for a worker (with --redis)',
      request: { params: sellerParam, ...body(simulationBody) },
      responses: { 202: queued, ...denied(400, 503) },
    },
    async (c) => {
      const { tenant, sellerId, queue } = await runner(c);
      const input = engine.parseOptions(simulationBody, await jsonBody(c));
      scenarioGiven(input);
      return c.json({ job: await tenant.queueJob(queue, sellerId, 'simulation', input) }, 202);
    },
  );
  documented(
    app,
    {
      method: 'post',
      path: '/sellers/{sellerId}/plans',
      summary: 'Queue a plan for a worker (with --redis)',
      request: { params: sellerParam, ...body(planBody) },
      responses: { 202: queued, ...denied(400, 503) },
    },
    async (c) => {
      const { tenant, sellerId, queue } = await runner(c);
      const input = engine.parseOptions(planBody, await jsonBody(c));
      scenarioGiven(input);
      return c.json({ job: await tenant.queueJob(queue, sellerId, 'plan', input) }, 202);
    },
  );
  documented(
    app,
    {
      method: 'post',
      path: '/sellers/{sellerId}/imports',
      summary: 'Upload files and queue their import for a worker (with --redis)',
      request: {
        params: sellerParam,
        body: { content: { 'multipart/form-data': { schema: uploadForm } }, required: true },
      },
      responses: { 202: queued, ...denied(400, 413, 503) },
    },
    async (c) => {
      const { tenant, sellerId, queue } = await runner(c);
      const { files, options } = await readUpload(c);
      const job = await tenant.queueJob(queue, sellerId, 'import', options, async (dir) => {
        await saveUploads(dir, files);
      });
      return c.json({ job }, 202);
    },
  );
  documented(
    app,
    {
      method: 'get',
      path: '/sellers/{sellerId}/jobs/{jobId}',
      summary: 'One queued job: state, attempts, result or error',
      request: { params: sellerParam.extend({ jobId: z.string() }) },
      responses: { 200: answer('the job', jobSchema), ...denied(503) },
    },
    async (c) => c.json(await c.get('tenant').job(c.req.param('sellerId') ?? '', c.req.param('jobId') ?? '')),
  );
  documented(
    app,
    {
      method: 'delete',
      path: '/sellers/{sellerId}/jobs/{jobId}',
      summary: 'Cancel a queued job (run); one a worker has started, or that has ended, is a 409',
      request: { params: sellerParam.extend({ jobId: z.string() }) },
      responses: { 200: answer('the job, cancelled', jobSchema), ...denied(409, 503) },
    },
    async (c) => {
      const { tenant, sellerId, queue } = await runner(c);
      return c.json(await tenant.cancelJob(queue, sellerId, c.req.param('jobId') ?? ''));
    },
  );
}
