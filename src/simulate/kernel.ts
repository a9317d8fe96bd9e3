/**
 * The Monte Carlo kernel: a list of paths in, per-path results out.
 *
 * A path first draws its events (one stream) and its demand (another stream): one negative-binomial
 * draw per cell and day, drawn once. That same demand then runs through the worlds of the path:
 * - the base world: no events, so no loss (what the loss is measured from);
 * - the event world: the scenario's events;
 * - variant worlds, on request: the scenario with some event's parameters moved (the tornado) or an
 *   event switched off (tail attribution). Being on the same draws (common random numbers), their
 *   differences from the event world are the parameter's effect, free of sampling noise. A variant
 *   is the event world, and is copied, where its changed events happen in neither it nor the event
 *   world, or where they differ only in how they happen and happened the same way. A run's main
 *   paths can carry the tornado's variants on their first paths (`variantsBelow`).
 *
 * Layout, once for the whole file. The model's baseline is cell-major, [c·H + d]. Everything the
 * kernel keeps per cell and day is day-major, [d·C + c]: a day's cells side by side, in the order
 * they are drawn and served. So are a path's group factors, [d·G + g]. Its event factors are
 * [e·H + d], its stranding states [l·H + d], an opened group's demand scale [g·H + d]. Outputs are per path in the order of `paths`, then per channel, event,
 * day… ([i·K + k], [i·E + e], [i·H + d]).
 *
 * Short names, only for sizes and loop indexes:
 *   H days in the horizon, C cells, G groups (channel × market), E events, K channels, S SKUs,
 *   L stock locations, B weeks of recorded unmet demand, V variant worlds;
 *   c cell, g group, d day, e event, k channel (or commitment, or SKU group in a location), l location,
 *   s SKU, i position in `paths`, p path index, v variant world, t negative-binomial table,
 *   u a uniform draw, qb / qe units sold in the base / event world, re event-world revenue of a cell-day,
 *   mu / pi a cell-day's mean and zero-inflation share (its negative-binomial table's key), pe a world's
 *   drawn events (PathEvents), s0–s3 / r / t9 the xoshiro128** state words, output and shifted word
 *   inlined from prng.ts, x the units drawn (the inverse-CDF search starts at its guide-table entry).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  divertedShare,
  newPathEvents,
  samplePathEvents,
  targetMultiplier,
  type PathEvents,
} from './events.js';
import type { SimEvent, SimModel } from './model.js';
import { buildTables, type NegBinTables } from './negbin.js';
import { STREAM_DEMAND, STREAM_OPENED, nextUniform, normalQuantile, seedStream } from './prng.js';
import {
  FROZEN,
  RELEASED,
  newStockState,
  receive,
  resetStock,
  serve,
  serveLists,
  unitsAt,
  type ServeLists,
  type StockState,
} from './stock.js';

/** Per-path results for a list of paths; arrays are indexed by position in that list. */
export interface PathOutputs {
  paths: Int32Array;
  revenueBase: Float64Array;
  revenueEvent: Float64Array;
  profitBase: Float64Array;
  profitEvent: Float64Array;
  /** Lowest cash balance of the event world; NaN without cash settings or costs. */
  minCash: Float64Array;
  /** Per path × channel. */
  lostUnits: Float64Array;
  divertedUnits: Float64Array;
  /** Units sitting in frozen locations when the first stranding began; NaN without inventory. */
  strandedUnits: Float64Array;
  /** Event-world revenue per path × day, for the fan chart. */
  dailyRevenue: Float64Array;
  /** Per path × event: 1 when the event happened. */
  occurred: Uint8Array;
  /** What the planner reads (only when the run records): see `RecordedOutputs`. */
  unmet?: Float32Array;
  endStock?: Float32Array;
  groupMargin?: Float64Array;
  /** Revenue and profit of each variant world (`RunOptions.variants`), per path × variant. */
  variantRevenue?: Float64Array;
  variantProfit?: Float64Array;
}

/** Days per bucket of the recorded unmet demand. */
export const UNMET_BUCKET_DAYS = 7;

/**
 * Event-world figures a planner needs beyond profit, recorded on request:
 * - `unmet`: demand no stock could serve, per path × cell × week (bucket of `UNMET_BUCKET_DAYS`);
 * - `endStock`: units left at the end of the horizon, per path × location × SKU (frozen stock included);
 * - `groupMargin`: sales margin after event cost shocks, per path × group, on the group's own demand
 *   (diverted demand left out) and on the cell-days stock did not cut short: what a demand uplift
 *   scales (commitments not deducted).
 */
export type RecordedOutputs = Required<Pick<PathOutputs, 'unmet' | 'endStock' | 'groupMargin'>>;

