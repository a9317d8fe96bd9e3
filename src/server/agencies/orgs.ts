/**
 * The organisation's own routes: its sellers (with their stored headline exposure), users, API tokens and audit
 * log. Each asks the caller's Tenant, which answers only for the caller's organisation.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import * as engine from '../../engine.js';
import { jsonBody, type AgencyCtx, type AgencyEnv } from './env.js';

const sellerBody = z.object({ name: z.string().trim().min(1).max(100) });
const userBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'at least 12 characters').max(1000),
  role: z.enum(engine.ROLES),
});
const roleBody = z.object({ role: z.enum(engine.ROLES) });
const tokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(engine.PERMISSIONS)).min(1),
});
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/**
 * The caller's tenant, after checking the path's organisation is the caller's own (else 404) and,
 * for a change, that the caller may manage it (else 403, before the body is read).
 */
async function tenantOf(c: AgencyCtx): Promise<engine.Tenant> {
  const tenant = c.get('tenant');
  await tenant.organisation(c.req.param('orgId') ?? '');
  if (c.req.method !== 'GET') tenant.require('manage');
  return tenant;
}

export function orgRoutes(app: Hono<AgencyEnv>): void {
  app.get('/orgs/:orgId', async (c) => {
    const tenant = c.get('tenant');
    return c.json(await tenant.organisation(c.req.param('orgId')));
  });
  app.get('/orgs/:orgId/sellers', async (c) => {
    const tenant = await tenantOf(c);
    // The headline its newest import stored (null: not yet computed); no workspace is opened.
    const listed = (await tenant.sellersWithFigures()).map((s) => ({
      id: s.id,
      name: s.name,
      createdAt: s.createdAt,
      headline: s.headline,
    }));
    return c.json(listed);
  });
  app.post('/orgs/:orgId/sellers', async (c) => {
    const tenant = await tenantOf(c);
    const { name } = engine.parseOptions(sellerBody, await jsonBody(c));
    return c.json(await tenant.createSeller(name), 201);
  });
  app.get('/orgs/:orgId/users', async (c) => c.json(await (await tenantOf(c)).users()));
  app.post('/orgs/:orgId/users', async (c) => {
    const tenant = await tenantOf(c);
    return c.json(await tenant.addUser(engine.parseOptions(userBody, await jsonBody(c))), 201);
  });
  app.put('/orgs/:orgId/users/:userId/role', async (c) => {
    const tenant = await tenantOf(c);
    const { role } = engine.parseOptions(roleBody, await jsonBody(c));
    await tenant.setRole(c.req.param('userId'), role);
    return c.json({ ok: true });
  });
  app.get('/orgs/:orgId/tokens', async (c) => c.json(await (await tenantOf(c)).tokens()));
  app.post('/orgs/:orgId/tokens', async (c) => {
    const tenant = await tenantOf(c);
    const { name, scopes } = engine.parseOptions(tokenBody, await jsonBody(c));
    return c.json(await tenant.createToken(name, scopes), 201);
  });
  app.delete('/orgs/:orgId/tokens/:tokenId', async (c) => {
    const tenant = await tenantOf(c);
    await tenant.revokeToken(c.req.param('tokenId'));
    return c.json({ ok: true });
  });
  app.get('/orgs/:orgId/audit', async (c) => {
    const tenant = await tenantOf(c);
    const { limit } = engine.parseOptions(auditQuery, c.req.query());
    return c.json(await tenant.auditLog(limit));
  });
}
