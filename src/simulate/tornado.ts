import { pathRange, type PathOutputs, type Prepared, type VariantWorld } from './kernel.js';
import { DURATION_LOGNORMAL, type SimEvent, type SimModel, type SimVariant } from './model.js';
import { concatOutputs, type Pool } from './pool.js';
import { sum } from './stats.js';

export interface TornadoRow {
  parameter: string;
  /** The parameter's low and high settings, in words. */
  low: string;
  high: string;
  /** Mean loss with the parameter at its low and high setting, on the same random numbers. */
  lossLow: number;
  lossHigh: number;
  swing: number;
}

/**
 * The scenario settings the tornado moves, as it names them in `TornadoRow.parameter`
 * (`EVENT.SETTING`). The report's catalogues name each one (report/messages.ts), so a new setting
 * fails `tsc` until the report can word it.
 */
export const TORNADO_PARAMETERS = [
  'probability',
  'severity',
  'chance permanent',
  'duration',
  'diversion share',
  'halo',
  'landed cost shock',
] as const;
export type TornadoParameter = (typeof TORNADO_PARAMETERS)[number];

interface Case {
  parameter: TornadoParameter;
  low: string;
  high: string;
  apply: (event: SimEvent, factor: number) => SimEvent;
}

const LOW = 0.5;
const HIGH = 1.5;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const variants = (event: SimEvent, change: (v: SimVariant) => Partial<SimVariant>): SimEvent => ({
  ...event,
  variants: event.variants.map((v) => ({ ...v, ...change(v) })),
});

/** The scenario parameters a seller sets by judgement, each moved to half and one and a half times. */
const CASES: readonly Case[] = [
  {
    parameter: 'probability',
    low: '×0.5',
    high: '×1.5 (max 1)',
    apply: (e, f) => ({ ...e, probability: clamp01(e.probability * f) }),
  },
  {
    parameter: 'severity',
    low: '×0.5',
    high: '×1.5 (max 1)',
    apply: (e, f) => variants(e, (v) => ({ severity: clamp01(v.severity * f) })),
  },
  {
    parameter: 'chance permanent',
    low: '×0.5',
    high: '×1.5 (max 1)',
    apply: (e, f) => variants(e, (v) => ({ permanent: clamp01(v.permanent * f) })),
  },
  {
    parameter: 'duration',
    low: '×0.5',
    high: '×1.5',
    apply: (e, f) =>
      variants(e, (v) =>
        v.durationKind === DURATION_LOGNORMAL
          ? { durationA: v.durationA + Math.log(f) }
          : { durationA: v.durationA * f, durationB: v.durationB * f },
      ),
  },
  {
    parameter: 'diversion share',
    low: '×0.5',
    high: '×1.5 (total max 1)',
    apply: (e, f) =>
      variants(e, (v) => {
        // Each source cell's shares may add up to at most 1 after scaling.
        const totals = new Map<number, number>();
        v.divertFrom.forEach((from, k) => totals.set(from, (totals.get(from) ?? 0) + v.divertShare[k] * f));
        return {
          divertShare: v.divertShare.map((s, k) => (s * f) / Math.max(1, totals.get(v.divertFrom[k]) ?? 0)),
        };
      }),
  },
  {
    parameter: 'halo',
    low: '×0.5',
    high: '×1.5 (max 1)',
    apply: (e, f) => variants(e, (v) => ({ halo: v.halo.map((h) => clamp01(h * f)) })),
  },
  {
    parameter: 'landed cost shock',
    low: '×0.5',
    high: '×1.5',
    apply: (e, f) => ({ ...e, landedCostPct: e.landedCostPct * f }),
  },
];

/** Whether moving the parameter can change anything for this event. */
function matters(parameter: TornadoParameter, e: SimEvent): boolean {
  const any = (f: (v: SimVariant) => boolean) => e.variants.some(f);
  switch (parameter) {
    case 'probability':
      return e.probability > 0;
    case 'severity':
      return any((v) => v.severity > 0);
    case 'chance permanent':
      return any((v) => v.permanent > 0 && v.permanent < 1);
    case 'duration':
      return any((v) => v.permanent < 1);
    case 'diversion share':
      return any((v) => v.divertShare.length > 0);
    case 'halo':
      return any((v) => v.halo.some((h) => h > 0));
    default:
      return e.landedCostPct > 0;
  }
}

/** The tornado's settings as variant worlds, to run on its paths: `pathRange(0, paths)`. */
export interface TornadoPlan {
  paths: number;
  todo: Array<{ e: number; c: Case }>;
  /** Each setting's low then high world: setting k's are worlds 2k and 2k + 1. */
  variants: VariantWorld[];
}

/**
 * A one-at-a-time sensitivity ranking: each parameter of each event goes to its low and high setting
 * while everything else, including every random draw, stays put. Every low and high setting is a
 * variant world of one pass over the paths: the demand is drawn once per path for all of them, and
 * a setting's world is copied where its event happens in neither it nor the scenario. The worlds
 * run on the first paths of the main run (`RunOptions.variantsBelow`), or in a pass of their own.
 */
export function tornadoPlan(model: SimModel, tornadoPaths: number): TornadoPlan {
  const paths = Math.min(model.paths, tornadoPaths);
  const todo = model.events.flatMap((event, e) =>
    CASES.filter((c) => matters(c.parameter, event)).map((c) => ({ e, c })),
  );
  const at = (e: number, c: Case, factor: number) =>
    model.events.map((event, j) => (j === e ? c.apply(event, factor) : event));
  const variants = todo.flatMap(({ e, c }) => [{ events: at(e, c, LOW) }, { events: at(e, c, HIGH) }]);
  return { paths, todo, variants };
}

/** Runs a tornado's worlds in a pass of their own, for main paths that ran elsewhere. */
export async function runTornado(
  model: SimModel,
  prepared: Prepared,
  pool: Pool,
  plan: TornadoPlan,
  onProgress?: (stage: string, done: number, total: number) => void,
): Promise<PathOutputs | undefined> {
  if (plan.variants.length === 0) return undefined;
  return concatOutputs(
    await pool.run(
      { model, prepared, paths: pathRange(0, plan.paths), variants: plan.variants },
      (done, total) => onProgress?.('sensitivity', done, total),
    ),
  );
}

/**
 * The ranking from outputs whose first `plan.paths` paths ran the plan's worlds, ranked by the
 * swing in mean loss.
 */
export function tornadoRows(
  model: SimModel,
  plan: TornadoPlan,
  out: PathOutputs | undefined,
  costsKnown: boolean,
): TornadoRow[] {
  if (!out || plan.variants.length === 0) return [];
  const n = plan.paths;
  const base = sum((costsKnown ? out.profitBase : out.revenueBase).subarray(0, n));
  const withEvents = (costsKnown ? out.variantProfit : out.variantRevenue) ?? new Float64Array(0);
  const V = plan.variants.length;
  const meanLoss = (v: number) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = withEvents[i * V + v];
    return (base - sum(column)) / n;
  };
  const rows = plan.todo.map(({ e, c }, k): TornadoRow => {
    const lossLow = meanLoss(2 * k);
    const lossHigh = meanLoss(2 * k + 1);
    return {
      parameter: `${model.events[e].id}.${c.parameter}`,
      low: c.low,
      high: c.high,
      lossLow,
      lossHigh,
      swing: Math.abs(lossHigh - lossLow),
    };
  });
  return rows.sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter));
}
