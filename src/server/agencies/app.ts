/**
 * Server mode's HTTP face: sign-in and the organisation's routes, every single-workspace route per
 * seller under /api/v1/sellers/{sellerId}, and the dashboard (the single-seller build, which signs in
 * and switches sellers when index.html says it is in server mode). Authentication and tenancy come first for every path
 * but health and sign-in; errors become responses in one place (../errors.ts), a Postgres that cannot
 * be reached becoming a 503 that says so.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import * as agencyEngine from '../../engine-agency.js';
import { DOCS_PAGE } from '../docs-page.js';
import { errorResponse, httpError } from '../errors.js';
import { findWebDir, serveStatic } from '../static.js';
import { VERSION } from '../version.js';
import { alertRoutes } from './alerts.js';
import { authRoutes, authenticate, SESSION_COOKIE } from './auth.js';
import type { AgencyEnv, AgencyState } from './env.js';
import { figuresAfter } from './figures.js';
import { sellerRoutes } from './forward.js';
import { jobListRoutes } from './job-list.js';
import { answer, documented, type AgencyApp } from './openapi.js';
import { orgRoutes } from './orgs.js';
import { queuedRoutes } from './queued.js';
import { SellerApps } from './sellers.js';
import { summaryRoutes } from './summary.js';

export interface AgencyAppOptions {
  agency: agencyEngine.Agency;
  log?: (line: string) => void;
  secureCookies?: boolean;
  /** With workers: writing work is queued for them, and no seller workspace stays open here. */
  queue?: agencyEngine.JobQueue | null;
  /** The built dashboard (default: found beside the server); null serves none (a 503 that says so). */
  webDir?: string | null;
  /** Seller workspaces kept open at once without workers (least recently used closed first). */
  keepOpen?: number;
}

export interface AgencyServer {
  app: Hono<AgencyEnv>;
  close(): Promise<void>;
}

export function createAgencyApp(options: AgencyAppOptions): AgencyServer {
  const log = options.log ?? ((line: string) => process.stderr.write(`ballast serve: ${line}\n`));
  const state: AgencyState = {
    agency: options.agency,
    // A job run here (no workers, or the demo) is recorded in Postgres as a worker's is, with the
    // seller's new figures when it succeeds: the job lists and the summary read only Postgres.
    sellers: new SellerApps(log, options.queue ? 0 : options.keepOpen, {
      started: (sellerId, job, caller) => options.agency.recordServerJob(sellerId, job, caller),
      ended: async (sellerId, ws, job, caller) => {
        // The job's own end is recorded even when its figures cannot be read.
        const figures =
          job.state === 'done'
            ? await figuresAfter(ws, job.kind, job.runId ?? null).catch((error: unknown) => {
                log(`job ${job.id}: its figures could not be read: ${String(error)}`);
                return {};
              })
            : {};
        await options.agency.recordServerJob(sellerId, job, caller, figures);
      },
    }),
    queue: options.queue ?? null,
    log,
    secureCookies: options.secureCookies ?? false,
  };
  const onError = (error: unknown, c: Context) => {
    const { status, body } = errorResponse(agencyEngine.agencyUnreachable(error) ?? error, log);
    return c.json(body, status);
  };
  const webDir = options.webDir === undefined ? findWebDir() : options.webDir;
  const api: AgencyApp = new OpenAPIHono<AgencyEnv>();
  api.onError(onError);
  api.use('*', async (c, next) => {
    c.set('agency', state);
    await next();
  });
  documented(
    api,
    {
      method: 'get',
      path: '/health',
      summary: 'Whether the server answers (no sign-in needed)',
      responses: { 200: answer('up', z.object({ ok: z.literal(true), version: z.string() })) },
    },
    (c) => c.json({ ok: true, version: VERSION }),
  );
  api.use('*', authenticate());
  authRoutes(api);
  orgRoutes(api);
  alertRoutes(api);
  summaryRoutes(api);
  jobListRoutes(api);
  if (state.queue) queuedRoutes(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ballast API — server mode',
      version: VERSION,
      description:
        'Organisations, users, API tokens, sellers, jobs and alerts. Every route of the single-seller API also answers under /sellers/{sellerId}/… for a seller of your organisation; its own document is /sellers/{sellerId}/openapi.json. Sign in (a session cookie) or send Authorization: Bearer blt_…. Errors: {"error": {code, message, hint?}}.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }, { bearer: [] }],
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  api.get('/docs', (c) => c.html(DOCS_PAGE));
  // Last: it forwards every other /sellers/{id}/… path to the seller's own API.
  sellerRoutes(api);

  const app = new Hono<AgencyEnv>();
  app.onError(onError);
  app.route('/api/v1', api);
  // An API path no route answers is a 404 in the error shape, never the dashboard's page.
  app.all('/api/*', (c) => {
    const path = new URL(c.req.url).pathname;
    const { status, body } = httpError(
      404,
      'not-found',
      `no route ${c.req.method} ${path}`,
      'See docs/agency.md for the routes.',
    );
    return c.json(body, status);
  });
  app.get('*', (c) => serveStatic(c, webDir, 'agency'));
  return { app, close: () => state.sellers.close() };
}
