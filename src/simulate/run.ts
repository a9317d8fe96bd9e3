import { pathRange, prepare, runPaths, type PathOutputs, type Prepared } from './kernel.js';
import type { SimModel } from './model.js';
import { Pool, concatOutputs } from './pool.js';
import { probabilityAbove, quantileSorted, statsOf, sum, tailIndexes, type Stats } from './stats.js';
import { runTornado, tornadoPlan, tornadoRows, type TornadoRow } from './tornado.js';

export interface SimulateOptions {
  workers: number;
  /** Loss above which `probabilityLossAbove` counts a path (base currency). */
  lossThreshold: number;
  /** Paths for each tornado run (same random numbers for low and high). */
  tornadoPaths: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Stops the run between chunks of paths (it then rejects with a 'cancelled' BallastError). */
  signal?: AbortSignal;
  /**
   * Runs the main paths elsewhere (blocks of paths on other machines, with `runBlock`) and returns
   * them in path order; each path's numbers depend only on (seed, path), so the run is the same.
   */
  mainPaths?: (model: SimModel) => Promise<PathOutputs>;
  /**
   * Worker threads the caller started early (`startWorkers`), so they load while it reads the
   * workspace; the caller closes them. Without it the run starts and closes its own.
   */
  pool?: Pool;
}

/** Worker threads for `simulate`'s `pool`, started before the model exists (close them after). */
export function startWorkers(workers: number, signal?: AbortSignal): Pool {
  return new Pool(Math.max(1, Math.floor(workers)), signal);
}

/** One block of a run's main paths, [from, to), as `simulate` would compute them. */
export function runBlock(model: SimModel, from: number, to: number): PathOutputs {
  return runPaths(model, prepare(model), pathRange(from, to));
}

export interface SimulationSummary {
  paths: number;
  horizonDays: number;
  seed: number;
  revenue: Stats | null;
  profit: Stats | null;
  revenueLoss: Stats | null;
  profitLoss: Stats | null;
  /** Profit loss when costs are known, else revenue loss: what the tail figures below refer to. */
  lossBasis: 'profit' | 'revenue';
  probabilityLossAbove: { threshold: number; probability: number | null };
  probabilityCashBelowZero: number | null;
  lostUnits: Array<{ channel: string; mean: number }>;
  divertedUnits: Array<{ channel: string; mean: number }>;
  strandedUnits: { mean: number; p95: number } | null;
  fan: {
    p5: number[];
    p25: number[];
    p50: number[];
    p75: number[];
    p95: number[];
    expectedWithoutEvents: number[];
  };
  tornado: TornadoRow[];
  tailShare: Array<{ event: string; share: number }>;
  eventFrequency: Array<{ event: string; probability: number }>;
  /** Paths per range of the loss basis: `counts[i]` paths lost from `edges[i]` to `edges[i + 1]` (the last range includes its top). */
  lossHistogram: { edges: number[]; counts: number[] };
}

/** Ranges in the stored loss histogram: enough for a shape, small enough to store with every run. */
export const LOSS_HISTOGRAM_BINS = 30;

/**
 * Runs a scenario's paths and every derived analysis: the four result blocks, tail probabilities,
 * units lost and diverted, stranded stock, fan chart, tornado, and each event's share of the tail.
 */
export async function simulate(model: SimModel, options: SimulateOptions): Promise<SimulationSummary> {
  // Workers start (load their code) while the tables are built.
  const pool = options.pool ?? startWorkers(options.workers, options.signal);
  try {
    const prepared = prepare(model);
    const plan = tornadoPlan(model, options.tornadoPaths);
    // The tornado's worlds ride on the main run's first paths, whose demand is drawn anyway; main
    // paths run elsewhere bring no variant worlds, so the tornado then runs a pass of its own.
    const out = options.mainPaths
      ? await options.mainPaths(model)
      : concatOutputs(
          await pool.run(
            {
              model,
              prepared,
              paths: pathRange(0, model.paths),
              ...(plan.variants.length > 0 ? { variants: plan.variants, variantsBelow: plan.paths } : {}),
            },
            (done, total) => options.onProgress?.('simulating', done, total),
          ),
        );
    const n = model.paths;
    const revenueLoss = diff(out.revenueBase, out.revenueEvent);
    const profitLoss = diff(out.profitBase, out.profitEvent);
    const costsKnown = n > 0 && !Number.isNaN(profitLoss[0]);
    const loss = costsKnown ? profitLoss : revenueLoss;
    const tornado = tornadoRows(
      model,
      plan,
      options.mainPaths ? await runTornado(model, prepared, pool, plan, options.onProgress) : out,
      costsKnown,
    );
    const tailShare = await tailShares(model, prepared, pool, out, loss, costsKnown);
    return {
      paths: n,
      horizonDays: model.horizonDays,
      seed: model.seed,
      revenue: statsOf(out.revenueEvent, 'level'),
      profit: statsOf(out.profitEvent, 'level'),
      revenueLoss: statsOf(revenueLoss, 'loss'),
      profitLoss: statsOf(profitLoss, 'loss'),
      lossBasis: costsKnown ? 'profit' : 'revenue',
      probabilityLossAbove: {
        threshold: options.lossThreshold,
        probability: probabilityAbove(loss, options.lossThreshold),
      },
      probabilityCashBelowZero: model.cash && costsKnown ? probabilityAbove(negate(out.minCash), 0) : null,
      lostUnits: perChannel(model, out.lostUnits),
      divertedUnits: perChannel(model, out.divertedUnits),
      strandedUnits: model.stock
        ? {
            mean: sum(out.strandedUnits) / n,
            p95: quantileSorted(Float64Array.from(out.strandedUnits).sort(), 0.95),
          }
        : null,
      fan: fanChart(model, out),
      tornado,
      tailShare,
      eventFrequency: model.events.map((e, k) => ({
        event: e.id,
        probability: countOccurred(out.occurred, k, model.events.length) / n,
      })),
      lossHistogram: lossHistogram(loss, LOSS_HISTOGRAM_BINS),
    };
  } finally {
    if (!options.pool) await pool.close();
  }
}

