/**
 * The scenario file's `decisions:` block (docs/formulation.md): what the planner may do, checked
 * with zod and resolved onto the simulator's model. Without the block, Ballast offers the moves a
 * ban makes urgent — pulling stock out of, and redirecting shipments away from, every location an
 * event can strand — at stated default costs, and nothing that needs the seller's own numbers.
 */
import {
  DECISION_DEFAULTS,
  closest,
  parseDecisions,
  scenarioProblem,
  type DecisionsInput,
  type KeyPath,
} from '../scenario/index.js';
import type { SimModel, SimStock } from '../simulate/index.js';
import { sellersOf } from './cells.js';
import type { BudgetOption, CancelOption, OpenOption, PlanOptions, StockOption } from './options.js';

/** Assumed when the scenario does not say (DECISION_DEFAULTS). */
export const DEFAULT_TRANSFER = DECISION_DEFAULTS.transfer;
export const DEFAULT_REDIRECT = DECISION_DEFAULTS.redirect;

/**
 * Resolves the raw `decisions` value of a scenario onto a model.
 * @throws BallastError('bad-input') naming `decisions.…` key paths, as scenario problems do.
 */
export function resolveDecisions(raw: unknown, model: SimModel, fileName: string): PlanOptions {
  const input = parseDecisions(raw, fileName);
  const names = new Names(model, fileName);
  const moves = transfers(input, model, names);
  return {
    stock: [...moves.options, ...redirects(input, model, names)],
    laneCapacity: moves.laneCapacity,
    open: (input.open ?? []).map((o, i) => opening(o, i, names)),
    budget: (input.budget ?? []).map((b, i) => budget(b, i, model, names)),
    cancel: (input.cancel ?? []).map((c, i): CancelOption => ({
      commitment: names.commitment(c.commitment, ['decisions', 'cancel', i, 'commitment']),
      id: c.commitment,
      drives: c.drives ?? DECISION_DEFAULTS.cancel.drives,
    })),
  };
}

/** Locations some event variant can freeze. */
export function strandable(model: SimModel): Set<number> {
  const out = new Set<number>();
  for (const e of model.events) for (const v of e.variants) for (const l of v.strandedLocation) out.add(l);
  return out;
}

/** Markets the cells selling from location `l` buy in. */
function marketsServed(model: SimModel, l: number): Set<number> {
  const stock = model.stock;
  const out = new Set<number>();
  if (!stock) return out; // no stock, no locations
  for (let i = stock.sellerStart[l]; i < stock.sellerStart[l + 1]; i++)
    out.add(model.groupMarket[model.cellGroup[stock.sellers[i]]]);
  return out;
}

/** Whether `to` serves a market `from` serves: stock is moved within a country, not across borders. */
function sameMarket(model: SimModel, from: number, to: number): boolean {
  const served = marketsServed(model, from);
  return [...marketsServed(model, to)].some((m) => served.has(m));
}

