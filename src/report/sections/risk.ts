import {
  addDays,
  fanChart,
  fanDates,
  histogramBins,
  lossHistogramChart,
  lossStats,
  MAX_TORNADO_ROWS,
  settingName,
  tornadoChart,
  tornadoRows,
} from '../charts/risk.js';
import { html, table, type Html } from '../html.js';
import { formatters } from '../i18n.js';
import type { RiskStats, SimulationFigures } from '../types.js';
import { figure, paragraph, type Section, type SectionContext } from './section.js';
import { kpiCard, type Kpi } from './summary.js';

/** Up to this many simulated days the fan table lists every day; beyond, one row a week. */
const DAILY_ROWS_UP_TO = 31;

/** Caveats the compose layer words in English; the report says them from the figures instead. */
const KNOWN_NOTES = [/^No costs imported/, /^Some SKUs have no cost/, /^No inventory imported/];

/**
 * What the newest stored simulation says the scenario could cost (docs/simulation.md): the scenario, the key
 * figures, the spread of the loss, the daily fan, the tornado, each event's share of the tail and
 * units by channel. Without a stored run it says how to make one; without the field at all (a caller
 * that does not read runs) there is no section.
 */
export function riskSection(base: SectionContext): Section | null {
  const sim = base.data.simulation;
  if (sim === undefined) return null;
  const head = { id: 'risk', title: base.t.riskTitle };
  if (sim === null) return { ...head, body: paragraph(base.t.riskNoRun, 'unknown-box') };
  // Amounts in the run's own currency (the workspace's base currency when the run was made).
  const ctx: SectionContext = { ...base, fmt: formatters(base.lang, sim.baseCurrency) };
  const { t, fmt } = ctx;
  const stats = lossStats(sim);
  const basis = sim.lossBasis === 'profit' ? t.riskBasisProfit : t.riskBasisRevenue;
  return {
    ...head,
    body: html`${paragraph(
        t.riskLead({ paths: fmt.integer(sim.paths), days: fmt.integer(sim.horizonDays), basis }),
        'lead',
      )}
      ${scenario(sim, ctx)}
      <div class="kpis">${keyFigures(sim, stats, ctx).map((k) => kpiCard(k, t.unknown))}</div>
      ${
        stats
          ? paragraph(
              t.riskReading({
                basis,
                mean: fmt.money(stats.mean),
                days: fmt.integer(sim.horizonDays),
                cvar95: fmt.money(stats.cvar95),
              }),
              'reading',
            )
          : ''
      }
      ${histogram(sim, basis, ctx)} ${statistics(sim, ctx)} ${fan(sim, ctx)} ${tornado(sim, basis, ctx)}
      ${events(sim, ctx)} ${units(sim, ctx)} ${unknowns(sim, ctx)}`,
  };
}

function scenario(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const s = sim.scenario;
  const run = t.riskScenarioRunValue({
    paths: fmt.integer(sim.paths),
    seed: String(sim.seed),
    run: sim.runId,
  });
  return html`<h3>${t.riskScenarioTitle}</h3>
    <dl class="facts">
      <dt>${t.riskScenarioName}</dt>
      <dd><strong>${s.name}</strong></dd>
      <dt>${t.riskScenarioPeriod}</dt>
      <dd>
        ${t.riskScenarioPeriodValue({
          from: fmt.date(s.start),
          to: fmt.date(addDays(s.start, sim.horizonDays - 1)),
          days: fmt.integer(sim.horizonDays),
        })}
      </dd>
      <dt>${t.riskScenarioRun}</dt>
      <dd>
        ${sim.storedAt ? `${run} · ${t.riskScenarioStored({ date: fmt.date(sim.storedAt.slice(0, 10)) })}` : run}
      </dd>
    </dl>
    ${
      s.description.length > 0
        ? html`<p class="note">${t.riskDescriptionIntro}</p>
            <ul class="scenario-lines">
              ${s.description.map((line) => html`<li>${line}</li>`)}
            </ul>`
        : ''
    }`;
}

/** Paths in the worst (1 − level) share, as the simulator counts them for CVaR. */
function tailPaths(paths: number, level: number): number {
  return Math.max(1, Math.ceil((1 - level) * paths - 1e-9));
}

