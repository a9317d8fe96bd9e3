import { bandOf } from '../../../src/report/charts/concentration.ts';
import { getJson, latestRun } from '../api.ts';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox } from '../components/job.tsx';
import { Kpis, type Kpi } from '../components/kpi.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, PageLink, Section } from '../components/page.tsx';
import { useI18n, type I18n } from '../i18n/index.ts';
import type { Page } from '../router.ts';
import type { Exposure, Plan, Simulation } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';

export function OverviewPage() {
  const { w } = useI18n();
  const { status } = useWorkspace();
  const empty = isEmpty(status);
  const data = useLoad(
    async () =>
      empty || !status
        ? null
        : {
            exposure: await getJson<Exposure>('/exposure?window=90'),
            simulation: await latestRun<Simulation>('simulation'),
            plan: await latestRun<Plan>('plan'),
          },
    [status, empty],
  );
  return (
    <>
      <PageHeader title={w.pages.overview} lead={w.overviewLead} />
      {!status ? (
        <Loading />
      ) : empty ? (
        <EmptyWorkspace />
      ) : data.error ? (
        <ErrorBox error={data.error} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <OverviewBody {...data.data} />
      )}
    </>
  );
}

function OverviewBody({
  exposure,
  simulation,
  plan,
}: {
  exposure: Exposure;
  simulation: Simulation | null;
  plan: Plan | null;
}) {
  const i = useI18n();
  const { w, t, fmt } = i;
  const x = exposure;
  const alerts = x.alerts.map((a) =>
    a.kind === 'share-above-band'
      ? t.alertShareAboveBand({
          channel: fmt.channel(a.channel),
          share: fmt.percent(a.share),
          threshold: fmt.percent(a.threshold, 0),
        })
      : t.alertShareRising({
          channel: fmt.channel(a.channel),
          prior: fmt.percent(a.priorShare ?? 0),
          share: fmt.percent(a.share),
          points: fmt.points(a.share - (a.priorShare ?? 0)),
        }),
  );
  const next = nextSteps(x, simulation, plan, i);
  return (
    <>
      <Section id="takeaways" title={w.takeawaysTitle}>
        <ol class="takeaways">
          {takeaways(x, simulation, plan, i).map((s) => (
            <li>{s}</li>
          ))}
        </ol>
      </Section>
      <Section
        id="headline"
        title={w.headlineTitle}
        lead={x.from && x.to ? w.windowOf({ from: fmt.date(x.from), to: fmt.date(x.to) }) : undefined}
      >
        <Kpis items={headline(x, i)} unknown={t.unknown} />
      </Section>
      <Section id="alerts" title={t.alertsTitle}>
        {alerts.length === 0 ? (
          <p class="ok">{t.noAlerts}</p>
        ) : (
          <ul class="alerts">
            {alerts.map((a) => (
              <li class="alert">{a}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="next" title={w.nextTitle}>
        <ul class="next">
          {next.map((n) => (
            <li>
              <span>{n.text}</span> <PageLink page={n.page}>{n.link}</PageLink>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function headline(x: Exposure, { w, t, fmt }: I18n): Kpi[] {
  const top = x.byChannel[0];
  const prior = x.byChannel.reduce((s, r) => s + r.priorRevenue, 0);
  const atStake = x.skuDependency.reduce((s, d) => s + d.revenueAtStake, 0);
  const locked = (x.lockedStock ?? []).filter((l) => l.onlyChannel !== null);
  const lockedUnits = locked.reduce((s, l) => s + l.units + l.inboundUnits, 0);
  const committed = x.commitments?.reduce((s, c) => s + c.remaining, 0);
  const band = (hhi: number) => ({ low: t.bandLow, moderate: t.bandModerate, high: t.bandHigh })[bandOf(hhi)];
  return [
    {
      label: t.kpiRevenue,
      value: fmt.money(x.totalRevenue),
      note:
        prior > 0 ? w.growthOnPrior({ growth: fmt.growth(x.totalRevenue / prior - 1) }) : t.kpiRevenueNoPrior,
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
      value: fmt.decimal(x.concentration.channel.effectiveNumber, 1),
      note: t.kpiEffectiveChannelsNote({
        hhi: fmt.decimal(x.concentration.channel.hhi, 2),
        band: band(x.concentration.channel.hhi),
      }),
    },
    {
      label: t.kpiAtStake,
      value: fmt.money(atStake),
      note: w.skusOnOneChannel({ count: fmt.integer(x.skuDependency.length) }),
    },
    {
      label: t.kpiLockedStock,
      value: x.lockedStock === null ? null : t.kpiLockedStockNote({ units: fmt.integer(lockedUnits) }),
    },
    { label: t.kpiCommitted, value: committed === undefined ? null : fmt.money(committed) },
  ];
}

/** The three sentences a seller takes away: exposure, what the scenario could cost, what the plan changes. */
function takeaways(x: Exposure, sim: Simulation | null, plan: Plan | null, { w, fmt }: I18n): string[] {
  const top = x.byChannel[0];
  const exposure = top
    ? w.takeawayExposure({
        channel: fmt.channel(top.channel),
        share: fmt.percent(top.share, 0),
        effective: fmt.decimal(x.concentration.channel.effectiveNumber, 1),
        skus: fmt.integer(x.skuDependency.filter((d) => d.channel === top.channel).length),
        stock:
          x.lockedStock === null
            ? null
            : fmt.integer(
                x.lockedStock
                  .filter((l) => l.onlyChannel === top.channel)
                  .reduce((s, l) => s + l.units + l.inboundUnits, 0),
              ),
      })
    : w.takeawayNoSales;
  const loss = sim ? (sim.lossBasis === 'profit' ? sim.profitLoss : sim.revenueLoss) : null;
  const risk =
    sim && loss
      ? w.takeawayRisk({
          days: fmt.integer(sim.horizonDays),
          mean: fmt.money(loss.mean),
          cvar: fmt.money(loss.cvar95),
          paths: fmt.integer(sim.paths),
          profit: sim.lossBasis === 'profit',
          stranded: sim.strandedUnits ? fmt.integer(sim.strandedUnits.mean) : null,
        })
      : w.takeawayNoRisk;
  const o = plan?.outOfSample;
  const planned =
    plan && o
      ? plan.actions.length === 0
        ? w.takeawayPlanNothing({ fresh: fmt.integer(o.paths) })
        : w.takeawayPlan({
            actions: fmt.integer(plan.actions.length),
            tail: fmt.percent(1 - plan.alpha, 0),
            from: fmt.money(o.doNothing.cvar),
            to: fmt.money(o.cvar),
            gain: fmt.money(Math.abs(o.gain.mean)),
            gainPositive: o.gain.mean >= 0,
            beats: fmt.percent(o.probBeatsDoNothing, 0),
            fresh: fmt.integer(o.paths),
          })
      : w.takeawayNoPlan;
  return [exposure, risk, planned];
}

function nextSteps(
  x: Exposure,
  sim: Simulation | null,
  plan: Plan | null,
  { w }: I18n,
): Array<{ text: string; link: string; page: Page }> {
  const steps: Array<{ text: string; link: string; page: Page }> = [];
  if (x.byChannel.some((r) => r.grossProfit === null))
    steps.push({ text: w.nextCosts, link: w.pages.import, page: 'import' });
  if (x.lockedStock === null) steps.push({ text: w.nextStock, link: w.pages.import, page: 'import' });
  if (!sim) steps.push({ text: w.nextScenario, link: w.pages.scenario, page: 'scenario' });
  else if (!plan) steps.push({ text: w.nextPlan, link: w.pages.plan, page: 'plan' });
  steps.push({ text: w.nextExposure, link: w.pages.exposure, page: 'exposure' });
  steps.push({ text: w.nextReport, link: w.pages.reports, page: 'reports' });
  return steps;
}
