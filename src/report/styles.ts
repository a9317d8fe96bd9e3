import { FONT_STACK } from './charts/theme.js';

/**
 * The report's only stylesheet, inline. Screen: a sheet of paper on a grey desk. Print (A4): each
 * section starts a page, charts scale to the text width, and nothing that belongs together splits.
 */
export const STYLES = `
:root { --ink: #1f2937; --muted: #6b7280; --rule: #e5e7eb; --accent: #4e79a7; --alert: #b4413c; --alert-bg: #fdf0ef; --ok: #2f7d4a; --paper: #fff; }
* { box-sizing: border-box; }
html { background: #eef0f3; font-size: 14px; }
body { margin: 0; font-family: ${FONT_STACK}; color: var(--ink); font-size: 1rem; line-height: 1.55; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
main { max-width: 920px; margin: 32px auto; background: var(--paper); padding: 48px 56px 56px; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.05); }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 20px; margin-bottom: 8px; }
.brand { font-size: .86rem; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); font-weight: 700; margin: 0 0 6px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 6px; }
.subtitle { font-size: 1.15rem; margin: 0 0 4px; }
.generated, .definition { color: var(--muted); font-size: .9rem; margin: 2px 0; }
nav.contents { margin: 20px 0 4px; font-size: .93rem; }
nav.contents h2 { font-size: .86rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); border: 0; margin: 0 0 6px; padding: 0; }
nav.contents ol { columns: 2; margin: 0; padding-left: 20px; }
nav.contents a { color: var(--ink); text-decoration: none; }
section { padding-top: 28px; }
h2 { font-size: 1.5rem; margin: 0 0 10px; padding-top: 14px; border-top: 1px solid var(--rule); }
h2 .num { color: var(--accent); margin-right: 8px; }
h3 { font-size: 1.07rem; margin: 22px 0 8px; }
p { margin: 0 0 10px; }
.lead { font-size: 1.04rem; color: #374151; max-width: 72ch; }
.reading { font-weight: 600; }
.note { color: var(--muted); font-size: .9rem; }
.ok { color: var(--ok); }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; margin: 16px 0 8px; }
.kpi { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; background: #fafbfc; break-inside: avoid; }
.kpi-label { font-size: .86rem; color: var(--muted); }
.kpi-value { font-size: 1.57rem; font-weight: 700; line-height: 1.3; margin: 2px 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.kpi-value.unknown { color: var(--muted); font-weight: 600; font-size: 1.29rem; }
.kpi-note { font-size: .86rem; color: #4b5563; }
ul.alerts { list-style: none; padding: 0; margin: 0 0 8px; }
li.alert { position: relative; background: var(--alert-bg); border-left: 4px solid var(--alert); padding: 10px 12px 10px 44px; margin: 0 0 8px; border-radius: 0 6px 6px 0; break-inside: avoid; }
li.alert::before { content: "!"; position: absolute; left: 12px; top: 10px; width: 20px; height: 20px; border-radius: 50%; background: var(--alert); color: #fff; font-weight: 700; font-size: .93rem; line-height: 20px; text-align: center; }
ul.unknowns, ul.findings, ul.not-identified { padding-left: 20px; margin: 0 0 8px; }
ul.unknowns li, ul.not-identified li { color: #374151; margin-bottom: 4px; }
ul.findings li { font-weight: 600; margin-bottom: 4px; }
.unknown-box { background: #f3f4f6; border-left: 4px solid #9ca3af; padding: 10px 12px; border-radius: 0 6px 6px 0; }
.unknown { color: var(--muted); font-style: italic; }
.up { color: var(--ok); }
.down { color: var(--alert); }
.code { color: var(--muted); font-size: .79rem; margin-left: 4px; }
.band { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .86rem; color: #fff; background: var(--band); }
figure.chart { margin: 18px 0 6px; break-inside: avoid; }
figcaption { font-weight: 600; font-size: 1rem; margin-bottom: 6px; }
.chart-svg svg { display: block; width: 100%; height: auto; max-width: 100%; }
.numbers { margin: 6px 0 18px; }
.numbers-label { font-size: .79rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 4px; }
table.data { width: 100%; border-collapse: collapse; font-size: .93rem; font-variant-numeric: tabular-nums; margin: 4px 0 16px; }
table.data caption { text-align: left; font-size: .86rem; color: var(--muted); padding-bottom: 4px; caption-side: top; }
table.data th { text-align: left; font-weight: 600; color: #374151; border-bottom: 2px solid #d1d5db; padding: 6px 8px; vertical-align: bottom; }
table.data td { padding: 5px 8px; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
table.data tbody tr:nth-child(even) td { background: #fafbfc; }
table.data .num { text-align: right; white-space: nowrap; }
table.data.compact { font-size: .86rem; }
table.data.compact td { padding: 3px 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 12px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.scenario-lines { list-style: none; padding: 10px 12px; margin: 4px 0 14px; background: #fafbfc; border: 1px solid var(--rule); border-radius: 6px; font-size: .9rem; color: #374151; }
ul.scenario-lines li { white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: .86rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { background: none; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  section { break-before: page; padding-top: 0; }
  section#summary { break-before: auto; }
  h2 { border-top: 0; padding-top: 0; }
  h2, h3, figcaption, .numbers-label { break-after: avoid; }
  figure.chart, .kpi, li.alert, tr, dl.facts { break-inside: avoid; }
  thead { display: table-header-group; }
  nav.contents a { color: var(--ink); }
}
`;
