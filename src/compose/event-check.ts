import {
  listEvents,
  parseScenario,
  type FactQuantity,
  type LibraryEntry,
  type WorkspaceFacts,
} from '../scenario/index.js';
import { newPathEvents, samplePathEvents, targetMultiplier, type SimModel } from '../simulate/index.js';
import type { SimData } from './sim-data.js';
import { buildSimModel } from './sim-model.js';

/**
 * `ballast events --check`: each library entry against what was observed. The entry is simulated on a
 * plain seller — one SKU on the entry's target, flat demand, no noise, no stock — with the simulator's
 * own event draws (`samplePathEvents`) and demand multiplier (`targetMultiplier`), and every fact's
 * quantity is read off each path. A fact is covered when the observed value lies within the 5–95 %
 * range of that quantity over the paths (inclusive: a parameter the entry fixes must equal what was
 * observed).
 */

export interface FactCheck {
  name: string;
  observed: number;
  p5: number;
  p95: number;
  covered: boolean;
  source: string;
}

export interface EventCheck {
  id: string;
  facts: FactCheck[];
}

const PATHS = 4_000;
/** Days simulated from 30 days before onset: long enough for every recovery in the library. */
const HORIZON_DAYS = 730;
const LEAD_DAYS = 30;
const DAY_MS = 86_400_000;

const shiftDate = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function names(value: unknown, fallback: string): string[] {
  if (typeof value === 'string') return [value === 'all' ? fallback : value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [fallback];
}

/** The plain seller: one SKU selling 100 a day at price 1 on each target channel × market. */
function plainSeller(entry: LibraryEntry): { facts: WorkspaceFacts; data: SimData; start: string } {
  const event = entry.event;
  const channels = names(event.target?.channel, 'plain-channel');
  const markets = names(event.target?.market, 'US');
  const onset = typeof event.onset === 'string' ? event.onset : (event.onset?.between[0] ?? '2025-01-01');
  const locations = (event.stranded ?? []).map((s) => s.location);
  const cells = channels.flatMap((channel) =>
    markets.map((market) => ({
      sku: 'plain',
      channel,
      market,
      price: 1,
      unitCost: null,
      feePct: 0,
      feePerUnit: 0,
      shipPerUnit: 0,
    })),
  );
  const historyDays = 365;
  return {
    facts: { channels, markets, locations, lastOrderDate: null },
    data: {
      cells,
      history: new Float64Array(cells.length * historyDays).fill(100),
      historyDays,
      costsKnown: false,
      locations: [],
      inventory: [],
      shipments: [],
      commitments: [],
    },
    start: shiftDate(onset, -LEAD_DAYS),
  };
}

function quantityOf(
  q: FactQuantity,
  model: SimModel,
  start: string,
  onset: number,
  end: number,
  variant: number,
): number {
  const v = model.events[0].variants[variant];
  const multiplier = (d: number): number =>
    targetMultiplier(
      d,
      onset,
      end,
      v.severity,
      v.recoveryDays,
      v.recoveryLevel,
      v.preOnsetDays,
      v.preOnsetUplift,
    );
  switch (q.kind) {
    case 'length-days':
      return Number.isFinite(end) ? end - onset : HORIZON_DAYS - onset;
    case 'permanent':
      return Number.isFinite(end) ? 0 : 1;
    case 'change-after-end':
      return multiplier((Number.isFinite(end) ? Math.floor(end) : onset) + q.day) - 1;
    case 'change-mean': {
      let sum = 0;
      for (let d = onset + q.from; d < onset + q.from + q.days; d++) sum += multiplier(d) - 1;
      return sum / q.days;
    }
    case 'level-after':
      return Number.isFinite(end)
        ? multiplier(Math.ceil(end) + Math.ceil(v.recoveryDays) + 1)
        : 1 - v.severity;
    case 'begun-by':
      return onset <= (Date.parse(`${q.date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS ? 1 : 0;
  }
}

/** The value below which a share `p` of the sorted values lies (the lower of the two neighbours). */
function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.floor(p * (sorted.length - 1))];
}

/** Checks one entry; deterministic (a fixed seed). */
export function checkEntry(entry: LibraryEntry): EventCheck {
  const { facts, data, start } = plainSeller(entry);
  const yaml = [
    `start: ${start}`,
    `horizon_days: ${HORIZON_DAYS}`,
    `paths: ${PATHS}`,
    'seed: 1',
    'noise: none',
    // JSON is YAML 1.2: the entry's event, exactly as `use: ID` would pull it in.
    `events: [${JSON.stringify({ id: entry.id, ...entry.event })}]`,
  ].join('\n');
  const scenario = parseScenario(yaml, facts, `${entry.id}.yaml`);
  const model = buildSimModel(scenario, data);
  const rng = new Uint32Array(4);
  const normals = new Float64Array(model.events.length);
  const pe = newPathEvents(model.events.length);
  const values = entry.facts.map(() => new Float64Array(PATHS));
  for (let p = 0; p < PATHS; p++) {
    samplePathEvents(model, p, rng, normals, pe);
    entry.facts.forEach((fact, f) => {
      values[f][p] = quantityOf(fact.quantity, model, start, pe.onset[0], pe.end[0], pe.variant[0]);
    });
  }
  return {
    id: entry.id,
    facts: entry.facts.map((fact, f) => {
      const sorted = values[f].sort();
      // Rounded to 1e-9 so a parameter equal to the observation is not lost to the last bit.
      const p5 = Math.round(quantile(sorted, 0.05) * 1e9) / 1e9;
      const p95 = Math.round(quantile(sorted, 0.95) * 1e9) / 1e9;
      const observed = Math.round(fact.observed * 1e9) / 1e9;
      return {
        name: fact.name,
        observed,
        p5,
        p95,
        covered: observed >= p5 && observed <= p95,
        source: fact.source,
      };
    }),
  };
}

/** Every library entry checked against its facts. */
export function checkEvents(): { events: EventCheck[] } {
  return { events: listEvents().map(checkEntry) };
}
