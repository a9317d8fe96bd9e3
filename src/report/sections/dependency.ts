import { atStakeByChannel, skuDependencyBars } from '../charts/dependency.js';
import { html, table } from '../html.js';
import { figure, paragraph, settingPercent, type Section, type SectionContext } from './section.js';

/** The SKU table lists the largest this many; the chart adds up all of them. */
const MAX_SKUS = 15;

export function dependencySection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const deps = ctx.data.exposure.skuDependency;
  const threshold = settingPercent(ctx.data.skuThreshold, ctx);
  const head = { id: 'dependency', title: t.dependencyTitle };
  if (deps.length === 0)
    return {
      ...head,
      body: html`${paragraph(t.dependencyLead({ threshold }), 'lead')}${paragraph(t.dependencyNone({ threshold }), 'ok')}`,
    };
  const byChannel = atStakeByChannel(deps).map((r) => [
    fmt.channel(r.channel),
    fmt.integer(r.skus),
    fmt.money(r.onlyHere),
    fmt.money(r.alsoElsewhere),
  ]);
  const never = deps.filter((d) => !d.soldElsewhere).length;
  const skuRows = deps
    .slice(0, MAX_SKUS)
    .map((d) => [
      d.sku,
      fmt.channel(d.channel),
      fmt.percent(d.share),
      fmt.money(d.revenueAtStake),
      fmt.money(d.revenue),
      d.soldElsewhere ? t.yes : html`<strong>${t.never}</strong>`,
    ]);
  const skuColumns = [
    { label: t.colSku },
    { label: t.colChannel },
    { label: t.colShareOnChannel, numeric: true },
    { label: t.colRevenueAtStake, numeric: true },
    { label: t.colSkuRevenue, numeric: true },
    { label: t.colSoldElsewhere },
  ];
  const chartColumns = [
    { label: t.colChannel },
    { label: t.colSkuCount, numeric: true },
    { label: t.dependencyOnlyHere, numeric: true },
    { label: t.dependencyAlsoElsewhere, numeric: true },
  ];
  return {
    ...head,
    body: html`${paragraph(t.dependencyLead({ threshold }), 'lead')}
    ${paragraph(t.dependencyNever({ count: fmt.integer(never), total: fmt.integer(deps.length) }), 'reading')}
    ${figure(skuDependencyBars(deps, ctx), t.dependencyChart, table(chartColumns, byChannel), ctx)}
    ${table(skuColumns, skuRows, { caption: deps.length > MAX_SKUS ? t.dependencyShowing({ shown: fmt.integer(MAX_SKUS), total: fmt.integer(deps.length) }) : undefined })}`,
  };
}
