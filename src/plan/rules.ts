/**
 * The simple rules a seller would try before trusting an optimiser, scored beside its plan on the
 * same fresh paths (docs/formulation.md §6): for each location an event can strand, move all of its
 * stock and move half of it to the best allowed destination; redirect every shipment bound for a
 * strandable location; and each opening, budget and cancellation alone at its largest size.
 */
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

/** Which simple rule a plan is, for a reader in another language. */
export type RuleKind =
  | { kind: 'move'; share: 1 | 0.5; from: string; to: string }
  | { kind: 'redirect-all' }
  | { kind: 'open'; channel: string; market: string }
  | { kind: 'budget'; channel: string; spend: number }
  | { kind: 'cancel'; commitment: string };

/** A plan to score beside the optimiser's: `rule` says which simple rule it is, if it is one. */
export interface NamedPlan {
  name: string;
  choice: PlanChoice;
  rule?: RuleKind;
}

export function simpleRules(
  options: PlanOptions,
  samples: PlanSamples,
  locations: readonly string[],
): NamedPlan[] {
  const rules: NamedPlan[] = [];
  // What moving all of an option's units is worth on the planning paths: the units its destination
  // could sell, at their margin, less the move's cost. "Best" destinations are chosen by it.
  const worth = options.stock.map((o, i) => {
    let total = 0;
    for (let s = 0; s < samples.paths; s++)
      total += samples.gain[i][s] * Math.min(samples.short[i][s], o.capacity);
    return total / samples.paths - o.costPerUnit * o.capacity;
  });
  const bestBy = (candidates: number[], key: (i: number) => string): number[] => {
    const value = new Map<string, number>();
    for (const i of candidates) value.set(key(i), (value.get(key(i)) ?? 0) + worth[i]);
    const best = [...value].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    return candidates.filter((i) => key(i) === best);
  };

  const sources = [...new Set(options.stock.filter((o) => o.kind === 'transfer').map((o) => o.from))];
  for (const from of sources) {
    const out = options.stock.flatMap((o, i) => (o.kind === 'transfer' && o.from === from ? [i] : []));
    const chosen = bestBy(out, (i) => String(options.stock[i].to));
    const to = locations[options.stock[chosen[0]].to];
    for (const [share, label] of [
      [1, 'all'],
      [0.5, 'half'],
    ] as const) {
      const choice = doNothing(options);
      for (const i of chosen) choice.stock[i] = Math.floor(options.stock[i].capacity * share);
      rules.push({
        name: `move ${label} of ${locations[from]} to ${to}`,
        choice: withinLanes(options, choice),
        rule: { kind: 'move', share, from: locations[from], to },
      });
    }
  }

  const arrivals = [...new Set(options.stock.flatMap((o) => (o.kind === 'redirect' ? [o.arrival] : [])))];
  if (arrivals.length > 0) {
    const choice = doNothing(options);
    for (const a of arrivals) {
      const its = options.stock.flatMap((o, i) => (o.kind === 'redirect' && o.arrival === a ? [i] : []));
      const [best] = bestBy(its, (i) => String(i));
      choice.stock[best] = options.stock[best].capacity;
    }
    rules.push({ name: 'redirect every shipment', choice, rule: { kind: 'redirect-all' } });
  }

  options.open.forEach((o, j) => {
    const choice = doNothing(options);
    choice.open[j] = 1;
    rules.push({
      name: `open ${o.channel} in ${o.market}`,
      choice,
      rule: { kind: 'open', channel: o.channel, market: o.market },
    });
  });
  options.budget.forEach((b, q) => {
    const choice = doNothing(options);
    choice.budget[q] = b.segments.reduce((sum, s) => sum + s.width, 0);
    rules.push({
      name: `spend the whole ${b.channel} budget`,
      choice,
      rule: { kind: 'budget', channel: b.channel, spend: choice.budget[q] },
    });
  });
  options.cancel.forEach((c, r) => {
    const choice = doNothing(options);
    choice.cancel[r] = 1;
    rules.push({ name: `cancel ${c.id}`, choice, rule: { kind: 'cancel', commitment: c.id } });
  });
  return rules;
}

/** Units scaled down on any lane whose capacity they exceed, so every rule is a plan the lanes allow. */
function withinLanes(options: PlanOptions, choice: PlanChoice): PlanChoice {
  for (const lane of options.laneCapacity) {
    const total = lane.options.reduce((sum, i) => sum + choice.stock[i], 0);
    if (total <= lane.capacity) continue;
    for (const i of lane.options) choice.stock[i] = Math.floor((choice.stock[i] * lane.capacity) / total);
  }
  return choice;
}
