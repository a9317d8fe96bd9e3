import { chartContext } from './context.js';
import { html, trusted, type Html } from './html.js';
import type { Lang } from './i18n.js';
import { SECTIONS, type Section, type SectionContext } from './sections/index.js';
import { STYLES } from './styles.js';
import type { DatedReportData, ReportData } from './types.js';

export interface RenderOptions {
  lang: Lang;
}

/**
 * Nothing may load or run: a report is read offline, forwarded, archived. The policy also stops
 * anything that slipped past escaping.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The whole report as one self-contained HTML document: inline CSS, charts as inline SVG, no
 * script and no URL to fetch. Every string from the data is escaped by the `html` builder.
 * @example
 *   const page = renderHtml({ exposure, monthly, skuThreshold: 0.8, generatedAt: new Date().toISOString() }, { lang: 'zh-CN' });
 */
export function renderHtml(data: ReportData, options: RenderOptions): string {
  const { lang } = options;
  const charts = chartContext(data.exposure, data.monthly, lang);
  const { t, fmt } = charts;
  const x = data.exposure;
  const dated = withDates(data);
  const period = dated ? { from: fmt.date(dated.exposure.from), to: fmt.date(dated.exposure.to) } : null;
  const title = period ? `${t.title} · ${period.from} – ${period.to}` : t.title;
  const ctx: SectionContext | null = dated && { ...charts, lang, data: dated };
  const sections = ctx ? SECTIONS.map((build) => build(ctx)).filter((s): s is Section => s !== null) : [];
  const generated = t.generated({ date: fmt.date(data.generatedAt.slice(0, 10)) });
  const page = html`<!DOCTYPE html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${trusted(CSP)}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Ballast" />
        <meta name="color-scheme" content="light" />
        <title>${title}</title>
        <style>
          ${trusted(STYLES)}
        </style>
      </head>
      <body>
        <main>
          <header class="cover">
            <p class="brand">Ballast</p>
            <h1>${t.title}</h1>
            ${period ? html`<p class="subtitle">${t.subtitle({ ...period, currency: x.baseCurrency })}</p>` : ''}
            <p class="generated">${generated}</p>
            ${period ? html`<p class="definition">${t.netRevenueDefinition({ currency: x.baseCurrency })}</p>` : ''}
          </header>
          ${period ? contents(sections, t.contents) : html`<p class="unknown-box">${t.noData}</p>`}
          ${sections.map(
            (s, i) =>
              html`<section id="${s.id}" aria-labelledby="h-${s.id}">
                <h2 id="h-${s.id}"><span class="num">${i + 1}</span>${s.title}</h2>
                ${s.body}
              </section> `,
          )}
          <footer>
            ${generated}${period ? html` · ${t.subtitle({ ...period, currency: x.baseCurrency })}` : ''}
          </footer>
        </main>
      </body>
    </html> `;
  return page.value;
}

/** The data with its window's dates, or null for a workspace with no sales (no section runs then). */
function withDates(data: ReportData): DatedReportData | null {
  const { from, to } = data.exposure;
  return from !== null && to !== null ? { ...data, exposure: { ...data.exposure, from, to } } : null;
}

function contents(sections: Section[], label: string): Html {
  return html`<nav class="contents" aria-label="${label}">
    <h2>${label}</h2>
    <ol>
      ${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}
    </ol>
  </nav>`;
}
