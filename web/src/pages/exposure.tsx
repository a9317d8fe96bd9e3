import { useMemo, useState } from 'preact/hooks';
import { commitmentBars } from '../../../src/report/charts/commitments.ts';
import { bandOf, concentrationGauges } from '../../../src/report/charts/concentration.ts';
import { skuDependencyBars } from '../../../src/report/charts/dependency.ts';
import { chartedHalo, haloIntervals } from '../../../src/report/charts/halo.ts';
import { channelShareBars, marketShareBars } from '../../../src/report/charts/shares.ts';
import { lockedStockBars, stockMetric } from '../../../src/report/charts/stock.ts';
import { getJson, query } from '../api.ts';
import { useChartContext } from '../charts/context.ts';
import { Chart } from '../components/chart.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useI18n } from '../i18n/index.ts';
import type { ShareFigures } from '../../../src/report/types.ts';
import type { Exposure } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';

type Params = Record<string, string | number>;
export type WindowChoice = { window: number } | { from: string; to: string };

export function ExposurePage() {
  const { w } = useI18n();
  const { status } = useWorkspace();
  const [choice, setChoice] = useState<WindowChoice>({ window: 90 });
  const params: Params =
    'window' in choice ? { window: choice.window } : { from: choice.from, to: choice.to };
  const data = useLoad(
    () => getJson<Exposure>(`/exposure${query(params)}`),
    [JSON.stringify(params), status],
  );
  return (
    <>
      <PageHeader title={w.pages.exposure} lead={w.exposureLead}>
        <WindowPicker value={choice} onChange={setChoice} />
      </PageHeader>
      {status && isEmpty(status) ? (
        <EmptyWorkspace compact />
      ) : data.error ? (
        <ErrorBox error={data.error} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <ExposureBody x={data.data} params={params} />
      )}
    </>
  );
}

export function WindowPicker({
  value,
  onChange,
}: {
  value: WindowChoice;
  onChange: (c: WindowChoice) => void;
}) {
  const { w } = useI18n();
  const [from, setFrom] = useState('window' in value ? '' : value.from);
  const [to, setTo] = useState('window' in value ? '' : value.to);
  const mode = 'window' in value ? String(value.window) : 'custom';
  return (
    <form
      class="window-picker"
      aria-label={w.windowLabel}
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to) onChange({ from, to });
      }}
    >
      <label>
        <span>{w.windowLabel}</span>
        <select
          value={mode}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v !== 'custom') onChange({ window: Number(v) });
            else if (from && to) onChange({ from, to });
            else onChange({ from: '', to: '' });
          }}
        >
          {[30, 90, 365].map((d) => (
            <option value={String(d)}>{w.lastDays({ days: d })}</option>
          ))}
          <option value="custom">{w.customWindow}</option>
        </select>
      </label>
      {mode === 'custom' && (
        <>
          <label>
            <span>{w.from}</span>
            <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} required />
          </label>
          <label>
            <span>{w.to}</span>
            <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} required />
          </label>
          <button type="submit" class="small">
            {w.apply}
          </button>
        </>
      )}
    </form>
  );
}

