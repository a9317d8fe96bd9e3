/**
 * A plan written into the simulator's model, so the real simulator can measure it: stock moves become
 * lower stock at the source and an arrival at the destination; opened groups become new cells;
 * budgets and cancellations change baselines; every cost of the plan becomes a commitment nobody can
 * cancel. The input model is never changed.
 */
import {
  arrivalColumns,
  arrivalsOf,
  type SimCommitment,
  type SimModel,
  type SimStock,
} from '../simulate/index.js';
import { upliftOf, type PlanChoice, type PlanOptions } from './options.js';

export function applyPlan(model: SimModel, options: PlanOptions, choice: PlanChoice): SimModel {
  const H = model.horizonDays;
  const planCosts = new Float64Array(H);
  let out: SimModel = {
    ...model,
    baseline: Float64Array.from(model.baseline),
    commitments: [...model.commitments],
  };

  if (out.stock && options.stock.length > 0)
    out = { ...out, stock: moveStock(out.stock, out.skus.length, options, choice, planCosts) };
  // Opened groups copy their reference's baseline before budgets or cancellations change it, and
  // those act on the groups that existed before, so each decision's effect stands on its own.
  choice.open.forEach((opened, j) => {
    if (!opened) return;
    const option = options.open[j];
    planCosts[0] += option.setupCost;
    out = openGroup(out, option);
  });

  choice.budget.forEach((spend, q) => {
    if (spend <= 0) return;
    const budget = options.budget[q];
    scaleGroups(out, new Set(budget.groups), 1 + upliftOf(budget, spend));
    for (let d = 0; d < H; d++) planCosts[d] += spend / H;
  });

  choice.cancel.forEach((cancelled, r) => {
    if (!cancelled) return;
    const option = options.cancel[r];
    const kept = out.commitments[option.commitment];
    const daily = new Float64Array(H);
    daily[0] = kept.cancelFee;
    out.commitments[option.commitment] = { ...kept, daily, cancellable: false, cancelFee: 0 };
    const channel = model.channels.indexOf(kept.channel);
    if (option.drives > 0 && channel >= 0) {
      const groups = new Set([...model.groupChannel].flatMap((k, g) => (k === channel ? [g] : [])));
      scaleGroups(out, groups, 1 - option.drives);
    }
  });

  const G = out.groupChannel.length;
  const costs: SimCommitment = {
    id: 'plan',
    channel: '',
    groups: new Uint8Array(G),
    daily: planCosts,
    cancellable: false,
    cancelFee: 0,
  };
  return { ...out, commitments: [...out.commitments.map((c) => widenGroups(c, G)), costs] };
}

function scaleGroups(model: SimModel, groups: Set<number>, factor: number): void {
  const H = model.horizonDays;
  for (let c = 0; c < model.cellGroup.length; c++) {
    if (!groups.has(model.cellGroup[c])) continue;
    for (let d = 0; d < H; d++) model.baseline[c * H + d] *= factor;
  }
}

function moveStock(
  stock: SimStock,
  S: number,
  options: PlanOptions,
  choice: PlanChoice,
  planCosts: Float64Array,
): SimStock {
  const initial = Float64Array.from(stock.initial);
  const arrivals = arrivalsOf(stock);
  choice.stock.forEach((units, o) => {
    if (units <= 0) return;
    const option = options.stock[o];
    planCosts[0] += units * option.costPerUnit;
    if (option.kind === 'transfer') initial[option.from * S + option.sku] -= units;
    else arrivals[option.arrival].units -= units;
    arrivals.push({
      day: option.arrivalDay,
      location: option.to,
      sku: option.sku,
      units,
      shipment: option.kind === 'redirect' ? option.shipment : 'plan',
      canRedirect: 0,
    });
  });
  // The kernel receives arrivals in day order; a stable sort keeps same-day arrivals as they were.
  arrivals.sort((a, b) => a.day - b.day);
  return { ...stock, initial, ...arrivalColumns(arrivals) };
}

/**
 * A new group with one cell per SKU of the reference group: same prices and costs, baseline scaled
 * by the relative demand. The cells go last and draw from the opened-cells stream (model.ts).
 */