export function unmetBuckets(horizonDays: number): number {
  return Math.ceil(horizonDays / UNMET_BUCKET_DAYS);
}

/** A variant world: the scenario's events with some replaced and/or some switched off. */
export interface VariantWorld {
  /** The events of this world, in the model's order; unchanged ones are the model's own objects. */
  events: SimEvent[];
  /** 1 for each event switched off (without changing any random draw). */
  disabled?: Uint8Array;
}

export interface RunOptions {
  /** Record the planner's extra outputs (see `RecordedOutputs`). */
  record?: boolean;
  /** Worlds run on the same draws as the event world; their revenue and profit per path come back. */
  variants?: readonly VariantWorld[];
  /**
   * Run the variant worlds only on paths whose index is below this (a run's main paths carry the
   * tornado's worlds on their first paths); their figures come back for those paths alone, in order.
   */
  variantsBelow?: number;
}

/** Demand tables shared by all paths, and which table (and scale) each cell-day draws from. */
export interface Prepared {
  tables: NegBinTables;
  /** Table index per day × cell (day-major). */
  tableOf: Int32Array;
  /** Per day × cell: its mean over its table's mean (draws are scaled by it, so every mean is exact). */
  scaleOf: Float64Array;
  /**
   * Per day × cell, its table's offsets copied out: where its CDF and guide start in
   * `tables.cdf` / `tables.guide`, and the guide's size as a number. A draw then reads its own
   * cell-day's entries instead of going through the table index (the draw took twice as long).
   */
  cdfAt: Int32Array;
  guideAt: Int32Array;
  guideSpan: Float64Array;
}

/**
 * Means within 1/MEAN_GRID in log (0.4 %) share one negative-binomial table: a forecast with a trend
 * and a weekday pattern has a distinct mean every day, and tens of thousands of tables no longer fit
 * in the CPU's caches (the kernel ran 3× slower). Each draw is scaled back to its own mean, so means
 * stay exact; the variance moves by under 0.4 %.
 */
export const MEAN_GRID = 256;

export function prepare(model: SimModel): Prepared {
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const index = new Map<number, number>();
  const means: number[] = [];
  const sizes: number[] = [];
  const inflations: number[] = [];
  const tableOf = new Int32Array(C * H);
  const scaleOf = new Float64Array(C * H);
  const cellK = model.cellDispersion;
  const cellPi = model.cellZeroInflation;
  const perCell = cellK !== undefined;
  for (let c = 0; c < C; c++) {
    // Per-cell noise (demand/noise.ts) comes from small fixed grids, so its codes are few and exact.
    const fitted = cellK ? cellK[c] : NaN;
    const k = fitted > 0 ? fitted : model.dispersion;
    const pi = cellPi && fitted > 0 ? cellPi[c] : 0;
    const noiseCode = perCell ? (Math.round(Math.log(k) * 64) + 4096) * 128 + Math.round(pi * 100) : 0;
    for (let d = 0; d < H; d++) {
      const mu = model.baseline[c * H + d];
      const meanKey = mu > 0 ? Math.round(Math.log(mu) * MEAN_GRID) : -Infinity;
      const key = mu > 0 ? meanKey * 2 ** 20 + noiseCode : -Infinity;
      const shared = mu > 0 ? Math.exp(meanKey / MEAN_GRID) : 0;
      let t = index.get(key);
      if (t === undefined) {
        t = means.length;
        index.set(key, t);
        means.push(shared);
        sizes.push(k);
        inflations.push(pi);
      }
      tableOf[d * C + c] = t;
      scaleOf[d * C + c] = mu > 0 ? mu / shared : 1;
    }
  }
  const tables = !model.noise
    ? buildTables(new Float64Array(0), 1)
    : perCell
      ? buildTables(
          Float64Array.from(means),
          model.dispersion,
          Float64Array.from(sizes),
          Float64Array.from(inflations),
        )
      : buildTables(Float64Array.from(means), model.dispersion);
  const cdfAt = new Int32Array(C * H);
  const guideAt = new Int32Array(C * H);
  const guideSpan = new Float64Array(C * H);
  if (model.noise) {
    for (let at = 0; at < C * H; at++) {
      const t = tableOf[at];
      cdfAt[at] = tables.cdfStart[t];
      guideAt[at] = tables.guideStart[t];
      guideSpan[at] = tables.guideSize[t];
    }
  }
  return { tables, tableOf, scaleOf, cdfAt, guideAt, guideSpan };
}

