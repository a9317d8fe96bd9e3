/**
 * A checked file (YAML spelling) → the Scenario the engine reads: camelCase, defaults applied,
 * branches resolved, dates turned into day indexes from `start`. Runs only after the checks, so it
 * trusts its input.
 */
import { BallastError } from '../errors.js';
import { addDays, dayIndex, epochDay } from '../dates.js';
import { deepMerge, type Mapping } from './merge.js';
import type { RawBranch, RawEvent, RawScenario } from './schema.js';
import type {
  DurationDays,
  EventBranch,
  EventOutcome,
  Scenario,
  ScenarioEvent,
  WorkspaceFacts,
} from './types.js';

/** Defaults in one place (docs/scenarios.md lists them). */
export const DEFAULTS = {
  horizonDays: 180,
  paths: 10_000,
  seed: 1,
  noise: 'negbin',
  dispersion: 10,
} as const;

export function buildScenario(raw: RawScenario, facts: WorkspaceFacts, fileName: string): Scenario {
  const start = raw.start ?? dayAfter(facts.lastOrderDate);
  const horizonDays = raw.horizon_days ?? DEFAULTS.horizonDays;
  const events = (raw.events ?? []).map((event) => buildEvent(event, start));
  const scenario: Scenario = {
    name: raw.name ?? fileName.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, ''),
    start,
    horizonDays,
    paths: raw.paths ?? DEFAULTS.paths,
    seed: raw.seed ?? DEFAULTS.seed,
    noise: raw.noise ?? DEFAULTS.noise,
    dispersion: raw.dispersion ?? DEFAULTS.dispersion,
    events,
    correlations: (raw.correlations ?? []).map(([a, b, rho]) => ({ a, b, rho })),
    warnings: events.flatMap((event) => onsetWarnings(event, start, horizonDays)),
  };
  if (raw.market_shocks) scenario.marketShocks = { ...raw.market_shocks };
  if (raw.cash)
    scenario.cash = { opening: raw.cash.opening, payoutDelayDays: { ...raw.cash.payout_delay_days } };
  if (raw.loss_threshold !== undefined) scenario.lossThreshold = raw.loss_threshold;
  if (raw.decisions !== undefined) scenario.decisions = raw.decisions;
  return scenario;
}

function dayAfter(lastOrderDate: string | null): string {
  const day = lastOrderDate?.slice(0, 10);
  if (day === undefined || epochDay(day) === null) {
    // The engine supplies this; a bad value is our bug, not the user's (checks ran on null already).
    throw new BallastError(
      'internal',
      `workspace facts: lastOrderDate ${String(lastOrderDate)} is not a date`,
    );
  }
  return addDays(day, 1);
}

function buildEvent(raw: RawEvent, start: string): ScenarioEvent {
  // A pure cost shock (the de-minimis example) loses no demand unless it says so; anything else is dark.
  const severityDefault = raw.costs ? 0 : 1;
  const [from, to] = typeof raw.onset === 'string' ? [raw.onset, raw.onset] : raw.onset.between;
  const event: ScenarioEvent = {
    id: raw.id,
    label: raw.label ?? raw.id,
    target: { channels: names(raw.target.channel), markets: names(raw.target.market) },
    probability: raw.probability,
    onset: { fromDay: dayIndex(start, from), toDay: dayIndex(start, to) },
    ...outcome(raw, severityDefault),
    preOnset: { days: raw.pre_onset?.days ?? 0, uplift: raw.pre_onset?.uplift ?? 0 },
    costs: {
      landedCostPct: raw.costs?.landed_cost_pct ?? 0,
      feePct: raw.costs?.fee_pct ?? 0,
      feePerUnit: raw.costs?.fee_per_unit ?? 0,
    },
    branches: (raw.branches ?? []).map((branch) => ({
      id: branch.id,
      label: branch.label ?? branch.id,
      weight: branch.weight,
      ...outcome(deepMerge(raw as Mapping, overrides(branch)), severityDefault),
    })),
  };
  if (raw.use !== undefined) event.source = raw.use;
  return event;
}

/** A branch's outcome overrides: everything but its identity and weight. */
function overrides(branch: RawBranch): Mapping {
  const rest: Mapping = { ...branch };
  for (const key of ['id', 'label', 'weight']) delete rest[key];
  return rest;
}

function names(value: string | string[] | undefined): string[] | 'all' {
  if (value === undefined || value === 'all') return 'all';
  const list = typeof value === 'string' ? [value] : value;
  return list.includes('all') ? 'all' : [...new Set(list)];
}

/** The outcome fields of an event or merged branch, with defaults. */
function outcome(value: Mapping, severityDefault: number): EventOutcome {
  const raw = value as Pick<
    RawEvent,
    'duration' | 'severity' | 'recovery' | 'diversion' | 'halo' | 'stranded'
  >;
  const permanent = raw.duration?.permanent ?? 0;
  return {
    duration: {
      permanent,
      days: permanent === 1 || raw.duration?.days === undefined ? null : durationDays(raw.duration.days),
    },
    severity: raw.severity ?? severityDefault,
    recovery: { days: raw.recovery?.days ?? 0, level: raw.recovery?.level ?? 1 },
    diversion: Object.entries(raw.diversion ?? {}).map(([channel, d]) => ({
      channel,
      share: d.share,
      rampDays: d.ramp_days ?? 0,
    })),
    halo: Object.entries(raw.halo ?? {}).map(([channel, share]) => ({ channel, share })),
    stranded: (raw.stranded ?? []).map((s) => ({
      location: s.location,
      releaseAfterDays: s.release_after_days,
      costPerUnit: s.cost_per_unit ?? 0,
    })),
  };
}

function durationDays(days: NonNullable<NonNullable<RawEvent['duration']>['days']>): DurationDays {
  if (typeof days === 'number') return { kind: 'fixed', days };
  if ('uniform' in days) return { kind: 'uniform', min: days.uniform[0], max: days.uniform[1] };
  return { kind: 'lognormal', median: days.lognormal.median, p90: days.lognormal.p90 };
}

function onsetWarnings(event: ScenarioEvent, start: string, horizonDays: number): string[] {
  const { fromDay, toDay } = event.onset;
  if (fromDay >= horizonDays) {
    return [
      `${event.id}: onset ${addDays(start, fromDay)} is after the last simulated day; it cannot happen in this run.`,
    ];
  }
  if (toDay < 0) {
    return [
      `${event.id}: onset ${addDays(start, toDay)} is before start ${start}; it counts as under way on day 0 (and may be over).`,
    ];
  }
  return [];
}

/**
 * The outcomes to draw from once an event happens: its branches, or — when it has none — one
 * implicit branch of weight 1 holding the event's own outcome. Lets the simulator use one path.
 */
export function eventOutcomes(event: ScenarioEvent): EventBranch[] {
  if (event.branches.length > 0) return event.branches;
  const { id, label, duration, severity, recovery, diversion, halo, stranded } = event;
  return [{ id, label, weight: 1, duration, severity, recovery, diversion, halo, stranded }];
}
