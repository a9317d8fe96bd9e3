import { useMemo, useState } from 'preact/hooks';
import {
  fanChart,
  lossHistogramChart,
  lossStats,
  settingName,
  tornadoChart,
  tornadoRows,
} from '../../../src/report/charts/risk.ts';
import { addDays } from '../../../src/report/charts/risk.ts';
import { getJson, latestRun } from '../api.ts';
import { useChartContext } from '../charts/context.ts';
import { Chart } from '../components/chart.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox, JobProgress, useJob } from '../components/job.tsx';
import { Kpis, type Kpi } from '../components/kpi.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, PageLink, Section } from '../components/page.tsx';
import { ScenarioPicker, type ScenarioChoice } from '../components/scenario-picker.tsx';
import { useI18n, type I18n } from '../i18n/index.ts';
import type { Exposure, Simulation } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';

export function RiskPage() {
  const { w } = useI18n();
  const { status, canRun } = useWorkspace();
  const [scenario, setScenario] = useState<ScenarioChoice>(null);
  const [paths, setPaths] = useState('2000');
  const [seed, setSeed] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const runner = useJob();
  const latest = useLoad(
    () =>
      runId ? getJson<Simulation>(`/runs/${encodeURIComponent(runId)}`) : latestRun<Simulation>('simulation'),
    [runId, status],
  );
  const exposure = useLoad(() => getJson<Exposure>('/exposure?window=90'), [status]);
  const run = async () => {
    const job = await runner.start('/simulations', {
      ...(scenario ?? {}),
      ...(paths ? { paths: Number(paths) } : {}),
      ...(seed ? { seed: Number(seed) } : {}),
    });
    if (job?.state === 'done' && job.runId) setRunId(job.runId);
  };
  if (status && isEmpty(status))
    return (
      <>
        <PageHeader title={w.pages.risk} lead={w.riskLead} />
        <EmptyWorkspace compact />
      </>
    );
  return (
    <>
      <PageHeader title={w.pages.risk} lead={w.riskLead} />
      {!canRun && <p class="card note">{w.readOnly}</p>}
      <section class="card" aria-labelledby="h-sim-run" hidden={!canRun}>
        <h2 id="h-sim-run">{w.runSimulation}</h2>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <ScenarioPicker value={scenario} onChange={setScenario} />
          <label>
            <span>{w.paths}</span>
            <input
              type="number"
              min={100}
              max={200000}
              step={1}
              value={paths}
              onInput={(e) => setPaths(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{w.seed}</span>
            <input
              type="number"
              min={0}
              step={1}
              value={seed}
              placeholder={w.fromScenario}
              onInput={(e) => setSeed(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={runner.running || scenario === null}>
            {w.run}
          </button>
        </form>
        {scenario === null && (
          <p class="muted">
            {w.needScenario} <PageLink page="scenario">{w.pages.scenario}</PageLink>
          </p>
        )}
        <JobProgress runner={runner} label={w.simulating} />
        <ErrorBox error={runner.error} />
        {runner.job?.state === 'cancelled' && <p role="status">{w.cancelled}</p>}
      </section>
      {latest.error ? (
        <ErrorBox error={latest.error} />
      ) : latest.loading && !latest.data ? (
        <Loading />
      ) : latest.data ? (
        <RiskBody sim={latest.data} exposure={exposure.data ?? null} />
      ) : (
        <p class="card muted">{w.noSimulation}</p>
      )}
    </>
  );
}

function RiskBody({ sim, exposure }: { sim: Simulation; exposure: Exposure | null }) {
  const i = useI18n();
  const { w, t, fmt } = i;
  const ctx = useChartContext(exposure);
  const loss = lossStats(sim);
  const basis = sim.lossBasis === 'profit' ? t.riskBasisProfit : t.riskBasisRevenue;
  const charts = useMemo(
    () => ({
      histogram: sim.lossHistogram ? lossHistogramChart(sim, ctx) : null,
      fan: sim.fan.p50.length > 0 ? fanChart(sim, ctx) : null,
      tornado: sim.tornado.length > 0 ? tornadoChart(sim, ctx) : null,
    }),
    [sim, ctx],
  );
  const rows = tornadoRows(sim, t);
  const end = addDays(sim.scenario.start, sim.horizonDays - 1);
  const run = { runId: sim.runId };
  return (
    <>
      <Section id="run" title={t.riskScenarioTitle}>
        <p>
          <strong>{sim.scenario.name}</strong> ·{' '}
          {t.riskScenarioPeriodValue({
            from: fmt.date(sim.scenario.start),
            to: fmt.date(end),
            days: fmt.integer(sim.horizonDays),
          })}{' '}
          · {w.runOf({ paths: fmt.integer(sim.paths), seed: String(sim.seed) })}
          {sim.storedAt ? ` · ${t.riskScenarioStored({ date: fmt.date(sim.storedAt.slice(0, 10)) })}` : ''}
        </p>
        {loss && (
          <p>
            {t.riskReading({
              basis,
              mean: fmt.money(loss.mean),
              days: fmt.integer(sim.horizonDays),
              cvar95: fmt.money(loss.cvar95),
            })}
          </p>
        )}
        <Kpis items={riskKpis(sim, i)} unknown={t.unknown} />
      </Section>
      <Section
        id="distribution"
        title={t.riskHistogramChart({ basis, paths: fmt.integer(sim.paths) })}
        lead={t.riskHistogramNote}
      >
        <div class="split">
          {charts.histogram ? (
            <Chart
              spec={charts.histogram}
              label={t.riskHistogramChart({ basis, paths: fmt.integer(sim.paths) })}
            />
          ) : (
            <p class="muted">{w.noHistogram}</p>
          )}
          {loss && (
            <DataTable
              caption={t.riskStatsTitle}
              table="simulation-loss"
              params={run}
              rows={[
                { label: t.riskStatMean, value: loss.mean },
                { label: t.riskStatStdev, value: loss.stdev },
                { label: t.riskStatStderr, value: loss.stderr },
                ...([90, 95, 99] as const).flatMap((level) => [
                  {
                    label: t.riskStatVar({ level: fmt.percent(level / 100, 0) }),
                    value: loss[`var${level}`],
                  },
                  {
                    label: t.riskStatCvar({ level: fmt.percent(level / 100, 0) }),
                    value: loss[`cvar${level}`],
                  },
                ]),
              ]}
              columns={[
                { label: t.colMeasure, value: (r) => r.label },
                {
                  label: sim.lossBasis === 'profit' ? t.colProfitLoss : t.colRevenueLoss,
                  value: (r) => fmt.money(r.value),
                  numeric: true,
                },
              ]}
            />
          )}
        </div>
      </Section>
      {charts.fan && (
        <Section
          id="fan"
          title={t.riskFanChart({ from: fmt.date(sim.scenario.start), to: fmt.date(end) })}
          lead={t.riskFanNote}
        >
          <Chart
            spec={charts.fan}
            label={t.riskFanChart({ from: fmt.date(sim.scenario.start), to: fmt.date(end) })}
            valueFormat={fmt.money}
          />
        </Section>
      )}
      <Section id="tornado" title={t.riskTornadoChart({ basis })} lead={t.riskTornadoNote}>
        {charts.tornado ? (
          <div class="split stacked">
            <Chart spec={charts.tornado} label={t.riskTornadoChart({ basis })} valueFormat={fmt.money} />
            <DataTable
              caption={t.riskTornadoChart({ basis })}
              table="simulation-tornado"
              params={run}
              rows={rows}
              columns={[
                { label: t.colEvent, value: (r) => r.event },
                { label: t.colSetting, value: (r) => settingName(r.setting, t) },
                { label: t.colLossAtLow, value: (r) => `${fmt.money(r.lossLow)} (${r.low})`, numeric: true },
                {
                  label: t.colLossAtHigh,
                  value: (r) => `${fmt.money(r.lossHigh)} (${r.high})`,
                  numeric: true,
                },
                { label: t.colSwing, value: (r) => fmt.money(r.swing), numeric: true },
              ]}
            />
          </div>
        ) : (
          <p class="muted">{t.riskTornadoNone}</p>
        )}
      </Section>
      <Section id="events" title={t.riskEventsTitle} lead={t.riskEventsLead}>
        <DataTable
          caption={t.riskEventsTitle}
          table="simulation-tail-shares"
          params={run}
          empty={t.riskNoEvents}
          rows={sim.eventFrequency.map((e) => ({
            event: e.event,
            probability: e.probability,
            share: sim.tailShare.find((s) => s.event === e.event)?.share ?? null,
          }))}
          columns={[
            { label: t.colEvent, value: (r) => r.event },
            { label: t.colHappened, value: (r) => fmt.percent(r.probability), numeric: true },
            {
              label: t.colTailShare,
              value: (r) => (r.share === null ? '—' : fmt.percent(r.share)),
              numeric: true,
            },
          ]}
        />
      </Section>
      <Section id="units" title={t.riskUnitsTitle} lead={t.riskUnitsLead}>
        <DataTable
          caption={t.riskUnitsTitle}
          empty={t.riskUnitsNone}
          rows={[...new Set([...sim.lostUnits, ...sim.divertedUnits].map((u) => u.channel))].map(
            (channel) => ({
              channel,
              lost: sim.lostUnits.find((u) => u.channel === channel)?.mean ?? 0,
              diverted: sim.divertedUnits.find((u) => u.channel === channel)?.mean ?? 0,
            }),
          )}
          columns={[
            { label: t.colChannel, value: (r) => fmt.channel(r.channel) },
            { label: t.colUnitsLost, value: (r) => fmt.integer(r.lost), numeric: true },
            { label: t.colUnitsDiverted, value: (r) => fmt.integer(r.diverted), numeric: true },
          ]}
        />
      </Section>
    </>
  );
}

function riskKpis(sim: Simulation, { t, fmt }: I18n): Kpi[] {
  const loss = lossStats(sim);
  const items: Kpi[] = [];
  if (loss) {
    items.push(
      {
        label: t.riskKpiExpected,
        value: fmt.money(loss.mean),
        note: t.riskKpiExpectedNote({ stderr: fmt.money(loss.stderr) }),
      },
      { label: t.riskKpiVar95, value: fmt.money(loss.var95), note: t.riskKpiVar95Note },
      {
        label: t.riskKpiCvar95,
        value: fmt.money(loss.cvar95),
        note: t.riskKpiCvar95Note({ paths: fmt.integer(Math.round(sim.paths * 0.05)) }),
      },
    );
  }
  const above = sim.probabilityLossAbove;
  items.push(
    {
      label:
        above.threshold > 0 ? t.riskKpiAbove({ threshold: fmt.money(above.threshold) }) : t.riskKpiAnyLoss,
      value: above.probability === null ? null : fmt.percent(above.probability),
      note: t.riskKpiShareOfPaths,
    },
    {
      label: t.riskKpiCash,
      value: sim.probabilityCashBelowZero === null ? null : fmt.percent(sim.probabilityCashBelowZero),
    },
    {
      label: t.riskKpiStranded,
      value: sim.strandedUnits ? t.riskUnits({ units: fmt.integer(sim.strandedUnits.mean) }) : null,
      note: sim.strandedUnits
        ? t.riskKpiStrandedNote({ p95: fmt.integer(sim.strandedUnits.p95) })
        : t.riskKpiStrandedUnknown,
    },
  );
  return items;
}
