/**
 * `/api/v1/sellers/{sellerId}/…`: every route of the single-workspace API, for one seller of the
 * caller's organisation. The Tenant checks the seller is the caller's (else 404) and gives its
 * workspace file; the caller's role decides reading or writing (403); writes go to the audit log.
 */
import type { Hono } from 'hono';
import type { AgencyEnv } from './env.js';

const SELLER_PATH = /^\/api\/v1\/sellers\/([^/]+)(\/.*)?$/;

/** Reading routes: every GET, and checking a scenario (it writes nothing). */
const readsOnly = (method: string, rest: string) =>
  method === 'GET' || method === 'HEAD' || (method === 'POST' && rest === '/scenarios/check');

export function sellerRoutes(app: Hono<AgencyEnv>): void {
  app.all('/sellers/:sellerId/*', async (c) => {
    const url = new URL(c.req.url);
    const match = SELLER_PATH.exec(url.pathname);
    const sellerId = safeDecode(match?.[1] ?? '');
    const rest = match?.[2] ?? '/';
    const tenant = c.get('tenant');
    const path = await tenant.workspacePath(sellerId);
    tenant.require(readsOnly(c.req.method, rest) ? 'read' : 'run');
    const method = c.req.method;
    const init: RequestInit & { duplex?: 'half' } = { method, headers: c.req.raw.headers };
    if (method !== 'GET' && method !== 'HEAD') {
      init.body = c.req.raw.body;
      // A streamed body (an upload) passes through as it arrives.
      init.duplex = 'half';
    }
    const forwarded = new Request(new URL(`/api/v1${rest}${url.search}`, url), init);
    const response = await c
      .get('agency')
      .sellers.use(sellerId, path, async ({ server }) => server.app.fetch(forwarded), tenant.principal.actor);
    if (!readsOnly(method, rest) && response.status < 400)
      await tenant.audit(`${method} ${rest}`, sellerId, { status: response.status });
    return response;
  });
}

/** A percent-encoded id decoded once; a malformed one is simply not an id (the Tenant then says 404). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
