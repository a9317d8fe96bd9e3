/**
 * Who is calling: an API token (`Authorization: Bearer blt_…`) or a session cookie set by sign-in.
 * Either becomes the caller's Tenant for the rest of the request; without one, a 401. Sessions live
 * in Postgres behind an HttpOnly, SameSite=Strict cookie (Secure behind TLS); tokens are checked on
 * every call, so a revoked one fails at once.
 */
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import * as engine from '../../engine.js';
import type * as agencyEngine from '../../engine-agency.js';
import { BallastError } from '../../errors.js';
import { errors } from '../http.js';
import { jsonBody, type AgencyEnv } from './env.js';
import { answer, body, documented, ok, type AgencyApp } from './openapi.js';
import { meSchema } from './schemas.js';

export const SESSION_COOKIE = 'ballast_session';

/** Paths anyone may call: health, signing in, the API's description. */
const OPEN = new Set(['/api/v1/health', '/api/v1/auth/sign-in', '/api/v1/docs', '/api/v1/openapi.json']);

const signInBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export function authenticate(): MiddlewareHandler<AgencyEnv> {
  return async (c, next) => {
    if (OPEN.has(new URL(c.req.url).pathname)) return next();
    const { agency } = c.get('agency');
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const principal = bearer
      ? await agency.fromToken(bearer)
      : cookie
        ? await agency.fromSession(cookie)
        : null;
    if (!principal)
      throw new BallastError(
        'unauthorized',
        bearer ? 'this API token is unknown or revoked' : cookie ? 'your session has ended' : 'sign in first',
        {
          hint: 'Sign in (POST /api/v1/auth/sign-in), or send Authorization: Bearer TOKEN with a token of your organisation.',
        },
      );
    c.set('tenant', agency.tenant(principal));
    return next();
  };
}

export function authRoutes(app: AgencyApp): void {
  documented(
    app,
    {
      method: 'post',
      path: '/auth/sign-in',
      summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict)',
      request: body(signInBody),
      responses: { 200: answer('signed in', meSchema), ...errors(400, 401, 429, 503) },
    },
    async (c) => {
      const { email, password } = engine.parseOptions(signInBody, await jsonBody(c));
      const { agency, secureCookies } = c.get('agency');
      const session = await agency.signIn(email, password);
      setCookie(c, SESSION_COOKIE, session.secret, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: secureCookies || new URL(c.req.url).protocol === 'https:',
        path: '/',
        expires: session.expiresAt,
      });
      return c.json(me(session.principal));
    },
  );
  documented(
    app,
    {
      method: 'post',
      path: '/auth/sign-out',
      summary: 'Sign out: ends this session',
      responses: { 200: ok, ...errors(401) },
    },
    async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await c.get('agency').agency.signOut(cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    },
  );
  documented(
    app,
    {
      method: 'get',
      path: '/auth/me',
      summary: 'Who is calling: organisation, actor and permissions',
      responses: { 200: answer('the caller', meSchema), ...errors(401) },
    },
    (c) => c.json(me(c.get('tenant').principal)),
  );
}

const me = (principal: agencyEngine.Principal) => ({
  orgId: principal.orgId,
  actor: principal.actor,
  permissions: [...principal.permissions],
});