export function allocateOutputs(
  model: SimModel,
  paths: Int32Array,
  record = false,
  variants = 0,
  variantsBelow = Infinity,
): PathOutputs {
  const n = paths.length;
  const varying = paths.reduce((count, p) => count + (p < variantsBelow ? 1 : 0), 0);
  const recorded = record
    ? {
        unmet: new Float32Array(n * model.cellGroup.length * unmetBuckets(model.horizonDays)),
        endStock: new Float32Array(model.stock ? n * model.stock.initial.length : 0),
        groupMargin: new Float64Array(n * model.groupChannel.length),
      }
    : {};
  const varied =
    variants > 0
      ? {
          variantRevenue: new Float64Array(varying * variants),
          variantProfit: new Float64Array(varying * variants),
        }
      : {};
  return {
    ...recorded,
    ...varied,
    paths,
    revenueBase: new Float64Array(n),
    revenueEvent: new Float64Array(n),
    profitBase: new Float64Array(n),
    profitEvent: new Float64Array(n),
    minCash: new Float64Array(n),
    lostUnits: new Float64Array(n * model.channels.length),
    divertedUnits: new Float64Array(n * model.channels.length),
    strandedUnits: new Float64Array(n),
    dailyRevenue: new Float64Array(n * model.horizonDays),
    occurred: new Uint8Array(n * model.events.length),
  };
}

/** Path indexes [from, to). */
export function pathRange(from: number, to: number): Int32Array {
  const paths = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < paths.length; i++) paths[i] = from + i;
  return paths;
}

/** One world's events for the current path, and what they do to each group and day. */
interface World {
  /** The model with this world's events. */
  model: SimModel;
  disabled: Uint8Array | undefined;
  /** Per event: 1 where this world differs from the event world (variants only). */
  changed: Uint8Array;
  /**
   * Whether its changed events differ from the event world's only in what decides when and how an
   * event happens (`samplingOnly`): then a path drawing the same happenings is the event world.
   */
  samplingOnly: boolean;
  pe: PathEvents;
}

/** Arrays a run reuses from path to path (allocated once per call of runPaths). */
interface Scratch {
  /** Base-world demand and sales per day × cell (sales alias demand when stock is unlimited). */
  demand: Float64Array;
  soldBase: Float64Array;
  /** Event-world demand and sales of the current day, per cell; own demand before diversion arrives. */
  demandEvent: Float64Array;
  soldEvent: Float64Array;
  ownEvent: Float64Array;
  eventMult: Float64Array;
  groupMult: Float64Array;
  groupCost: Float64Array;
  groupFee: Float64Array;
  groupFeeUnit: Float64Array;
  strandedAt: Uint8Array;
  /** Per day: 1 when some group has a cost shock (else event-world margins are the plain ones). */
  shockedDay: Uint8Array;
  commitmentStop: Float64Array;
  /** Per cell: the no-event unit margin (price less fees, landed cost and shipping). */
  margin: Float64Array;
  /** Whether the margins are known; when not, profit is reported as unknown and not worked out. */
  costsKnown: boolean;
  /** Each group's cells: group g's are groupCells[groupCellStart[g]] … before groupCellStart[g + 1]. */
  groupCellStart: Int32Array;
  groupCells: Int32Array;
  /** Per cell: its channel. */
  cellChannel: Int32Array;
  /**
   * Per cell, the cash terms of a day without cost shocks (the shock terms are then exact zeros):
   * the share of revenue paid out, 1 − fee share, and what a unit sold costs, landed cost + shipping.
   */
  keptShare: Float64Array;
  paidPerUnit: Float64Array;
  stockBase: StockState | undefined;
  stockEvent: StockState | undefined;
  lists: ServeLists | undefined;
  /** Cash: payouts pending per group × day slot, and those frozen while a group is dark. */
  pending: Float64Array;
  frozenPay: Float64Array;
  /** Per group: today's slot in `pending`. */
  payoutSlot: Int32Array;
  demandRng: Uint32Array;
  /** Cells from `from` on belong to groups a plan opens: their stream (after their scale draws) and scales. */
  opened: { from: number; rng: Uint32Array; scale: Float64Array };
}

/**
 * Runs the given paths. Every path runs the base world and the event world on the same demand
 * draws (common random numbers), so loss = profit without − profit with events (docs/simulation.md), and
 * then each variant world of `options` on those draws too.
 */
