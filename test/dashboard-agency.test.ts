/**
 * The dashboard in server mode, in one Chromium tab against a real server on a throwaway Postgres
 * (no workers: imports run in the server): sign in, the organisation with its sellers, adding one,
 * importing into one seller and reading its exposure, a refused import on the jobs page, switching seller, users, API tokens, alert
 * rules on a server without them, a viewer's read-only pages, signing out; axe-core on each new page
 * in English and Chinese. The steps run in order and each starts where the last one left the page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as agencyEngine from '../src/engine-agency.js';
import { startAgencyServer } from '../src/server/agencies/serve.js';
import { chromiumSkipped as skipped, hasChromium, launchChromium } from './chromium.js';
import {
  axe,
  chineseText,
  seriousOnly,
  watchedPage,
  type AxeViolation,
  type Watched,
} from './dashboard-browser.js';
import { buildDashboard } from './dashboard-server.js';
import { startPostgres } from './services.js';
import { fixture, tempDir } from './workspace.js';

const PASSWORD = 'correct horse battery staple';

/**
 * Waits for what the page shows: generously, since the machine running the suite may be busy (a
 * poll that waits longer only costs time when something is really wrong).
 */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const OWNER = 'owner@agency.test';

describe.skipIf(!hasChromium)(`the dashboard in server mode, in Chromium${skipped}`, () => {
  const dir = tempDir('ballast-dashboard-agency-');
  let server: { url: string; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let tab: Watched;
  const axeResults: Record<string, AxeViolation[]> = {};
  let cookie = '';
  let harbourId = '';
  /** Every answer of 400 or more the page received: status and path. */
  const refused: string[] = [];

  beforeAll(async () => {
    const [pg] = await Promise.all([startPostgres(), buildDashboard()]);
    const agency = await agencyEngine.openAgency({
      postgres: pg.url,
      dataDir: join(dir, 'data'),
      log: () => {},
    });
    await agency.createOrganisation('North Star Agency', { email: OWNER, name: 'Olga', password: PASSWORD });
    await agency.close();
    const running = await startAgencyServer({
      postgres: pg.url,
      dataDir: join(dir, 'data'),
      port: 0,
      host: '127.0.0.1',
      log: () => {},
    });
    server = { url: running.url.replace(/\/$/, ''), close: running.close };
    // Two sellers before the first sign-in, made through the API as an owner would.
    cookie = await signIn(OWNER);
    for (const name of ['Harbour Ceramics', 'Lantern Tea'])
      expect(
        (await api('POST', '/orgs/' + (await me(cookie)).orgId + '/sellers', cookie, { name })).status,
      ).toBe(201);
    browser = await launchChromium({ width: 1280, height: 800 });
    tab = await watchedPage(browser.context, server.url);
    tab.page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`axe-core (serious or critical / all violations) per page: ${JSON.stringify(axeResults)}`);
  });

  const api = (method: string, path: string, cookie: string | null, body?: unknown, bearer?: string) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function signIn(email: string): Promise<string> {
    const res = await api('POST', '/auth/sign-in', null, { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return (res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  }
  const me = async (cookie: string) =>
    (await (await api('GET', '/auth/me', cookie)).json()) as { orgId: string };

  const checkAxe = async (name: string) => {
    const violations = await axe(tab.page);
    axeResults[name] = violations;
    expect(seriousOnly(violations), `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  };
  const heading = () => tab.page.locator('main h1');
  const sellerRows = () => tab.page.locator('#sellers tbody tr');
  const signInAs = async (email: string) => {
    const { page } = tab;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('asks for sign-in, then shows the organisation with its two sellers', async () => {
    const { page } = tab;
    await page.goto(`${server.url}/?lang=en`);
    await poll(() => heading().textContent()).toBe('Sign in');
    await checkAxe('sign-in (en)');
    await signInAs(OWNER);
    await poll(() => heading().textContent()).toBe('North Star Agency');
    await poll(() => sellerRows().count()).toBe(2);
    expect(await sellerRows().locator('td:first-child').allTextContents()).toEqual([
      'Harbour Ceramics',
      'Lantern Tea',
    ]);
    // No alert has opened yet: each seller's open-alert count is 0.
    expect(await sellerRows().locator('td:last-child').allTextContents()).toEqual(['0', '0']);
    await checkAxe('organisation (en)');
  }, 60_000);

  it('adds a seller from the organisation view', async () => {
    const { page } = tab;
    await page.getByLabel('Seller name').fill('Kite & Co <b>');
    await page.getByRole('button', { name: 'Add seller' }).click();
    await poll(() => page.getByRole('status').last().textContent()).toBe('Kite & Co <b> was added.');
    await poll(() => sellerRows().count()).toBe(3);
    await poll(() => page.locator('header select option').count()).toBe(4);
  }, 60_000);

  it("imports a file into one seller and shows that seller's exposure, also after a reload", async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Harbour Ceramics' }).click();
    await poll(() => page.locator('.seller-banner').textContent()).toBe('Working on Harbour Ceramics');
    harbourId = new URL(page.url()).searchParams.get('seller') ?? '';
    expect(harbourId).toMatch(/^sel_/);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Import');
    await page.setInputFiles(
      '#import-files',
      fixture('shopify', 'current-79-columns-first-row-only-order-fields.csv'),
    );
    const outcome = page.locator('.outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.locator('tbody tr td').nth(1).textContent()).toMatch(/shopify/);
    await page.getByRole('link', { name: 'Exposure', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Exposure');
    await page.reload();
    await poll(() => page.locator('.seller-banner').textContent()).toBe('Working on Harbour Ceramics');
    await poll(() => heading().textContent()).toBe('Exposure');
    await poll(() => page.locator('main table').count()).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).toContain('Shopify');
    // The organisation view now shows the seller's top channel and its share.
    await page.getByRole('link', { name: 'Organisation' }).click();
    const harbour = sellerRows().filter({ hasText: 'Harbour Ceramics' });
    await poll(() => harbour.locator('td').nth(1).textContent()).toBe('Shopify');
    expect(await harbour.locator('td').nth(2).textContent()).toBe('100.0%');
  }, 120_000);

  it('lists the jobs, a refused import marked failed with its error, and filters to failed ones', async () => {
    const { page } = tab;
    // A file no channel reader recognises: the import is refused and its job ends failed.
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'these are, my notes\nnot an, export\n');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Import');
    await page.setInputFiles('#import-files', notes);
    await page.locator('main .error-box').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Jobs');
    const rows = page.locator('#jobs tbody tr');
    await poll(() => rows.count()).toBe(2);
    // Newest first: the refused import, marked failed, with the engine's message; then the good one.
    const [failed] = (await (
      await api('GET', `/sellers/${harbourId}/jobs?state=failed`, cookie)
    ).json()) as Array<{
      error: { message: string };
    }>;
    expect(failed?.error.message).toBeTruthy();
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toBe('failed');
    expect(await rows.nth(0).locator('strong.error-text').count()).toBe(1);
    expect(await rows.nth(0).locator('td').last().textContent()).toContain(failed?.error.message ?? '-');
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('done');
    await checkAxe('jobs (en)');
    await page.getByLabel('Show').selectOption('failed');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).locator('td').first().textContent()).toBe('Harbour Ceramics');
    await page.getByLabel('Show').selectOption('all');
    await poll(() => rows.count()).toBe(2);
    await page.getByRole('link', { name: 'Organisation' }).click();
    await poll(() => heading().textContent()).toBe('North Star Agency');
  }, 120_000);

  it('switches seller: every page then works on the other one', async () => {
    const { page } = tab;
    await page.locator('header select').selectOption({ label: 'Lantern Tea' });
    await poll(() => page.locator('.seller-banner').textContent()).toBe('Working on Lantern Tea');
    await poll(() => page.locator('#empty-title').textContent()).toBe('This workspace is empty');
  }, 60_000);

  it("saves the seller's alert rules, keeps them over a reload, and shows the schema's refusal", async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Alert rules' }).click();
    await poll(() => heading().textContent()).toBe('Alert rules');
    await poll(() => page.locator('ol.rules > li').count()).toBe(2);
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const third = page.locator('ol.rules > li').nth(2);
    await third.getByLabel('When').selectOption('cvar-above');
    await third.getByLabel('Limit (base currency)').fill('500');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect
      .poll(() => page.locator('#rules [role="status"]').textContent())
      .toBe('The rules are saved.');
    await checkAxe('alert rules (en)');
    // Saved on the server: a reload shows the three rules, the new one as it was entered.
    await page.reload();
    await poll(() => page.locator('ol.rules > li').count()).toBe(3);
    expect(await page.locator('ol.rules > li').nth(2).getByLabel('Limit (base currency)').inputValue()).toBe(
      '500',
    );
    await poll(() => page.locator('#alerts').textContent()).toContain('No alerts so far.');
    // A share above 100% is refused by the schema; the page shows why.
    await page.locator('ol.rules > li').first().getByLabel('Share above (%)').fill('150');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await poll(() => page.locator('#rules .error-box').count()).toBe(1);
    expect(await page.locator('#rules .error-box').textContent()).toContain('rules[0].above');
  }, 60_000);

  it('adds a user and changes their role', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Users' }).click();
    await poll(() => heading().textContent()).toBe('Users');
    const form = page.locator('#add-user');
    await form.getByLabel('E-mail').fill('viewer@agency.test');
    await form.getByLabel('Name').fill('Victor');
    await form.getByLabel('Password (at least 12 characters)').fill(PASSWORD);
    await form.getByRole('button', { name: 'Add user' }).click();
    await poll(() => page.locator('#users tbody tr').count()).toBe(2);
    await page.getByLabel('Role of viewer@agency.test').selectOption('viewer');
    await expect
      .poll(() => page.locator('#users [role="status"]').textContent())
      .toBe('viewer@agency.test is now Viewer.');
    await checkAxe('users (en)');
  }, 60_000);

  it('makes an API token, shows its secret once, and revokes it', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'API tokens' }).click();
    await poll(() => heading().textContent()).toBe('API tokens');
    await page.getByLabel('Token name').fill('nightly export');
    await page.getByRole('button', { name: 'Make token' }).click();
    const secret = (await page.locator('.token-secret').textContent({ timeout: 10_000 })) ?? '';
    expect(secret).toMatch(/^blt_/);
    expect((await api('GET', '/auth/me', null, undefined, secret)).status).toBe(200);
    await checkAxe('tokens (en)');
    await page.getByRole('button', { name: 'Revoke nightly export' }).click();
    await poll(() => page.locator('#tokens tbody tr td').nth(3).textContent()).toMatch(/^Revoked /);
    expect((await api('GET', '/auth/me', null, undefined, secret)).status).toBe(401);
    // Shown once: after a reload the secret is nowhere on the page.
    await page.reload();
    await poll(() => page.locator('#tokens tbody tr').count()).toBe(1);
    expect(await page.content()).not.toContain(secret);
  }, 60_000);

  it('the new pages pass axe-core in Chinese too', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => heading().textContent()).toBe('API 令牌');
    expect((await chineseText(page)).match(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/g), 'tokens').toBeNull();
    await checkAxe('tokens (zh-CN)');
    for (const [link, title] of [
      ['用户', '用户'],
      ['预警规则', '预警规则'],
      ['任务', '任务'],
      ['组织', 'North Star Agency'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await poll(() => heading().textContent()).toBe(title);
      await poll(() => page.locator('main .muted[role="status"]').count()).toBe(0);
      // English words in a row are an untranslated sentence; names and brands are single words.
      expect((await chineseText(page)).match(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/g), link).toBeNull();
      await checkAxe(`${link} (zh-CN)`);
    }
    await page.getByRole('button', { name: 'English' }).click();
  }, 60_000);

  it('signs out, and a viewer signed in sees no import or run buttons', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await poll(() => heading().textContent()).toBe('Sign in');
    await signInAs('viewer@agency.test');
    await poll(() => sellerRows().count()).toBe(3);
    // A viewer manages nothing: no users, tokens or adding sellers.
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.locator('#add-seller').count()).toBe(0);
    await page.getByRole('link', { name: 'Harbour Ceramics' }).click();
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Import');
    expect(await page.getByText('Choose files').isVisible()).toBe(false);
    expect(await page.locator('main .note').first().textContent()).toMatch(
      /may read this seller’s data but not/,
    );
    await page.getByRole('link', { name: 'Risk', exact: true }).click();
    await poll(() => heading().textContent()).toBe('Risk');
    expect(await page.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await poll(() => heading().textContent()).toBe('Sign in');
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => heading().textContent()).toBe('登录');
    await checkAxe('sign-in (zh-CN)');
  }, 60_000);

  it('reached no other host, and was refused only where expected', () => {
    expect(tab.offsite).toEqual([]);
    // 401: asking who is signed in, before sign-in and after sign-out; 400: rules the schema refused.
    // The browser logs each as a console error, and nothing else.
    // 4xx: the import of a file no reader recognises (the jobs step).
    const expected = (r: string) =>
      r === '401 /api/v1/auth/me' ||
      /^400 \/api\/v1\/sellers\/sel_\w+\/alert-rules$/.test(r) ||
      /^4\d\d \/api\/v1\/sellers\/sel_\w+\/imports$/.test(r);
    expect(refused.filter((r) => !expected(r))).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    expect(tab.errors.filter((e) => !/status of (40[014]|422) /.test(e))).toEqual([]);
    expect(tab.errors).toHaveLength(refused.length);
  });
});
