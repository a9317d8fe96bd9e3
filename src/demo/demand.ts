/**
 * Expected units per day: each channel's everyday level (log-linear between its knots) times its
 * weekday, yearly and dated multipliers; and TikTok's creator spikes, each on one product family.
 */
import { addDays, dayParts, daysBetween } from './calendar.js';
import type { ChannelPlan, Knot, SpikePlan } from './model.js';
import type { Random } from './random.js';
import { present } from '../errors.js';

/** The history's days as ISO dates, oldest first. */
export function historyDays(firstDay: string, lastDay: string): string[] {
  const n = daysBetween(firstDay, lastDay) + 1;
  return Array.from({ length: n }, (_, i) => addDays(firstDay, i));
}

/** Log-linear interpolation between knots; 0 before the first knot, flat after the last. */
export function levelOn(knots: readonly Knot[], iso: string): number {
  if (iso < knots[0][0]) return 0;
  for (let i = 1; i < knots.length; i++) {
    const [to, b] = knots[i];
    if (iso <= to) {
      const [from, a] = knots[i - 1];
      const t = daysBetween(from, iso) / daysBetween(from, to);
      return a * Math.pow(b / a, t);
    }
  }
  return knots[knots.length - 1][1];
}

/** The multiplier of a day from the channel's calendar (Black Friday, holidays, dated events). */
export function seasonOn(plan: ChannelPlan, iso: string, blackFridays: readonly string[]): number {
  let m = 1;
  for (const bf of blackFridays) {
    const offset = daysBetween(bf, iso);
    for (const [from, to, x] of plan.aroundBlackFriday) if (offset >= from && offset <= to) m *= x;
  }
  const md = iso.slice(5);
  for (const [from, to, x] of plan.everyYear) if (md >= from && md <= to) m *= x;
  for (const [from, to, x] of plan.dated) if (iso >= from && iso <= to) m *= x;
  return m;
}

/** Expected everyday units per day, before spikes and halo. */
export function expectedUnits(
  plan: ChannelPlan,
  days: readonly string[],
  blackFridays: readonly string[],
): Float64Array {
  return Float64Array.from(days, (iso) =>
    iso < plan.firstDay
      ? 0
      : levelOn(plan.level, iso) * plan.weekday[dayParts(iso).weekday] * seasonOn(plan, iso, blackFridays),
  );
}

/** One creator video: extra units on a product family from `day` on. */
export interface Spike {
  day: number;
  family: string;
  /** Extra units on the peak day. */
  peakUnits: number;
}

/**
 * Creator spikes as a Poisson process with a dated rate; each lifts one family (chosen by the
 * channel's demand for it) by a log-normal share of the channel's level, decaying day by day.
 */
export function creatorSpikes(
  rng: Random,
  plan: SpikePlan,
  days: readonly string[],
  level: Float64Array,
  families: ReadonlyArray<readonly [string, number]>,
): Spike[] {
  const spikes: Spike[] = [];
  days.forEach((iso, day) => {
    const rate = plan.rate.find(([from, to]) => iso >= from && iso <= to)?.[2] ?? 0;
    const count = rng.poisson(rate / 30);
    for (let i = 0; i < count; i++) {
      const family = rng.weighted(families);
      spikes.push({ day, family, peakUnits: level[day] * rng.lognormal(plan.peakMedian, plan.peakSigma) });
    }
  });
  return spikes;
}

/** Extra expected units per day and family from the spikes: `extra.get(family)[day]`. */
export function spikeUnits(
  spikes: readonly Spike[],
  plan: SpikePlan,
  dayCount: number,
): Map<string, Float64Array> {
  const extra = new Map<string, Float64Array>();
  for (const s of spikes) {
    if (!extra.has(s.family)) extra.set(s.family, new Float64Array(dayCount));
    const series = present(extra.get(s.family), `the extra series of family ${s.family}`);
    let units = s.peakUnits;
    for (let d = s.day; d < Math.min(dayCount, s.day + plan.days); d++) {
      series[d] += units;
      units *= plan.decay;
    }
  }
  return extra;
}
