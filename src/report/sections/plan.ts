import { frontierChart } from '../charts/plan.js';
import { html, table, type Html } from '../html.js';
import { formatters } from '../i18n.js';
import type { PlanActionFigures, PlanComparedFigures, PlanFigures } from '../types.js';
import { figure, paragraph, type Section, type SectionContext } from './section.js';
import { kpiCard } from './summary.js';

/**
 * The newest stored plan (docs/formulation.md): what to do now, each action with its price and what it buys,
 * how the plan and doing nothing fare on fresh paths, and the efficient frontier over λ.
 */
export function planSection(base: SectionContext): Section | null {
  const plan = base.data.plan;
  if (plan === undefined) return null;
  const head = { id: 'plan', title: base.t.planTitle };
  if (plan === null) return { ...head, body: paragraph(base.t.planNoRun, 'unknown-box') };
  const ctx: SectionContext = { ...base, fmt: formatters(base.lang, plan.baseCurrency) };
  const { t, fmt } = ctx;
  const level = fmt.percent(plan.alpha, 0);
  const tail = fmt.percent(1 - plan.alpha, 0);
  const o = plan.outOfSample;
  const objective =
    plan.risk.kind === 'lambda'
      ? t.planObjectiveLambda({ lambda: fmt.decimal(plan.risk.lambda, 2), level, tail })
      : t.planObjectiveLimit({ limit: fmt.money(plan.risk.limit), level, tail });
  const money = (v: number, e: number) => t.planPlusMinus({ value: fmt.money(v), stderr: fmt.money(e) });
  return {
    ...head,
    body: html`${paragraph(
        t.planLead({
          name: plan.scenario.name,
          date: fmt.date(plan.scenario.start),
          objective,
          paths: fmt.integer(plan.inSample.paths),
          fresh: fmt.integer(o.paths),
        }),
        'lead',
      )}
      <div class="kpis">
        ${[
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
            note: t.planKpiBeatsNote({ gain: money(o.gain.mean, o.gain.stderr) }),
          },
          { label: t.planKpiOptimism, value: fmt.money(plan.gainOptimism), note: t.planKpiOptimismNote },
        ].map((k) => kpiCard(k, t.unknown))}
      </div>
      <h3>${t.planActionsTitle}</h3>
      ${plan.actions.length === 0 ? paragraph(t.planNoActions, 'unknown-box') : actions(plan, ctx)}
      <h3>${t.planMeasuredTitle}</h3>
      ${paragraph(t.planMeasuredLead({ paths: fmt.integer(o.paths), seed: String(o.seed) }))}
      ${table(
        [
          { label: '' },
          { label: t.planColProfit, numeric: true },
          { label: t.planColCvar({ level }), numeric: true },
        ],
        [
          [
            t.planDoNothing,
            money(o.doNothing.expectedProfit, o.doNothing.expectedProfitStderr),
            money(o.doNothing.cvar, o.doNothing.cvarStderr),
          ],
          [t.planChosen, money(o.expectedProfit, o.expectedProfitStderr), money(o.cvar, o.cvarStderr)],
          [t.planInSample, fmt.money(plan.inSample.expectedProfit), fmt.money(plan.inSample.cvar)],
        ],
      )}
      ${comparison(plan, ctx)} ${stability(plan, ctx)}
      ${figure(frontierChart(plan, ctx), t.planFrontierChart, frontierTable(plan, ctx), ctx, t.planFrontierNote)}
      ${assumptions(plan, ctx)}`,
  };
}

function actions(plan: PlanFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  return table(
    [
      { label: t.planColAction },
      { label: t.planColCost, numeric: true },
      { label: t.planColGain, numeric: true },
      { label: t.planColTail({ tail: fmt.percent(1 - plan.alpha, 0) }), numeric: true },
    ],
    plan.actions.map((a) => [
      actionText(a, ctx),
      fmt.money(a.cost),
      fmt.money(a.expectedGain),
      `${fmt.money(a.tailGain)} (${fmt.percent(a.tailShare, 0)})`,
    ]),
  );
}

