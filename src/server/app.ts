/**
 * The HTTP face: `/api/v1` routes over an open workspace (validate → engine → JSON), the OpenAPI
 * document and its reference page, and the dashboard's files. Errors become responses in one place
 * (errors.ts). The app answers `app.request()` in tests exactly as it answers the network.
 */
import { timingSafeEqual } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as engine from '../engine.js';
import { DOCS_PAGE } from './docs-page.js';
import { errorResponse, httpError } from './errors.js';
import type { App, Env, ServerState } from './http.js';
import { Jobs, type JobHooks } from './jobs.js';
import { importRoutes } from './routes/imports.js';
import { jobRoutes } from './routes/jobs.js';
import { readRoutes } from './routes/read.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { findWebDir, serveStatic } from './static.js';
import { VERSION } from './version.js';

/** Uploads up to this size by default: a year of a busy shop's exports, zipped or not. */
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export interface AppOptions {
  ws: engine.WorkspaceHandle;
  /** When set, every /api/v1 route but /health and /docs needs `Authorization: Bearer TOKEN`. */
  token?: string;
  maxUploadBytes?: number;
  /** The built dashboard's folder; default: found beside the server (null: none). */
  webDir?: string | null;
  log?: (line: string) => void;
  /** Hear each job start and end (see Jobs). */
  jobHooks?: JobHooks;
}

export interface Server {
  app: App;
  jobs: Jobs;
}

export function createApp(options: AppOptions): Server {
  const log = options.log ?? ((line: string) => process.stderr.write(`ballast serve: ${line}\n`));
  const state: ServerState = {
    ws: options.ws,
    jobs: new Jobs(log, options.jobHooks),
    log,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };
  const webDir = options.webDir === undefined ? findWebDir() : options.webDir;
  const api: App = new OpenAPIHono<Env>({
    // A request that fails a route's schema gets the one error shape, as a 400.
    defaultHook: (result, c) => {
      if (result.success) return;
      const [issue] = result.error.issues;
      const where = issue?.path.length ? `\`${issue.path.join('.')}\`: ` : '';
      const { status, body } = httpError(400, 'usage', `${where}${issue?.message ?? 'is not valid'}`);
      return c.json(body, status);
    },
  });
  api.use('*', async (c, next) => {
    c.set('state', state);
    await next();
  });
  if (options.token) {
    const expected = Buffer.from(options.token);
    api.use('*', async (c, next) => {
      const path = new URL(c.req.url).pathname;
      if (path.endsWith('/api/v1/health') || path.endsWith('/api/v1/docs')) return next();
      const given = Buffer.from(/^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        const { status, body } = httpError(
          401,
          'unauthorized',
          'this server needs an access token',
          'Send Authorization: Bearer TOKEN (the token `ballast serve` printed, or BALLAST_TOKEN).',
        );
        return c.json(body, status);
      }
      return next();
    });
  }
  api.use(
    '/imports',
    bodyLimit({
      maxSize: state.maxUploadBytes,
      onError: (c) => {
        const mb = (state.maxUploadBytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
        const { status, body } = httpError(
          413,
          'too-large',
          `the upload is larger than this server accepts (${mb} MB)`,
          'Import fewer files at a time, or use `ballast import` on the machine that holds the workspace.',
        );
        return c.json(body, status);
      },
    }),
  );
  readRoutes(api);
  scenarioRoutes(api);
  jobRoutes(api);
  importRoutes(api);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ballast API',
      version: VERSION,
      description:
        'Channel-risk analytics for cross-border sellers over one workspace. Errors: {"error": {code, message, hint?, path?, line?, column?, id?}}.',
    },
    servers: [{ url: '/api/v1' }],
    security: options.token ? [{ bearer: [] }] : [],
  });
  api.get('/docs', (c) => c.html(DOCS_PAGE));
  const onError = (error: unknown, c: Context) => {
    const { status, body } = errorResponse(error, log);
    return c.json(body, status);
  };
  api.onError(onError);

  const app: App = new OpenAPIHono<Env>();
  app.onError(onError);
  app.route('/api/v1', api);
  // An API path no route answers is a 404 in the error shape, never the dashboard's page.
  app.all('/api/*', (c) => {
    const { status, body } = httpError(
      404,
      'not-found',
      `no route ${c.req.method} ${new URL(c.req.url).pathname}`,
      'See /api/v1/docs for the routes.',
    );
    return c.json(body, status);
  });
  app.get('*', (c) => serveStatic(c, webDir));
  return { app, jobs: state.jobs };
}
