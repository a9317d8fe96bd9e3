/**
 * Screenshots of every dashboard page in both languages, at 1280 × 800 and on a 390-pixel phone, for
 * docs/screenshots/. Not a test: it photographs whatever workspace the server holds, so run it on the
 * demo seller:
 *
 *   npx ballast demo && npx ballast serve --db ballast-demo/ballast.duckdb &
 *   npm run screenshots                      # BALLAST_URL=http://127.0.0.1:7777 by default
 *
 * With BALLAST_EMAIL and BALLAST_PASSWORD, it photographs a server-mode server's own pages instead
 * (organisation, jobs, users, API tokens), signed in as that owner.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { it } from 'vitest';
import { launchChromium } from './chromium.js';
import { watchedPage } from './dashboard-browser.js';

const URL_BASE = (process.env.BALLAST_URL ?? 'http://127.0.0.1:7777').replace(/\/$/, '');
const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const PAGES = ['overview', 'import', 'exposure', 'scenario', 'risk', 'plan', 'reports'] as const;
const PHONE_PAGES = new Set(['overview', 'exposure', 'risk']);
/** Long pages are cut here: the top of a page is what a reader of the README looks at. */
const MAX_HEIGHT = 2400;

const AGENCY_PAGES = ['organisation', 'jobs', 'users', 'tokens'] as const;
const agency = process.env.BALLAST_EMAIL
  ? { email: process.env.BALLAST_EMAIL, password: process.env.BALLAST_PASSWORD ?? '' }
  : null;

it.runIf(agency)("photographs server mode's own pages in both languages", async () => {
  const browser = await launchChromium({ width: 1280, height: 800 });
  try {
    const { page, errors } = await watchedPage(browser.context, URL_BASE);
    page.setDefaultTimeout(120_000);
    await page.goto(`${URL_BASE}/organisation?lang=en`);
    await page.locator('input[type="email"]').fill(agency?.email ?? '');
    await page.locator('input[type="password"]').fill(agency?.password ?? '');
    await page.locator('form.sign-in button[type="submit"]').click();
    await page.locator('#sellers table').waitFor();
    for (const lang of ['en', 'zh-CN'])
      for (const name of AGENCY_PAGES) {
        await page.goto(`${URL_BASE}/${name}?lang=${lang}`);
        await page.locator('main table').first().waitFor();
        await page.waitForLoadState('networkidle');
        const file = resolve(OUT, `${name}.${lang}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    // The only 401 is asking who is signed in before signing in.
    const unexpected = errors.filter((e) => !/status of 401/.test(e));
    if (unexpected.length > 0) throw new Error(`console errors: ${unexpected.join('\n')}`);
  } finally {
    await browser.close();
  }
});

it.skipIf(agency)('photographs every page in both languages', async () => {
  mkdirSync(OUT, { recursive: true });
  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const browser = await launchChromium(viewport);
    try {
      const { page, errors } = await watchedPage(browser.context, URL_BASE);
      page.setDefaultTimeout(120_000); // a busy machine answers exposure slowly
      for (const lang of ['en', 'zh-CN']) {
        for (const name of PAGES) {
          if (device === 'phone' && !PHONE_PAGES.has(name)) continue;
          await page.goto(`${URL_BASE}${name === 'overview' ? '/' : `/${name}`}?lang=${lang}`);
          await page.locator('main h1').waitFor();
          await page.waitForLoadState('networkidle');
          // Charts draw after ECharts arrives; wait until each has its shapes.
          await page.waitForFunction(
            `[...document.querySelectorAll('.chart')].every((c) => c.querySelector('svg path'))`,
          );
          await page.waitForTimeout(600); // ECharts' entry animation
          const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
          const file = resolve(OUT, `${device === 'phone' ? 'phone-' : ''}${name}.${lang}.png`);
          await page.screenshot({
            path: file,
            fullPage: true,
            clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_HEIGHT) },
          });
          console.log(file);
        }
      }
      if (errors.length > 0) throw new Error(`console errors: ${errors.join('\n')}`);
    } finally {
      await browser.close();
    }
  }
});
