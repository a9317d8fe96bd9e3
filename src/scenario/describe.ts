/**
 * A scenario in short plain-English lines, for the CLI to print before a long run so the user can
 * see the defaults and resolved values Ballast will actually use.
 */
import { addDays } from '../dates.js';
import type { Duration, EventOutcome, EventTarget, Scenario, ScenarioEvent } from './types.js';

const pct = (x: number): string => `${Number((x * 100).toFixed(1))}%`;
const num = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const days = (x: number): string => `${num(x)} day${x === 1 ? '' : 's'}`;

export function describeScenario(s: Scenario): string[] {
  const noise = s.noise === 'none' ? 'no noise' : `negative-binomial noise (k = ${num(s.dispersion)})`;
  const lines = [
    `${s.name}: ${days(s.horizonDays)} from ${s.start}, ${num(s.paths)} paths, seed ${s.seed}, ${noise}.`,
  ];
  if (s.marketShocks) {
    const m = s.marketShocks;
    lines.push(
      `Market shocks: ${pct(m.probability)} chance per market, ${pct(m.severity)} of demand lost for ${days(m.days)}.`,
    );
  }
  if (s.events.length === 0) lines.push('No events: every path is the baseline.');
  for (const event of s.events) lines.push(...describeEvent(event, s.start));
  for (const c of s.correlations) lines.push(`${c.a} and ${c.b} are correlated at ${num(c.rho)}.`);
  if (s.cash) {
    const delays = Object.entries(s.cash.payoutDelayDays).map(
      ([channel, d]) => `${channel} after ${days(d)}`,
    );
    lines.push(
      `Cash: opening ${num(s.cash.opening)}${delays.length ? `; payouts ${delays.join(', ')}` : ''}.`,
    );
  }
  if (s.lossThreshold !== undefined)
    lines.push(`Reports the chance that loss exceeds ${num(s.lossThreshold)}.`);
  lines.push(...s.warnings.map((w) => `Warning: ${w}`));
  return lines;
}

function describeEvent(e: ScenarioEvent, start: string): string[] {
  const from = e.source ? ` From the library (${e.source}).` : '';
  const onset =
    e.onset.fromDay === e.onset.toDay
      ? `on ${addDays(start, e.onset.fromDay)} (day ${e.onset.fromDay})`
      : `between ${addDays(start, e.onset.fromDay)} and ${addDays(start, e.onset.toDay)} (days ${e.onset.fromDay}–${e.onset.toDay})`;
  const label = e.label === e.id ? '' : ` ${e.label}.`;
  const lines = [`${e.id}:${label}${from} Hits ${target(e.target)}; ${pct(e.probability)} chance, ${onset}.`];
  if (e.preOnset.days > 0 && e.preOnset.uplift > 0) {
    lines.push(`  Before onset: demand +${pct(e.preOnset.uplift)} for ${days(e.preOnset.days)}.`);
  }
  const { landedCostPct, feePct, feePerUnit } = e.costs;
  const costs = [
    landedCostPct && `landed cost ${signed(pct(landedCostPct), landedCostPct)}`,
    feePct && `fees ${signed(pct(feePct), feePct)} of price`,
    feePerUnit && `fees ${signed(num(feePerUnit), feePerUnit)} a unit`,
  ].filter(Boolean);
  if (costs.length > 0) lines.push(`  While active: ${costs.join(', ')}.`);
  if (e.branches.length === 0) return [...lines, ...outcomeLines(e, '  ')];
  for (const b of e.branches) {
    lines.push(`  ${pct(b.weight)} ${b.id} (${b.label}):`, ...outcomeLines(b, '    '));
  }
  return lines;
}

function outcomeLines(o: EventOutcome, indent: string): string[] {
  const back = o.recovery.days > 0 ? `over ${days(o.recovery.days)}` : 'at once';
  const recovery =
    o.duration.permanent === 1 ? '' : `; then back to ${pct(o.recovery.level)} of baseline ${back}`;
  const lost = o.severity > 0 ? `${pct(o.severity)} of demand lost` : 'no demand lost';
  const lines = [`${indent}${duration(o.duration)}; ${lost}${recovery}.`];
  if (o.diversion.length > 0) {
    const parts = o.diversion.map(
      (d) => `${pct(d.share)} to ${d.channel}${d.rampDays ? ` (ramping over ${days(d.rampDays)})` : ''}`,
    );
    lines.push(`${indent}Lost demand diverts ${parts.join(', ')}.`);
  }
  if (o.halo.length > 0) {
    lines.push(
      `${indent}Halo lost while active: ${o.halo.map((h) => `${pct(h.share)} of ${h.channel}`).join(', ')}.`,
    );
  }
  for (const s of o.stranded) {
    lines.push(
      `${indent}Stock in ${s.location} frozen; out after ${days(s.releaseAfterDays)} at ${num(s.costPerUnit)} a unit.`,
    );
  }
  return lines;
}

function duration(d: Duration): string {
  if (d.permanent === 1 || d.days === null) return 'Permanent';
  const spell =
    d.days.kind === 'fixed'
      ? days(d.days.days)
      : d.days.kind === 'uniform'
        ? `${num(d.days.min)}–${days(d.days.max)} (uniform)`
        : `typically ${days(d.days.median)}, 90% under ${days(d.days.p90)}`;
  return d.permanent > 0 ? `${pct(d.permanent)} chance permanent, else lasts ${spell}` : `Lasts ${spell}`;
}

function target(t: EventTarget): string {
  const channels = t.channels === 'all' ? 'every channel' : t.channels.join(', ');
  const markets = t.markets === 'all' ? 'every market' : t.markets.join(', ');
  return `${channels} in ${markets}`;
}

const signed = (text: string, x: number): string => (x > 0 ? `+${text}` : text);
