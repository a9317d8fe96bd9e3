import { DURATION_FIXED, DURATION_LOGNORMAL, DURATION_UNIFORM, type SimModel } from './model.js';
import { STREAM_EVENTS, nextUniform, normalQuantile, seedStream } from './prng.js';

/**
 * What happens in one path: for each event, whether it occurs, when, for how long and which variant.
 * Drawn from the path's own event stream, so the demand draws of a path never shift these.
 */
export interface PathEvents {
  occurred: Uint8Array;
  variant: Int32Array;
  onset: Float64Array;
  /** Day (fractional) the event ends; Infinity when permanent. */
  end: Float64Array;
}

export function newPathEvents(eventCount: number): PathEvents {
  return {
    occurred: new Uint8Array(eventCount),
    variant: new Int32Array(eventCount),
    onset: new Float64Array(eventCount),
    end: new Float64Array(eventCount),
  };
}

/**
 * Occurrence uses a Gaussian copula: correlated normals z = L·ε, and event e occurs when
 * z_e < Φ⁻¹(p_e), so each event keeps its own probability while occurrences co-move.
 * `disabled` switches events off (for tail attribution) without changing any draw.
 */
export function samplePathEvents(
  model: SimModel,
  path: number,
  rng: Uint32Array,
  normals: Float64Array,
  out: PathEvents,
  disabled?: Uint8Array,
): void {
  const events = model.events;
  const n = events.length;
  seedStream(rng, model.seed, path, STREAM_EVENTS);
  for (let e = 0; e < n; e++) normals[e] = normalQuantile(nextUniform(rng));
  for (let e = 0; e < n; e++) {
    const event = events[e];
    let z = 0;
    for (let j = 0; j <= e; j++) z += model.cholesky[e * n + j] * normals[j];
    // Draw the rest unconditionally so every path consumes the same count of numbers per event.
    const uOnset = nextUniform(rng);
    const uVariant = nextUniform(rng);
    const uPermanent = nextUniform(rng);
    const uDuration = nextUniform(rng);
    const p = event.probability;
    const occurs = p >= 1 || (p > 0 && z < normalQuantile(p));
    out.occurred[e] = occurs && !(disabled && disabled[e]) ? 1 : 0;
    const onset = event.onsetFrom + Math.floor(uOnset * (event.onsetTo - event.onsetFrom + 1));
    let v = 0;
    let cumulative = event.variants[0].weight;
    while (v < event.variants.length - 1 && uVariant >= cumulative) cumulative += event.variants[++v].weight;
    const variant = event.variants[v];
    out.variant[e] = v;
    out.onset[e] = onset;
    out.end[e] =
      uPermanent < variant.permanent
        ? Infinity
        : onset + durationDays(variant.durationKind, variant.durationA, variant.durationB, uDuration);
  }
}

function durationDays(kind: number, a: number, b: number, u: number): number {
  if (kind === DURATION_FIXED) return a;
  if (kind === DURATION_UNIFORM) return a + u * (b - a);
  if (kind === DURATION_LOGNORMAL) return Math.exp(a + b * normalQuantile(u));
  return a;
}

/**
 * Demand multiplier of an event's target on day d (docs/scenarios.md): a farewell surge before onset; while
 * active, 1 − severity for the part of the day it covers; afterwards a linear recovery over
 * `recoveryDays` from 1 − severity to `recoveryLevel`. A day partly active mixes the two.
 */
export function targetMultiplier(
  d: number,
  onset: number,
  end: number,
  severity: number,
  recoveryDays: number,
  recoveryLevel: number,
  preOnsetDays: number,
  preOnsetUplift: number,
): number {
  if (d + 1 <= onset) return d >= onset - preOnsetDays ? 1 + preOnsetUplift : 1;
  const activeFrom = Math.max(d, onset);
  const activeTo = Math.min(d + 1, end);
  const active = Math.max(0, activeTo - activeFrom);
  const inactive = 1 - active;
  if (inactive <= 0) return 1 - severity;
  // The part of the day after the end, at its midpoint.
  const after = Math.max(d, end);
  const sinceEnd = (after + (d + 1)) / 2 - end;
  const recovered =
    recoveryDays > 0
      ? 1 - severity + (recoveryLevel - (1 - severity)) * Math.min(1, sinceEnd / recoveryDays)
      : recoveryLevel;
  return active * (1 - severity) + inactive * recovered;
}

/** Share of lost demand diverted on day d: `share`, ramped linearly over `rampDays` from onset. */
export function divertedShare(d: number, onset: number, share: number, rampDays: number): number {
  if (d < onset) return 0;
  return rampDays > 0 ? share * Math.min(1, (d - onset + 1) / rampDays) : share;
}
