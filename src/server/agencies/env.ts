/** What the server-mode routes share: the agency, the caller's tenant, and how they log. */
import type { Context } from 'hono';
import type * as agencyEngine from '../../engine-agency.js';
import { BallastError } from '../../errors.js';
import type { SellerApps } from './sellers.js';

export interface AgencyState {
  agency: agencyEngine.Agency;
  sellers: SellerApps;
  /** With workers: imports, simulations and plans are queued for them (null: run in this process). */
  queue: agencyEngine.JobQueue | null;
  log: (line: string) => void;
  /** Set the cookie's Secure flag (the server is behind TLS). */
  secureCookies: boolean;
}

export type AgencyEnv = { Variables: { agency: AgencyState; tenant: agencyEngine.Tenant } };
export type AgencyCtx = Context<AgencyEnv>;

/** The request body as JSON, or a 400 that says so. */
export async function jsonBody(c: AgencyCtx): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (cause) {
    throw new BallastError('usage', 'the body is not JSON', {
      hint: 'Send Content-Type: application/json.',
      cause,
    });
  }
}