function transfers(
  input: DecisionsInput,
  model: SimModel,
  names: Names,
): Pick<PlanOptions, 'laneCapacity'> & { options: StockOption[] } {
  const stock = model.stock;
  if (!stock) {
    if (input.transfers?.length)
      names.location(input.transfers[0].from, ['decisions', 'transfers', 0, 'from']);
    return { options: [], laneCapacity: [] };
  }
  const S = model.skus.length;
  const lanes =
    input.transfers?.map((t, i) => ({
      from: names.location(t.from, ['decisions', 'transfers', i, 'from']),
      to: names.location(t.to, ['decisions', 'transfers', i, 'to']),
      costPerUnit: t.cost_per_unit ?? DEFAULT_TRANSFER.costPerUnit,
      leadDays: t.lead_days ?? DEFAULT_TRANSFER.leadDays,
      skus: t.skus?.map((s, j) => names.sku(s, ['decisions', 'transfers', i, 'skus', j])),
      capacity: t.capacity,
    })) ??
    defaultLanes(model, stock).map((lane) => ({
      ...lane,
      ...DEFAULT_TRANSFER,
      skus: undefined,
      capacity: undefined,
    }));
  const out: StockOption[] = [];
  const laneCapacity: PlanOptions['laneCapacity'] = [];
  for (const lane of lanes) {
    const first = out.length;
    for (let k = 0; k < S; k++) {
      if (lane.skus && !lane.skus.includes(k)) continue;
      const units = stock.initial[lane.from * S + k];
      if (units <= 0 || lane.from === lane.to || sellersOf(model, lane.to, k).length === 0) continue;
      out.push({
        kind: 'transfer',
        sku: k,
        from: lane.from,
        to: lane.to,
        arrivalDay: lane.leadDays,
        costPerUnit: lane.costPerUnit,
        capacity: units,
      });
    }
    if (lane.capacity !== undefined && out.length > first) {
      laneCapacity.push({
        options: Array.from({ length: out.length - first }, (_, i) => first + i),
        capacity: lane.capacity,
      });
    }
  }
  return { options: out, laneCapacity };
}

/** Every strandable location to every location in the same market that no event strands. */
function defaultLanes(model: SimModel, stock: SimStock): Array<{ from: number; to: number }> {
  const risky = strandable(model);
  const safe = stock.locations.map((_, l) => l).filter((l) => !risky.has(l));
  return [...risky].flatMap((from) =>
    safe.filter((to) => sameMarket(model, from, to)).map((to) => ({ from, to })),
  );
}

function redirects(input: DecisionsInput, model: SimModel, names: Names): StockOption[] {
  const stock = model.stock;
  if (!stock) return [];
  const risky = strandable(model);
  const cost = input.shipments?.cost_per_unit ?? DEFAULT_REDIRECT.costPerUnit;
  const extra = input.shipments?.extra_days ?? DEFAULT_REDIRECT.extraDays;
  const given = input.shipments?.redirect_to?.map((l, i) =>
    names.location(l, ['decisions', 'shipments', 'redirect_to', i]),
  );
  const safe = stock.locations.map((_, l) => l).filter((l) => !risky.has(l));
  const out: StockOption[] = [];
  for (let a = 0; a < stock.arrivalDay.length; a++) {
    const from = stock.arrivalLocation[a];
    if (!stock.arrivalCanRedirect[a] || !risky.has(from)) continue;
    for (const to of given ?? safe.filter((l) => sameMarket(model, from, l))) {
      const sku = stock.arrivalSku[a];
      if (to === from || sellersOf(model, to, sku).length === 0) continue;
      out.push({
        kind: 'redirect',
        sku,
        from,
        to,
        arrivalDay: stock.arrivalDay[a] + extra,
        costPerUnit: cost,
        capacity: stock.arrivalUnits[a],
        arrival: a,
        shipment: stock.arrivalShipment[a],
      });
    }
  }
  return out;
}

function opening(o: NonNullable<DecisionsInput['open']>[number], i: number, names: Names): OpenOption {
  const at: KeyPath = ['decisions', 'open', i];
  const like = names.group(o.like.channel, o.like.market, [...at, 'like']);
  if (names.findGroup(o.channel, o.market) !== undefined) {
    scenarioProblem(
      names.fileName,
      [...at, 'channel'],
      `${o.channel} already sells in ${o.market}`,
      'Open only a channel × market you do not sell on yet; to grow an existing one, use `budget`.',
    );
  }
  return {
    channel: o.channel,
    market: o.market,
    setupCost: o.setup_cost,
    leadDays: o.lead_days ?? DECISION_DEFAULTS.open.leadDays,
    rampDays: o.ramp_days ?? DECISION_DEFAULTS.open.rampDays,
    relativeDemand: o.relative_demand,
    sigma: o.uncertainty ?? DECISION_DEFAULTS.open.uncertainty,
    like,
    sellsFrom: (o.sells_from ?? []).map((l, j) => names.location(l, [...at, 'sells_from', j])),
  };
}

