/**
 * Alert rules and alerts of server mode (docs/agency.md, "Alerts"): a seller's rules — the
 * alerts.yaml schema as JSON — read by anyone who may read, set by whoever may run work (analyst,
 * owner, or a token with `run`); its open alerts and their history; and the organisation's open
 * alerts per seller. Registered before the routes forwarded to a seller's own API, which has none
 * of these. Every seller id goes through the caller's Tenant (another organisation's is 404).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import * as engine from '../../engine.js';
import { BallastError } from '../../errors.js';
import { jsonBody, type AgencyEnv } from './env.js';

const alertsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** The body checked as a rules file is, with the key path of the first problem; a 400, as any bad body. */
function rulesOf(body: unknown): Record<string, unknown> {
  try {
    return engine.parseAlertRulesValue(body, 'the alert rules') as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof BallastError) || error.code !== 'bad-input') throw error;
    throw new BallastError('usage', error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      place: error.place,
      cause: error,
    });
  }
}

export function alertRoutes(app: Hono<AgencyEnv>): void {
  app.get('/sellers/:sellerId/alert-rules', async (c) => {
    const sellerId = c.req.param('sellerId');
    const stored = await c.get('tenant').alertRules(sellerId);
    return c.json(stored ?? { sellerId, rules: null, updatedBy: null, updatedAt: null });
  });
  app.put('/sellers/:sellerId/alert-rules', async (c) => {
    const tenant = c.get('tenant');
    const sellerId = c.req.param('sellerId');
    // 404 for a seller not the caller's, then 403, before the body is read.
    await tenant.seller(sellerId);
    tenant.require('run');
    return c.json(await tenant.setAlertRules(sellerId, rulesOf(await jsonBody(c))));
  });
  app.delete('/sellers/:sellerId/alert-rules', async (c) => {
    await c.get('tenant').deleteAlertRules(c.req.param('sellerId'));
    return c.json({ ok: true });
  });
  app.get('/sellers/:sellerId/alerts', async (c) => {
    const tenant = c.get('tenant');
    const sellerId = c.req.param('sellerId');
    const { limit } = engine.parseOptions(alertsQuery, c.req.query());
    const open = await tenant.alerts(sellerId, { openOnly: true, limit: 1000 });
    const history = await tenant.alerts(sellerId, { openOnly: false, limit });
    return c.json({ open, history });
  });
  app.get('/orgs/:orgId/alerts', async (c) => {
    const tenant = c.get('tenant');
    await tenant.organisation(c.req.param('orgId'));
    return c.json(await tenant.openAlerts());
  });
}
