/**
 * What the optimiser knows of each simulated future: the do-nothing profits, and per path the
 * numbers that make each decision's effect linear (docs/formulation.md §2). Stock moves use the
 * recorded unmet demand and end stock; budgets the recorded margin of their groups; opening a
 * channel and cancelling a commitment are simulated one at a time on the same paths (their exact
 * per-path effect, taken as additive).
 */
import { UNMET_BUCKET_DAYS, unmetBuckets, type PathOutputs, type SimModel } from '../simulate/index.js';
import { sellersOf, unitMargin } from './cells.js';
import { present } from '../errors.js';
import type { PlanOptions } from './options.js';

export interface PlanSamples {
  paths: number;
  /** Do-nothing profit per path with events, and without them (the loss reference). */
  profit: Float64Array;
  profitNoEvents: Float64Array;
  /** Per stock option: units the destination could have sold after arrival, and margin per such unit. */
  short: Float64Array[];
  gain: Float64Array[];
  /** Destinations several options feed: the options and the shortfall after the earliest arrival. */
  shared: Array<{ options: number[]; short: Float64Array }>;
  /** Per source (SKU × location) the options draw on: units left there at the end, margin per unit it sells. */
  sources: Array<{ options: number[]; unsold: Float64Array; margin: number }>;
  /** Per budget: the margin its groups earn in each path (an uplift u adds u × this). */
  budgetMargin: Float64Array[];
  /** Per open option and per cancel option: profit with it alone minus profit without, per path. */
  openDelta: Float64Array[];
  cancelDelta: Float64Array[];
}

/**
 * @param recorded do-nothing paths run with recording on
 * @param probes profit with events per path, for each open option then each cancel option, alone
 */
export function planSamples(
  model: SimModel,
  options: PlanOptions,
  recorded: PathOutputs,
  probes: Float64Array[],
): PlanSamples {
  const n = recorded.paths.length;
  const C = model.cellGroup.length;
  const B = unmetBuckets(model.horizonDays);
  const S = model.skus.length;
  const G = model.groupChannel.length;
  // planSamples reads a run made with `record: true`, which fills these three.
  const unmet = present(recorded.unmet, 'the recorded unmet demand');
  const endStock = present(recorded.endStock, 'the recorded end stock');
  const groupMargin = present(recorded.groupMargin, 'the recorded group margins');
  const L = model.stock?.locations.length ?? 0; // no stock, no stock options to read it for

  const short: Float64Array[] = [];
  const gain: Float64Array[] = [];
  for (const o of options.stock) {
    const cells = sellersOf(model, o.to, o.sku);
    const from = Math.ceil(o.arrivalDay / UNMET_BUCKET_DAYS);
    const units = new Float64Array(n);
    const value = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      let [u, v] = [0, 0];
      for (const c of cells) {
        let cell = 0;
        for (let b = from; b < B; b++) cell += unmet[(s * C + c) * B + b];
        u += cell;
        v += cell * unitMargin(model, c);
      }
      units[s] = u;
      value[s] = u > 0 ? v / u : 0;
    }
    short.push(units);
    gain.push(value);
  }

  const byKey = <T>(
    key: (o: PlanOptions['stock'][number]) => string,
    make: (options: number[]) => T,
  ): T[] => {
    const groups = new Map<string, number[]>();
    options.stock.forEach((o, i) => groups.set(key(o), [...(groups.get(key(o)) ?? []), i]));
    return [...groups.values()].map(make);
  };
  const shared = byKey(
    (o) => `${o.sku}|${o.to}`,
    (list) => {
      const first = list.reduce((best, i) =>
        options.stock[i].arrivalDay < options.stock[best].arrivalDay ? i : best,
      );
      return { options: list, short: short[first] };
    },
  ).filter((d) => d.options.length > 1);

  const sources = byKey(
    (o) => `${o.sku}|${o.from}`,
    (list) => {
      const { sku, from } = options.stock[list[0]];
      const unsold = Float64Array.from({ length: n }, (_, s) => endStock[(s * L + from) * S + sku]);
      const cells = sellersOf(model, from, sku);
      let [weight, total] = [0, 0];
      for (const c of cells) {
        const w = model.baseline
          .subarray(c * model.horizonDays, (c + 1) * model.horizonDays)
          .reduce((a, b) => a + b, 0);
        weight += w;
        total += w * unitMargin(model, c);
      }
      return { options: list, unsold, margin: weight > 0 ? total / weight : 0 };
    },
  );

  const budgetMargin = options.budget.map((b) =>
    Float64Array.from({ length: n }, (_, s) => b.groups.reduce((sum, g) => sum + groupMargin[s * G + g], 0)),
  );
  const delta = (withIt: Float64Array) => Float64Array.from(withIt, (p, s) => p - recorded.profitEvent[s]);
  return {
    paths: n,
    profit: recorded.profitEvent,
    profitNoEvents: recorded.profitBase,
    short,
    gain,
    shared,
    sources,
    budgetMargin,
    openDelta: probes.slice(0, options.open.length).map(delta),
    cancelDelta: probes.slice(options.open.length).map(delta),
  };
}

/** The samples of the paths `pick` names, in that order (a path may repeat): a bootstrap resample. */
export function resampled(samples: PlanSamples, pick: Int32Array): PlanSamples {
  const take = (a: Float64Array) => Float64Array.from(pick, (s) => a[s]);
  return {
    paths: pick.length,
    profit: take(samples.profit),
    profitNoEvents: take(samples.profitNoEvents),
    short: samples.short.map(take),
    gain: samples.gain.map(take),
    shared: samples.shared.map((d) => ({ options: d.options, short: take(d.short) })),
    sources: samples.sources.map((src) => ({ ...src, unsold: take(src.unsold) })),
    budgetMargin: samples.budgetMargin.map(take),
    openDelta: samples.openDelta.map(take),
    cancelDelta: samples.cancelDelta.map(take),
  };
}