/** An action in the reader's language, from its fields (the English `text` is for the terminal). */
export function actionText(a: PlanActionFigures, ctx: SectionContext): string {
  const { t, fmt } = ctx;
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

/** The optimiser's plan beside the simple rules and the user's plans, on the same fresh paths. */
function comparison(plan: PlanFigures, ctx: SectionContext): Html {
  const compared = plan.compared ?? [];
  if (compared.length === 0) return html``;
  const { t, fmt } = ctx;
  const o = plan.outOfSample;
  const level = fmt.percent(plan.alpha, 0);
  const lambda = fmt.decimal(plan.risk.kind === 'lambda' ? plan.risk.lambda : 0, 2);
  const plusMinus = (value: number, stderr: number | undefined) =>
    stderr === undefined
      ? fmt.money(value)
      : t.planPlusMinus({ value: fmt.money(value), stderr: fmt.money(stderr) });
  return html`<h3>${t.planCompareTitle}</h3>
    ${paragraph(t.planCompareLead({ paths: fmt.integer(o.paths), level, lambda }))}
    ${table(
      [
        { label: t.planCompareColPlan },
        { label: t.planCompareColObjective, numeric: true },
        { label: t.planColProfit, numeric: true },
        { label: t.planColCvar({ level }), numeric: true },
        { label: t.planCompareColBeats, numeric: true },
        { label: t.planCompareColVersus, numeric: true },
      ],
      [
        [
          t.planCompareOptimiser,
          plusMinus(o.objective, o.objectiveStderr),
          fmt.money(o.expectedProfit),
          fmt.money(o.cvar),
          fmt.percent(o.probBeatsDoNothing),
          '–',
        ],
        ...compared.map((c) => [
          comparedName(c, ctx),
          plusMinus(c.objective, c.objectiveStderr),
          fmt.money(c.expectedProfit),
          fmt.money(c.cvar),
          fmt.percent(c.probBeatsDoNothing),
          `${plusMinus(c.versusPlan.mean, c.versusPlan.stderr)}${c.versusPlan.mean > 2 * c.versusPlan.stderr ? ` (${t.planCompareBetter})` : ''}`,
        ]),
      ],
    )}`;
}

function comparedName(c: PlanComparedFigures, ctx: SectionContext): string {
  const { t, fmt } = ctx;
  if (c.source === 'file' || !c.rule) return t.planCompareFile({ name: c.name });
  const r = c.rule;
  switch (r.kind) {
    case 'move':
      return r.share >= 1 ? t.planRuleMoveAll(r) : t.planRuleMoveHalf(r);
    case 'redirect-all':
      return t.planRuleRedirectAll;
    case 'open':
      return t.planRuleOpen({ channel: fmt.channel(r.channel), market: fmt.market(r.market) });
    case 'budget':
      return t.planRuleBudget({ channel: fmt.channel(r.channel), spend: fmt.money(r.spend) });
    case 'cancel':
      return t.planRuleCancel(r);
  }
}

/** How often each action is chosen when the plan is solved again on resampled futures. */
function stability(plan: PlanFigures, ctx: SectionContext): Html {
  const s = plan.stability;
  if (!s || s.resamples === 0) return html``;
  const { t, fmt } = ctx;
  const tosses = s.rows.filter((r) => r.coinToss).map((r) => r.action);
  return html`<h3>${t.planStabilityTitle}</h3>
    ${paragraph(t.planStabilityLead({ resamples: fmt.integer(s.resamples) }))}
    ${table(
      [
        { label: t.planColAction },
        { label: t.planStabilityColChosen, numeric: true },
        { label: t.planStabilityColQuantity, numeric: true },
      ],
      s.rows.map((r) => [
        `${r.action}${r.inPlan ? ` (${t.planStabilityInPlan})` : ''}`,
        `${fmt.percent(r.chosen, 0)}${r.coinToss ? ` (${t.planStabilityCoinToss})` : ''}`,
        [r.quantity.min, r.quantity.median, r.quantity.max].map((q) => fmt.integer(q)).join(' – '),
      ]),
    )}
    ${paragraph(tosses.length === 0 ? t.planStabilityNoToss : t.planStabilityTosses({ actions: tosses.join('; ') }))}`;
}

function frontierTable(plan: PlanFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const level = fmt.percent(plan.alpha, 0);
  const fresh = plan.frontier.some((f) => f.outOfSample);
  return table(
    [
      { label: 'λ', numeric: true },
      { label: t.planColProfit, numeric: true },
      { label: t.planColCvar({ level }), numeric: true },
      { label: t.planColActions, numeric: true },
      ...(fresh
        ? [
            { label: t.planColFreshProfit, numeric: true },
            { label: t.planColFreshCvar({ level }), numeric: true },
          ]
        : []),
    ],
    plan.frontier.map((f) => [
      fmt.decimal(f.lambda, 2),
      fmt.money(f.expectedProfit),
      fmt.money(f.cvar),
      fmt.integer(f.actions),
      ...(fresh
        ? [
            f.outOfSample ? fmt.money(f.outOfSample.expectedProfit) : '–',
            f.outOfSample ? fmt.money(f.outOfSample.cvar) : '–',
          ]
        : []),
    ]),
  );
}

function assumptions(plan: PlanFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const lines: string[] = [];
  if (plan.assumed.transfer)
    lines.push(
      t.planAssumedTransfer({
        cost: fmt.money(plan.assumed.transfer.costPerUnit),
        days: fmt.integer(plan.assumed.transfer.leadDays),
      }),
    );
  if (plan.assumed.redirect)
    lines.push(
      t.planAssumedRedirect({
        cost: fmt.money(plan.assumed.redirect.costPerUnit),
        days: fmt.integer(plan.assumed.redirect.extraDays),
      }),
    );
  return lines.length === 0 ? html`` : html`${lines.map((l) => paragraph(l, 'note'))}`;
}
