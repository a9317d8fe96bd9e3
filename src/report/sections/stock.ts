import { lockedStockBars, stockMetric } from '../charts/stock.js';
import { html, table } from '../html.js';
import type { LocationKind } from '../i18n.js';
import { figure, moneyOr, paragraph, type Section, type SectionContext } from './section.js';

export function stockSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const stock = ctx.data.exposure.lockedStock;
  const head = { id: 'stock', title: t.stockTitle };
  if (stock === null)
    return {
      ...head,
      body: html`${paragraph(t.stockLead, 'lead')}${paragraph(t.stockUnknown, 'unknown-box')}`,
    };
  const kind = (k: string) => (Object.hasOwn(t.kindNames, k) ? t.kindNames[k as LocationKind] : k);
  const rows = stock.map((l) => [
    l.location,
    kind(l.kind),
    l.market ? fmt.market(l.market) : '–',
    l.channels.length > 0
      ? fmt.list(l.channels.map(fmt.channel))
      : html`<span class="unknown">${t.none}</span>`,
    fmt.integer(l.units),
    moneyOr(l.value, ctx),
    fmt.integer(l.inboundUnits),
    moneyOr(l.inboundValue, ctx),
  ]);
  const columns = [
    { label: t.colLocation },
    { label: t.colKind },
    { label: t.colMarket },
    { label: t.colSellableBy },
    { label: t.colUnits, numeric: true },
    { label: t.colValue, numeric: true },
    { label: t.colInboundUnits, numeric: true },
    { label: t.colInboundValue, numeric: true },
  ];
  const locked = new Map<string, typeof stock>();
  for (const l of stock)
    if (l.onlyChannel !== null) locked.set(l.onlyChannel, [...(locked.get(l.onlyChannel) ?? []), l]);
  const lines = [...locked].map(([channel, places]) => {
    const values = places.map((l) =>
      l.value === null || l.inboundValue === null ? null : l.value + l.inboundValue,
    );
    return t.stockLockedLine({
      channel: fmt.channel(channel),
      units: fmt.integer(places.reduce((s, l) => s + l.units + l.inboundUnits, 0)),
      value: values.every((v) => v !== null)
        ? fmt.money(values.reduce((s: number, v) => s + v, 0))
        : t.valueUnknown,
      locations: fmt.list(places.map((l) => l.location)),
    });
  });
  const caption = stockMetric(stock) === 'value' ? t.stockChartValue : t.stockChartUnits;
  return {
    ...head,
    body: html`${paragraph(t.stockLead, 'lead')}
    ${
      lines.length > 0
        ? html`<ul class="findings">
            ${lines.map((l) => html`<li>${l}</li>`)}
          </ul>`
        : ''
    }
    ${figure(lockedStockBars(stock, ctx), caption, table(columns, rows), ctx, t.stockInboundNote)}`,
  };
}