function budget(
  b: NonNullable<DecisionsInput['budget']>[number],
  i: number,
  model: SimModel,
  names: Names,
): BudgetOption {
  const at: KeyPath = ['decisions', 'budget', i];
  const channel = names.channel(b.channel, [...at, 'channel']);
  const groups: number[] = [];
  model.groupChannel.forEach((k, g) => {
    if (k === channel && (b.market === undefined || model.markets[model.groupMarket[g]] === b.market))
      groups.push(g);
  });
  if (groups.length === 0) {
    scenarioProblem(
      names.fileName,
      [...at, 'market'],
      `${b.channel} does not sell in ${b.market}`,
      `Markets of ${b.channel}: ${names.marketsOf(channel).join(', ')}.`,
    );
  }
  const segments: BudgetOption['segments'] = [];
  let [spend, uplift] = [0, 0];
  b.curve.forEach(([s, u], j) => {
    const slope = (u - uplift) / (s - spend);
    const previous = segments.at(-1)?.slope ?? Infinity;
    if (!(s > spend) || !(u >= uplift) || slope > previous + 1e-12) {
      scenarioProblem(
        names.fileName,
        [...at, 'curve', j],
        `[${s}, ${u}] does not continue a curve of diminishing returns`,
        'Give [total spend, total demand uplift] points with rising spend, and uplift that rises no faster than before (e.g. [[5000, 0.06], [15000, 0.1]]).',
      );
    }
    segments.push({ width: s - spend, slope });
    [spend, uplift] = [s, u];
  });
  return { channel: b.channel, groups, segments };
}

/** Name lookups with the scenario's style of error. */
class Names {
  constructor(
    private readonly model: SimModel,
    readonly fileName: string,
  ) {}

  private find(kind: string, value: string, among: readonly string[], path: KeyPath): number {
    const at = among.indexOf(value);
    if (at >= 0) return at;
    const guess = closest(value, among);
    return scenarioProblem(
      this.fileName,
      path,
      `${JSON.stringify(value)} is not a ${kind} the simulation knows`,
      `${guess ? `Did you mean ${guess}? ` : ''}${kind[0].toUpperCase()}${kind.slice(1)}s: ${among.slice(0, 20).join(', ') || 'none'}.`,
    );
  }

  location(value: string, path: KeyPath): number {
    if (!this.model.stock) {
      scenarioProblem(
        this.fileName,
        path,
        'needs stock, and the workspace has no inventory',
        'Import locations and inventory files first (docs/formats.md).',
      );
    }
    return this.find('location', value, this.model.stock.locations, path);
  }

  sku(value: string, path: KeyPath): number {
    return this.find('SKU', value, this.model.skus, path);
  }

  channel(value: string, path: KeyPath): number {
    return this.find('channel', value, this.model.channels, path);
  }

  commitment(value: string, path: KeyPath): number {
    return this.find(
      'commitment',
      value,
      this.model.commitments.map((c) => c.id),
      path,
    );
  }

  findGroup(channel: string, market: string): number | undefined {
    const g = this.model.groupChannel.findIndex(
      (k, g) =>
        this.model.channels[k] === channel && this.model.markets[this.model.groupMarket[g]] === market,
    );
    return g >= 0 ? g : undefined;
  }

  group(channel: string, market: string, path: KeyPath): number {
    this.channel(channel, [...path, 'channel']);
    const g = this.findGroup(channel, market);
    if (g === undefined) {
      scenarioProblem(
        this.fileName,
        [...path, 'market'],
        `${channel} does not sell in ${market}`,
        `Markets of ${channel}: ${this.marketsOf(this.model.channels.indexOf(channel)).join(', ')}.`,
      );
    }
    return g;
  }

  marketsOf(channel: number): string[] {
    return [...this.model.groupChannel].flatMap((k, g) =>
      k === channel ? [this.model.markets[this.model.groupMarket[g]]] : [],
    );
  }
}
