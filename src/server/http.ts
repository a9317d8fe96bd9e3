/**
 * What every route file shares: the app's type, its state (the open workspace and the jobs), and how
 * a route is declared — its OpenAPI description and zod schemas in one `createRoute`, its handler
 * validating through the engine's own option schemas and returning a Response.
 */
import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import * as engine from '../engine.js';
import type { Jobs } from './jobs.js';

export interface ServerState {
  ws: engine.WorkspaceHandle;
  jobs: Jobs;
  log: (line: string) => void;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
}

export type Env = { Variables: { state: ServerState } };
export type App = OpenAPIHono<Env>;
export type Ctx = Context<Env>;

/** Declares a route: OpenAPI from `config`, the handler free to return any Response. */
export function route<R extends RouteConfig>(
  app: App,
  config: R,
  handler: (c: Ctx) => Promise<Response>,
): void {
  // The typed-response check of zod-openapi cannot see through a shared handler type; the
  // declared responses are still what the document shows, and the tests hold the handlers to them.
  app.openapi(createRoute(config), handler as never);
}

/** Query or body values parsed with an engine schema (errors name the option: a 400). */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return engine.parseOptions(schema, input);
}

export const state = (c: Ctx): ServerState => c.get('state');

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      hint: z.string().optional(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
      line: z.number().optional(),
      column: z.number().optional(),
      id: z.string().optional(),
    }),
    errors: z
      .array(
        z.object({
          message: z.string(),
          path: z.array(z.union([z.string(), z.number()])).optional(),
          line: z.number().optional(),
          column: z.number().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Error' });

/** A JSON response of the CLI's `--json` shape, described in words (its fields are the engine's types). */
export const same = (what: string) => ({
  description: what,
  content: { 'application/json': { schema: z.looseObject({}) } },
});

export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: ERROR_WORDS[s] ?? 'error', content: { 'application/json': { schema: errorSchema } } },
    ]),
  );

const ERROR_WORDS: Record<number, string> = {
  400: 'bad request (an option out of range, a missing field)',
  401: 'missing or wrong access token (or, in server mode, no session)',
  403: 'forbidden: your role or token scope does not allow it',
  404: 'not found',
  409: 'busy: another job is running, or the workspace already holds orders',
  413: 'upload too large',
  422: 'unreadable or invalid content (unknown file format, scenario errors)',
  429: 'too many failed sign-ins for this address: wait, then try again',
  503: 'a server this one needs (PostgreSQL, Redis) is not reachable now',
};
