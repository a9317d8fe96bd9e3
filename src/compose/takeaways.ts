/**
 * The three sentences a seller takes away from a run of exposure, simulation and plan: how much hangs
 * on one channel, what the scenario could cost in the bad tail, and what the plan changes — each
 * worded from the results, never written in advance.
 */
import type { ExposureReport } from '../exposure/index.js';
import type { PlanResult } from '../plan/index.js';
import { moneyFormat } from '../money.js';
import type { SimulationSummary } from '../simulate/index.js';

const pct = (share: number) => `${Math.round(share * 100)} %`;
const units = (n: number) => Math.round(n).toLocaleString('en-US');

export function takeaways(
  exposure: ExposureReport,
  simulation: SimulationSummary,
  plan: PlanResult,
  currency: string,
  horizonDays: number,
): string[] {
  const money = moneyFormat('en', currency);
  return [
    exposureSentence(exposure),
    riskSentence(simulation, money, horizonDays, plan.alpha),
    planSentence(plan, money),
  ];
}

function exposureSentence(x: ExposureReport): string {
  const top = [...x.byChannel].sort((a, b) => b.share - a.share)[0];
  if (!top || !x.from || !x.to) return 'The workspace has no sales in the window, so exposure is unknown.';
  const skus = x.skuDependency.filter((d) => d.channel === top.channel).length;
  const stranded = (x.lockedStock ?? [])
    .filter((l) => l.onlyChannel === top.channel)
    .reduce((s, l) => s + l.units + l.inboundUnits, 0);
  const effective = x.concentration.channel.effectiveNumber;
  return (
    `${top.channel} brought ${pct(top.share)} of net revenue from ${x.from} to ${x.to} (as concentrated as ${effective.toFixed(1)} equal channels); ` +
    `${skus} SKU${skus === 1 ? ' sells' : 's sell'} mostly there` +
    (x.lockedStock === null
      ? '.'
      : `, and ${units(stranded)} units of stock, on hand or inbound, can be sold only by ${top.channel}.`)
  );
}

function riskSentence(
  s: SimulationSummary,
  money: (v: number) => string,
  days: number,
  alpha: number,
): string {
  const loss = s.lossBasis === 'profit' ? s.profitLoss : s.revenueLoss;
  if (!loss) return 'The simulation could not measure a loss.';
  const tail = Math.round((1 - alpha) * 100);
  return (
    `Over the next ${days} days the scenario costs ${money(loss.mean)} of ${s.lossBasis} on average and ${money(loss.cvar95)} in the worst ${tail} % of ${s.paths.toLocaleString('en-US')} simulated futures (CVaR95)` +
    (s.strandedUnits ? `, with ${units(s.strandedUnits.mean)} units stranded on average.` : '.')
  );
}

function planSentence(p: PlanResult, money: (v: number) => string): string {
  const o = p.outOfSample;
  const tail = Math.round((1 - p.alpha) * 100);
  const measured = `measured on ${o.paths.toLocaleString('en-US')} fresh futures the optimiser never saw`;
  if (p.actions.length === 0)
    return `The best plan is to do nothing: no available decision improves the outcome (${measured}).`;
  const moved = p.actions.reduce((s, a) => s + ('units' in a ? a.units : 0), 0);
  const what = [
    moved > 0 ? `moving ${units(moved)} units of stock` : '',
    ...p.actions.filter((a) => a.kind === 'open').map((a) => ('channel' in a ? `opening ${a.channel}` : '')),
    ...p.actions
      .filter((a) => a.kind === 'budget' || a.kind === 'cancel')
      .map((a) => a.text.split(':')[0].toLowerCase()),
  ].filter(Boolean);
  const gain = o.gain.mean;
  return (
    `The plan (${p.actions.length} action${p.actions.length === 1 ? '' : 's'}: ${what.join(', ')}) cuts the loss in the worst ${tail} % of futures from ${money(o.doNothing.cvar)} to ${money(o.cvar)} ` +
    `and ${gain >= 0 ? 'adds' : 'costs'} ${money(Math.abs(gain))} of expected profit, ${measured}; it beats doing nothing in ${pct(o.probBeatsDoNothing)} of them.`
  );
}
