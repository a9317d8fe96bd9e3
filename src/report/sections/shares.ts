import {
  channelShareBars,
  channelShareOverTime,
  marketShareBars,
  marketShareOverTime,
  monthlyShareMatrix,
} from '../charts/shares.js';
import type { ChartSpec } from '../charts/theme.js';
import { html, table, type Html } from '../html.js';
import type { ShareFigures } from '../types.js';
import { figure, growthOr, moneyOr, paragraph, type Section, type SectionContext } from './section.js';

/** Monthly tables show at most this many series as columns; the rest add up under "Other". */
const MAX_COLUMNS = 6;

export function channelsSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const x = ctx.data.exposure;
  const m = ctx.data.monthly;
  const rows = x.byChannel.map((r) => [fmt.channel(r.channel), ...shareCells(r, ctx)]);
  const series = m.byChannel.map((s) => ({ name: fmt.channel(s.channel), revenue: s.revenue }));
  return {
    id: 'channels',
    title: t.channelsTitle,
    body: html`${paragraph(t.channelsLead, 'lead')}
    ${figure(channelShareBars(x, ctx), t.channelShareChart(windowLabels(ctx)), table(shareColumns(t.colChannel, ctx), rows), ctx)}
    ${trend(channelShareOverTime(m, ctx), t.channelTrendChart, series, t.colChannel, ctx)}`,
  };
}

export function marketsSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const x = ctx.data.exposure;
  const m = ctx.data.monthly;
  const rows = x.byMarket.map((r) => [marketCell(r.market, ctx), ...shareCells(r, ctx)]);
  const cells = x.byChannelMarket.map((r) => [
    fmt.channel(r.channel),
    marketCell(r.market, ctx),
    ...shareCells(r, ctx),
  ]);
  const series = m.byMarket.map((s) => ({ name: fmt.market(s.market), revenue: s.revenue }));
  return {
    id: 'markets',
    title: t.marketsTitle,
    body: html`${paragraph(t.marketsLead, 'lead')}
      ${figure(marketShareBars(x, ctx), t.marketShareChart(windowLabels(ctx)), table(shareColumns(t.colMarket, ctx), rows), ctx)}
      ${trend(marketShareOverTime(m, ctx), t.marketTrendChart, series, t.colMarket, ctx)}
      <h3>${t.cellsTitle}</h3>
      ${paragraph(t.cellsLead)} ${table([{ label: t.colChannel }, ...shareColumns(t.colMarket, ctx)], cells)}`,
  };
}

function windowLabels(ctx: SectionContext): { from: string; to: string } {
  return { from: ctx.fmt.date(ctx.data.exposure.from), to: ctx.fmt.date(ctx.data.exposure.to) };
}

function marketCell(code: string, ctx: SectionContext): Html {
  const name = ctx.fmt.market(code);
  return name === code ? html`${code}` : html`${name} <span class="code">${code}</span>`;
}

function shareColumns(first: string, ctx: SectionContext) {
  const { t } = ctx;
  return [
    { label: first },
    { label: t.colRevenue, numeric: true },
    { label: t.colShare, numeric: true },
    { label: t.colUnits, numeric: true },
    { label: t.colGrossProfit, numeric: true },
    { label: t.colGrowth, numeric: true },
    { label: t.colPriorRevenue, numeric: true },
  ];
}

function shareCells(r: ShareFigures, ctx: SectionContext): Html[] {
  const { fmt } = ctx;
  return [
    html`${fmt.money(r.revenue)}`,
    html`${fmt.percent(r.share)}`,
    html`${fmt.integer(r.units)}`,
    moneyOr(r.grossProfit, ctx),
    growthOr(r.growth, ctx),
    html`${fmt.money(r.priorRevenue)}`,
  ];
}

/** The monthly chart, or a sentence when there is less than two months of history to draw. */
function trend(
  spec: ChartSpec,
  caption: string,
  series: Array<{ name: string; revenue: readonly number[] }>,
  keyLabel: string,
  ctx: SectionContext,
): Html {
  const { t, fmt } = ctx;
  const m = ctx.data.monthly;
  if (m.months.length < 2)
    return html`<h3>${caption}</h3>
      ${paragraph(t.trendNone, 'note')}`;
  const selling = series.filter((s) => s.revenue.some((v) => v !== 0));
  const shown = selling.slice(0, MAX_COLUMNS);
  const rest = selling.slice(MAX_COLUMNS);
  const columns =
    rest.length > 0
      ? [
          ...shown,
          {
            name: t.other,
            revenue: m.months.map((_, i) => rest.reduce((s, x) => s + (x.revenue[i] ?? 0), 0)),
          },
        ]
      : shown;
  const shares = monthlyShareMatrix(m.months, columns);
  const rows = m.months.map((month, i) => [
    fmt.month(month),
    ...columns.map((_, k) => (shares[k][i] === 0 ? '–' : fmt.percent(shares[k][i]))),
    fmt.money(columns.reduce((s, c) => s + (c.revenue[i] ?? 0), 0)),
  ]);
  const partial =
    m.to !== null && !isMonthEnd(m.to) ? t.trendPartialMonth({ date: fmt.date(m.to) }) : undefined;
  const headers = [
    { label: t.colMonth },
    ...columns.map((c) => ({ label: c.name, numeric: true })),
    { label: `${t.colRevenue} · ${t.colTotal}`, numeric: true },
  ];
  return figure(
    spec,
    caption,
    table(headers, rows, { caption: `${t.monthlyTable} · ${keyLabel}`, className: 'data compact' }),
    ctx,
    partial,
  );
}

function isMonthEnd(iso: string): boolean {
  const next = new Date(`${iso}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}