export function runPaths(
  model: SimModel,
  prepared: Prepared,
  paths: Int32Array,
  options: RunOptions = {},
): PathOutputs {
  const variants = options.variants ?? [];
  const V = variants.length;
  const variantsBelow = options.variantsBelow ?? Infinity;
  const out = allocateOutputs(model, paths, options.record === true, V, variantsBelow);
  const E = model.events.length;
  const scratch = newScratch(model);
  const costsKnown = scratch.costsKnown;
  const eventRng = new Uint32Array(4);
  const normals = new Float64Array(E);
  const main: World = {
    model,
    disabled: undefined,
    changed: new Uint8Array(E),
    samplingOnly: false,
    pe: newPathEvents(E),
  };
  const others: World[] = variants.map((v) => ({
    model: { ...model, events: v.events },
    disabled: v.disabled,
    // Compared by value: a tornado setting can leave an event as it was (a probability of 1 raised
    // by half is still 1), and its world is then the event world, not one to run again.
    changed: Uint8Array.from(model.events, (e, j) =>
      !isDeepStrictEqual(v.events[j], e) || v.disabled?.[j] ? 1 : 0,
    ),
    samplingOnly:
      !v.disabled?.includes(1) &&
      model.events.every((e, j) => isDeepStrictEqual(samplingOnly(v.events[j]), samplingOnly(e))),
    pe: newPathEvents(E),
  }));

  const variantRevenue = out.variantRevenue ?? new Float64Array(0);
  const variantProfit = out.variantProfit ?? new Float64Array(0);
  // Position of the path among those that run the variant worlds.
  let varied = 0;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    samplePathEvents(model, p, eventRng, normals, main.pe);
    for (let e = 0; e < E; e++) out.occurred[i * E + e] = main.pe.occurred[e];
    drawDemand(model, prepared, p, scratch);
    const base = runBaseWorld(model, scratch);
    const event = runEventWorld(main, scratch, out, i);
    out.revenueBase[i] = base.revenue;
    out.revenueEvent[i] = event.revenue;
    out.profitBase[i] = costsKnown ? base.profit : NaN;
    out.profitEvent[i] = costsKnown ? event.profit : NaN;
    if (!costsKnown) out.minCash[i] = NaN;
    if (p >= variantsBelow) continue;
    for (let v = 0; v < V; v++) {
      const world = others[v];
      samplePathEvents(world.model, p, eventRng, normals, world.pe, world.disabled);
      const same =
        sameAsEventWorld(world, main.pe) || (world.samplingOnly && samePathEvents(world.pe, main.pe));
      const result = same ? event : runEventWorld(world, scratch, undefined, i);
      variantRevenue[varied * V + v] = result.revenue;
      variantProfit[varied * V + v] = costsKnown ? result.profit : NaN;
    }
    varied++;
  }
  return out;
}

/** A variant whose changed events happen neither in it nor in the event world is the event world. */
function sameAsEventWorld(world: World, main: PathEvents): boolean {
  for (let e = 0; e < world.changed.length; e++)
    if (world.changed[e] && (world.pe.occurred[e] || main.occurred[e])) return false;
  return true;
}

/**
 * An event without the fields only `samplePathEvents` reads (probability, onset range, and each
 * outcome's weight, chance of being permanent and duration): two events equal here act the same
 * on any path where they happen the same way. A tornado setting of probability, chance permanent or
 * duration leaves most paths' happenings as they were (a long ban permanent on 20 % of paths
 * instead of 40 % changes nothing on the other 80 %), and those paths are the event world.
 */
function samplingOnly(event: SimEvent): SimEvent {
  return {
    ...event,
    probability: 0,
    onsetFrom: 0,
    onsetTo: 0,
    variants: event.variants.map((v) => ({
      ...v,
      weight: 0,
      permanent: 0,
      durationKind: 0,
      durationA: 0,
      durationB: 0,
    })),
  };
}

/** Whether two worlds' events happened the same way on a path: each occurs, when, how and how long. */
function samePathEvents(a: PathEvents, b: PathEvents): boolean {
  for (let e = 0; e < a.occurred.length; e++) {
    if (a.occurred[e] !== b.occurred[e]) return false;
    if (!a.occurred[e]) continue;
    if (a.variant[e] !== b.variant[e] || !Object.is(a.onset[e], b.onset[e]) || !Object.is(a.end[e], b.end[e]))
      return false;
  }
  return true;
}

