/**
 * The scenario file's shape in its own spelling (snake_case keys, docs/scenarios.md). Every object is strict
 * so a misspelt key is refused rather than silently ignored. Rules that need more than one value
 * or the workspace (sums, date order, known channels) live in check-*.ts.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates.js';

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** A finite number in [lo, hi]; the message names both bounds, as users think of ranges. */
export function range(lo: number, hi: number) {
  return z.number().refine((v) => v >= lo && v <= hi, {
    error: (iss) => `${show(iss.input)} is outside [${lo}, ${hi}]`,
  });
}

/** A whole number in [lo, hi]. */
function wholeRange(lo: number, hi: number) {
  return z.number().refine((v) => Number.isInteger(v) && v >= lo && v <= hi, {
    error: (iss) => `${show(iss.input)} is not a whole number in [${lo}, ${hi}]`,
  });
}

const unit = range(0, 1);
// Upper bounds are far past anything real; they catch typos (an extra zero) and runaway values.
const days = range(0, 36_500);
const money = range(-1e15, 1e15);

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const id = z.string().refine((v) => ID_PATTERN.test(v), {
  error: (iss) => `${show(iss.input)} is not a valid id (letters, digits, "." "_" "-", at most 64)`,
});
/** Channel, market or location names: checked against the workspace later. */
const name = z.string().min(1).max(100);
const text = z.string().min(1).max(500);
const date = z.string().refine(isIsoDate, {
  error: (iss) => `${show(iss.input)} is not a date (YYYY-MM-DD)`,
});
const names = z.union([name, z.array(name).min(1).max(200)]);

const target = z.strictObject({ channel: names.optional(), market: names.optional() });
const onset = z.union([date, z.strictObject({ between: z.tuple([date, date]) })]);
const durationDays = z.union([
  days,
  z.strictObject({ uniform: z.tuple([days, days]) }),
  z.strictObject({ lognormal: z.strictObject({ median: range(1e-6, 36_500), p90: range(1e-6, 36_500) }) }),
]);
const duration = z.strictObject({ permanent: unit.optional(), days: durationDays.optional() });
const recovery = z.strictObject({ days: days.optional(), level: unit.optional() });
const preOnset = z.strictObject({ days: days.optional(), uplift: range(0, 10).optional() });
const diversion = z.record(name, z.strictObject({ share: unit, ramp_days: days.optional() }));
const halo = z.record(name, unit);
const stranded = z
  .array(
    z.strictObject({ location: name, release_after_days: days, cost_per_unit: range(0, 1e9).optional() }),
  )
  .max(200);
const costs = z.strictObject({
  landed_cost_pct: range(-1, 10).optional(),
  fee_pct: range(-1, 1).optional(),
  fee_per_unit: money.optional(),
});

/** The outcome fields an event has and a branch may override (deep merge, arrays replace). */
const outcome = {
  duration: duration.optional(),
  severity: unit.optional(),
  recovery: recovery.optional(),
  diversion: diversion.optional(),
  halo: halo.optional(),
  stranded: stranded.optional(),
};

const branch = z.strictObject({ id, label: text.optional(), weight: unit, ...outcome });

export const eventSchema = z.strictObject({
  id,
  use: id.optional(),
  label: text.optional(),
  target,
  probability: unit,
  onset,
  ...outcome,
  pre_onset: preOnset.optional(),
  costs: costs.optional(),
  branches: z.array(branch).max(50).optional(),
});

export const scenarioSchema = z.strictObject({
  name: text.optional(),
  start: date.optional(),
  horizon_days: wholeRange(1, 3650).optional(),
  paths: wholeRange(1, 1_000_000).optional(),
  seed: wholeRange(0, 4_294_967_295).optional(),
  noise: z.enum(['negbin', 'none']).optional(),
  dispersion: range(1e-3, 1e6).optional(),
  market_shocks: z.strictObject({ probability: unit, severity: unit, days: range(1e-6, 36_500) }).optional(),
  events: z.array(eventSchema).max(500).optional(),
  correlations: z
    .array(z.tuple([id, id, range(-1, 1)]))
    .max(10_000)
    .optional(),
  cash: z
    .strictObject({ opening: money, payout_delay_days: z.record(name, wholeRange(0, 3650)).optional() })
    .optional(),
  loss_threshold: range(0, 1e15).optional(),
  decisions: z.unknown().optional(),
});

/** A scenario file as validated, before defaults (YAML spelling). */
export type RawScenario = z.output<typeof scenarioSchema>;
export type RawEvent = z.output<typeof eventSchema>;
export type RawBranch = z.output<typeof branch>;
export type RawDuration = z.output<typeof duration>;
/** An event as a library entry writes it: the file format, minus the id the scenario gives it. */
export type RawEventInput = Omit<z.input<typeof eventSchema>, 'id' | 'use'>;
