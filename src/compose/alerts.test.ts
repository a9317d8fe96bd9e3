import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { runCli } from '../../test/cli.js';
import { newDb, tempDir } from '../../test/workspace.js';

const HEADER = 'order_id,order_date,sku,quantity,unit_price,currency,channel,market,status,refund';
const SECRET = 'webhook-test-secret';

/** TikTok Shop: 1 of 4 orders in the previous 90 days, 3 of 4 in the last 90 (to 2025-01-17). */
function ordersFile(dir: string): string {
  const orders = [
    ['a1', '2024-08-10', 'amazon'],
    ['a2', '2024-09-01', 'amazon'],
    ['a3', '2024-09-20', 'amazon'],
    ['t1', '2024-09-25', 'tiktok-shop'],
    ['a4', '2024-12-01', 'amazon'],
    ['t2', '2024-12-05', 'tiktok-shop'],
    ['t3', '2025-01-02', 'tiktok-shop'],
    ['t4', '2025-01-17', 'tiktok-shop'],
  ];
  const path = join(dir, 'orders.csv');
  writeFileSync(
    path,
    [HEADER, ...orders.map(([id, day, ch]) => `${id},${day},SKU-1,1,100.00,USD,${ch},US,shipped,0`)].join(
      '\n',
    ),
  );
  return path;
}

const RULES = `
language: zh-CN
rules:
  - { id: tiktok-band, when: share-above, channel: tiktok-shop, above: 0.5 }
  - { id: rise, when: share-rise, points: 0.3 }
deliver:
  webhook: { url: "URL", secret_env: BALLAST_TEST_HOOK_SECRET }
  email: { smtp_env: BALLAST_TEST_SMTP, from: "alerts@ballast.test", to: ["owner@seller.test"] }
`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

describe('alert checks on a real workspace', () => {
  const dir = tempDir();
  const received: Received[] = [];
  const mails: string[] = [];
  let answers: number[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const status = answers.shift() ?? 200;
      received.push({ headers: req.headers, body, status });
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
  let rulesText = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    process.env.BALLAST_TEST_HOOK_SECRET = SECRET;
    process.env.BALLAST_TEST_SMTP = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    rulesText = RULES.replace('URL', `http://127.0.0.1:${(hook.address() as AddressInfo).port}/ballast`);
  });
  afterAll(async () => {
    await new Promise((resolve) => hook.close(resolve));
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
  });

  it('delivers each new alert once, signed, after a receiver error; then only what changed', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [ordersFile(dir)]);
    answers = [500]; // the receiver fails once: the first alert is sent again
    const first = await engine.alerts(db, { rules: { text: rulesText, name: 'alerts.yaml' } });

    expect(first.alerts.map((a) => [a.key, a.value, a.isNew])).toEqual([
      ['tiktok-band:tiktok-shop', 0.75, true],
      ['rise:tiktok-shop', 0.75, true],
    ]);
    expect(first.alerts[0]?.message).toBe(
      'tiktok-shop 在 2024-10-20 至 2025-01-17 贡献了 75% 的净收入，高于 50% 的警戒线。',
    );
    expect(received.map((r) => r.status)).toEqual([500, 200, 200]);
    const accepted = received.filter((r) => r.status === 200);
    for (const r of accepted) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`;
      expect(r.headers['x-ballast-signature']).toBe(expected);
    }
    expect(accepted.map((r) => (JSON.parse(r.body) as { alert: { key: string } }).alert.key)).toEqual([
      'tiktok-band:tiktok-shop',
      'rise:tiktok-shop',
    ]);
    // The retry carries the same delivery id, so a receiver can drop a repeat.
    expect(received[0]?.headers['x-ballast-delivery']).toBe(received[1]?.headers['x-ballast-delivery']);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/To: owner@seller\.test/);
    // The result shows each alert as delivered, as the history now says.
    expect(first.alerts.map((a) => [a.webhookAt !== null, a.emailAt !== null])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(first.deliveries.map((d) => [d.channel, d.ok, d.attempts])).toEqual([
      ['webhook', true, 2],
      ['webhook', true, 1],
      ['email', true, 1],
    ]);

    // The same figures again: the alerts are still open and already delivered.
    const again = await engine.alerts(db);
    expect(again.alerts.map((a) => a.isNew)).toEqual([false, false]);
    expect(again.deliveries).toEqual([]);
    expect(received).toHaveLength(3);
    expect(mails).toHaveLength(1);

    // Looser rules: the band alert closes, and the history says so.
    const looser = await engine.alerts(db, {
      rules: { text: rulesText.replace('above: 0.5', 'above: 0.8'), name: 'alerts.yaml' },
    });
    expect(looser.closed.map((c) => c.key)).toEqual(['tiktok-band:tiktok-shop']);
    const history = await engine.alertHistory(db);
    expect(history.map((h) => [h.key, h.closedAt !== null, h.webhookAt !== null])).toEqual([
      ['rise:tiktok-shop', false, true],
      ['tiktok-band:tiktok-shop', true, true],
    ]);
  });

  it('keeps an alert whose webhook is down and sends it on the next check', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [ordersFile(dir)]);
    received.length = 0;
    const noMail = rulesText.replace(/\n {2}email:.*\n/, '\n');
    answers = [404];
    const down = await engine.alerts(db, { rules: { text: noMail, name: 'alerts.yaml' } });
    expect(down.deliveries.map((d) => [d.ok, d.attempts])).toEqual([
      [false, 1], // a 4xx is not retried
      [true, 1],
    ]);
    const next = await engine.alerts(db);
    expect(next.deliveries.map((d) => [d.keys, d.ok])).toEqual([[['tiktok-band:tiktok-shop'], true]]);
  });

  it('stops before checking when the secret is not set, and leaves the history as it was', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [ordersFile(dir)]);
    const text = rulesText.replace('BALLAST_TEST_HOOK_SECRET', 'BALLAST_TEST_UNSET_SECRET');
    await expect(engine.alerts(db, { rules: { text, name: 'alerts.yaml' } })).rejects.toThrow(
      /deliver\.webhook\.secret_env: the environment variable BALLAST_TEST_UNSET_SECRET is not set/,
    );
    expect(await engine.alertHistory(db)).toEqual([]);
    const quiet = await engine.alerts(db, { rules: { text, name: 'alerts.yaml' }, deliver: false });
    expect(quiet.alerts).toHaveLength(2);
  });

  it('checks from the command line, in words and as JSON', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [ordersFile(dir)]);
    const text = await runCli('--db', db, 'alerts', '--no-deliver');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /2 alerts open \(2024-10-20 – 2025-01-17\):\n {2}new {2}tiktok-shop brought 75 %/,
    );
    const json = await runCli('--db', db, '--json', 'alerts', '--history');
    expect((JSON.parse(json.out) as unknown[]).length).toBe(2);
    const missing = await runCli('--db', db, 'alerts', '--rules', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--rules: cannot read/);
  });
});
