import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Watched {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Requests to any host but the server: blocked, and listed here. */
  offsite: string[];
}

/**
 * A page that may talk to the server only: anything else is aborted and recorded, so a test can
 * assert the dashboard never reached for a CDN, a font or an analytics host.
 */
export async function watchedPage(context: BrowserContext, origin: string): Promise<Watched> {
  const page = await context.newPage();
  const errors: string[] = [];
  const offsite: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:'))
      return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, offsite };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now. Evaluated through the DevTools protocol,
 * so a Content-Security-Policy that forbids inline scripts does not stop it.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // Strings, not functions: this file is type-checked without the DOM library.
  return (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`)) as AxeViolation[];
}

export const seriousOnly = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * Visible text that is not marked as another language: on a Chinese page, what is left in English
 * is what was not translated (channel names and SKUs aside). Elements with `lang="en"` (the language
 * switch, messages the server words in English) are left out.
 */
export async function chineseText(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('[lang="en"], script, style, svg, .chart, textarea')) el.remove();
    clone.style.position = 'absolute';
    document.body.append(clone);
    const text = clone.innerText;
    clone.remove();
    return text;
  })()`)) as string;
}
