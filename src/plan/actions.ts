/**
 * A solved plan in plain words: one row per decision taken, with quantities, dates, cost and the
 * reason in money — what it adds to expected profit and how much it cuts the loss in the bad tail.
 */
import { moneyFormat } from '../money.js';
import { addDays } from '../scenario/index.js';
import { sum, type SimModel } from '../simulate/index.js';
import type { Contributions } from './contributions.js';
import { upliftOf, type PlanChoice, type PlanOptions } from './options.js';

interface Reason {
  /** Mean change in profit over all paths, and over the worst (1−α) do-nothing paths. */
  expectedGain: number;
  tailGain: number;
  /** tailGain as a share of the do-nothing CVaR. */
  tailShare: number;
}

export type PlanAction = Reason & { text: string } & (
    | {
        kind: 'transfer';
        sku: string;
        from: string;
        to: string;
        units: number;
        arrives: string;
        cost: number;
      }
    | {
        kind: 'redirect';
        sku: string;
        shipment: string;
        from: string;
        to: string;
        units: number;
        arrives: string;
        cost: number;
      }
    | {
        kind: 'open';
        channel: string;
        market: string;
        cost: number;
        sellingFrom: string;
        fullDemandBy: string;
      }
    | { kind: 'budget'; channel: string; spend: number; uplift: number; cost: number }
    | { kind: 'cancel'; commitment: string; cost: number }
  );

export interface ActionContext {
  model: SimModel;
  options: PlanOptions;
  start: string;
  currency: string;
  alpha: number;
  /** Worst (1−α) do-nothing paths, and the do-nothing CVaR. */
  tail: Int32Array;
  cvar: number;
}

export function describeActions(ctx: ActionContext, choice: PlanChoice, parts: Contributions): PlanAction[] {
  const { model, options, start } = ctx;
  const reason = (part: Float64Array): Reason => {
    const tailGain = sum(Float64Array.from(ctx.tail, (s) => part[s])) / ctx.tail.length;
    return {
      expectedGain: sum(part) / part.length,
      tailGain,
      tailShare: ctx.cvar > 0 ? tailGain / ctx.cvar : 0,
    };
  };
  const money = moneyFormat('en', ctx.currency);
  const why = (r: Reason, cost: number, what: string) =>
    `${r.tailGain >= 0 ? 'cuts' : 'adds to'} the loss in the worst ${Math.round((1 - ctx.alpha) * 100)} % of futures by ${money(Math.abs(r.tailGain))}` +
    (ctx.cvar > 0 ? ` (${Math.round(Math.abs(r.tailShare) * 100)} %)` : '') +
    ` and ${r.expectedGain >= 0 ? 'adds' : 'costs'} ${money(Math.abs(r.expectedGain))} of expected profit, for ${money(cost)} of ${what}`;
  const actions: PlanAction[] = [];
  const locations = model.stock?.locations ?? [];

  choice.stock.forEach((units, i) => {
    if (units <= 0) return;
    const o = options.stock[i];
    const r = reason(parts.stock[i]);
    const [sku, from, to, arrives, cost] = [
      model.skus[o.sku],
      locations[o.from],
      locations[o.to],
      addDays(start, o.arrivalDay),
      units * o.costPerUnit,
    ];
    if (o.kind === 'transfer') {
      const text = `Move ${whole(units)} units of ${sku} from ${from} to ${to} now (sellable there by ${arrives}): ${why(r, cost, 'transfer cost')}.`;
      actions.push({ kind: 'transfer', sku, from, to, units, arrives, cost, ...r, text });
    } else {
      const { shipment } = o;
      const text = `Redirect ${whole(units)} units of ${sku} on shipment ${shipment} from ${from} to ${to} (sellable there by ${arrives}): ${why(r, cost, 'redirection cost')}.`;
      actions.push({ kind: 'redirect', sku, shipment, from, to, units, arrives, cost, ...r, text });
    }
  });
  choice.open.forEach((opened, j) => {
    if (!opened) return;
    const o = options.open[j];
    const r = reason(parts.open[j]);
    const [sellingFrom, fullDemandBy] = [addDays(start, o.leadDays), addDays(start, o.leadDays + o.rampDays)];
    const text = `Open ${o.channel} in ${o.market} now (selling from ${sellingFrom}, full demand by ${fullDemandBy}): ${why(r, o.setupCost, 'set-up')}.`;
    actions.push({
      kind: 'open',
      channel: o.channel,
      market: o.market,
      cost: o.setupCost,
      sellingFrom,
      fullDemandBy,
      ...r,
      text,
    });
  });
  choice.budget.forEach((spend, q) => {
    if (spend <= 0) return;
    const b = options.budget[q];
    const r = reason(parts.budget[q]);
    const uplift = upliftOf(b, spend);
    const text = `Spend ${money(spend)} on ${b.channel} marketing over the next ${model.horizonDays} days (about +${(uplift * 100).toFixed(1)} % demand): ${why(r, spend, 'spend')}.`;
    actions.push({ kind: 'budget', channel: b.channel, spend, uplift, cost: spend, ...r, text });
  });
  choice.cancel.forEach((cancelled, r0) => {
    if (!cancelled) return;
    const c = options.cancel[r0];
    const r = reason(parts.cancel[r0]);
    const fee = model.commitments[c.commitment].cancelFee;
    const text = `Cancel commitment ${c.id} now: ${why(r, fee, 'cancel fee')}.`;
    actions.push({ kind: 'cancel', commitment: c.id, cost: fee, ...r, text });
  });
  return actions.sort((a, b) => b.tailGain - a.tailGain || b.expectedGain - a.expectedGain);
}

function whole(units: number): string {
  return Math.round(units).toLocaleString('en-US');
}
