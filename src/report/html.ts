/**
 * A tiny HTML builder that escapes by default: every value interpolated into `html\`…\`` is text
 * unless it is already `Html` (built by `html` itself, or the renderer's own SVG via `trusted`).
 * Names from imported files (SKUs, channels, locations) can be hostile; this way none can become
 * markup, whichever section forgets to think about it.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup Ballast generated itself (the chart renderer's SVG, the stylesheet); never data. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A data table: numeric columns right-aligned with tabular figures; cells are escaped like any value. */
export function table(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly HtmlValue[]>,
  options: { caption?: string; className?: string } = {},
): Html {
  const cell = (tag: 'th' | 'td', c: Column | undefined, content: HtmlValue) => {
    const open = `<${tag}${tag === 'th' ? ' scope="col"' : ''}${c?.numeric ? ' class="num"' : ''}>`;
    return html`${trusted(open)}${content}${trusted(`</${tag}>`)}`;
  };
  return html`<table class="${options.className ?? 'data'}">
    ${
      options.caption
        ? html`<caption>
            ${options.caption}
          </caption>`
        : ''
    }
    <thead>
      <tr>
        ${columns.map((c) => cell('th', c, c.label))}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map((value, i) => cell('td', columns[i], value))}
          </tr> `,
      )}
    </tbody>
  </table>`;
}
