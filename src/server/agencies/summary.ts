/**
 * `GET /orgs/{orgId}/summary`: what the dashboard's organisation view shows for every seller in one
 * call — headline exposure, the newest simulation's CVaR95 and expected loss, open alerts — read from
 * Postgres alone: the jobs that computed the figures stored them (figures.ts), so the answer costs
 * two queries whether the organisation has two sellers or two thousand, and no workspace is opened.
 */
import { z } from 'zod';
import * as engine from '../../engine.js';
import type * as agencyEngine from '../../engine-agency.js';
import { answer, denied, documented, orgParam, type AgencyApp } from './openapi.js';
import { summarySchema } from './schemas.js';

export interface SellerSummary extends agencyEngine.Seller, agencyEngine.StoredFigures {
  /** Open alerts in the seller's alert history (kept in Postgres by the workers' checks). */
  openAlerts: number;
}

/** `?figures=none` lists the sellers alone (the seller switch), without their figures. */
const summaryQuery = z.object({ figures: z.enum(['all', 'none']).default('all') });

export function summaryRoutes(app: AgencyApp): void {
  documented(
    app,
    {
      method: 'get',
      path: '/orgs/{orgId}/summary',
      summary: 'The organisation view: every seller’s stored figures and open alerts, from Postgres only',
      request: { params: orgParam, query: summaryQuery },
      responses: { 200: answer('every seller', summarySchema), ...denied(400, 503) },
    },
    async (c) => {
      const tenant = c.get('tenant');
      await tenant.organisation(c.req.param('orgId') ?? '');
      const { figures } = engine.parseOptions(summaryQuery, c.req.query());
      const open = new Map((await tenant.openAlerts()).map((s) => [s.sellerId, s.open]));
      const sellers: SellerSummary[] = (await tenant.sellersWithFigures()).map((s) => ({
        ...s,
        ...(figures === 'none' ? { headline: null, risk: null } : {}),
        openAlerts: open.get(s.id) ?? 0,
      }));
      return c.json({ sellers });
    },
  );
}