function diff(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

/**
 * Equal-width ranges over [min, max] of the values, counted in path order. All values equal: one
 * range of width zero holding every path. No values (or unknown ones): no ranges.
 */
export function lossHistogram(values: Float64Array, bins: number): SimulationSummary['lossHistogram'] {
  const n = values.length;
  if (n === 0 || values.some((v) => !Number.isFinite(v))) return { edges: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (max === min) return { edges: [min, max], counts: [n] };
  const k = Math.max(1, Math.min(Math.floor(bins), n));
  const width = (max - min) / k;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + i * width));
  const counts: number[] = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const j = Math.min(k - 1, Math.floor((values[i] - min) / width));
    counts[j] = counts[j] + 1;
  }
  return { edges, counts };
}

function negate(a: Float64Array): Float64Array {
  return a.map((v) => -v);
}

function perChannel(model: SimModel, values: Float64Array): Array<{ channel: string; mean: number }> {
  const K = model.channels.length;
  const n = values.length / K || 1;
  return model.channels.map((channel, k) => {
    const column = new Float64Array(values.length / K);
    for (let i = 0; i < column.length; i++) column[i] = values[i * K + k];
    return { channel, mean: sum(column) / n };
  });
}

function countOccurred(occurred: Uint8Array, e: number, E: number): number {
  let count = 0;
  for (let i = e; i < occurred.length; i += E) count += occurred[i];
  return count;
}

/** Percentiles of event-world daily revenue across paths, and the expected revenue without events. */
function fanChart(model: SimModel, out: PathOutputs): SimulationSummary['fan'] {
  const H = model.horizonDays;
  const n = out.paths.length;
  const fan: SimulationSummary['fan'] = {
    p5: [],
    p25: [],
    p50: [],
    p75: [],
    p95: [],
    expectedWithoutEvents: [],
  };
  const day = new Float64Array(n);
  for (let d = 0; d < H; d++) {
    for (let i = 0; i < n; i++) day[i] = out.dailyRevenue[i * H + d];
    day.sort();
    fan.p5.push(quantileSorted(day, 0.05));
    fan.p25.push(quantileSorted(day, 0.25));
    fan.p50.push(quantileSorted(day, 0.5));
    fan.p75.push(quantileSorted(day, 0.75));
    fan.p95.push(quantileSorted(day, 0.95));
    let expected = 0;
    for (let c = 0; c < model.cellGroup.length; c++) expected += model.baseline[c * H + d] * model.price[c];
    fan.expectedWithoutEvents.push(expected);
  }
  return fan;
}

/**
 * Each event's share of the tail loss (CVaR95): the tail paths are run again with one event switched
 * off at a time, on the same random numbers (one variant world per event, one pass); an event's
 * contribution in a path is the loss it adds, and shares are normalised over the events so they sum
 * to 1 in the tail.
 */
async function tailShares(
  model: SimModel,
  prepared: Prepared,
  pool: Pool,
  out: PathOutputs,
  loss: Float64Array,
  costsKnown: boolean,
): Promise<Array<{ event: string; share: number }>> {
  const E = model.events.length;
  if (E === 0 || loss.length === 0) return [];
  const tail = tailIndexes(loss, 0.95);
  const paths = Int32Array.from(tail, (i) => out.paths[i]);
  const variants = model.events.map((_, e) => {
    const disabled = new Uint8Array(E);
    disabled[e] = 1;
    return { events: model.events, disabled };
  });
  const rerun = concatOutputs(await pool.run({ model, prepared, paths, variants }));
  const base = costsKnown ? rerun.profitBase : rerun.revenueBase;
  const without = (costsKnown ? rerun.variantProfit : rerun.variantRevenue) ?? new Float64Array(0);
  const contributions = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    const added = new Float64Array(tail.length);
    for (let i = 0; i < tail.length; i++)
      added[i] = Math.max(0, loss[tail[i]] - (base[i] - without[i * E + e]));
    contributions[e] = sum(added);
  }
  const total = sum(contributions);
  return model.events.map((event, e) => ({
    event: event.id,
    share: total > 0 ? contributions[e] / total : 0,
  }));
}
