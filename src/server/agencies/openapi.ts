/**
 * Server mode's routes declared with their OpenAPI description: the same zod schemas the handlers
 * parse with describe them in `/api/v1/openapi.json`. Unlike the single-seller routes, the
 * description does not validate the request itself: each handler checks the caller's organisation
 * and role first (404, 403) and reads the body only then, so a stranger learns nothing from a 400.
 */
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { errors } from '../http.js';
import type { AgencyCtx, AgencyEnv } from './env.js';

export type AgencyApp = OpenAPIHono<AgencyEnv>;

/** Declares a route: its OpenAPI entry from `config`, its handler under the same path. */
export function documented(
  app: AgencyApp,
  config: RouteConfig,
  handler: (c: AgencyCtx) => Response | Promise<Response>,
): void {
  app.openAPIRegistry.registerPath(config);
  app.on(config.method.toUpperCase(), config.path.replace(/\{(\w+)\}/g, ':$1'), handler);
}

/** A JSON answer of `schema`. */
export const answer = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A JSON body of `schema`. */
export const body = (schema: z.ZodType) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const id = (what: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .meta({ description: `the ${what}'s id` });
export const orgParam = z.object({ orgId: id('organisation') });
export const sellerParam = z.object({ sellerId: id('seller') });

export const ok = answer('done', z.object({ ok: z.literal(true) }));

/** The answers every signed-in route may give besides its own. */
export const denied = (...more: number[]) => errors(401, 403, 404, ...more);
