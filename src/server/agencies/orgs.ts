/**
 * The organisation's own routes: its sellers (with their stored headline exposure), users, API tokens and audit
 * log. Each asks the caller's Tenant, which answers only for the caller's organisation.
 */
import { z } from 'zod';
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { jsonBody, type AgencyCtx } from './env.js';
import { answer, body, denied, documented, ok, orgParam, type AgencyApp } from './openapi.js';
import {
  auditSchema,
  newTokenSchema,
  organisationSchema,
  sellerListingSchema,
  sellerSchema,
  tokenSchema,
  userSchema,
} from './schemas.js';

const sellerBody = z.object({ name: z.string().trim().min(1).max(100) });
const userBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'at least 12 characters').max(1000),
  role: z.enum(agencyEngine.ROLES),
});
const roleBody = z.object({ role: z.enum(agencyEngine.ROLES) });
const tokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(agencyEngine.PERMISSIONS)).min(1),
});
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/**
 * The caller's tenant, after checking the path's organisation is the caller's own (else 404) and,
 * for a change, that the caller may manage it (else 403, before the body is read).
 */
async function tenantOf(c: AgencyCtx): Promise<agencyEngine.Tenant> {
  const tenant = c.get('tenant');
  await tenant.organisation(c.req.param('orgId') ?? '');
  if (c.req.method !== 'GET') tenant.require('manage');
  return tenant;
}

export function orgRoutes(app: AgencyApp): void {
  const get = (path: string, summary: string, response: ReturnType<typeof answer>, extra = {}) => ({
    method: 'get' as const,
    path,
    summary,
    ...extra,
    responses: { 200: response, ...denied(503) },
  });
  documented(
    app,
    get('/orgs/{orgId}', 'Your organisation', answer('the organisation', organisationSchema), {
      request: { params: orgParam },
    }),
    async (c) => c.json(await c.get('tenant').organisation(c.req.param('orgId') ?? '')),
  );
  documented(
    app,
    get(
      '/orgs/{orgId}/sellers',
      'Its sellers, each with the headline its newest import stored (null: not yet computed)',
      answer('the sellers', z.array(sellerListingSchema)),
      { request: { params: orgParam } },
    ),
    async (c) => {
      const tenant = await tenantOf(c);
      // The headline its newest import stored (null: not yet computed); no workspace is opened.
      const listed = (await tenant.sellersWithFigures()).map((s) => ({
        id: s.id,
        name: s.name,
        createdAt: s.createdAt,
        headline: s.headline,
      }));
      return c.json(listed);
    },
  );
  documented(
    app,
    {
      method: 'post',
      path: '/orgs/{orgId}/sellers',
      summary: 'Add a seller (owner)',
      request: { params: orgParam, ...body(sellerBody) },
      responses: { 201: answer('added', sellerSchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = await tenantOf(c);
      const { name } = engine.parseOptions(sellerBody, await jsonBody(c));
      return c.json(await tenant.createSeller(name), 201);
    },
  );
  documented(
    app,
    get('/orgs/{orgId}/users', 'Its users (owner)', answer('the users', z.array(userSchema)), {
      request: { params: orgParam },
    }),
    async (c) => c.json(await (await tenantOf(c)).users()),
  );
  documented(
    app,
    {
      method: 'post',
      path: '/orgs/{orgId}/users',
      summary: 'Add a user with a role (owner)',
      request: { params: orgParam, ...body(userBody) },
      responses: { 201: answer('added', userSchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = await tenantOf(c);
      return c.json(await tenant.addUser(engine.parseOptions(userBody, await jsonBody(c))), 201);
    },
  );
  documented(
    app,
    {
      method: 'put',
      path: '/orgs/{orgId}/users/{userId}/role',
      summary: 'Change a user’s role (owner)',
      request: { params: orgParam.extend({ userId: z.string() }), ...body(roleBody) },
      responses: { 200: ok, ...denied(400, 503) },
    },
    async (c) => {
      const tenant = await tenantOf(c);
      const { role } = engine.parseOptions(roleBody, await jsonBody(c));
      await tenant.setRole(c.req.param('userId') ?? '', role);
      return c.json({ ok: true });
    },
  );
  documented(
    app,
    get(
      '/orgs/{orgId}/tokens',
      'Its API tokens, without their secrets (owner)',
      answer('the tokens', z.array(tokenSchema)),
      {
        request: { params: orgParam },
      },
    ),
    async (c) => c.json(await (await tenantOf(c)).tokens()),
  );
  documented(
    app,
    {
      method: 'post',
      path: '/orgs/{orgId}/tokens',
      summary: 'Make an API token with scopes; its secret is shown once (owner)',
      request: { params: orgParam, ...body(tokenBody) },
      responses: { 201: answer('made', newTokenSchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = await tenantOf(c);
      const { name, scopes } = engine.parseOptions(tokenBody, await jsonBody(c));
      return c.json(await tenant.createToken(name, scopes), 201);
    },
  );
  documented(
    app,
    {
      method: 'delete',
      path: '/orgs/{orgId}/tokens/{tokenId}',
      summary: 'Revoke an API token: its next call fails (owner)',
      request: { params: orgParam.extend({ tokenId: z.string() }) },
      responses: { 200: ok, ...denied(503) },
    },
    async (c) => {
      const tenant = await tenantOf(c);
      await tenant.revokeToken(c.req.param('tokenId') ?? '');
      return c.json({ ok: true });
    },
  );
  documented(
    app,
    get('/orgs/{orgId}/audit', 'The audit log, newest first (owner)', answer('entries', auditSchema), {
      request: { params: orgParam, query: auditQuery },
    }),
    async (c) => {
      const tenant = await tenantOf(c);
      const { limit } = engine.parseOptions(auditQuery, c.req.query());
      return c.json(await tenant.auditLog(limit));
    },
  );
}