function keyFigures(sim: SimulationFigures, s: RiskStats | null, ctx: SectionContext): Kpi[] {
  const { t, fmt } = ctx;
  const money = (v: number | undefined) => (v === undefined ? null : fmt.money(v));
  const above = sim.probabilityLossAbove;
  const cash = sim.probabilityCashBelowZero;
  const stranded = sim.strandedUnits;
  return [
    {
      label: t.riskKpiExpected,
      value: money(s?.mean),
      note: s ? t.riskKpiExpectedNote({ stderr: fmt.money(s.stderr) }) : '',
    },
    { label: t.riskKpiVar95, value: money(s?.var95), note: t.riskKpiVar95Note },
    {
      label: t.riskKpiCvar95,
      value: money(s?.cvar95),
      note: t.riskKpiCvar95Note({ paths: fmt.integer(tailPaths(sim.paths, 0.95)) }),
    },
    {
      label: t.riskKpiCvar99,
      value: money(s?.cvar99),
      note: t.riskKpiCvar99Note({ paths: fmt.integer(tailPaths(sim.paths, 0.99)) }),
    },
    {
      label:
        above.threshold > 0 ? t.riskKpiAbove({ threshold: fmt.money(above.threshold) }) : t.riskKpiAnyLoss,
      value: above.probability === null ? null : fmt.percent(above.probability),
      note: t.riskKpiShareOfPaths,
    },
    {
      label: t.riskKpiCash,
      value: cash === null ? null : fmt.percent(cash),
      note: cash === null ? t.riskKpiCashNote : t.riskKpiShareOfPaths,
    },
    {
      label: t.riskKpiStranded,
      value: stranded ? t.riskUnits({ units: fmt.integer(stranded.mean) }) : null,
      note: stranded ? t.riskKpiStrandedNote({ p95: fmt.integer(stranded.p95) }) : t.riskKpiStrandedUnknown,
    },
  ];
}

function histogram(sim: SimulationFigures, basis: string, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const bins = histogramBins(sim);
  if (bins.length === 0) return paragraph(t.riskHistogramMissing, 'unknown-box');
  const filled = bins.filter((b) => b.paths > 0);
  const numbers = table(
    [
      { label: t.colLossFrom, numeric: true },
      { label: t.colLossTo, numeric: true },
      { label: t.colPaths, numeric: true },
      { label: t.colShareOfPaths, numeric: true },
    ],
    filled.map((b) => [fmt.money(b.from), fmt.money(b.to), fmt.integer(b.paths), fmt.percent(b.share)]),
    {
      className: 'data compact',
      ...(filled.length < bins.length ? { caption: t.riskHistogramEmptyLeftOut } : {}),
    },
  );
  return figure(
    lossHistogramChart(sim, ctx),
    t.riskHistogramChart({ basis, paths: fmt.integer(sim.paths) }),
    numbers,
    ctx,
    t.riskHistogramNote,
  );
}

function statistics(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const blocks = [sim.revenueLoss, sim.profitLoss, sim.revenue, sim.profit];
  const level = (l: number) => fmt.percent(l, 0);
  const measures: Array<[string, (s: RiskStats) => number]> = [
    [t.riskStatMean, (s) => s.mean],
    [t.riskStatStdev, (s) => s.stdev],
    [t.riskStatStderr, (s) => s.stderr],
    [t.riskStatP5, (s) => s.p5],
    [t.riskStatP50, (s) => s.p50],
    [t.riskStatP95, (s) => s.p95],
    [t.riskStatVar({ level: level(0.9) }), (s) => s.var90],
    [t.riskStatVar({ level: level(0.95) }), (s) => s.var95],
    [t.riskStatVar({ level: level(0.99) }), (s) => s.var99],
    [t.riskStatCvar({ level: level(0.9) }), (s) => s.cvar90],
    [t.riskStatCvar({ level: level(0.95) }), (s) => s.cvar95],
    [t.riskStatCvar({ level: level(0.99) }), (s) => s.cvar99],
  ];
  const rows = measures.map(([label, pick]) => [
    label,
    ...blocks.map((b) => (b ? html`${fmt.money(pick(b))}` : html`<span class="unknown">${t.unknown}</span>`)),
  ]);
  return html`<h3>${t.riskStatsTitle}</h3>
    ${paragraph(t.riskStatsLead, 'note')}
    ${table(
      [
        { label: t.colMeasure },
        { label: t.colRevenueLoss, numeric: true },
        { label: t.colProfitLoss, numeric: true },
        { label: t.colRevenueWithEvents, numeric: true },
        { label: t.colProfitWithEvents, numeric: true },
      ],
      rows,
    )}`;
}

function fan(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const dates = fanDates(sim);
  if (dates.length === 0) return html``;
  const f = sim.fan;
  const weekly = dates.length > DAILY_ROWS_UP_TO;
  const days = dates.map((_, d) => d).filter((d) => !weekly || d % 7 === 0 || d === dates.length - 1);
  const numbers = table(
    [
      { label: t.colDate },
      { label: t.colP5, numeric: true },
      { label: t.colP25, numeric: true },
      { label: t.colMedian, numeric: true },
      { label: t.colP75, numeric: true },
      { label: t.colP95, numeric: true },
      { label: t.colWithoutEvents, numeric: true },
    ],
    days.map((d) => [
      fmt.date(dates[d]),
      ...[f.p5, f.p25, f.p50, f.p75, f.p95, f.expectedWithoutEvents].map((series) =>
        fmt.money(series[d] ?? NaN),
      ),
    ]),
    { className: 'data compact', ...(weekly ? { caption: t.riskFanWeekly } : {}) },
  );
  return figure(
    fanChart(sim, ctx),
    t.riskFanChart({ from: fmt.date(dates[0]), to: fmt.date(dates[dates.length - 1]) }),
    numbers,
    ctx,
    t.riskFanNote,
  );
}

