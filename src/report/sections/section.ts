import type { ChartContext, ChartSpec } from '../charts/theme.js';
import { html, trusted, type Html } from '../html.js';
import type { Lang } from '../i18n.js';
import { renderSvg } from '../ssr.js';
import type { DatedReportData } from '../types.js';

export interface SectionContext extends ChartContext {
  lang: Lang;
  data: DatedReportData;
}

/** One part of the report: a heading in the contents and a page of its own when printed. */
export interface Section {
  id: string;
  title: string;
  body: Html;
}

/** A section builder returns null when it has nothing to say (e.g. no data of its kind at all). */
export type SectionBuilder = (ctx: SectionContext) => Section | null;

/** A chart as inline SVG under its caption, with the table of its numbers right after it. */
export function figure(
  spec: ChartSpec,
  caption: string,
  numbers: Html | null,
  ctx: SectionContext,
  note?: string,
): Html {
  return html`<figure class="chart" id="chart-${spec.id}">
      <figcaption>${caption}</figcaption>
      <div class="chart-svg" data-chart="${spec.id}">${trusted(renderSvg(spec))}</div>
      ${note ? html`<p class="note">${note}</p>` : ''}
    </figure>
    ${
      numbers
        ? html`<div class="numbers">
            <p class="numbers-label">${ctx.t.numbersBehind}</p>
            ${numbers}
          </div>`
        : ''
    }`;
}

export function paragraph(text: string, className?: string): Html {
  return className ? html`<p class="${className}">${text}</p>` : html`<p>${text}</p>`;
}

/** An amount, or the word for unknown, muted, when a cost or inventory figure is missing. */
export function moneyOr(value: number | null, ctx: SectionContext): Html {
  return value === null ? html`<span class="unknown">${ctx.t.unknown}</span>` : html`${ctx.fmt.money(value)}`;
}

export function growthOr(rate: number | null, ctx: SectionContext): Html {
  if (rate === null) return html`<span class="unknown">${ctx.t.noPrior}</span>`;
  return html`<span class="${rate < 0 ? 'down' : 'up'}">${ctx.fmt.growth(rate)}</span>`;
}

/** A setting such as a threshold: whole percentages without a decimal (80 %, 12.5 %). */
export function settingPercent(share: number, ctx: SectionContext): string {
  return ctx.fmt.percent(share, Math.abs(share * 100 - Math.round(share * 100)) < 1e-9 ? 0 : 1);
}

/** Days in the inclusive window, for "on the previous N days". */
export function windowDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
