import type { BacktestRow, EventCheck, LibraryEntry, SimulationRun } from '../engine.js';
import { formatNumber, table } from './output.js';

const money = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x));
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

export function renderSimulation(r: SimulationRun): string {
  const out: string[] = [
    `${r.scenario.name}: ${formatNumber(r.paths)} paths × ${r.horizonDays} days from ${r.scenario.start}, ${formatNumber(r.cells)} cells, seed ${r.seed} (${r.baseCurrency})`,
  ];
  for (const line of r.scenario.description) out.push(`  ${line}`);
  for (const w of r.scenario.warnings) out.push(`  warning: ${w}`);
  out.push('');
  const blocks = [
    ['revenue', r.revenue],
    ['profit', r.profit],
    ['revenue loss', r.revenueLoss],
    ['profit loss', r.profitLoss],
  ] as const;
  out.push(
    table(
      ['', 'mean', '± stderr', 'p5', 'p50', 'p95', 'VaR95', 'CVaR95', 'CVaR99'],
      blocks.map(([label, s]) =>
        s
          ? [
              label,
              money(s.mean),
              money(s.stderr),
              money(s.p5),
              money(s.p50),
              money(s.p95),
              money(s.var95),
              money(s.cvar95),
              money(s.cvar99),
            ]
          : [label, null, null, null, null, null, null, null, null],
      ),
    ),
  );
  out.push('VaR/CVaR of revenue and profit read the low tail; of losses, the high tail. "–" = unknown.');
  out.push('');
  out.push(
    `Chance the ${r.lossBasis} loss exceeds ${formatNumber(r.probabilityLossAbove.threshold)}: ${pct(r.probabilityLossAbove.probability)}.`,
  );
  if (r.probabilityCashBelowZero !== null)
    out.push(`Chance cash falls below zero: ${pct(r.probabilityCashBelowZero)}.`);
  out.push(
    `Units lost: ${r.lostUnits.map((u) => `${u.channel} ${formatNumber(Math.round(u.mean))}`).join(', ')}; diverted: ${r.divertedUnits.map((u) => `${u.channel} ${formatNumber(Math.round(u.mean))}`).join(', ')}.`,
  );
  out.push(
    r.strandedUnits
      ? `Stranded stock: ${formatNumber(Math.round(r.strandedUnits.mean))} units on average (p95 ${formatNumber(Math.round(r.strandedUnits.p95))}).`
      : 'Stranded stock: unknown (no inventory imported).',
  );
  if (r.tailShare.length > 0)
    out.push(
      `Share of the tail loss (CVaR95) by event: ${r.tailShare.map((t) => `${t.event} ${pct(t.share)}`).join(', ')}.`,
    );
  if (r.tornado.length > 0) {
    out.push(
      '',
      `What matters most (mean ${r.lossBasis} loss with each parameter at ×0.5 and ×1.5, same random numbers):`,
    );
    out.push(
      table(
        ['parameter', 'low', 'high', 'swing'],
        r.tornado.slice(0, 8).map((t) => [t.parameter, money(t.lossLow), money(t.lossHigh), money(t.swing)]),
      ),
    );
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('', `Stored as run ${r.runId}.`);
  return out.join('\n');
}

export function renderEvents(entries: readonly LibraryEntry[]): string {
  return entries
    .map((e) => `${e.id}  ${e.title}\n  ${e.summary}\n  calibrated on: ${e.calibratedOn}`)
    .join('\n\n');
}

export function renderEventCheck(c: { events: EventCheck[] }): string {
  const value = (x: number): string => String(Number(x.toPrecision(3)));
  const facts = c.events.flatMap((e) => e.facts);
  const covered = facts.filter((f) => f.covered).length;
  return [
    ...c.events.map(
      (e) =>
        `${e.id}\n` +
        table(
          ['fact', 'observed', 'p5', 'p95', 'covered'],
          e.facts.map((f) => [
            f.name,
            value(f.observed),
            value(f.p5),
            value(f.p95),
            f.covered ? 'yes' : 'NO',
          ]),
        ),
    ),
    `${covered} of ${facts.length} observed facts inside the 5–95 % range the library event gives on a plain seller.`,
  ].join('\n\n');
}

export function renderBacktest(b: { rows: BacktestRow[]; cells: number; through: string }): string {
  return [
    `Baseline forecast backtest: last 8 weeks to ${b.through} held out, ${formatNumber(b.cells)} cells`,
    table(
      ['method', 'MASE', 'RMSSE', 'bias', 'in 80%', 'in 95%', 'cells'],
      b.rows.map((r) => [
        r.method,
        Number.isNaN(r.mase) ? null : Number(r.mase.toFixed(3)),
        Number.isNaN(r.rmsse) ? null : Number(r.rmsse.toFixed(3)),
        Number.isNaN(r.bias) ? null : `${(r.bias * 100).toFixed(1)}%`,
        Number.isNaN(r.coverage80) ? null : `${(r.coverage80 * 100).toFixed(1)}%`,
        Number.isNaN(r.coverage95) ? null : `${(r.coverage95 * 100).toFixed(1)}%`,
        r.cells,
      ]),
    ),
    'MASE below 1 beats a seasonal-naive forecast on the history; Ballast’s MASE is scored on the median of ' +
      'each day’s forecast range (the point that minimises absolute error, often 0 on slow cells), its RMSSE ' +
      'and bias on the mean the simulator draws around; bias is total forecast over total actual − 1; ' +
      'in 80% / 95%: share of held-out days inside the simulator’s 80 % / 95 % ranges (nominal 80 % / 95 %).',
  ].join('\n');
}