function newScratch(model: SimModel): Scratch {
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const G = model.groupChannel.length;
  const E = model.events.length;
  const { price, unitCost, feePct, feePerUnit, shipPerUnit } = model;
  const stock = model.stock;
  const demand = new Float64Array(H * C);
  const maxDelay = model.cash ? Math.max(0, ...model.cash.payoutDelayDays) : 0;
  const openedFrom = model.openings?.length ? (model.openedFrom ?? C) : C;
  const margin = Float64Array.from(
    price,
    (_, c) => price[c] * (1 - feePct[c]) - unitCost[c] - feePerUnit[c] - shipPerUnit[c],
  );
  const groupCellStart = new Int32Array(G + 1);
  for (let c = 0; c < C; c++) groupCellStart[model.cellGroup[c] + 1]++;
  for (let g = 0; g < G; g++) groupCellStart[g + 1] += groupCellStart[g];
  const groupCells = new Int32Array(C);
  const filled = groupCellStart.slice(0, G);
  for (let c = 0; c < C; c++) groupCells[filled[model.cellGroup[c]]++] = c;
  return {
    demand,
    soldBase: stock ? new Float64Array(H * C) : demand,
    demandEvent: new Float64Array(C),
    soldEvent: new Float64Array(C),
    ownEvent: new Float64Array(C),
    eventMult: new Float64Array(E * H),
    groupMult: new Float64Array(G * H),
    groupCost: new Float64Array(G * H),
    groupFee: new Float64Array(G * H),
    groupFeeUnit: new Float64Array(G * H),
    strandedAt: new Uint8Array((stock?.locations.length ?? 0) * H),
    shockedDay: new Uint8Array(H),
    commitmentStop: new Float64Array(model.commitments.length),
    margin,
    costsKnown: C === 0 || !Number.isNaN(margin[0]),
    groupCellStart,
    groupCells,
    cellChannel: Int32Array.from(model.cellGroup, (g) => model.groupChannel[g]),
    keptShare: Float64Array.from(feePct, (f) => 1 - f),
    paidPerUnit: Float64Array.from(unitCost, (u, c) => u + shipPerUnit[c]),
    stockBase: stock && newStockState(stock, C),
    stockEvent: stock && newStockState(stock, C),
    lists: stock && serveLists(stock, model.cellSku),
    pending: new Float64Array(G * (maxDelay + 1)),
    frozenPay: new Float64Array(G),
    payoutSlot: new Int32Array(G),
    demandRng: new Uint32Array(4),
    opened: {
      from: openedFrom,
      rng: new Uint32Array(4),
      scale: new Float64Array(openedFrom < C ? G * H : 0),
    },
  };
}

/**
 * The path's demand for every cell and day, before events and stock: one negative-binomial draw by
 * inverse CDF per cell-day, in day-then-cell order from the path's demand stream (cells of groups a
 * plan opens draw from a stream of their own, so opening one never moves another cell's draws).
 */
function drawDemand(model: SimModel, prepared: Prepared, p: number, scratch: Scratch): void {
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const { demand, opened } = scratch;
  const openedFrom = opened.from;
  if (openedFrom < C) openingScales(model, p, opened.rng, opened.scale);
  if (!model.noise) {
    for (let d = 0; d < H; d++) for (let c = 0; c < C; c++) demand[d * C + c] = model.baseline[c * H + d];
  } else {
    const { scaleOf, cdfAt, guideAt, guideSpan } = prepared;
    const { cdf, guide } = prepared.tables;
    const rng = scratch.demandRng;
    seedStream(rng, model.seed, p, STREAM_DEMAND);
    // xoshiro128** as in prng.ts (nextUint32), with its state in locals for the whole path rather
    // than loaded from and stored to a typed array at every draw.
    let s0 = rng[0] | 0;
    let s1 = rng[1] | 0;
    let s2 = rng[2] | 0;
    let s3 = rng[3] | 0;
    for (let d = 0; d < H; d++) {
      const row = d * C;
      for (let c = 0; c < openedFrom; c++) {
        const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t9 = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t9;
        s3 = rotl(s3, 11);
        const u = (r + 0.5) * INVERSE_TWO_POW_32;
        const at = row + c;
        const start = cdfAt[at];
        let x = guide[guideAt[at] + ((u * guideSpan[at]) | 0)];
        while (cdf[start + x] < u) x++;
        demand[at] = x * scaleOf[at];
      }
      for (let c = openedFrom; c < C; c++) {
        const u = nextUniform(opened.rng);
        const at = row + c;
        const start = cdfAt[at];
        let x = guide[guideAt[at] + ((u * guideSpan[at]) | 0)];
        while (cdf[start + x] < u) x++;
        demand[at] = x * scaleOf[at];
      }
    }
  }
  for (let c = openedFrom; c < C; c++) {
    const g = model.cellGroup[c];
    for (let d = 0; d < H; d++) demand[d * C + c] *= opened.scale[g * H + d];
  }
}

