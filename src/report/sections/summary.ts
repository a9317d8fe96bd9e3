import { bandLabel, bandOf } from '../charts/concentration.js';
import { html, type Html } from '../html.js';
import { settingPercent, windowDays, type Section, type SectionContext } from './section.js';

export interface Kpi {
  label: string;
  value: string | null;
  note: string;
}

/** Headline figures, alerts and what the report cannot know yet: the page a partner reads first. */
export function summarySection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const x = ctx.data.exposure;
  const prior = x.byChannel.reduce((s, r) => s + r.priorRevenue, 0);
  const top = x.byChannel[0];
  const c = x.concentration;
  const atStake = x.skuDependency.reduce((s, d) => s + d.revenueAtStake, 0);
  const threshold = settingPercent(ctx.data.skuThreshold, ctx);
  const kpis: Kpi[] = [
    {
      label: t.kpiRevenue,
      value: fmt.money(x.totalRevenue),
      note:
        prior > 0
          ? t.kpiRevenueNote({
              growth: fmt.growth(x.totalRevenue / prior - 1),
              days: fmt.integer(windowDays(x.from, x.to)),
            })
          : t.kpiRevenueNoPrior,
    },
    {
      label: t.kpiTopChannel,
      value: top ? fmt.channel(top.channel) : t.none,
      note: top
        ? t.kpiTopChannelNote({ channel: fmt.channel(top.channel), share: fmt.percent(top.share) })
        : '',
    },
    {
      label: t.kpiEffectiveChannels,
      value: fmt.decimal(c.channel.effectiveNumber, 1),
      note: t.kpiEffectiveChannelsNote({
        hhi: fmt.decimal(c.channel.hhi, 2),
        band: bandLabel(bandOf(c.channel.hhi), t),
      }),
    },
    {
      label: t.kpiEffectiveMarkets,
      value: fmt.decimal(c.market.effectiveNumber, 1),
      note: t.kpiEffectiveChannelsNote({
        hhi: fmt.decimal(c.market.hhi, 2),
        band: bandLabel(bandOf(c.market.hhi), t),
      }),
    },
    {
      label: t.kpiAtStake,
      value: fmt.money(atStake),
      note: t.kpiAtStakeNote({ count: fmt.integer(x.skuDependency.length), threshold }),
    },
    lockedKpi(ctx),
    committedKpi(ctx),
  ];
  const alerts = x.alerts.map((a) =>
    a.kind === 'share-above-band'
      ? t.alertShareAboveBand({
          channel: fmt.channel(a.channel),
          share: fmt.percent(a.share),
          threshold: settingPercent(a.threshold, ctx),
        })
      : t.alertShareRising({
          channel: fmt.channel(a.channel),
          prior: fmt.percent(a.priorShare ?? 0),
          share: fmt.percent(a.share),
          points: fmt.points(a.share - (a.priorShare ?? 0)),
        }),
  );
  const unknowns = [
    x.byChannel.some((r) => r.grossProfit === null) ? t.profitUnknown : null,
    x.lockedStock === null ? t.stockUnknown : null,
    x.commitments === null ? t.commitmentsUnknown : null,
    x.halo.length > 0 && x.halo.every((h) => !h.identified) ? t.haloUnknown : null,
    x.fxApproximate ? t.fxApproximate : null,
  ].filter((u): u is string => u !== null);
  return {
    id: 'summary',
    title: t.summaryTitle,
    body: html`<div class="kpis">${kpis.map((k) => kpiCard(k, t.unknown))}</div>
      <h3>${t.alertsTitle}</h3>
      ${
        alerts.length > 0
          ? html`<ul class="alerts">
              ${alerts.map((a) => html`<li class="alert" role="alert">${a}</li>`)}
            </ul>`
          : html`<p class="ok">${t.noAlerts}</p>`
      }
      ${
        unknowns.length > 0
          ? html`<h3>${t.unknownsTitle}</h3>
              <ul class="unknowns">
                ${unknowns.map((u) => html`<li>${u}</li>`)}
              </ul>`
          : ''
      }`,
  };
}

/** A headline figure in a card; a null value shows the word for unknown, muted. */
export function kpiCard(k: Kpi, unknown: string): Html {
  return html`<div class="kpi">
    <div class="kpi-label">${k.label}</div>
    <div class="kpi-value${k.value === null ? ' unknown' : ''}">${k.value ?? unknown}</div>
    <div class="kpi-note">${k.note}</div>
  </div>`;
}

function lockedKpi(ctx: SectionContext): Kpi {
  const { t, fmt } = ctx;
  const stock = ctx.data.exposure.lockedStock;
  if (stock === null) return { label: t.kpiLockedStock, value: null, note: '' };
  const locked = stock.filter((l) => l.onlyChannel !== null);
  const units = locked.reduce((s, l) => s + l.units + l.inboundUnits, 0);
  const valueKnown = locked.every((l) => l.value !== null && l.inboundValue !== null);
  const value = locked.reduce((s, l) => s + (l.value ?? 0) + (l.inboundValue ?? 0), 0);
  return {
    label: t.kpiLockedStock,
    value: valueKnown ? fmt.money(value) : t.valueUnknown,
    note: t.kpiLockedStockNote({ units: fmt.integer(units) }),
  };
}

function committedKpi(ctx: SectionContext): Kpi {
  const { t, fmt } = ctx;
  const commitments = ctx.data.exposure.commitments;
  if (commitments === null) return { label: t.kpiCommitted, value: null, note: '' };
  const remaining = commitments.reduce((s, c) => s + c.remaining, 0);
  const locked = commitments.reduce((s, c) => s + c.remaining - c.cancellable, 0);
  return {
    label: t.kpiCommitted,
    value: fmt.money(remaining),
    note: t.kpiCommittedNote({ locked: fmt.money(locked) }),
  };
}
