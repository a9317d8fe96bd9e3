import { mulberry32 } from '../src/random.js';
import { DURATION_LOGNORMAL, DURATION_UNIFORM, type SimModel } from '../src/simulate/index.js';

/**
 * The straightforward implementation of the simulator's model, for the simulate benchmark: one plain
 * object per cell and per event, loops per path, day and cell, negative-binomial draws by sequential
 * search of the CDF from P(0) (no tables), and random numbers of its own (mulberry32, Box–Muller, a
 * normal CDF instead of its inverse). Its means therefore agree with the kernel's only within Monte
 * Carlo error: an independent check, not a copy.
 *
 * It covers what the benchmark's model uses: onset, duration (fixed, uniform, lognormal), permanence,
 * variants, severity, recovery, pre-onset surge, halo, diversion and cost shocks. No stock, cash or
 * commitments.
 */
interface Cell {
  group: number;
  price: number;
  unitCost: number;
  /** Price after fees, minus cost, fee per unit and shipping. */
  margin: number;
  /** Mean demand per day. */
  baseline: number[];
}

interface Diversion {
  from: number;
  to: number;
  share: number;
  rampDays: number;
}

interface Variant {
  weight: number;
  permanent: number;
  duration: (u: number, normal: () => number) => number;
  severity: number;
  recoveryDays: number;
  recoveryLevel: number;
  preOnsetDays: number;
  preOnsetUplift: number;
  halo: number[];
  diversions: Diversion[];
}

interface Event {
  probability: number;
  onsetFrom: number;
  onsetTo: number;
  targets: boolean[];
  landedCostPct: number;
  feePct: number;
  feePerUnit: number;
  variants: Variant[];
}

interface Happening {
  event: Event;
  variant: Variant;
  onset: number;
  end: number;
}

export interface ReferenceResult {
  revenueBase: number[];
  revenueEvent: number[];
  profitBase: number[];
  profitEvent: number[];
}

/** Runs `paths` paths of `model` (its stock, cash and commitments are ignored). */
export function runReference(model: SimModel, paths: number, seed: number): ReferenceResult {
  const H = model.horizonDays;
  const cells: Cell[] = Array.from(model.price, (price, c) => ({
    group: model.cellGroup[c],
    price,
    unitCost: model.unitCost[c],
    margin: price * (1 - model.feePct[c]) - model.unitCost[c] - model.feePerUnit[c] - model.shipPerUnit[c],
    baseline: Array.from(model.baseline.subarray(c * H, (c + 1) * H)),
  }));
  const events: Event[] = model.events.map((e) => ({
    probability: e.probability,
    onsetFrom: e.onsetFrom,
    onsetTo: e.onsetTo,
    targets: Array.from(e.target, (t) => t === 1),
    landedCostPct: e.landedCostPct,
    feePct: e.feePct,
    feePerUnit: e.feePerUnit,
    variants: e.variants.map((v) => ({
      weight: v.weight,
      permanent: v.permanent,
      duration:
        v.durationKind === DURATION_LOGNORMAL
          ? (_u, normal) => Math.exp(v.durationA + v.durationB * normal())
          : v.durationKind === DURATION_UNIFORM
            ? (u) => v.durationA + u * (v.durationB - v.durationA)
            : () => v.durationA,
      severity: v.severity,
      recoveryDays: v.recoveryDays,
      recoveryLevel: v.recoveryLevel,
      preOnsetDays: v.preOnsetDays,
      preOnsetUplift: v.preOnsetUplift,
      halo: Array.from(v.halo),
      diversions: Array.from(v.divertFrom, (from, k) => ({
        from,
        to: v.divertTo[k],
        share: v.divertShare[k],
        rampDays: v.divertRampDays[k],
      })),
    })),
  }));
  const result: ReferenceResult = { revenueBase: [], revenueEvent: [], profitBase: [], profitEvent: [] };
  for (let p = 0; p < paths; p++) {
    const random = mulberry32(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(p + 1, 0x85ebca6b));
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const happened = sampleEvents(model, events, random, normal);
    let revenueBase = 0;
    let revenueEvent = 0;
    let profitBase = 0;
    let profitEvent = 0;
    for (let d = 0; d < H; d++) {
      const demandBase = cells.map((cell) =>
        negBin(cell.baseline[d], model.noise ? model.dispersion : Infinity, random()),
      );
      const demandEvent = cells.map((cell, c) => demandBase[c] * demandMultiplier(happened, cell.group, d));
      for (const h of happened) {
        const lost = 1 - targetMultiplier(h, d);
        if (lost <= 0) continue;
        for (const k of h.variant.diversions) {
          const ramp = d < h.onset ? 0 : k.rampDays > 0 ? Math.min(1, (d - h.onset + 1) / k.rampDays) : 1;
          demandEvent[k.to] += demandBase[k.from] * lost * k.share * ramp;
        }
      }
      cells.forEach((cell, c) => {
        let extraCost = 0;
        for (const h of happened) {
          const active = d + 1 > h.onset && d < h.end;
          if (active && h.event.targets[cell.group]) {
            extraCost +=
              cell.unitCost * h.event.landedCostPct + cell.price * h.event.feePct + h.event.feePerUnit;
          }
        }
        revenueBase += demandBase[c] * cell.price;
        revenueEvent += demandEvent[c] * cell.price;
        profitBase += demandBase[c] * cell.margin;
        profitEvent += demandEvent[c] * (cell.margin - extraCost);
      });
    }
    result.revenueBase.push(revenueBase);
    result.revenueEvent.push(revenueEvent);
    result.profitBase.push(profitBase);
    result.profitEvent.push(profitEvent);
  }
  return result;
}

