/**
 * Alert rules and alerts of server mode (docs/agency.md, "Alerts"): a seller's rules — the
 * alerts.yaml schema as JSON — read by anyone who may read, set by whoever may run work (analyst,
 * owner, or a token with `run`); its open alerts and their history; and the organisation's open
 * alerts per seller. Registered before the routes forwarded to a seller's own API, which has none
 * of these. Every seller id goes through the caller's Tenant (another organisation's is 404).
 */
import { z } from 'zod';
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { BallastError } from '../../errors.js';
import { jsonBody } from './env.js';
import { answer, body, denied, documented, ok, orgParam, sellerParam, type AgencyApp } from './openapi.js';
import { alertRulesSchema, orgAlertsSchema, sellerAlertsSchema } from './schemas.js';

const alertsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** The body checked as a rules file is, with the key path of the first problem; a 400, as any bad body. */
function rulesOf(body: unknown): Record<string, unknown> {
  try {
    return agencyEngine.parseAlertRulesValue(body, 'the alert rules') as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof BallastError) || error.code !== 'bad-input') throw error;
    throw new BallastError('usage', error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      place: error.place,
      cause: error,
    });
  }
}

export function alertRoutes(app: AgencyApp): void {
  documented(
    app,
    {
      method: 'get',
      path: '/sellers/{sellerId}/alert-rules',
      summary: 'A seller’s alert rules (null when it has none)',
      request: { params: sellerParam },
      responses: { 200: answer('the rules', alertRulesSchema), ...denied(503) },
    },
    async (c) => {
      const sellerId = c.req.param('sellerId') ?? '';
      const stored = await c.get('tenant').alertRules(sellerId);
      return c.json(stored ?? { sellerId, rules: null, updatedBy: null, updatedAt: null });
    },
  );
  documented(
    app,
    {
      method: 'put',
      path: '/sellers/{sellerId}/alert-rules',
      summary: 'Set a seller’s alert rules: the alerts.yaml schema as JSON (run)',
      request: {
        params: sellerParam,
        ...body(z.record(z.string(), z.unknown()).meta({ description: 'the alerts.yaml schema as JSON' })),
      },
      responses: { 200: answer('the rules, defaults filled in', alertRulesSchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const sellerId = c.req.param('sellerId') ?? '';
      // 404 for a seller not the caller's, then 403, before the body is read.
      await tenant.seller(sellerId);
      tenant.require('run');
      return c.json(await tenant.setAlertRules(sellerId, rulesOf(await jsonBody(c))));
    },
  );
  documented(
    app,
    {
      method: 'delete',
      path: '/sellers/{sellerId}/alert-rules',
      summary: 'Remove a seller’s alert rules; its open alerts close (run)',
      request: { params: sellerParam },
      responses: { 200: ok, ...denied(503) },
    },
    async (c) => {
      await c.get('tenant').deleteAlertRules(c.req.param('sellerId') ?? '');
      return c.json({ ok: true });
    },
  );
  documented(
    app,
    {
      method: 'get',
      path: '/sellers/{sellerId}/alerts',
      summary: 'A seller’s open alerts, and its newest alerts open or closed',
      request: { params: sellerParam, query: alertsQuery },
      responses: { 200: answer('its alerts', sellerAlertsSchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const sellerId = c.req.param('sellerId') ?? '';
      const { limit } = engine.parseOptions(alertsQuery, c.req.query());
      const open = await tenant.alerts(sellerId, { openOnly: true, limit: 1000 });
      const history = await tenant.alerts(sellerId, { openOnly: false, limit });
      return c.json({ open, history });
    },
  );
  documented(
    app,
    {
      method: 'get',
      path: '/orgs/{orgId}/alerts',
      summary: 'Every seller of the organisation with its open alerts',
      request: { params: orgParam },
      responses: { 200: answer('sellers and their open alerts', orgAlertsSchema), ...denied(503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      await tenant.organisation(c.req.param('orgId') ?? '');
      return c.json(await tenant.openAlerts());
    },
  );
}
