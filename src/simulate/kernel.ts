import { divertedShare, newPathEvents, samplePathEvents, targetMultiplier } from './events.js';
import type { SimModel } from './model.js';
import { buildTables, drawNegBin, type NegBinTables } from './negbin.js';
import { STREAM_DEMAND, STREAM_OPENED, nextUniform, normalQuantile, seedStream } from './prng.js';
import {
  FROZEN,
  RELEASED,
  newStockState,
  receive,
  resetStock,
  serve,
  unitsAt,
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

/** Demand tables shared by all paths, and which table (and scale) each cell-day draws from. */
export interface Prepared {
  tables: NegBinTables;
  /** Table index per cell × day. */
  tableOf: Int32Array;
  /** Per cell × day: its mean over its table's mean (draws are scaled by it, so every mean is exact). */
  scaleOf: Float64Array;
}

/**
 * Means within 1/MEAN_GRID in log (0.4 %) share one negative-binomial table: a forecast with a trend
 * and a weekday pattern has a distinct mean every day, and tens of thousands of tables no longer fit
 * in the CPU's caches (the kernel ran 3× slower). Each draw is scaled back to its own mean, so means
 * stay exact; the variance moves by under 0.4 %.
 */
export const MEAN_GRID = 256;

export function prepare(model: SimModel): Prepared {
  const index = new Map<number, number>();
  const means: number[] = [];
  const sizes: number[] = [];
  const inflations: number[] = [];
  const tableOf = new Int32Array(model.baseline.length);
  const scaleOf = new Float64Array(model.baseline.length);
  const H = model.horizonDays;
  const cellK = model.cellDispersion;
  const cellPi = model.cellZeroInflation;
  const perCell = cellK !== undefined;
  for (let i = 0; i < model.baseline.length; i++) {
    const mu = model.baseline[i]!;
    // Per-cell noise (demand/noise.ts) comes from small fixed grids, so its codes are few and exact.
    const c = perCell ? Math.floor(i / H) : 0;
    const fitted = cellK ? cellK[c]! : NaN;
    const k = fitted > 0 ? fitted : model.dispersion;
    const pi = cellPi && fitted > 0 ? cellPi[c]! : 0;
    const noiseCode = perCell ? (Math.round(Math.log(k) * 64) + 4096) * 128 + Math.round(pi * 100) : 0;
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
    tableOf[i] = t;
    scaleOf[i] = mu > 0 ? mu / shared : 1;
  }
  return {
    tables: !model.noise
      ? buildTables(new Float64Array(0), 1)
      : perCell
        ? buildTables(
            Float64Array.from(means),
            model.dispersion,
            Float64Array.from(sizes),
            Float64Array.from(inflations),
          )
        : buildTables(Float64Array.from(means), model.dispersion),
    tableOf,
    scaleOf,
  };
}

export function allocateOutputs(model: SimModel, paths: Int32Array, record = false): PathOutputs {
  const n = paths.length;
  const recorded = record
    ? {
        unmet: new Float32Array(n * model.cellGroup.length * unmetBuckets(model.horizonDays)),
        endStock: new Float32Array(model.stock ? n * model.stock.initial.length : 0),
        groupMargin: new Float64Array(n * model.groupChannel.length),
      }
    : {};
  return {
    ...recorded,
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

/**
 * Runs the given paths. Every path runs twice on the same demand draws (common random numbers):
 * once with no events, once with them, so loss = profit without − profit with events (SPEC §6).
 * `disabled` turns events off for attribution runs without changing any random draw.
 *
 * Names in the loops: c cell, g group, d day, e event, H horizon, C cells.
 */
export function runPaths(
  model: SimModel,
  prepared: Prepared,
  paths: Int32Array,
  disabled?: Uint8Array,
  record = false,
): PathOutputs {
  const out = allocateOutputs(model, paths, record);
  const H = model.horizonDays;
  const C = model.cellGroup.length;
  const G = model.groupChannel.length;
  const E = model.events.length;
  const K = model.channels.length;
  const S = model.skus.length;
  const { baseline, cellGroup, cellSku, price, unitCost, feePct, feePerUnit, shipPerUnit, groupChannel } =
    model;
  const { tables } = prepared;
  const { tableOf, scaleOf } = prepared;
  const margin = new Float64Array(C);
  for (let c = 0; c < C; c++)
    margin[c] = price[c]! * (1 - feePct[c]!) - unitCost[c]! - feePerUnit[c]! - shipPerUnit[c]!;
  const costsKnown = C === 0 || !Number.isNaN(margin[0]!);

  const rng = new Uint32Array(4);
  const eventRng = new Uint32Array(4);
  const normals = new Float64Array(E);
  const pe = newPathEvents(E);
  const eventMult = new Float64Array(E * H);
  const groupMult = new Float64Array(G * H);
  const groupCost = new Float64Array(G * H);
  const groupFee = new Float64Array(G * H);
  const groupFeeUnit = new Float64Array(G * H);
  const demandBase = new Float64Array(C);
  const demandEvent = new Float64Array(C);
  const soldBase = new Float64Array(C);
  const soldEvent = new Float64Array(C);
  // The event world's own demand per cell before diversion adds to it (recorded runs only).
  const ownEvent = new Float64Array(record ? C : 0);
  const stock = model.stock;
  const worldBase: StockState | undefined = stock && newStockState(stock, C, S);
  const worldEvent: StockState | undefined = stock && newStockState(stock, C, S);
  const cash = model.cash;
  const maxDelay = cash ? Math.max(0, ...cash.payoutDelayDays) : 0;
  const pending = new Float64Array(G * (maxDelay + 1));
  const frozenPay = new Float64Array(G);
  const commitmentStop = new Float64Array(model.commitments.length);
  const openedFrom = model.openings?.length ? (model.openedFrom ?? C) : C;
  const openedRng = new Uint32Array(4);
  const openScale = new Float64Array(openedFrom < C ? G * H : 0);
  const B = unmetBuckets(H);

  for (let i = 0; i < paths.length; i++) {
    const p = paths[i]!;
    samplePathEvents(model, p, eventRng, normals, pe, disabled);
    for (let e = 0; e < E; e++) out.occurred[i * E + e] = pe.occurred[e]!;
    pathEffects(model, pe, eventMult, groupMult, groupCost, groupFee, groupFeeUnit);
    const strandedAt = strandings(model, pe);
    for (let k = 0; k < model.commitments.length; k++) commitmentStop[k] = commitmentCancelDay(model, k, pe);
    seedStream(rng, model.seed, p, STREAM_DEMAND);
    if (openedFrom < C) openingScales(model, p, openedRng, openScale);
    if (stock) {
      resetStock(stock, worldBase!);
      resetStock(stock, worldEvent!);
    }
    pending.fill(0);
    frozenPay.fill(0);
    let revB = 0;
    let revE = 0;
    let profB = 0;
    let profE = 0;
    let cashNow = cash ? cash.opening : NaN;
    let minCash = cashNow;
    let stranded = stock ? 0 : NaN;
    let strandedCounted = false;

    for (let d = 0; d < H; d++) {
      for (let c = 0; c < C; c++) {
        const at = c * H + d;
        let base = model.noise
          ? drawNegBin(tables, tableOf[at]!, nextUniform(c < openedFrom ? rng : openedRng)) * scaleOf[at]!
          : baseline[at]!;
        if (c >= openedFrom) base *= openScale[cellGroup[c]! * H + d]!;
        demandBase[c] = base;
        demandEvent[c] = base * groupMult[cellGroup[c]! * H + d]!;
      }
      if (out.groupMargin) ownEvent.set(demandEvent);
      divert(model, pe, eventMult, d, demandBase, demandEvent, out.divertedUnits, i * K);
      if (stock) {
        receive(stock, worldBase!, d, S);
        receive(stock, worldEvent!, d, S);
        for (let l = 0; l < stock.locations.length; l++) {
          const state = strandedAt[l * H + d]!;
          if (state === FROZEN && !strandedCounted) {
            for (let m = 0; m < stock.locations.length; m++)
              if (strandedAt[m * H + d] === FROZEN) stranded += unitsAt(worldEvent!, m, S);
            strandedCounted = true;
          }
          if (state === RELEASED && worldEvent!.state[l] === FROZEN) {
            profE -= unitsAt(worldEvent!, l, S) * releaseCost(model, pe, l);
          }
          worldEvent!.state[l] = state;
        }
        serve(stock, worldBase!, cellSku, demandBase, soldBase, S);
        serve(stock, worldEvent!, cellSku, demandEvent, soldEvent, S);
        if (out.unmet) {
          const bucket = Math.floor(d / UNMET_BUCKET_DAYS);
          for (let c = 0; c < C; c++) out.unmet[(i * C + c) * B + bucket]! += worldEvent!.remaining[c]!;
        }
      } else {
        soldBase.set(demandBase);
        soldEvent.set(demandEvent);
      }
      let dayRev = 0;
      let payoutOut = 0;
      for (let c = 0; c < C; c++) {
        const g = cellGroup[c]!;
        const qb = soldBase[c]!;
        const qe = soldEvent[c]!;
        revB += qb * price[c]!;
        profB += qb * margin[c]!;
        const re = qe * price[c]!;
        dayRev += re;
        const marginEvent =
          qe *
          (margin[c]! -
            unitCost[c]! * groupCost[g * H + d]! -
            price[c]! * groupFee[g * H + d]! -
            groupFeeUnit[g * H + d]!);
        profE += marginEvent;
        if (out.groupMargin && !(worldEvent && worldEvent.remaining[c]! > 0) && demandEvent[c]! > 0) {
          out.groupMargin[i * G + g]! += (marginEvent * ownEvent[c]!) / demandEvent[c]!;
        }
        const lost = qb - qe;
        if (lost > 0) out.lostUnits[i * K + groupChannel[g]!]! += lost;
        if (cash) {
          const slot = g * (maxDelay + 1) + ((d + cash.payoutDelayDays[g]!) % (maxDelay + 1));
          pending[slot]! +=
            re * (1 - feePct[c]! - groupFee[g * H + d]!) - qe * (feePerUnit[c]! + groupFeeUnit[g * H + d]!);
          payoutOut += qe * (unitCost[c]! * (1 + groupCost[g * H + d]!) + shipPerUnit[c]!);
        }
      }
      revE += dayRev;
      out.dailyRevenue[i * H + d] = dayRev;
      let committedBase = 0;
      let committedEvent = 0;
      for (let k = 0; k < model.commitments.length; k++) {
        const commitment = model.commitments[k]!;
        const due = commitment.daily[d]!;
        committedBase += due;
        const stop = commitmentStop[k]!;
        if (d < stop) committedEvent += due;
        else if (d === Math.ceil(stop)) committedEvent += commitment.cancelFee;
      }
      profB -= committedBase;
      profE -= committedEvent;
      if (cash) {
        // Payouts due today; a dark channel's payouts wait, frozen, until it reopens.
        for (let g = 0; g < G; g++) {
          const slot = g * (maxDelay + 1) + (d % (maxDelay + 1));
          const due = pending[slot]!;
          pending[slot] = 0;
          if (groupMult[g * H + d]! < 0.01) frozenPay[g]! += due;
          else {
            cashNow += due + frozenPay[g]!;
            frozenPay[g] = 0;
          }
        }
        cashNow -= payoutOut + committedEvent;
        if (cashNow < minCash) minCash = cashNow;
      }
    }
    out.revenueBase[i] = revB;
    out.revenueEvent[i] = revE;
    out.profitBase[i] = costsKnown ? profB : NaN;
    out.profitEvent[i] = costsKnown ? profE : NaN;
    out.minCash[i] = costsKnown ? minCash : NaN;
    out.strandedUnits[i] = stranded;
    if (out.endStock && worldEvent) out.endStock.set(worldEvent.units, i * worldEvent.units.length);
  }
  return out;
}

/**
 * Per path, each opened group's demand scale by day: 0 before it opens, a linear ramp to full demand,
 * times a lognormal factor (mean 1) drawn from the path's opening stream before any demand draw.
 */
function openingScales(model: SimModel, path: number, rng: Uint32Array, scale: Float64Array): void {
  const H = model.horizonDays;
  seedStream(rng, model.seed, path, STREAM_OPENED);
  for (const o of model.openings!) {
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
  pe: ReturnType<typeof newPathEvents>,
  eventMult: Float64Array,
  groupMult: Float64Array,
  groupCost: Float64Array,
  groupFee: Float64Array,
  groupFeeUnit: Float64Array,
): void {
  const H = model.horizonDays;
  const G = model.groupChannel.length;
  groupMult.fill(1);
  groupCost.fill(0);
  groupFee.fill(0);
  groupFeeUnit.fill(0);
  for (let e = 0; e < model.events.length; e++) {
    const event = model.events[e]!;
    if (!pe.occurred[e]) {
      eventMult.fill(1, e * H, (e + 1) * H);
      continue;
    }
    const v = event.variants[pe.variant[e]!]!;
    const onset = pe.onset[e]!;
    const end = pe.end[e]!;
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
      for (let g = 0; g < G; g++) {
        if (event.target[g]) {
          groupMult[g * H + d]! *= m;
          groupCost[g * H + d]! += active * event.landedCostPct;
          groupFee[g * H + d]! += active * event.feePct;
          groupFeeUnit[g * H + d]! += active * event.feePerUnit;
        } else if (v.halo[g]! > 0) groupMult[g * H + d]! *= 1 + v.halo[g]! * (m - 1);
      }
    }
  }
}

/** Lost demand of an event's target cells reappears on the diversion targets, ramping up. */
function divert(
  model: SimModel,
  pe: ReturnType<typeof newPathEvents>,
  eventMult: Float64Array,
  d: number,
  demandBase: Float64Array,
  demandEvent: Float64Array,
  diverted: Float64Array,
  row: number,
): void {
  const H = model.horizonDays;
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const lostShare = 1 - eventMult[e * H + d]!;
    if (lostShare <= 0) continue;
    const v = model.events[e]!.variants[pe.variant[e]!]!;
    for (let k = 0; k < v.divertFrom.length; k++) {
      const share = divertedShare(d, pe.onset[e]!, v.divertShare[k]!, v.divertRampDays[k]!);
      const to = v.divertTo[k]!;
      const units = demandBase[v.divertFrom[k]!]! * lostShare * share;
      demandEvent[to]! += units;
      diverted[row + model.groupChannel[model.cellGroup[to]!]!]! += units;
    }
  }
}

/** Location state by day for the event world: frozen while a stranding event is active, then released. */
function strandings(model: SimModel, pe: ReturnType<typeof newPathEvents>): Uint8Array {
  const H = model.horizonDays;
  const L = model.stock?.locations.length ?? 0;
  const states = new Uint8Array(L * H);
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const v = model.events[e]!.variants[pe.variant[e]!]!;
    for (let k = 0; k < v.strandedLocation.length; k++) {
      const l = v.strandedLocation[k]!;
      const onset = pe.onset[e]!;
      const release = onset + v.strandedReleaseDays[k]!;
      for (let d = Math.max(0, Math.floor(onset)); d < H; d++) {
        if (d < pe.end[e]! && d < release) states[l * H + d] = FROZEN;
        else if (d < pe.end[e]! && states[l * H + d] !== FROZEN) states[l * H + d] = RELEASED;
      }
    }
  }
  return states;
}

function releaseCost(model: SimModel, pe: ReturnType<typeof newPathEvents>, location: number): number {
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const v = model.events[e]!.variants[pe.variant[e]!]!;
    for (let k = 0; k < v.strandedLocation.length; k++)
      if (v.strandedLocation[k] === location) return v.strandedCostPerUnit[k]!;
  }
  return 0;
}

/**
 * A cancellable commitment on a channel an event darkens (severity ≥ 0.99, lasting past the
 * horizon or longer than a month) is cancelled at onset for its fee; others keep being paid.
 */
function commitmentCancelDay(model: SimModel, k: number, pe: ReturnType<typeof newPathEvents>): number {
  const commitment = model.commitments[k]!;
  if (!commitment.cancellable) return Infinity;
  let stop = Infinity;
  for (let e = 0; e < model.events.length; e++) {
    if (!pe.occurred[e]) continue;
    const event = model.events[e]!;
    const v = event.variants[pe.variant[e]!]!;
    if (v.severity < 0.99 || pe.end[e]! - pe.onset[e]! < 30) continue;
    let hits = false;
    for (let g = 0; g < commitment.groups.length; g++)
      if (commitment.groups[g] && event.target[g]) hits = true;
    if (hits) stop = Math.min(stop, Math.max(0, pe.onset[e]!));
  }
  return stop;
}