/** 2^−32: multiplying by it is exact, as dividing by 2^32 is (nextUniform). */
const INVERSE_TWO_POW_32 = 1 / 4294967296;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The base world: stock serves the drawn demand; revenue and profit before events. */
function runBaseWorld(model: SimModel, scratch: Scratch): { revenue: number; profit: number } {
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const S = model.skus.length;
  const { price } = model;
  const { demand, soldBase, margin, lists } = scratch;
  const stock = model.stock;
  const world = scratch.stockBase;
  if (stock && world && lists) resetStock(stock, world);
  let revenue = 0;
  let profit = 0;
  for (let d = 0; d < H; d++) {
    const row = d * C;
    if (stock && world && lists) {
      receive(stock, world, d, S);
      serve(stock, lists, world, demand, soldBase, row, S);
    }
    if (!scratch.costsKnown) {
      for (let c = 0; c < C; c++) revenue += soldBase[row + c] * price[c];
      continue;
    }
    for (let c = 0; c < C; c++) {
      const qb = soldBase[row + c];
      revenue += qb * price[c];
      profit += qb * margin[c];
    }
    let committed = 0;
    for (let k = 0; k < model.commitments.length; k++) committed += model.commitments[k].daily[d];
    profit -= committed;
  }
  return { revenue, profit: scratch.costsKnown ? profit : NaN };
}

/**
 * An event world on the drawn demand: events scale each group's demand, move lost demand to other
 * channels, freeze locations, shock costs and may cancel commitments. With `out` (the scenario's own
 * event world) it also fills path i's other outputs: units lost and diverted, stranded units, daily
 * revenue, cash and the recorded planner outputs.
 */
