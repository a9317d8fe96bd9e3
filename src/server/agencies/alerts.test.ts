/**
 * Alerts in server mode on a real `ballast worker` process (bin/ballast.js: `npm run build` first),
 * a throwaway Postgres and Redis, a webhook receiver and an SMTP sink on 127.0.0.1. An import on a
 * seller with rules opens an alert, delivered once to the webhook (after it answered 500 once) and
 * by mail in the seller's language; the scheduled check finds a seller's alerts with no import; the
 * API lists them per seller and per organisation; another organisation gets 404 for all of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { startPostgres, startRedis, type Postgres, type Redis } from '../../../test/services.js';
import { tempDir } from '../../../test/workspace.js';
import { afterImportId } from './alert-checks.js';
import { createAgencyApp, type AgencyServer } from './app.js';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
const SECRET = 'server-mode-hook-secret';
const PASSWORD = 'correct horse battery staple';

/** 60 days of one SKU, all on TikTok Shop: its share of net revenue is 100 %. */
const history = () => {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let d = 0; d < 60; d++)
    rows.push(
      `H-${d},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},MUG,5,10,USD,tiktok-shop,US`,
    );
  return rows.join('\n') + '\n';
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

interface AlertView {
  seq: number;
  key: string;
  rule: string;
  message: string;
  lastSeenAt: string;
  closedAt: string | null;
  delivered: { webhook: string | null; email: string | null };
}

