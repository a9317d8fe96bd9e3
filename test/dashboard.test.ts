import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipped as skipped, hasChromium, launchChromium } from './chromium.js';
import {
  axe,
  chineseText,
  seriousOnly,
  watchedPage,
  type AxeViolation,
  type Watched,
} from './dashboard-browser.js';
import { buildDashboard, startServer, type RunningServer } from './dashboard-server.js';
import { fixture, newDb, tempDir } from './workspace.js';

const PAGES = ['overview', 'import', 'exposure', 'scenario', 'risk', 'plan', 'reports'] as const;
const path = (page: (typeof PAGES)[number], lang: string) =>
  `${page === 'overview' ? '/' : `/${page}`}?lang=${lang}`;

/**
 * A new seller's first session, in one browser tab against a real server on an empty temporary
 * workspace: the steps run in order and each starts where the last one left the page.
 */
describe.skipIf(!hasChromium)(`the dashboard in Chromium, as a new user${skipped}`, () => {
  const dir = tempDir('ballast-dashboard-');
  const db = newDb(dir);
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let tab: Watched;
  const axeResults: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    await buildDashboard();
    server = await startServer(db);
    browser = await launchChromium({ width: 1280, height: 800 });
    tab = await watchedPage(browser.context, server.url);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`axe-core (serious or critical / all violations) per page: ${JSON.stringify(axeResults)}`);
  });

  const checkAxe = async (name: string) => {
    const violations = await axe(tab.page);
    axeResults[name] = violations;
    expect(seriousOnly(violations), `${name}: ${JSON.stringify(violations)}`).toEqual([]);
  };
  const heading = () => tab.page.locator('main h1');

  it('opens on an empty workspace that says what to do, and loads the demo seller', async () => {
    const { page } = tab;
    await page.goto(server.url + path('overview', 'en'));
    await expect.poll(() => page.locator('#empty-title').textContent()).toBe('This workspace is empty');
    await checkAxe('empty overview (en)');
    await page.getByRole('button', { name: 'Load the demo seller' }).click();
    await expect.poll(() => page.locator('progress').count(), { timeout: 20_000 }).toBe(1);
    // The demo seller is two years of five channels' exports: importing them is the slow step.
    await page.getByRole('heading', { name: 'Three things to take away' }).waitFor({ timeout: 200_000 });
    const takeaways = await page.locator('.takeaways li').allTextContents();
    expect(takeaways).toHaveLength(3);
    expect(takeaways[0]).toMatch(/^TikTok Shop brought \d+% of net revenue/);
  }, 240_000);

  it('imports a file dropped on the import page and shows what happened to it', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Import' }).click();
    await expect.poll(() => heading().textContent()).toBe('Import');
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');
    const file = fixture('shopify', 'current-79-columns-first-row-only-order-fields.csv');
    await page.setInputFiles('#import-files', file);
    const outcome = page.locator('.outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.locator('tbody tr td').first().textContent()).toBe(
      'current-79-columns-first-row-only-order-fields.csv',
    );
    expect(await outcome.locator('tbody tr td').nth(1).textContent()).toMatch(/shopify/);
    expect(await page.locator('#files caption').first().textContent()).toBe('Files in the workspace');
    await checkAxe('import (en)');
  }, 90_000);

  it('reads exposure with live charts and the numbers beside them, and downloads a table', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Exposure' }).click();
    const channels = page.locator('#channels');
    await channels.locator('tbody tr').first().waitFor();
    await expect
      .poll(() => channels.locator('[data-chart="channel-share"] svg path').count())
      .toBeGreaterThan(3);
    const rows = await channels.locator('tbody tr td:first-child').allTextContents();
    expect(rows[0]).toBe('TikTok Shop');
    const ninety = await page.locator('.period').textContent();
    expect(ninety).toMatch(/^Net revenue from .+ to .+, in USD$/);
    await page.getByRole('combobox', { name: 'Period' }).selectOption('365');
    // Exposure over a year takes seconds on a busy machine.
    await expect.poll(() => page.locator('.period').textContent(), { timeout: 90_000 }).not.toBe(ninety);
    const download = page.waitForEvent('download');
    await channels.getByRole('button', { name: 'CSV' }).click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toMatch(/channel/i);
    expect(csv).toMatch(/tiktok-shop|TikTok Shop/);
    await checkAxe('exposure (en)');
  }, 90_000);

  it('shows a scenario error at its line, then accepts the fix', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Scenario' }).click();
    const editor = page.getByRole('textbox', { name: 'Scenario (YAML)' });
    await expect.poll(() => editor.inputValue(), { timeout: 30_000 }).toMatch(/tiktok-us-2025/);
    await expect.poll(() => page.locator('.check').textContent(), { timeout: 30_000 }).toMatch(/is valid/);
    const good = await editor.inputValue();
    const lines = good.split('\n');
    const at = lines.findIndex((l) => /^\s+probability: 0\.6\b/.test(l));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at].replace('probability: 0.6', 'probability: 1.7');
    await editor.fill(lines.join('\n'));
    const issue = page.locator('#scenario-errors .issue').first();
    await issue.waitFor({ timeout: 30_000 });
    expect(await issue.textContent()).toContain(`Line ${at + 1}`);
    expect(await page.locator('.gutter .ln.err').first().textContent()).toBe(`● ${at + 1}`);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await checkAxe('scenario with an error (en)');
    // The form writes the YAML back, comments and all.
    await page.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'de-minimis' });
    const probability = page.getByRole('spinbutton', { name: 'Probability (0–1)' });
    await probability.fill('0.5');
    await probability.press('Tab');
    const fixed = await editor.inputValue();
    expect(fixed).toContain('probability: 0.5');
    expect(fixed).toContain('# proposed in Congress');
    await expect.poll(() => page.locator('.check').textContent(), { timeout: 30_000 }).toMatch(/is valid/);
    expect(await page.locator('#scenario-errors .issue').count()).toBe(0);
  }, 90_000);

  it('runs a simulation to the end with a progress bar', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Risk' }).click();
    await page.getByRole('spinbutton', { name: 'Simulated paths' }).fill('200');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.job progress').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('#run').textContent(), { timeout: 120_000 })
      .toMatch(/200 paths, seed/);
    await expect.poll(() => page.locator('[data-chart="risk-fan"] svg path').count()).toBeGreaterThan(3);
    expect(await page.locator('#events tbody tr').count()).toBeGreaterThan(0);
    await checkAxe('risk (en)');
  }, 150_000);

  it('runs a plan and says what to do in words, measured on fresh futures', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Plan' }).click();
    // 60 is not a multiple of the spinner's old step: the browser refused the form without a word.
    await page.getByRole('spinbutton', { name: 'Futures to plan on' }).fill('60');
    await page.getByRole('spinbutton', { name: 'Fresh futures to check on' }).fill('250');
    await page.getByRole('checkbox', { name: 'Draw the frontier' }).uncheck();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.job progress').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('#proof').textContent(), { timeout: 180_000 })
      .toMatch(/250 futures drawn with another seed/);
    expect(await page.locator('#actions').textContent()).toMatch(
      /Open|Move|Spend|Cancel|Redirect|Do nothing/,
    );
    await checkAxe('plan (en)');
  }, 240_000);

  it('switches to Chinese: the same page translated, remembered on the next visit', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Plan' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => heading().textContent()).toBe('计划');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(page.url()).toContain('lang=zh-CN');
    await page.goto(server.url + '/exposure');
    await expect.poll(() => heading().textContent()).toBe('风险敞口');
    for (const name of PAGES) {
      await page.goto(server.url + path(name, 'zh-CN'));
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const text = await chineseText(page);
      // English words in a row are an untranslated sentence; brand names and SKUs are single words.
      expect(text.match(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/g), `${name}: English left`).toBeNull();
      await checkAxe(`${name} (zh-CN)`);
    }
    for (const name of PAGES) {
      if (axeResults[`${name} (en)`]) continue;
      await page.goto(server.url + path(name, 'en'));
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await checkAxe(`${name} (en)`);
    }
  }, 150_000);

  it('downloads the report in either language', async () => {
    const { page } = tab;
    await page.goto(server.url + path('reports', 'zh-CN'));
    for (const [button, lang] of [
      ['下载中文版', 'zh-CN'],
      ['下载英文版', 'en'],
    ] as const) {
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('button', { name: button }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(
        lang === 'en' ? 'ballast-report.html' : 'ballast-report.zh-CN.html',
      );
      const html = readFileSync((await file.path()) ?? '', 'utf8');
      expect(html).toContain(`<html lang="${lang}"`);
    }
  }, 120_000);

  it('made no request to any other host and logged no error', () => {
    expect(tab.offsite).toEqual([]);
    // The broken scenario is answered 422, which Chromium logs as a failed resource load; nothing else.
    expect(tab.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