/** Occurrence by a Gaussian copula on the model's Cholesky factor; the rest drawn per event. */
function sampleEvents(
  model: SimModel,
  events: Event[],
  random: () => number,
  normal: () => number,
): Happening[] {
  const n = events.length;
  const independent = events.map(() => normal());
  const happened: Happening[] = [];
  events.forEach((event, e) => {
    let z = 0;
    for (let j = 0; j <= e; j++) z += model.cholesky[e * n + j] * independent[j];
    const onset = event.onsetFrom + Math.floor(random() * (event.onsetTo - event.onsetFrom + 1));
    let pick = random();
    const variant =
      event.variants.find((v) => (pick -= v.weight) < 0) ?? event.variants[event.variants.length - 1];
    const end = random() < variant.permanent ? Infinity : onset + variant.duration(random(), normal);
    if (event.probability >= 1 || normalCdf(z) < event.probability)
      happened.push({ event, variant, onset, end });
  });
  return happened;
}

/** A cell's demand multiplier on day d: its group's own events, times the halo of the others. */
function demandMultiplier(happened: Happening[], group: number, d: number): number {
  let m = 1;
  for (const h of happened) {
    const target = targetMultiplier(h, d);
    if (h.event.targets[group]) m *= target;
    else if (h.variant.halo[group] > 0) m *= 1 + h.variant.halo[group] * (target - 1);
  }
  return m;
}

/**
 * An event's target multiplier on day d: surge before onset, 1 − severity while active, then a
 * linear recovery to `recoveryLevel`; a day the event ends part-way through mixes the two, the
 * recovery taken at the midpoint of the part after the end.
 */
function targetMultiplier(h: Happening, d: number): number {
  const v = h.variant;
  if (d + 1 <= h.onset) return d >= h.onset - v.preOnsetDays ? 1 + v.preOnsetUplift : 1;
  const hit = 1 - v.severity;
  const activeShare = Math.max(0, Math.min(d + 1, h.end) - Math.max(d, h.onset));
  if (activeShare >= 1) return hit;
  const afterEnd = (Math.max(d, h.end) + d + 1) / 2 - h.end;
  const recovered =
    v.recoveryDays > 0
      ? hit + (v.recoveryLevel - hit) * Math.min(1, afterEnd / v.recoveryDays)
      : v.recoveryLevel;
  return activeShare * hit + (1 - activeShare) * recovered;
}

/** Negative binomial (mean μ, size k) by inverse CDF, searching up from P(0) = (k / (k + μ))^k. */
function negBin(mean: number, size: number, u: number): number {
  if (!(mean > 0)) return 0;
  if (size === Infinity) return mean;
  const q = mean / (size + mean);
  let probability = Math.pow(size / (size + mean), size);
  let cumulative = probability;
  let x = 0;
  while (u > cumulative && probability > 0) {
    probability *= ((x + size) / (x + 1)) * q;
    x++;
    cumulative += probability;
  }
  return x;
}

/** Standard normal CDF (Zelen & Severo, Abramowitz & Stegun 26.2.17; absolute error < 7.5e-8). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? 1 - upper : upper;
}
