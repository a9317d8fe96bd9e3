import { useMemo, useState } from 'preact/hooks';
import { frontierChart } from '../../../src/report/charts/plan.ts';
import type { PlanActionFigures } from '../../../src/report/types.ts';
import { getJson, latestRun } from '../api.ts';
import { useChartContext } from '../charts/context.ts';
import { Chart } from '../components/chart.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox, JobProgress, useJob } from '../components/job.tsx';
import { Kpis } from '../components/kpi.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { ScenarioPicker, type ScenarioChoice } from '../components/scenario-picker.tsx';
import { useI18n, type I18n } from '../i18n/index.ts';
import type { Exposure, Plan } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';

export function PlanPage() {
  const { w } = useI18n();
  const { status, canRun } = useWorkspace();
  const [scenario, setScenario] = useState<ScenarioChoice>(null);
  const [lambda, setLambda] = useState('1');
  const [paths, setPaths] = useState('400');
  const [evaluationPaths, setEvaluationPaths] = useState('1000');
  const [frontier, setFrontier] = useState(true);
  const [runId, setRunId] = useState<string | null>(null);
  const runner = useJob();
  const latest = useLoad(
    () => (runId ? getJson<Plan>(`/runs/${encodeURIComponent(runId)}`) : latestRun<Plan>('plan')),
    [runId, status],
  );
  const exposure = useLoad(() => getJson<Exposure>('/exposure?window=90'), [status]);
  const run = async () => {
    const job = await runner.start('/plans', {
      ...(scenario ?? {}),
      ...(lambda ? { lambda: Number(lambda) } : {}),
      ...(paths ? { paths: Number(paths) } : {}),
      ...(evaluationPaths ? { evaluationPaths: Number(evaluationPaths) } : {}),
      frontier,
    });
    if (job?.state === 'done' && job.runId) setRunId(job.runId);
  };
  if (status && isEmpty(status))
    return (
      <>
        <PageHeader title={w.pages.plan} lead={w.planLead} />
        <EmptyWorkspace compact />
      </>
    );
  return (
    <>
      <PageHeader title={w.pages.plan} lead={w.planLead} />
      {!canRun && <p class="card note">{w.readOnly}</p>}
      <section class="card" aria-labelledby="h-plan-run" hidden={!canRun}>
        <h2 id="h-plan-run">{w.runPlan}</h2>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <ScenarioPicker value={scenario} onChange={setScenario} />
          <label>
            <span>{w.lambda}</span>
            <input
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={lambda}
              onInput={(e) => setLambda(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{w.planPaths}</span>
            <input
              type="number"
              min={50}
              max={20000}
              step={1}
              value={paths}
              onInput={(e) => setPaths(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{w.freshPaths}</span>
            <input
              type="number"
              min={100}
              max={200000}
              step={1}
              value={evaluationPaths}
              onInput={(e) => setEvaluationPaths(e.currentTarget.value)}
            />
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={frontier}
              onChange={(e) => setFrontier(e.currentTarget.checked)}
            />
            <span>{w.withFrontier}</span>
          </label>
          <button type="submit" disabled={runner.running || scenario === null}>
            {w.run}
          </button>
        </form>
        <p class="muted small-text">{w.lambdaHelp}</p>
        <JobProgress runner={runner} label={w.planning} />
        <ErrorBox error={runner.error} />
        {runner.job?.state === 'cancelled' && <p role="status">{w.cancelled}</p>}
      </section>
      {latest.error ? (
        <ErrorBox error={latest.error} />
      ) : latest.loading && !latest.data ? (
        <Loading />
      ) : latest.data ? (
        <PlanBody plan={latest.data} exposure={exposure.data ?? null} />
      ) : (
        <p class="card muted">{w.noPlan}</p>
      )}
    </>
  );
}

function PlanBody({ plan, exposure }: { plan: Plan; exposure: Exposure | null }) {
  const i = useI18n();
  const { w, t, fmt } = i;
  const ctx = useChartContext(exposure);
  const chart = useMemo(() => (plan.frontier.length > 0 ? frontierChart(plan, ctx) : null), [plan, ctx]);
  const level = fmt.percent(plan.alpha, 0);
  const tail = fmt.percent(1 - plan.alpha, 0);
  const o = plan.outOfSample;
  const pm = (v: number, e: number) => t.planPlusMinus({ value: fmt.money(v), stderr: fmt.money(e) });
  const objective =
    plan.risk.kind === 'lambda'
      ? t.planObjectiveLambda({ lambda: fmt.decimal(plan.risk.lambda, 2), level, tail })
      : t.planObjectiveLimit({ limit: fmt.money(plan.risk.limit), level, tail });
  const run = { runId: plan.runId };
  return (
    <>
      <Section id="plan-summary" title={t.planTitle}>
        <p>
          {t.planLead({
            name: plan.scenario.name,
            date: fmt.date(plan.scenario.start),
            objective,
            paths: fmt.integer(plan.inSample.paths),
            fresh: fmt.integer(o.paths),
          })}
        </p>
        <Kpis
          unknown={t.unknown}
          items={[
            {
              label: t.planKpiProfit,
              value: fmt.money(o.expectedProfit),
              note: t.planKpiVersus({ value: fmt.money(o.doNothing.expectedProfit) }),
            },
            {
              label: t.planKpiCvar({ level }),
              value: fmt.money(o.cvar),
              note: t.planKpiVersus({ value: fmt.money(o.doNothing.cvar) }),
            },
            {
              label: t.planKpiBeats,
              value: fmt.percent(o.probBeatsDoNothing),
              note: t.planKpiBeatsNote({ gain: pm(o.gain.mean, o.gain.stderr) }),
            },
            { label: t.planKpiOptimism, value: fmt.money(plan.gainOptimism), note: t.planKpiOptimismNote },
          ]}
        />
      </Section>
      <Section id="actions" title={t.planActionsTitle}>
        {plan.actions.length === 0 ? (
          <p class="note">{t.planNoActions}</p>
        ) : (
          <>
            <ol class="actions-list">
              {plan.actions.map((a) => (
                <li>{actionText(a, i)}</li>
              ))}
            </ol>
            <DataTable
              caption={t.planActionsTitle}
              table="plan-actions"
              params={run}
              rows={plan.actions}
              columns={[
                { label: t.planColAction, value: (a) => actionText(a, i) },
                { label: t.planColCost, value: (a) => fmt.money(a.cost), numeric: true },
                { label: t.planColGain, value: (a) => fmt.money(a.expectedGain), numeric: true },
                {
                  label: t.planColTail({ tail }),
                  value: (a) => `${fmt.money(a.tailGain)} (${fmt.percent(a.tailShare, 0)})`,
                  numeric: true,
                },
              ]}
            />
          </>
        )}
      </Section>
      <Section
        id="proof"
        title={t.planMeasuredTitle}
        lead={t.planMeasuredLead({ paths: fmt.integer(o.paths), seed: String(o.seed) })}
      >
        <DataTable
          caption={w.freshProofCaption}
          rows={[
            {
              name: t.planDoNothing,
              profit: pm(o.doNothing.expectedProfit, o.doNothing.expectedProfitStderr),
              cvar: pm(o.doNothing.cvar, o.doNothing.cvarStderr),
            },
            {
              name: t.planChosen,
              profit: pm(o.expectedProfit, o.expectedProfitStderr),
              cvar: pm(o.cvar, o.cvarStderr),
            },
            {
              name: t.planInSample,
              profit: fmt.money(plan.inSample.expectedProfit),
              cvar: fmt.money(plan.inSample.cvar),
            },
          ]}
          columns={[
            { label: w.colWhat, value: (r) => r.name },
            { label: t.planColProfit, value: (r) => r.profit, numeric: true },
            { label: t.planColCvar({ level }), value: (r) => r.cvar, numeric: true },
          ]}
        />
      </Section>
      <Section id="frontier" title={t.planFrontierChart} lead={t.planFrontierNote}>
        {chart ? (
          <div class="split">
            <Chart spec={chart} label={t.planFrontierChart} />
            <DataTable
              caption={t.planFrontierChart}
              table="plan-frontier"
              params={run}
              rows={plan.frontier}
              columns={[
                { label: 'λ', value: (f) => fmt.decimal(f.lambda, 2), numeric: true },
                { label: t.planColProfit, value: (f) => fmt.money(f.expectedProfit), numeric: true },
                { label: t.planColCvar({ level }), value: (f) => fmt.money(f.cvar), numeric: true },
                { label: t.planColActions, value: (f) => fmt.integer(f.actions), numeric: true },
                {
                  label: t.planColFreshProfit,
                  value: (f) => (f.outOfSample ? fmt.money(f.outOfSample.expectedProfit) : '—'),
                  numeric: true,
                },
                {
                  label: t.planColFreshCvar({ level }),
                  value: (f) => (f.outOfSample ? fmt.money(f.outOfSample.cvar) : '—'),
                  numeric: true,
                },
              ]}
            />
          </div>
        ) : (
          <p class="muted">{w.noFrontier}</p>
        )}
      </Section>
    </>
  );
}

/** An action in the reader's language, from its fields (the English `text` is for the terminal). */
function actionText(a: PlanActionFigures, { t, fmt }: I18n): string {
  switch (a.kind) {
    case 'transfer':
      return t.planActionTransfer({
        units: fmt.integer(a.units),
        sku: a.sku,
        from: a.from,
        to: a.to,
        date: fmt.date(a.arrives),
      });
    case 'redirect':
      return t.planActionRedirect({
        units: fmt.integer(a.units),
        sku: a.sku,
        shipment: a.shipment,
        from: a.from,
        to: a.to,
        date: fmt.date(a.arrives),
      });
    case 'open':
      return t.planActionOpen({
        channel: fmt.channel(a.channel),
        market: fmt.market(a.market),
        from: fmt.date(a.sellingFrom),
        full: fmt.date(a.fullDemandBy),
      });
    case 'budget':
      return t.planActionBudget({
        spend: fmt.money(a.spend),
        channel: fmt.channel(a.channel),
        uplift: fmt.growth(a.uplift),
      });
    case 'cancel':
      return t.planActionCancel({ commitment: a.commitment });
  }
}