function ExposureBody({ x, params }: { x: Exposure; params: Params }) {
  const { w, t, fmt } = useI18n();
  const ctx = useChartContext(x);
  const charts = useMemo(
    () => ({
      channels: channelShareBars(x, ctx),
      markets: marketShareBars(x, ctx),
      concentration: concentrationGauges(x.concentration, ctx),
      dependency: x.skuDependency.length > 0 ? skuDependencyBars(x.skuDependency, ctx) : null,
      stock: x.lockedStock && x.lockedStock.length > 0 ? lockedStockBars(x.lockedStock, ctx) : null,
      commitments: x.commitments && x.commitments.length > 0 ? commitmentBars(x.commitments, ctx) : null,
      halo: chartedHalo(x.halo).length > 0 ? haloIntervals(x.halo, ctx) : null,
    }),
    [x, ctx],
  );
  if (!x.from || !x.to) return <p class="muted">{w.noSalesInWindow}</p>;
  const period = { from: fmt.date(x.from), to: fmt.date(x.to) };
  const percent = (v: number) => fmt.percent(v);
  const shareColumns = <R extends ShareFigures>(first: Array<Column<R>>): Array<Column<R>> => [
    ...first,
    { label: t.colRevenue, value: (r) => fmt.money(r.revenue), numeric: true },
    { label: t.colShare, value: (r) => fmt.percent(r.share), numeric: true },
    { label: t.colUnits, value: (r) => fmt.integer(r.units), numeric: true },
    {
      label: t.colGrossProfit,
      value: (r) =>
        r.grossProfit === null ? <span class="muted">{t.unknown}</span> : fmt.money(r.grossProfit),
      numeric: true,
    },
    {
      label: t.colGrowth,
      value: (r) => (r.growth === null ? <span class="muted">{t.noPrior}</span> : fmt.growth(r.growth)),
      numeric: true,
    },
  ];
  const swatch = (color: string) => <span class="swatch" style={{ background: color }} aria-hidden="true" />;
  const band = (hhi: number) => ({ low: t.bandLow, moderate: t.bandModerate, high: t.bandHigh })[bandOf(hhi)];
  const stockMetricIsValue = x.lockedStock ? stockMetric(x.lockedStock) === 'value' : false;
  return (
    <>
      <p class="muted period">{t.subtitle({ ...period, currency: x.baseCurrency })}</p>
      {x.fxApproximate && <p class="note">{t.fxApproximate}</p>}
      <Section id="channels" title={t.channelsTitle} lead={t.channelsLead}>
        <div class="split">
          <Chart spec={charts.channels} label={t.channelShareChart(period)} valueFormat={percent} />
          <DataTable
            caption={t.channelShareChart(period)}
            table="exposure-channels"
            params={params}
            rows={x.byChannel}
            columns={shareColumns<Exposure['byChannel'][number]>([
              {
                label: t.colChannel,
                value: (r) => (
                  <>
                    {swatch(ctx.channelColor(r.channel))}
                    {fmt.channel(r.channel)}
                  </>
                ),
              },
            ])}
          />
        </div>
      </Section>
      <Section id="markets" title={t.marketsTitle} lead={t.marketsLead}>
        <div class="split">
          <Chart spec={charts.markets} label={t.marketShareChart(period)} valueFormat={percent} />
          <DataTable
            caption={t.marketShareChart(period)}
            table="exposure-markets"
            params={params}
            rows={x.byMarket}
            columns={shareColumns<Exposure['byMarket'][number]>([
              {
                label: t.colMarket,
                value: (r) => (
                  <>
                    {swatch(ctx.marketColor(r.market))}
                    {fmt.market(r.market)}
                  </>
                ),
              },
            ])}
          />
        </div>
      </Section>
      <Section id="cells" title={t.cellsTitle} lead={t.cellsLead}>
        <DataTable
          caption={t.cellsTitle}
          table="exposure-channel-market"
          params={params}
          rows={x.byChannelMarket}
          columns={shareColumns<Exposure['byChannelMarket'][number]>([
            {
              label: t.colChannel,
              value: (r) => (
                <>
                  {swatch(ctx.channelColor(r.channel))}
                  {fmt.channel(r.channel)}
                </>
              ),
            },
            { label: t.colMarket, value: (r) => fmt.market(r.market) },
          ])}
        />
      </Section>
      <Section id="concentration" title={t.concentrationTitle} lead={t.concentrationLead}>
        <div class="split">
          <Chart spec={charts.concentration} label={t.concentrationChart} />
          <div>
            <p>
              {t.concentrationReading({
                channels: fmt.decimal(x.concentration.channel.effectiveNumber, 1),
                markets: fmt.decimal(x.concentration.market.effectiveNumber, 1),
                channelBand: band(x.concentration.channel.hhi),
                marketBand: band(x.concentration.market.hhi),
              })}
            </p>
            <DataTable
              caption={t.concentrationChart}
              rows={[
                { name: t.gaugeChannels, ...x.concentration.channel },
                { name: t.gaugeMarkets, ...x.concentration.market },
              ]}
              columns={[
                { label: w.colDimension, value: (r) => r.name },
                { label: t.colIndex, value: (r) => fmt.decimal(r.hhi, 3), numeric: true },
                { label: t.colEffective, value: (r) => fmt.decimal(r.effectiveNumber, 1), numeric: true },
                { label: t.colBand, value: (r) => band(r.hhi) },
              ]}
            />
            <p class="muted small-text">{t.concentrationBands}</p>
          </div>
        </div>
      </Section>
      <Section
        id="skus"
        title={t.dependencyTitle}
        lead={t.dependencyLead({ threshold: fmt.percent(0.8, 0) })}
      >
        {charts.dependency ? (
          <div class="split">
            <Chart spec={charts.dependency} label={t.dependencyChart} valueFormat={fmt.money} />
            <DataTable
              caption={t.dependencyTitle}
              table="exposure-skus"
              params={params}
              rows={x.skuDependency.slice(0, 200)}
              columns={[
                { label: t.colSku, value: (d) => <span class="sku">{d.sku}</span> },
                { label: t.colChannel, value: (d) => fmt.channel(d.channel) },
                { label: t.colShareOnChannel, value: (d) => fmt.percent(d.share), numeric: true },
                { label: t.colRevenueAtStake, value: (d) => fmt.money(d.revenueAtStake), numeric: true },
                { label: t.colSoldElsewhere, value: (d) => (d.soldElsewhere ? t.yes : t.never) },
              ]}
            />
          </div>
        ) : (
          <p class="muted">{t.dependencyNone({ threshold: fmt.percent(0.8, 0) })}</p>
        )}
      </Section>
      <Section id="stock" title={t.stockTitle} lead={t.stockLead}>
        {x.lockedStock === null ? (
          <p class="note">{t.stockUnknown}</p>
        ) : (
          <div class="split">
            {charts.stock && (
              <Chart
                spec={charts.stock}
                label={stockMetricIsValue ? t.stockChartValue : t.stockChartUnits}
                valueFormat={stockMetricIsValue ? fmt.money : fmt.integer}
              />
            )}
            <DataTable
              caption={t.stockTitle}
              table="exposure-stock"
              rows={x.lockedStock}
              columns={[
                { label: t.colLocation, value: (l) => l.location },
                { label: t.colKind, value: (l) => t.kindNames[l.kind as keyof typeof t.kindNames] ?? l.kind },
                { label: t.colMarket, value: (l) => fmt.market(l.market) },
                {
                  label: t.colSellableBy,
                  value: (l) =>
                    l.onlyChannel ? (
                      <strong>{t.stockOnly({ channel: fmt.channel(l.onlyChannel) })}</strong>
                    ) : l.channels.length === 0 ? (
                      t.stockNobody
                    ) : (
                      fmt.list(l.channels.map((c) => (c === '*' ? w.anyChannel : fmt.channel(c))))
                    ),
                },
                { label: t.colUnits, value: (l) => fmt.integer(l.units), numeric: true },
                {
                  label: t.colValue,
                  value: (l) => (l.value === null ? t.unknown : fmt.money(l.value)),
                  numeric: true,
                },
                { label: t.colInboundUnits, value: (l) => fmt.integer(l.inboundUnits), numeric: true },
              ]}
            />
          </div>
        )}
      </Section>
      <Section id="commitments" title={t.commitmentsTitle} lead={t.commitmentsLead({ date: period.to })}>
        {x.commitments === null ? (
          <p class="note">{t.commitmentsUnknown}</p>
        ) : (
          <div class="split">
            {charts.commitments && (
              <Chart spec={charts.commitments} label={t.commitmentsChart} valueFormat={fmt.money} />
            )}
            <DataTable
              caption={t.commitmentsChart}
              table="exposure-commitments"
              params={params}
              rows={x.commitments}
              columns={[
                { label: t.colChannel, value: (c) => fmt.channel(c.channel) },
                { label: t.colRemaining, value: (c) => fmt.money(c.remaining), numeric: true },
                { label: t.colCancellable, value: (c) => fmt.money(c.cancellable), numeric: true },
                { label: t.colCancelFees, value: (c) => fmt.money(c.cancelFees), numeric: true },
                { label: t.colCommitments, value: (c) => fmt.integer(c.commitments), numeric: true },
              ]}
            />
          </div>
        )}
      </Section>
      <Section id="halo" title={t.haloTitle} lead={t.haloLead}>
        {x.halo.length === 0 ? (
          <p class="muted">{t.haloNone}</p>
        ) : (
          <div class="split">
            {charts.halo && <Chart spec={charts.halo} label={t.haloChart} valueFormat={percent} />}
            <DataTable
              caption={t.haloChart}
              table="exposure-halo"
              params={params}
              rows={x.halo}
              columns={[
                {
                  label: w.colPair,
                  value: (h) =>
                    t.haloPair({ driver: fmt.channel(h.driver), channel: fmt.channel(h.channel) }),
                },
                {
                  label: t.colHalo,
                  value: (h) => (h.share === null ? '—' : fmt.percent(h.share)),
                  numeric: true,
                },
                { label: t.colLow, value: (h) => (h.low === null ? '—' : fmt.percent(h.low)), numeric: true },
                {
                  label: t.colHigh,
                  value: (h) => (h.high === null ? '—' : fmt.percent(h.high)),
                  numeric: true,
                },
                { label: t.colDays, value: (h) => fmt.integer(h.days), numeric: true },
                { label: w.colIdentified, value: (h) => (h.identified ? t.yes : w.notIdentified) },
              ]}
            />
          </div>
        )}
      </Section>
    </>
  );
}