function openGroup(model: SimModel, option: PlanOptions['open'][number]): SimModel {
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const G = model.groupChannel.length;
  const channels = model.channels.includes(option.channel)
    ? model.channels
    : [...model.channels, option.channel];
  const markets = model.markets.includes(option.market) ? model.markets : [...model.markets, option.market];
  const like = [...model.cellGroup.keys()].filter((c) => model.cellGroup[c] === option.like);
  const grow = <T extends Float64Array | Int32Array>(a: T, values: ArrayLike<number>): T => {
    const out = new (a.constructor as new (n: number) => T)(a.length + values.length);
    out.set(a);
    out.set(values, a.length);
    return out;
  };
  const baseline = new Float64Array((C + like.length) * H);
  baseline.set(model.baseline);
  like.forEach((c, i) => {
    for (let d = 0; d < H; d++) baseline[(C + i) * H + d] = model.baseline[c * H + d] * option.relativeDemand;
  });
  const pick = (a: Float64Array) => like.map((c) => a[c]);
  const widen = (mask: Uint8Array) => Uint8Array.from({ length: G + 1 }, (_, g) => (g < G ? mask[g] : 0));
  return {
    ...model,
    channels,
    markets,
    groupChannel: grow(model.groupChannel, [channels.indexOf(option.channel)]),
    groupMarket: grow(model.groupMarket, [markets.indexOf(option.market)]),
    cellGroup: grow(
      model.cellGroup,
      like.map(() => G),
    ),
    cellSku: grow(
      model.cellSku,
      like.map((c) => model.cellSku[c]),
    ),
    price: grow(model.price, pick(model.price)),
    unitCost: grow(model.unitCost, pick(model.unitCost)),
    feePct: grow(model.feePct, pick(model.feePct)),
    feePerUnit: grow(model.feePerUnit, pick(model.feePerUnit)),
    shipPerUnit: grow(model.shipPerUnit, pick(model.shipPerUnit)),
    baseline,
    events: model.events.map((e) => ({
      ...e,
      target: widen(e.target),
      variants: e.variants.map((v) => ({
        ...v,
        halo: Float64Array.from({ length: G + 1 }, (_, g) => (g < G ? v.halo[g] : 0)),
      })),
    })),
    commitments: model.commitments.map((c) => widenGroups(c, G + 1)),
    ...(model.stock ? { stock: sellNewCells(model.stock, C, like.length, option.sellsFrom) } : {}),
    ...(model.cash
      ? { cash: { ...model.cash, payoutDelayDays: grow(model.cash.payoutDelayDays, [0]) } }
      : {}),
    openings: [
      ...(model.openings ?? []),
      { group: G, fromDay: option.leadDays, rampDays: option.rampDays, sigma: option.sigma },
    ],
    openedFrom: model.openedFrom ?? C,
  };
}

function widenGroups(c: SimCommitment, G: number): SimCommitment {
  if (c.groups.length === G) return c;
  return { ...c, groups: Uint8Array.from({ length: G }, (_, g) => c.groups[g] ?? 0) };
}

/** New cells C … C+n−1 sell last from `sellsFrom` (and from released stock of those locations); with none, stock does not limit them. */
function sellNewCells(stock: SimStock, C: number, n: number, sellsFrom: number[]): SimStock {
  const unlimited = new Uint8Array(C + n);
  unlimited.set(stock.unlimited);
  for (let i = 0; i < n; i++) unlimited[C + i] = sellsFrom.length === 0 ? 1 : 0;
  const extend = (start: Int32Array, list: Int32Array) => {
    const L = stock.locations.length;
    const newStart = new Int32Array(L + 1);
    const out: number[] = [];
    for (let l = 0; l < L; l++) {
      for (let i = start[l]; i < start[l + 1]; i++) out.push(list[i]);
      if (sellsFrom.includes(l)) for (let i = 0; i < n; i++) out.push(C + i);
      newStart[l + 1] = out.length;
    }
    return { start: newStart, list: Int32Array.from(out) };
  };
  const sellers = extend(stock.sellerStart, stock.sellers);
  const released = extend(stock.releasedStart, stock.released);
  return {
    ...stock,
    unlimited,
    sellerStart: sellers.start,
    sellers: sellers.list,
    releasedStart: released.start,
    released: released.list,
  };
}
