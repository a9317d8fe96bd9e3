import { describe, expect, it } from 'vitest';
import { escapeHtml, html, table, trusted } from './html.js';

describe('the html builder', () => {
  it('escapes every interpolated value, in text and in attributes, at any depth', () => {
    const name = `<script>alert("x")</script>' onmouseover='y`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y</p>',
    );
    expect(
      html`<ul>
        ${[name, [name]].map((n) => html`<li>${n}</li>`)}
      </ul>`.value,
    ).not.toContain('<script');
  });

  it('passes through only markup it built itself or was told is trusted', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`<p>${inner}${trusted('<i>ok</i>')}</p>`.value).toBe('<p><b>a&amp;b</b><i>ok</i></p>');
    expect(html`<p>${null}${undefined}${false}${0}</p>`.value).toBe('<p>0</p>');
  });

  it('builds tables with escaped cells and right-aligned number columns', () => {
    const out = table(
      [{ label: 'SKU' }, { label: 'Units', numeric: true }],
      [['<img src=x>', '1,200']],
    ).value;
    expect(out).toContain('<th scope="col" class="num">Units</th>');
    expect(out).toContain('<td>&lt;img src=x&gt;</td><td class="num">1,200</td>');
  });

  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
