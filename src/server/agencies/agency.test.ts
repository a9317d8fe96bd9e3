/**
 * Server mode against a real PostgreSQL (a throwaway cluster) and real seller workspaces: sign-in,
 * roles, tokens, and tenant isolation — organisation A calling every route with organisation B's
 * ids gets 404 and nothing of B's — plus hostile ids and names, and Postgres going away.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as agencyEngine from '../../engine-agency.js';
import { startPostgres, type Postgres } from '../../../test/services.js';
import { tempDir } from '../../../test/workspace.js';
import { createAgencyApp, type AgencyServer } from './app.js';
import * as schemas from './schemas.js';
import type { SellerSummary } from './summary.js';

/** 60 days of one SKU on TikTok Shop US: enough history for a small simulation. */
function history(dir: string): string {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let d = 0; d < 60; d++)
    rows.push(
      `H-${d},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},MUG,5,10,USD,tiktok-shop,US`,
    );
  const path = join(dir, 'history.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

const SCENARIO = `name: ban
horizon_days: 20
paths: 200
noise: none
events:
  - id: ban
    target: { channel: tiktok-shop }
    probability: 0.5
    onset: 2024-03-05
    duration: { permanent: 1 }
`;

const PASSWORD = 'correct horse battery staple';

/** Alert rules as the API takes them: the alerts.yaml schema as JSON. */
const RULES = {
  language: 'zh-CN',
  rules: [{ id: 'tiktok-band', when: 'share-above', channel: 'tiktok-shop', above: 0.5 }],
};

/** The documented answer of each reading route, checked against real answers. */
const SHAPES: Record<string, z.ZodType> = {
  'get /auth/me': schemas.meSchema,
  'get /orgs/{orgId}': schemas.organisationSchema,
  'get /orgs/{orgId}/sellers': z.array(schemas.sellerListingSchema),
  'get /orgs/{orgId}/summary': schemas.summarySchema,
  'get /orgs/{orgId}/users': z.array(schemas.userSchema),
  'get /orgs/{orgId}/tokens': z.array(schemas.tokenSchema),
  'get /orgs/{orgId}/audit': schemas.auditSchema,
  'get /orgs/{orgId}/alerts': schemas.orgAlertsSchema,
  'get /orgs/{orgId}/jobs': z.array(schemas.jobSchema),
  'get /sellers/{sellerId}/alert-rules': schemas.alertRulesSchema,
  'get /sellers/{sellerId}/alerts': schemas.sellerAlertsSchema,
  'get /sellers/{sellerId}/jobs': z.array(schemas.jobSchema),
};

interface Caller {
  headers: Record<string, string>;
}

describe('server mode: accounts, roles and tenant isolation', () => {
  const dir = tempDir('ballast-agency-');
  const dataDir = join(dir, 'data');
  let pg: Postgres;
  let agency: agencyEngine.Agency;
  let server: AgencyServer;
  const logged: string[] = [];
  const a = { orgId: '', sellerId: '', owner: {} as Caller, analyst: {} as Caller, viewer: {} as Caller };
  const b = { orgId: '', sellerId: '', owner: {} as Caller, jobId: '', runId: '', tokenId: '', userId: '' };

  const call = (who: Caller | null, path: string, init: RequestInit = {}) =>
    server.app.request(`/api/v1${path}`, {
      ...init,
      headers: { ...(who?.headers ?? {}), ...(init.headers ?? {}) },
    });
  const send = (who: Caller, path: string, body: unknown, method = 'POST') =>
    call(who, path, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  async function signIn(email: string, password = PASSWORD): Promise<Caller> {
    const res = await send({ headers: {} }, '/auth/sign-in', { email, password });
    expect(res.status, `sign-in of ${email}`).toBe(200);
    const cookie = res.headers.get('Set-Cookie') ?? '';
    return { headers: { Cookie: cookie.split(';')[0] ?? '' } };
  }

  beforeAll(async () => {
    pg = await startPostgres();
    agency = await agencyEngine.openAgency({
      postgres: pg.url,
      dataDir,
      loginAttempts: 3,
      log: (l) => logged.push(l),
    });
    server = createAgencyApp({ agency, log: (l) => logged.push(l) });

    const orgA = await agency.createOrganisation('Agency A', {
      email: 'owner@a.test',
      name: 'A',
      password: PASSWORD,
    });
    const orgB = await agency.createOrganisation('Agency B', {
      email: 'owner@b.test',
      name: 'B',
      password: PASSWORD,
    });
    a.orgId = orgA.orgId;
    b.orgId = orgB.orgId;
    b.userId = orgB.userId;
    a.owner = await signIn('owner@a.test');
    b.owner = await signIn('owner@b.test');
    for (const role of ['analyst', 'viewer'] as const) {
      const res = await send(a.owner, `/orgs/${a.orgId}/users`, {
        email: `${role}@a.test`,
        name: role,
        password: PASSWORD,
        role,
      });
      expect(res.status).toBe(201);
      a[role] = await signIn(`${role}@a.test`);
    }
    a.sellerId = (
      (await (await send(a.owner, `/orgs/${a.orgId}/sellers`, { name: 'Shop A' })).json()) as { id: string }
    ).id;
    b.sellerId = (
      (await (await send(b.owner, `/orgs/${b.orgId}/sellers`, { name: 'Secret Shop B' })).json()) as {
        id: string;
      }
    ).id;

    // B's seller holds orders, a saved scenario, a finished simulation job and its run.
    const form = new FormData();
    form.append('files', new File([readFileSync(history(dir))], 'history.csv'));
    expect(
      (await call(b.owner, `/sellers/${b.sellerId}/imports`, { method: 'POST', body: form })).status,
    ).toBe(200);
    const put = await call(b.owner, `/sellers/${b.sellerId}/scenarios/ban`, {
      method: 'PUT',
      body: SCENARIO,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(put.status).toBe(200);
    const started = await send(b.owner, `/sellers/${b.sellerId}/simulations`, { name: 'ban' });
    expect(started.status).toBe(202);
    b.jobId = ((await started.json()) as { job: { id: string } }).job.id;
    // The job's event stream ends when the job does.
    const end = await (await call(b.owner, `/sellers/${b.sellerId}/jobs/${b.jobId}/events`)).text();
    expect(end).toContain('event: done');
    b.runId = (
      (await (await call(b.owner, `/sellers/${b.sellerId}/jobs/${b.jobId}`)).json()) as { runId: string }
    ).runId;
    expect((await send(b.owner, `/sellers/${b.sellerId}/alert-rules`, RULES, 'PUT')).status).toBe(200);
    const token = await send(b.owner, `/orgs/${b.orgId}/tokens`, { name: 'b-ci', scopes: ['read'] });
    b.tokenId = ((await token.json()) as { token: { id: string } }).token.id;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await agency?.close();
  });

  /** Everything of B's that must never appear in a response to A. */
  const secretsOfB = () => [
    b.orgId,
    b.sellerId,
    b.jobId,
    b.runId,
    b.tokenId,
    b.userId,
    'Secret Shop B',
    'owner@b.test',
    'Agency B',
  ];

  async function expectNotFound(res: Response, what: string): Promise<void> {
    const text = await res.text();
    expect(res.status, `${what}: ${text}`).toBe(404);
    for (const secret of secretsOfB()) expect(text, what).not.toContain(secret);
  }

  it('refuses every call without a session or token (401), except health and sign-in', async () => {
    expect((await call(null, '/health')).status).toBe(200);
    for (const path of ['/auth/me', `/orgs/${a.orgId}/sellers`, `/sellers/${a.sellerId}/status`]) {
      const res = await call(null, path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await send({ headers: {} }, '/auth/sign-in', { email: 'owner@a.test', password: PASSWORD });
    expect(res.headers.get('Set-Cookie')).toMatch(/HttpOnly/);
    expect(res.headers.get('Set-Cookie')).toMatch(/SameSite=Strict/);
  });

  it("gives organisation A a 404 on every seller route with B's seller id, and nothing of B's", async () => {
    const doc = (await (await call(a.owner, `/sellers/${a.sellerId}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      const concrete = path
        .replace('{id}', b.jobId)
        .replace('{name}', 'ban')
        .replace('{table}', 'exposure-channels');
      for (const who of [a.owner, a.analyst, a.viewer]) {
        const res = await call(who, `/sellers/${b.sellerId}${concrete}`, {
          method,
          ...(method === 'GET' || method === 'HEAD'
            ? {}
            : { body: '{}', headers: { 'Content-Type': 'application/json' } }),
        });
        await expectNotFound(res, `${method} ${path}`);
      }
    }
  });

  it("gives A a 404 for B's job and run ids on A's own seller", async () => {
    for (const [method, path] of [
      ['GET', `/jobs/${b.jobId}`],
      ['GET', `/jobs/${b.jobId}/events`],
      ['DELETE', `/jobs/${b.jobId}`],
      ['GET', `/runs/${b.runId}`],
    ] as const)
      await expectNotFound(
        await call(a.owner, `/sellers/${a.sellerId}${path}`, { method }),
        `${method} ${path}`,
      );
    const runs = await (await call(a.owner, `/sellers/${a.sellerId}/runs`)).text();
    for (const secret of secretsOfB()) expect(runs).not.toContain(secret);
  });

  it("gives A a 404 on B's organisation, users and tokens, and changes nothing of B's", async () => {
    for (const path of ['', '/sellers', '/users', '/tokens', '/audit', '/alerts', '/jobs'])
      await expectNotFound(await call(a.owner, `/orgs/${b.orgId}${path}`), `GET /orgs/B${path}`);
    // Alert rules and alerts are server mode's own routes, not in the seller OpenAPI document above.
    for (const who of [a.owner, a.analyst, a.viewer]) {
      await expectNotFound(await call(who, `/sellers/${b.sellerId}/alert-rules`), 'GET B rules');
      await expectNotFound(await call(who, `/sellers/${b.sellerId}/alerts`), 'GET B alerts');
      await expectNotFound(
        await send(who, `/sellers/${b.sellerId}/alert-rules`, { rules: [] }, 'PUT'),
        'PUT B rules',
      );
      await expectNotFound(
        await call(who, `/sellers/${b.sellerId}/alert-rules`, { method: 'DELETE' }),
        'DELETE B rules',
      );
    }
    const rulesOfB = (await (await call(b.owner, `/sellers/${b.sellerId}/alert-rules`)).json()) as {
      rules: unknown;
    };
    expect(rulesOfB.rules).toMatchObject(RULES);
    await expectNotFound(
      await send(a.owner, `/orgs/${b.orgId}/sellers`, { name: 'x' }),
      'POST /orgs/B/sellers',
    );
    await expectNotFound(
      await call(a.owner, `/orgs/${a.orgId}/tokens/${b.tokenId}`, { method: 'DELETE' }),
      'revoke B token',
    );
    await expectNotFound(
      await send(a.owner, `/orgs/${a.orgId}/users/${b.userId}/role`, { role: 'viewer' }, 'PUT'),
      "set B's user's role",
    );
    const tokensOfB = (await (await call(b.owner, `/orgs/${b.orgId}/tokens`)).json()) as Array<{
      revokedAt: unknown;
    }>;
    expect(tokensOfB.map((t) => t.revokedAt)).toEqual([null]);
    const listed = await (await call(a.owner, `/orgs/${a.orgId}/sellers`)).text();
    for (const secret of secretsOfB()) expect(listed).not.toContain(secret);
    expect(logged.join('\n')).not.toContain(b.sellerId);
  });

  it('lets a viewer read but not import, run or manage (403); an analyst runs but does not manage', async () => {
    expect((await call(a.viewer, `/sellers/${a.sellerId}/status`)).status).toBe(200);
    const form = new FormData();
    form.append('files', new File(['x'], 'orders.csv'));
    for (const [who, method, path, status] of [
      [a.viewer, 'POST', `/sellers/${a.sellerId}/imports`, 403],
      [a.viewer, 'POST', `/sellers/${a.sellerId}/simulations`, 403],
      [a.viewer, 'POST', `/sellers/${a.sellerId}/plans`, 403],
      [a.viewer, 'PUT', `/sellers/${a.sellerId}/scenarios/x`, 403],
      [a.viewer, 'POST', `/orgs/${a.orgId}/sellers`, 403],
      [a.analyst, 'POST', `/orgs/${a.orgId}/tokens`, 403],
      [a.analyst, 'GET', `/orgs/${a.orgId}/users`, 403],
    ] as const) {
      const res = await call(who, path, { method, body: method === 'GET' ? null : form });
      expect(res.status, `${method} ${path}`).toBe(status);
    }
    // The analyst may write: importing a file is allowed.
    const history = new FormData();
    history.append('files', new File([readFileSync(join(dir, 'history.csv'))], 'history.csv'));
    const imported = await call(a.analyst, `/sellers/${a.sellerId}/imports`, {
      method: 'POST',
      body: history,
    });
    expect(imported.status).toBe(200);
  });

  it('lists failed jobs with their error, attempts and times, per seller and per organisation, and nothing of B', async () => {
    // A file no channel reader recognises: the import is refused, and its job fails with the reason.
    const refused = new FormData();
    refused.append('files', new File(['this is not, an export\n1,2\n'], 'notes.csv'));
    const res = await call(a.analyst, `/sellers/${a.sellerId}/imports`, { method: 'POST', body: refused });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    type Listed = {
      id: string;
      sellerId: string;
      kind: string;
      state: string;
      attempts: number;
      error: { code: string; message: string } | null;
      createdBy: string;
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
    const failed = (await (
      await call(a.viewer, `/sellers/${a.sellerId}/jobs?state=failed`)
    ).json()) as Listed[];
    expect(failed).toHaveLength(1);
    const [job] = failed;
    expect(job).toMatchObject({ sellerId: a.sellerId, kind: 'import', state: 'failed', attempts: 1, error });
    expect(job?.createdBy).toMatch(/^user:usr_/);
    expect(Date.parse(job?.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(job?.createdAt ?? ''));
    // The same job in the organisation's list; the earlier successful import is done, not failed.
    const org = (await (await call(a.viewer, `/orgs/${a.orgId}/jobs?state=failed`)).json()) as Listed[];
    expect(org.map((j) => j.id)).toEqual([job?.id]);
    const all = (await (await call(a.viewer, `/orgs/${a.orgId}/jobs`)).json()) as Listed[];
    expect(all.map((j) => `${j.kind} ${j.state}`)).toEqual(['import failed', 'import done']);
    expect((await call(a.viewer, `/orgs/${a.orgId}/jobs?state=broken`)).status).toBe(400);
    // B's finished simulation is in B's list, never in A's; A asking for B's lists gets 404.
    const ofB = (await (await call(b.owner, `/orgs/${b.orgId}/jobs?state=done`)).json()) as Listed[];
    expect(ofB.map((j) => j.id)).toContain(b.jobId);
    for (const text of [JSON.stringify(all), JSON.stringify(org)])
      for (const secret of secretsOfB()) expect(text).not.toContain(secret);
    await expectNotFound(await call(a.owner, `/orgs/${b.orgId}/jobs?state=failed`), 'jobs of B');
    await expectNotFound(await call(a.owner, `/sellers/${b.sellerId}/jobs?state=done`), 'jobs of B seller');
  });

  it('lets a viewer read alert rules but not set them; an analyst sets them, a bad key is a 400 naming it', async () => {
    const path = `/sellers/${a.sellerId}/alert-rules`;
    expect(await (await call(a.viewer, path)).json()).toEqual({
      sellerId: a.sellerId,
      rules: null,
      updatedBy: null,
      updatedAt: null,
    });
    expect((await send(a.viewer, path, RULES, 'PUT')).status).toBe(403);
    expect((await call(a.viewer, path, { method: 'DELETE' })).status).toBe(403);
    const bad = await send(a.analyst, path, { rules: [{ when: 'share-above', above: 1.5 }] }, 'PUT');
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { message: string; path: unknown[] } };
    expect(error.path).toEqual(['rules', 0, 'above']);
    expect(error.message).toContain('rules[0].above');
    const set = await send(a.analyst, path, RULES, 'PUT');
    expect(set.status).toBe(200);
    // Stored with the schema's defaults filled in: what a worker checks.
    const stored = (await (await call(a.viewer, path)).json()) as { rules: Record<string, unknown> };
    expect(stored.rules).toEqual({ ...RULES, window: 90, deliver: {} });
    expect((await call(a.viewer, `/sellers/${a.sellerId}/alerts`)).status).toBe(200);
    expect((await call(a.owner, path, { method: 'DELETE' })).status).toBe(200);
    expect((await call(a.owner, path, { method: 'DELETE' })).status).toBe(404);
    const log = (await (await call(a.owner, `/orgs/${a.orgId}/audit`)).json()) as Array<{
      actor: string;
      action: string;
      sellerId: string;
    }>;
    expect(log.filter((e) => e.action.startsWith('alert-rules.')).map((e) => e.action)).toEqual([
      'alert-rules.delete',
      'alert-rules.set',
    ]);
  });

  it('fails a revoked token on the very next call', async () => {
    const made = await send(a.owner, `/orgs/${a.orgId}/tokens`, { name: 'ci', scopes: ['read'] });
    expect(made.status).toBe(201);
    const { token, secret } = (await made.json()) as { token: { id: string }; secret: string };
    const bearer = { headers: { Authorization: `Bearer ${secret}` } };
    expect((await call(bearer, `/sellers/${a.sellerId}/status`)).status).toBe(200);
    // A read-only token cannot write.
    expect((await send(bearer, `/sellers/${a.sellerId}/simulations`, { name: 'x' })).status).toBe(403);
    expect((await call(a.owner, `/orgs/${a.orgId}/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    const after = await call(bearer, `/sellers/${a.sellerId}/status`);
    expect(after.status).toBe(401);
    // The token list never shows a secret or its hash.
    const listed = await (await call(a.owner, `/orgs/${a.orgId}/tokens`)).text();
    expect(listed).not.toContain(secret);
  });

  it('answers ids and names shaped like SQL injection or path traversal with 404, or stores them as plain names', async () => {
    const hostile = [
      "' OR '1'='1",
      "sel_00000000000000000000'; DROP TABLE sellers; --",
      '../../../../etc/passwd',
      '..%2F..%2Fetc%2Fpasswd',
      `${b.sellerId}/../${a.sellerId}`,
      `../sellers/${b.sellerId}`,
      'sel_%00',
    ];
    for (const id of hostile) {
      const res = await call(a.owner, `/sellers/${encodeURIComponent(id)}/status`);
      expect(res.status, id).toBe(404);
      const text = await res.text();
      for (const secret of secretsOfB()) expect(text).not.toContain(secret);
      expect((await call(a.owner, `/orgs/${encodeURIComponent(id)}/sellers`)).status, id).toBe(404);
      expect(
        (await call(a.owner, `/orgs/${a.orgId}/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }))
          .status,
      ).toBe(404);
    }
    // Hostile seller names are names: stored as given, their workspace files named by id only.
    for (const name of ["'; DROP TABLE sellers; --", '../../escape', 'C:\\evil\\..\\x']) {
      const res = await send(a.owner, `/orgs/${a.orgId}/sellers`, { name });
      expect(res.status, name).toBe(201);
      const seller = (await res.json()) as { id: string; name: string };
      expect(seller.name).toBe(name);
      expect((await call(a.owner, `/sellers/${seller.id}/status`)).status).toBe(200);
    }
    expect(
      readdirSync(join(dataDir, 'sellers')).every((f) => /^sel_[0-9a-f]{20}\.duckdb(\.wal)?$/.test(f)),
    ).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['sellers']);
    // B's seller is still there after every attempt.
    expect((await call(b.owner, `/sellers/${b.sellerId}/status`)).status).toBe(200);
  });

  it('records who did what to which seller in the audit log', async () => {
    const log = (await (await call(b.owner, `/orgs/${b.orgId}/audit`)).json()) as Array<{
      actor: string;
      action: string;
      sellerId: string | null;
    }>;
    const actions = log.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['seller.create', 'POST /imports', 'PUT /scenarios/ban', 'POST /simulations']),
    );
    expect(log.find((e) => e.action === 'POST /imports')?.sellerId).toBe(b.sellerId);
    expect(log.every((e) => e.actor.startsWith('user:') || e.actor.startsWith('token:'))).toBe(true);
  });

  it('rate-limits sign-in per address after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await send({ headers: {} }, '/auth/sign-in', { email: 'viewer@a.test', password: 'wrong' });
      expect(res.status).toBe(401);
    }
    const blocked = await send({ headers: {} }, '/auth/sign-in', {
      email: 'viewer@a.test',
      password: PASSWORD,
    });
    expect(blocked.status).toBe(429);
    // Another address is not affected.
    expect(
      (await send({ headers: {} }, '/auth/sign-in', { email: 'analyst@a.test', password: PASSWORD })).status,
    ).toBe(200);
  });

  it("sums up each seller for the organisation view in one call: headline exposure, the newest run's CVaR95", async () => {
    const res = await call(b.owner, `/orgs/${b.orgId}/summary`);
    expect(res.status).toBe(200);
    const { sellers } = (await res.json()) as { sellers: SellerSummary[] };
    expect(sellers.map((s) => s.name)).toEqual(['Secret Shop B']);
    const [shop] = sellers;
    expect(shop?.headline).toMatchObject({
      topChannel: { channel: 'tiktok-shop', share: 1 },
      totalRevenue: 60 * 5 * 10,
      orderLines: 60,
      baseCurrency: 'USD',
    });
    const run = (await (await call(b.owner, `/sellers/${b.sellerId}/runs/${b.runId}`)).json()) as {
      revenueLoss: { cvar95: number; mean: number };
      lossBasis: string;
    };
    // Stored by the in-process simulation job (no workers here) when it finished, naming that job.
    expect(shop?.risk).toMatchObject({
      runId: b.runId,
      scenarioName: 'ban',
      lossBasis: run.lossBasis,
      cvar95: run.revenueLoss.cvar95,
      expectedLoss: run.revenueLoss.mean,
      baseCurrency: 'USD',
      jobId: b.jobId,
    });
    expect(shop?.openAlerts).toBe(0);

    // A seller no job has finished for: not yet computed (null), never zeros.
    const fresh = (await (await send(a.owner, `/orgs/${a.orgId}/sellers`, { name: 'Fresh' })).json()) as {
      id: string;
    };
    // A's viewer reads A's summary (a seller that has orders but no run), and nothing of B's.
    const mine = await call(a.viewer, `/orgs/${a.orgId}/summary`);
    const text = await mine.text();
    expect(mine.status).toBe(200);
    for (const secret of secretsOfB()) expect(text).not.toContain(secret);
    const own = (JSON.parse(text) as { sellers: SellerSummary[] }).sellers.find((s) => s.id === a.sellerId);
    expect(own?.risk).toBeNull();
    expect(own?.headline).not.toBeNull();
    expect(
      (JSON.parse(text) as { sellers: SellerSummary[] }).sellers.find((s) => s.id === fresh.id),
    ).toMatchObject({ headline: null, risk: null, openAlerts: 0 });
    await expectNotFound(await call(a.owner, `/orgs/${b.orgId}/summary`), 'summary of B');
    const names = (await (await call(a.viewer, `/orgs/${a.orgId}/summary?figures=none`)).json()) as {
      sellers: SellerSummary[];
    };
    expect(names.sellers.find((s) => s.id === a.sellerId)).toMatchObject({ headline: null, risk: null });
    expect((await call(a.viewer, `/orgs/${a.orgId}/summary?figures=some`)).status).toBe(400);
  });

  it('describes every server-mode route in /openapi.json with its schemas, and each answers an owner', async () => {
    const res = await call(null, '/openapi.json');
    expect(res.status).toBe(200);
    type Operation = {
      requestBody?: { content: Record<string, { schema?: unknown }> };
      responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
    };
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'get /health',
        'post /auth/sign-in',
        'post /auth/sign-out',
        'get /auth/me',
        'get /orgs/{orgId}',
        'get /orgs/{orgId}/sellers',
        'post /orgs/{orgId}/sellers',
        'get /orgs/{orgId}/summary',
        'get /orgs/{orgId}/users',
        'post /orgs/{orgId}/users',
        'put /orgs/{orgId}/users/{userId}/role',
        'get /orgs/{orgId}/tokens',
        'post /orgs/{orgId}/tokens',
        'delete /orgs/{orgId}/tokens/{tokenId}',
        'get /orgs/{orgId}/audit',
        'get /orgs/{orgId}/alerts',
        'get /orgs/{orgId}/jobs',
        'get /sellers/{sellerId}/alert-rules',
        'put /sellers/{sellerId}/alert-rules',
        'delete /sellers/{sellerId}/alert-rules',
        'get /sellers/{sellerId}/alerts',
        'get /sellers/{sellerId}/jobs',
      ].sort(),
    );
    // A token to revoke, and a session of its own for signing out (the owner's stays signed in).
    const spare = (await (
      await send(b.owner, `/orgs/${b.orgId}/tokens`, { name: 'spare', scopes: ['read'] })
    ).json()) as {
      token: { id: string };
    };
    const leaving = await signIn('owner@b.test');
    for (const { method, path, operation } of routes) {
      const where = `${method} ${path}`;
      const success = operation.responses['200'] ?? operation.responses['201'];
      expect(success?.content?.['application/json']?.schema, `${where}: its answer's schema`).toBeDefined();
      if (method === 'post' || method === 'put')
        if (path !== '/auth/sign-out')
          expect(
            operation.requestBody?.content['application/json']?.schema,
            `${where}: its body`,
          ).toBeDefined();
      const concrete = path
        .replace('{orgId}', b.orgId)
        .replace('{sellerId}', b.sellerId)
        .replace('{userId}', b.userId)
        .replace('{tokenId}', spare.token.id);
      const who = path === '/auth/sign-out' ? leaving : b.owner;
      const answered = await call(who, concrete, {
        method: method.toUpperCase(),
        ...(method === 'post' || method === 'put'
          ? { body: '{}', headers: { 'Content-Type': 'application/json' } }
          : {}),
      });
      expect(answered.status, `${where}: ${await answered.clone().text()}`).not.toBe(404);
      expect(answered.status, where).toBeLessThan(500);
      // What a reading route answers has the documented shape.
      const shape = SHAPES[where];
      if (answered.status === 200 && shape) {
        const checked = shape.safeParse(await answered.json());
        expect(checked.error?.issues ?? [], where).toEqual([]);
      }
    }
    expect(Object.keys(SHAPES).every((where) => routes.some((r) => `${r.method} ${r.path}` === where))).toBe(
      true,
    );
  });

  it('serves the dashboard at any other path, marked as server mode, and keeps unknown API paths 404', async () => {
    const web = join(dir, 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><html><body><div id="app"></div></body></html>');
    const withWeb = createAgencyApp({ agency, webDir: web, log: (l) => logged.push(l) });
    for (const path of ['/', '/organisation', `/exposure?seller=${a.sellerId}`]) {
      const page = await withWeb.app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<body data-mode="agency">');
    }
    const missing = await withWeb.app.request('/api/v1/no-such-route', { headers: a.owner.headers });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-found');
    await withWeb.close();
  });

  it('answers 503 with a clear message while Postgres is down, and recovers when it returns', async () => {
    await pg.stop();
    const down = await call(a.owner, `/orgs/${a.orgId}/sellers`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/PostgreSQL/);
    await pg.start();
    expect((await call(a.owner, `/sellers/${a.sellerId}/status`)).status).toBe(200);
  });
});
