/**
 * `GET /orgs/{orgId}/summary`: what the dashboard's organisation view shows for every seller in one
 * call — headline exposure, the newest simulation's CVaR95 and open alerts — so a browser never asks
 * hundreds of sellers one by one. The Tenant names the sellers and their workspace files; a seller
 * whose workspace cannot be read now (a worker writing it) is listed with the problem, not dropped.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import * as engine from '../../engine.js';
import { BallastError } from '../../errors.js';
import type { AgencyEnv } from './env.js';
import { headline } from './orgs.js';

export interface SellerSummary {
  id: string;
  name: string;
  createdAt: string;
  headline: ReturnType<typeof headline> | null;
  /** The newest stored simulation's tail: CVaR95 of its loss basis, in the seller's base currency. */
  risk: {
    runId: string;
    scenarioName: string;
    lossBasis: 'profit' | 'revenue';
    cvar95: number | null;
    baseCurrency: string;
  } | null;
  /** Open alerts in the seller's alert history (kept in Postgres by the workers' checks). */
  openAlerts: number;
  /** Why this seller's figures are missing (its workspace busy or unreadable); null when they are there. */
  problem: { code: string; message: string } | null;
}

/** `?figures=none` lists the sellers alone, without opening a workspace (the seller switch). */
const summaryQuery = z.object({ figures: z.enum(['all', 'none']).default('all') });

export function summaryRoutes(app: Hono<AgencyEnv>): void {
  app.get('/orgs/:orgId/summary', async (c) => {
    const tenant = c.get('tenant');
    await tenant.organisation(c.req.param('orgId'));
    const { figures } = engine.parseOptions(summaryQuery, c.req.query());
    const { sellers, log } = c.get('agency');
    const listed: SellerSummary[] = [];
    const open = new Map((await tenant.openAlerts()).map((s) => [s.sellerId, s.open]));
    // One seller at a time: each opens a DuckDB workspace, and the server keeps few open at once.
    for (const seller of await tenant.sellerWorkspaces()) {
      const base = {
        id: seller.id,
        name: seller.name,
        createdAt: seller.createdAt,
        openAlerts: open.get(seller.id) ?? 0,
      };
      if (figures === 'none') {
        listed.push({ ...base, headline: null, risk: null, problem: null });
        continue;
      }
      try {
        listed.push(
          await sellers.use(seller.id, seller.workspacePath, async ({ ws }) => ({
            ...base,
            headline: headline(await ws.exposure({})),
            risk: riskOf(await ws.latestSimulation()),
            problem: null,
          })),
        );
      } catch (error) {
        if (!(error instanceof BallastError) || error.code === 'internal') throw error;
        log(`summary: seller ${seller.id}: ${error.code}: ${error.message}`);
        listed.push({
          ...base,
          headline: null,
          risk: null,
          problem: { code: error.code, message: error.message },
        });
      }
    }
    return c.json({ sellers: listed });
  });
}

function riskOf(run: engine.SimulationRun | null): SellerSummary['risk'] {
  if (!run) return null;
  const loss = run.lossBasis === 'profit' ? run.profitLoss : run.revenueLoss;
  return {
    runId: run.runId,
    scenarioName: run.scenario.name,
    lossBasis: run.lossBasis,
    cvar95: loss?.cvar95 ?? null,
    baseCurrency: run.baseCurrency,
  };
}