function runEventWorld(
  world: World,
  scratch: Scratch,
  out: PathOutputs | undefined,
  i: number,
): { revenue: number; profit: number } {
  const model = world.model;
  const pe = world.pe;
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const G = model.groupChannel.length;
  const K = model.channels.length;
  const S = model.skus.length;
  const { cellGroup, price, unitCost, feePct, feePerUnit, shipPerUnit, groupChannel } = model;
  const { demand, soldBase, demandEvent, ownEvent, margin, lists, groupCellStart, groupCells } = scratch;
  const { eventMult, groupMult, groupCost, groupFee, groupFeeUnit, strandedAt, commitmentStop } = scratch;
  const shockedDay = scratch.shockedDay;
  const stock = model.stock;
  const stockEvent = scratch.stockEvent;
  const cash = out && model.cash;
  const { pending, frozenPay, payoutSlot, keptShare, paidPerUnit } = scratch;
  const slots = pending.length / Math.max(1, G);
  const unmet = out?.unmet;
  const groupMargin = out?.groupMargin;
  const B = unmetBuckets(H);

  pathEffects(model, pe, eventMult, groupMult, groupCost, groupFee, groupFeeUnit, shockedDay);
  if (stock) strandings(model, pe, strandedAt);
  for (let k = 0; k < model.commitments.length; k++) commitmentStop[k] = commitmentCancelDay(model, k, pe);
  if (stock && stockEvent) resetStock(stock, stockEvent);
  pending.fill(0);
  frozenPay.fill(0);
  let revenue = 0;
  let profit = 0;
  let cashNow = cash ? cash.opening : NaN;
  let minCash = cashNow;
  let stranded = stock ? 0 : NaN;
  let strandedCounted = false;

  const divertedUnits = out?.divertedUnits;
  const lostUnits = out?.lostUnits;
  // Without stock every unit demanded is sold.
  const soldEvent = stock ? scratch.soldEvent : demandEvent;
  for (let d = 0; d < H; d++) {
    const row = d * C;
    const dayGroups = d * G;
    // Each cell's demand times its group's multiplier; most groups most days are untouched (× 1 is exact).
    for (let c = 0; c < C; c++) demandEvent[c] = demand[row + c];
    for (let g = 0; g < G; g++) {
      const m = groupMult[dayGroups + g];
      if (m === 1) continue;
      for (let j = groupCellStart[g]; j < groupCellStart[g + 1]; j++) demandEvent[groupCells[j]] *= m;
    }
    if (groupMargin) ownEvent.set(demandEvent);
    divert(model, pe, eventMult, d, demand, row, demandEvent, divertedUnits, i * K, scratch.cellChannel);
    if (stock && stockEvent && lists) {
      receive(stock, stockEvent, d, S);
      for (let l = 0; l < stock.locations.length; l++) {
        const state = strandedAt[l * H + d];
        if (state === FROZEN && !strandedCounted) {
          for (let m = 0; m < stock.locations.length; m++)
            if (strandedAt[m * H + d] === FROZEN) stranded += unitsAt(stockEvent, m, S);
          strandedCounted = true;
        }
        if (state === RELEASED && stockEvent.state[l] === FROZEN) {
          profit -= unitsAt(stockEvent, l, S) * releaseCost(model, pe, l);
        }
        stockEvent.state[l] = state;
      }
      serve(stock, lists, stockEvent, demandEvent, soldEvent, 0, S);
      if (unmet) {
        const bucket = Math.floor(d / UNMET_BUCKET_DAYS);
        for (let c = 0; c < C; c++) unmet[(i * C + c) * B + bucket] += stockEvent.remaining[c];
      }
    }
    let dayRevenue = 0;
    let payoutOut = 0;
    // Where each group's sales of today are paid out: a ring of `slots` days per group.
    if (cash) for (let g = 0; g < G; g++) payoutSlot[g] = g * slots + ((d + cash.payoutDelayDays[g]) % slots);
    const shocked = shockedDay[d] === 1;
    // Costs unknown: profit is reported as unknown, so its margins are not worked out (the planner's
    // recorded group margins still are).
    const margins = scratch.costsKnown || groupMargin !== undefined;
    for (let c = 0; c < C; c++) {
      const g = cellGroup[c];
      const qe = soldEvent[c];
      const re = qe * price[c];
      dayRevenue += re;
      // With no shock the terms below are exact zeros, and the margin is the plain one bit for bit.
      const marginEvent = !margins
        ? 0
        : shocked
          ? qe *
            (margin[c] -
              unitCost[c] * groupCost[dayGroups + g] -
              price[c] * groupFee[dayGroups + g] -
              groupFeeUnit[dayGroups + g])
          : qe * margin[c];
      profit += marginEvent;
      if (!lostUnits) continue;
      if (groupMargin && !(stockEvent && stockEvent.remaining[c] > 0) && demandEvent[c] > 0) {
        groupMargin[i * G + g] += (marginEvent * ownEvent[c]) / demandEvent[c];
      }
      const lost = soldBase[row + c] - qe;
      if (lost > 0) lostUnits[i * K + groupChannel[g]] += lost;
      if (cash && !shocked) {
        pending[payoutSlot[g]] += re * keptShare[c] - qe * feePerUnit[c];
        payoutOut += qe * paidPerUnit[c];
      } else if (cash) {
        pending[payoutSlot[g]] +=
          re * (1 - feePct[c] - groupFee[dayGroups + g]) - qe * (feePerUnit[c] + groupFeeUnit[dayGroups + g]);
        payoutOut += qe * (unitCost[c] * (1 + groupCost[dayGroups + g]) + shipPerUnit[c]);
      }
    }
    revenue += dayRevenue;
    if (out) out.dailyRevenue[i * H + d] = dayRevenue;
    let committed = 0;
    for (let k = 0; k < model.commitments.length; k++) {
      const commitment = model.commitments[k];
      const due = commitment.daily[d];
      const stop = commitmentStop[k];
      if (d < stop) committed += due;
      else if (d === Math.ceil(stop)) committed += commitment.cancelFee;
    }
    profit -= committed;
    if (cash) {
      // Payouts due today; a dark channel's payouts wait, frozen, until it reopens.
      for (let g = 0; g < G; g++) {
        const slot = g * slots + (d % slots);
        const due = pending[slot];
        pending[slot] = 0;
        if (groupMult[dayGroups + g] < 0.01) frozenPay[g] += due;
        else {
          cashNow += due + frozenPay[g];
          frozenPay[g] = 0;
        }
      }
      cashNow -= payoutOut + committed;
      if (cashNow < minCash) minCash = cashNow;
    }
  }
  if (out) {
    out.minCash[i] = minCash;
    out.strandedUnits[i] = stranded;
    if (out.endStock && stockEvent) out.endStock.set(stockEvent.units, i * stockEvent.units.length);
  }
  return { revenue, profit: scratch.costsKnown ? profit : NaN };
}

/**
 * Per path, each opened group's demand scale by day: 0 before it opens, a linear ramp to full demand,
 * times a lognormal factor (mean 1) drawn from the path's opening stream before any demand draw.
 */
function openingScales(model: SimModel, path: number, rng: Uint32Array, scale: Float64Array): void {
  const H = model.horizonDays;
  seedStream(rng, model.seed, path, STREAM_OPENED);
  for (const o of model.openings ?? []) {
    const factor = Math.exp(o.sigma * normalQuantile(nextUniform(rng)) - (o.sigma * o.sigma) / 2);
    for (let d = 0; d < H; d++) {
      const ramp = d < o.fromDay ? 0 : o.rampDays > 0 ? Math.min(1, (d - o.fromDay + 1) / o.rampDays) : 1;
      scale[o.group * H + d] = ramp * factor;
    }
  }
}