function tornado(sim: SimulationFigures, basis: string, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  if (sim.tornado.length === 0)
    return html`<h3>${t.riskTornadoChart({ basis })}</h3>
      ${paragraph(t.riskTornadoNone, 'note')}`;
  const rows = tornadoRows(sim, t);
  const numbers = table(
    [
      { label: t.colEvent },
      { label: t.colSetting },
      { label: t.colLowSetting },
      { label: t.colHighSetting },
      { label: t.colLossAtLow, numeric: true },
      { label: t.colLossAtHigh, numeric: true },
      { label: t.colSwing, numeric: true },
    ],
    rows.map((r) => [
      r.event || '–',
      settingName(r.setting, t),
      r.low,
      r.high,
      fmt.money(r.lossLow),
      fmt.money(r.lossHigh),
      fmt.money(r.swing),
    ]),
    sim.tornado.length > MAX_TORNADO_ROWS
      ? {
          caption: t.riskTornadoShowing({
            shown: fmt.integer(rows.length),
            total: fmt.integer(sim.tornado.length),
          }),
        }
      : {},
  );
  return figure(tornadoChart(sim, ctx), t.riskTornadoChart({ basis }), numbers, ctx, t.riskTornadoNote);
}

function events(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  if (sim.eventFrequency.length === 0)
    return html`<h3>${t.riskEventsTitle}</h3>
      ${paragraph(t.riskNoEvents, 'note')}`;
  const share = new Map(sim.tailShare.map((s) => [s.event, s.share]));
  const rows = sim.eventFrequency.map((e) => {
    const tail = share.get(e.event);
    return [
      e.event,
      fmt.percent(e.probability),
      tail === undefined ? html`<span class="unknown">${t.unknown}</span>` : html`${fmt.percent(tail)}`,
    ];
  });
  return html`<h3>${t.riskEventsTitle}</h3>
    ${paragraph(t.riskEventsLead, 'note')}
    ${table(
      [
        { label: t.colEvent },
        { label: t.colHappened, numeric: true },
        { label: t.colTailShare, numeric: true },
      ],
      rows,
    )}`;
}

function units(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t, fmt } = ctx;
  const channels = [...new Set([...sim.lostUnits, ...sim.divertedUnits].map((u) => u.channel))];
  const mean = (list: SimulationFigures['lostUnits'], channel: string) =>
    list.find((u) => u.channel === channel)?.mean ?? 0;
  const moved = channels
    .map((channel) => ({
      channel,
      lost: mean(sim.lostUnits, channel),
      diverted: mean(sim.divertedUnits, channel),
    }))
    .filter((r) => r.lost !== 0 || r.diverted !== 0)
    .sort((a, b) => b.lost - a.lost || b.diverted - a.diverted || a.channel.localeCompare(b.channel));
  return html`<h3>${t.riskUnitsTitle}</h3>
    ${
      moved.length === 0
        ? paragraph(t.riskUnitsNone, 'note')
        : html`${paragraph(t.riskUnitsLead, 'note')}
          ${table(
            [
              { label: t.colChannel },
              { label: t.colUnitsLost, numeric: true },
              { label: t.colUnitsDiverted, numeric: true },
            ],
            moved.map((r) => [fmt.channel(r.channel), fmt.integer(r.lost), fmt.integer(r.diverted)]),
          )}`
    }`;
}

/** Unknowns said from the figures in the reader's language, then any other caveat the run carries. */
function unknowns(sim: SimulationFigures, ctx: SectionContext): Html {
  const { t } = ctx;
  const someCosts = sim.notes.some((n) => KNOWN_NOTES[1].test(n));
  const lines = [
    sim.lossBasis === 'revenue' ? (someCosts ? t.riskSomeCostsUnknown : t.riskProfitUnknown) : null,
    sim.strandedUnits === null ? t.riskStockUnknown : null,
    sim.probabilityCashBelowZero === null ? t.riskCashUnknown : null,
    ...sim.notes.filter((n) => !KNOWN_NOTES.some((k) => k.test(n))),
  ].filter((l): l is string => l !== null);
  if (lines.length === 0) return html``;
  return html`<h3>${t.riskUnknownsTitle}</h3>
    <ul class="unknowns">
      ${lines.map((l) => html`<li>${l}</li>`)}
    </ul>`;
}