/** A mail's text part, decoded from the transfer encoding nodemailer chose. */
function mailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('server mode: alerts checked by a real worker process', () => {
  const dir = tempDir('ballast-alerts-');
  const dataDir = join(dir, 'data');
  let pg: Postgres;
  let redis: Redis;
  let agency: agencyEngine.Agency;
  let queue: agencyEngine.JobQueue;
  let server: AgencyServer;
  let worker: ChildProcess | undefined;
  let orgId = '';
  let cookie = '';
  let otherCookie = '';
  let hookUrl = '';
  const received: Received[] = [];
  const mails: string[] = [];
  let answers: number[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      received.push({ path: req.url ?? '', headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, done) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(text);
        done();
      });
    },
  });

  const request = (who: string, path: string, init: RequestInit = {}) =>
    server.app.request(`/api/v1${path}`, { ...init, headers: { Cookie: who, ...(init.headers ?? {}) } });
  const send = (who: string, path: string, body: unknown, method = 'POST') =>
    request(who, path, {
      method,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });
  const call = (path: string, init: RequestInit = {}) => request(cookie, path, init);

  async function signIn(email: string): Promise<string> {
    const res = await send('', '/auth/sign-in', { email, password: PASSWORD });
    return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  }

  async function newSeller(name: string): Promise<string> {
    const res = await send(cookie, `/orgs/${orgId}/sellers`, { name });
    return ((await res.json()) as { id: string }).id;
  }

  /** Rules for one seller: TikTok Shop above half of net revenue, delivered to the hook at `path`. */
  const rules = (path: string, email: boolean) => ({
    language: 'zh-CN',
    rules: [
      { id: 'tiktok-band', when: 'share-above', channel: 'tiktok-shop', above: 0.5 },
      { id: 'stock', when: 'locked-stock-above', units: 1_000_000 },
    ],
    deliver: {
      webhook: { url: `${hookUrl}${path}`, secret_env: 'BALLAST_TEST_HOOK_SECRET' },
      ...(email
        ? { email: { smtp_env: 'BALLAST_TEST_SMTP', from: 'alerts@agency.test', to: ['owner@shop.test'] } }
        : {}),
    },
  });

  /** Polls a seller's alerts until `done`; the test's own timeout bounds the wait. */
  async function alertsUntil(
    sellerId: string,
    done: (a: { open: AlertView[]; history: AlertView[] }) => boolean,
  ): Promise<{ open: AlertView[]; history: AlertView[] }> {
    for (;;) {
      const alerts = (await (await call(`/sellers/${sellerId}/alerts`)).json()) as {
        open: AlertView[];
        history: AlertView[];
      };
      if (done(alerts)) return alerts;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    agency = await agencyEngine.openAgency({ postgres: pg.url, dataDir, log: () => {} });
    queue = agencyEngine.JobQueue.connect(redis.url);
    server = createAgencyApp({ agency, queue, log: () => {} });
    orgId = (
      await agency.createOrganisation('Agency', { email: 'owner@agency.test', name: 'O', password: PASSWORD })
    ).orgId;
    await agency.createOrganisation('Other', { email: 'owner@other.test', name: 'X', password: PASSWORD });
    cookie = await signIn('owner@agency.test');
    otherCookie = await signIn('owner@other.test');
    // The secret and the SMTP URL live in the worker's environment, named by the rules.
    worker = spawn(
      process.execPath,
      [
        BIN,
        'worker',
        ...['--postgres', pg.url, '--redis', redis.url, '--data', dataDir],
        ...['--lock-seconds', '5', '--alerts-every', '1s'],
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          BALLAST_TEST_HOOK_SECRET: SECRET,
          BALLAST_TEST_SMTP: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        },
      },
    );
    // Read and dropped, so a chatty worker never blocks on a full pipe.
    worker.stdout?.resume();
    worker.stderr?.resume();
  }, 120_000);
  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await server?.close();
    await queue?.close();
    await agency?.close();
    await new Promise((resolve) => hook.close(resolve));
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
  });

  let shopId = '';

  it('opens an alert after an import: one signed webhook delivery after a 500, one mail in Chinese', async () => {
    shopId = await newSeller('Shop');
    expect((await send(cookie, `/sellers/${shopId}/alert-rules`, rules('/shop', true), 'PUT')).status).toBe(
      200,
    );
    answers = [500]; // the receiver fails once: the alert is sent again, and only once accepted
    const form = new FormData();
    form.append('files', new File([history()], 'history.csv'));
    const queued = await call(`/sellers/${shopId}/imports`, { method: 'POST', body: form });
    expect(queued.status).toBe(202);
    const { job } = (await queued.json()) as { job: { id: string } };

    const { open } = await alertsUntil(
      shopId,
      (a) => a.open[0]?.delivered.webhook != null && a.open[0].delivered.email !== null,
    );
    expect(open.map((a) => [a.key, a.rule])).toEqual([['tiktok-band:tiktok-shop', 'tiktok-band']]);
    expect(open[0]?.message).toMatch(/^tiktok-shop 在 .* 贡献了 100% 的净收入，高于 50% 的警戒线。$/);

    // The import queued its own check, whatever the schedule did meanwhile.
    const checks = agencyEngine.AlertQueue.connect(redis.url);
    try {
      while ((await checks.state(afterImportId(job.id))) !== 'completed')
        await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await checks.close();
    }

    // Later checks (the schedule runs every second) see the alert still open and send nothing more.
    const delivered = open[0]?.delivered.webhook ?? '';
    await alertsUntil(shopId, (a) => (a.open[0]?.lastSeenAt ?? '') > delivered);
    const toShop = received.filter((r) => r.path === '/shop');
    expect(toShop.map((r) => r.status)).toEqual([500, 200]);
    const accepted = toShop[1];
    expect(accepted?.headers['x-ballast-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(accepted?.body ?? '')
        .digest('hex')}`,
    );
    expect(accepted?.headers['x-ballast-delivery']).toBe(toShop[0]?.headers['x-ballast-delivery']);
    expect(JSON.parse(accepted?.body ?? '{}')).toMatchObject({
      alert: { key: 'tiktok-band:tiktok-shop', language: 'zh-CN', value: 1, threshold: 0.5 },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/To: owner@shop\.test/);
    expect(mailText(mails[0] ?? '')).toContain('贡献了 100% 的净收入');
  }, 120_000);

  it('finds the alerts of a seller on the schedule, with no import since its rules were set', async () => {
    const quietId = await newSeller('Quiet');
    // Its orders are written straight into its workspace, so no import job (and no check after one)
    // runs for it: only the scheduled check can find its alert.
    await engine.importFiles(join(dataDir, 'sellers', `${quietId}.duckdb`), [writeHistory(dir, 'quiet.csv')]);
    expect(
      (await send(cookie, `/sellers/${quietId}/alert-rules`, rules('/quiet', false), 'PUT')).status,
    ).toBe(200);
    const { open } = await alertsUntil(quietId, (a) => a.open[0]?.delivered.webhook != null);
    expect(open.map((a) => a.key)).toEqual(['tiktok-band:tiktok-shop']);
    expect(received.filter((r) => r.path === '/quiet').map((r) => r.status)).toEqual([200]);

    // The organisation view: each seller with its open alerts.
    const org = (await (await call(`/orgs/${orgId}/alerts`)).json()) as Array<{
      sellerId: string;
      name: string;
      open: number;
    }>;
    expect(org.map((s) => [s.name, s.sellerId, s.open])).toEqual([
      ['Quiet', quietId, 1],
      ['Shop', shopId, 1],
    ]);
  }, 120_000);

  it('closes an alert when looser rules no longer find it, keeping it in the history', async () => {
    const looser = rules('/shop', true);
    looser.rules[0] = { id: 'tiktok-band', when: 'share-above', channel: 'tiktok-shop', above: 1 };
    expect((await send(cookie, `/sellers/${shopId}/alert-rules`, looser, 'PUT')).status).toBe(200);
    const after = await alertsUntil(shopId, (a) => a.open.length === 0);
    expect(after.history.map((a) => [a.key, a.closedAt !== null])).toEqual([
      ['tiktok-band:tiktok-shop', true],
    ]);
  }, 120_000);

  it("closes a seller's open alerts when its rules are removed, since nothing checks them any more", async () => {
    const quiet = (
      (await (await call(`/orgs/${orgId}/alerts`)).json()) as Array<{ sellerId: string; name: string }>
    ).find((s) => s.name === 'Quiet');
    const quietId = quiet?.sellerId ?? '';
    expect((await call(`/sellers/${quietId}/alert-rules`, { method: 'DELETE' })).status).toBe(200);
    const { open, history } = (await (await call(`/sellers/${quietId}/alerts`)).json()) as {
      open: AlertView[];
      history: AlertView[];
    };
    expect(open).toEqual([]);
    expect(history.map((a) => a.closedAt !== null)).toEqual([true]);
  });

  it("gives another organisation a 404 on this organisation's rules and alerts, and nothing of them", async () => {
    for (const [method, path, body] of [
      ['GET', `/sellers/${shopId}/alert-rules`, undefined],
      ['PUT', `/sellers/${shopId}/alert-rules`, rules('/stolen', false)],
      ['DELETE', `/sellers/${shopId}/alert-rules`, undefined],
      ['GET', `/sellers/${shopId}/alerts`, undefined],
      ['GET', `/orgs/${orgId}/alerts`, undefined],
    ] as const) {
      const res = body
        ? await send(otherCookie, path, body, method)
        : await request(otherCookie, path, { method });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBe(404);
      expect(text).not.toContain(shopId);
      expect(text).not.toContain('tiktok-band');
    }
    const stored = (await (await call(`/sellers/${shopId}/alert-rules`)).json()) as {
      rules: { deliver: { webhook: { url: string } } };
    };
    expect(stored.rules.deliver.webhook.url).toBe(`${hookUrl}/shop`);
  });
});

function writeHistory(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, history());
  return path;
}