/** Per path: each event's target multiplier by day, and their product per group (with halo and costs). */
function pathEffects(
  model: SimModel,
  pe: PathEvents,
  eventMult: Float64Array,
  groupMult: Float64Array,
  groupCost: Float64Array,
  groupFee: Float64Array,
  groupFeeUnit: Float64Array,
  shockedDay: Uint8Array,
): void {
  const H = model.horizonDays;
  const G = model.groupChannel.length;
  groupMult.fill(1);
  groupCost.fill(0);
  groupFee.fill(0);
  groupFeeUnit.fill(0);
  shockedDay.fill(0);
  for (let e = 0; e < model.events.length; e++) {
    const event = model.events[e];
    if (!pe.occurred[e]) {
      eventMult.fill(1, e * H, (e + 1) * H);
      continue;
    }
    const v = event.variants[pe.variant[e]];
    const onset = pe.onset[e];
    const end = pe.end[e];
    for (let d = 0; d < H; d++) {
      const m = targetMultiplier(
        d,
        onset,
        end,
        v.severity,
        v.recoveryDays,
        v.recoveryLevel,
        v.preOnsetDays,
        v.preOnsetUplift,
      );
      eventMult[e * H + d] = m;
      const active = d + 1 > onset && d < end ? 1 : 0;
      const dayGroups = d * G;
      for (let g = 0; g < G; g++) {
        if (event.target[g]) {
          groupMult[dayGroups + g] *= m;
          groupCost[dayGroups + g] += active * event.landedCostPct;
          groupFee[dayGroups + g] += active * event.feePct;
          groupFeeUnit[dayGroups + g] += active * event.feePerUnit;
          if (
            groupCost[dayGroups + g] !== 0 ||
            groupFee[dayGroups + g] !== 0 ||
            groupFeeUnit[dayGroups + g] !== 0
          )
            shockedDay[d] = 1;
        } else if (v.halo[g] > 0) groupMult[dayGroups + g] *= 1 + v.halo[g] * (m - 1);
      }
    }
  }
}

/** Lost demand of an event's target cells reappears on the diversion targets, ramping up. */
function divert(
  model: SimModel,
  pe: PathEvents,
  eventMult: Float64Array,
  d: number,
  demand: Float64Array,
  row: number,
  demandEvent: Float64Array,
  diverted: Float64Array | undefined,
  at: number,
  cellChannel: Int32Array,
): void {
  const H = model.horizonDays;
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const lostShare = 1 - eventMult[e * H + d];
    if (lostShare <= 0) continue;
    const v = model.events[e].variants[pe.variant[e]];
    const onset = pe.onset[e];
    const { divertFrom, divertTo, divertShare, divertRampDays } = v;
    for (let k = 0; k < divertFrom.length; k++) {
      const share = divertedShare(d, onset, divertShare[k], divertRampDays[k]);
      const to = divertTo[k];
      const units = demand[row + divertFrom[k]] * lostShare * share;
      demandEvent[to] += units;
      if (diverted) diverted[at + cellChannel[to]] += units;
    }
  }
}

/** Location state by day for the event world: frozen while a stranding event is active, then released. */
function strandings(model: SimModel, pe: PathEvents, states: Uint8Array): void {
  const H = model.horizonDays;
  states.fill(0);
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const v = model.events[e].variants[pe.variant[e]];
    for (let k = 0; k < v.strandedLocation.length; k++) {
      const l = v.strandedLocation[k];
      const onset = pe.onset[e];
      const release = onset + v.strandedReleaseDays[k];
      for (let d = Math.max(0, Math.floor(onset)); d < H; d++) {
        if (d < pe.end[e] && d < release) states[l * H + d] = FROZEN;
        else if (d < pe.end[e] && states[l * H + d] !== FROZEN) states[l * H + d] = RELEASED;
      }
    }
  }
}

function releaseCost(model: SimModel, pe: PathEvents, location: number): number {
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const v = model.events[e].variants[pe.variant[e]];
    for (let k = 0; k < v.strandedLocation.length; k++)
      if (v.strandedLocation[k] === location) return v.strandedCostPerUnit[k];
  }
  return 0;
}

/**
 * A cancellable commitment on a channel an event darkens (severity ≥ 0.99, lasting past the
 * horizon or longer than a month) is cancelled at onset for its fee; others keep being paid.
 */
function commitmentCancelDay(model: SimModel, k: number, pe: PathEvents): number {
  const commitment = model.commitments[k];
  if (!commitment.cancellable) return Infinity;
  let stop = Infinity;
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const event = model.events[e];
    const v = event.variants[pe.variant[e]];
    if (v.severity < 0.99 || pe.end[e] - pe.onset[e] < 30) continue;
    let hits = false;
    for (let g = 0; g < commitment.groups.length; g++)
      if (commitment.groups[g] && event.target[g]) hits = true;
    if (hits) stop = Math.min(stop, Math.max(0, pe.onset[e]));
  }
  return stop;
}
