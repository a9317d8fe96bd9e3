/**
 * How stable the optimiser's choice is: the plan solved again on bootstrap resamples of its own
 * planning paths (n paths drawn with replacement, no new simulation), and for each action how
 * often it is chosen and how much its quantity moves. An action chosen in some resamples and not
 * in others is a coin toss on these paths, and the statement says so in plain words.
 */
import { mix32 } from '../simulate/index.js';
import type { PlanAction } from './actions.js';

export interface StabilityRow {
  /** The action without its quantity, e.g. `transfer MUG FBT-US → 3PL-US`. */
  action: string;
  kind: PlanAction['kind'];
  inPlan: boolean;
  /** Share of the resamples whose plan has it, and its quantity (units or spend) over those. */
  chosen: number;
  quantity: { min: number; median: number; max: number };
  /** Chosen in more than a fifth and fewer than four fifths of the resamples. */
  coinToss: boolean;
}

export interface Stability {
  resamples: number;
  rows: StabilityRow[];
  statement: string;
}

const RESAMPLE_SEED = 0x5eed;
/** Below this share of resamples an action is rarely chosen; above 1 − this, nearly always. */
const SETTLED = 0.2;

/**
 * @param paths planning paths; each resample draws that many with replacement
 * @param solveOn the plan's actions when solved on the paths `pick` names
 * @param plan the actions of the plan solved on all the paths
 */
export async function stabilityOf(
  paths: number,
  resamples: number,
  solveOn: (pick: Int32Array) => Promise<PlanAction[]>,
  plan: PlanAction[],
  onProgress?: (stage: string, done: number, total: number) => void,
): Promise<Stability> {
  const n = paths;
  const seen = new Map<string, { kind: PlanAction['kind']; quantities: number[] }>();
  for (let b = 0; b < resamples; b++) {
    onProgress?.('solving on resampled paths', b, resamples);
    // Fixed draws (RESAMPLE_SEED), so the same run gives the same table.
    const pick = Int32Array.from(
      { length: n },
      (_, i) => mix32((RESAMPLE_SEED + mix32(b * n + i)) >>> 0) % n,
    );
    for (const a of await solveOn(pick)) {
      const key = keyOf(a);
      const entry = seen.get(key) ?? { kind: a.kind, quantities: [] };
      entry.quantities.push(quantityOf(a));
      seen.set(key, entry);
    }
  }
  onProgress?.('solving on resampled paths', resamples, resamples);
  const inPlan = new Set(plan.map(keyOf));
  for (const a of plan) if (!seen.has(keyOf(a))) seen.set(keyOf(a), { kind: a.kind, quantities: [] });
  const rows = [...seen].map(([action, { kind, quantities }]): StabilityRow => {
    const sorted = [...quantities].sort((a, b) => a - b);
    const chosen = resamples > 0 ? quantities.length / resamples : 0;
    return {
      action,
      kind,
      inPlan: inPlan.has(action),
      chosen,
      quantity: {
        min: sorted[0] ?? 0,
        median: sorted.length > 0 ? sorted[Math.floor((sorted.length - 1) / 2)] : 0,
        max: sorted.at(-1) ?? 0,
      },
      coinToss: chosen > SETTLED && chosen < 1 - SETTLED,
    };
  });
  rows.sort(
    (a, b) => Number(b.inPlan) - Number(a.inPlan) || b.chosen - a.chosen || a.action.localeCompare(b.action),
  );
  return { resamples: resamples, rows, statement: statementOf(resamples, rows) };
}

function statementOf(resamples: number, rows: StabilityRow[]): string {
  if (resamples === 0) return 'Stability not measured (no resamples).';
  const count = (share: number) => `${Math.round(share * resamples)} of ${resamples}`;
  const tosses = rows.filter((r) => r.coinToss);
  const steady = rows.filter((r) => r.chosen >= 1 - SETTLED);
  const parts = [
    `Solved again on ${resamples} resamples of the planning paths: ${steady.length} action${steady.length === 1 ? ' is' : 's are'} chosen nearly every time`,
  ];
  if (tosses.length === 0) parts.push('and no choice is a coin toss.');
  else
    parts.push(
      `; ${tosses
        .slice(0, 5)
        .map((r) => `"${r.action}" is a coin toss (chosen in ${count(r.chosen)})`)
        .join(
          '; ',
        )}${tosses.length > 5 ? `; and ${tosses.length - 5} more` : ''}: on these paths the optimiser cannot tell whether ${tosses.length === 1 ? 'it pays' : 'they pay'}.`,
    );
  return parts.join(tosses.length === 0 ? ' ' : '');
}

function keyOf(a: PlanAction): string {
  switch (a.kind) {
    case 'transfer':
      return `transfer ${a.sku} ${a.from} → ${a.to}`;
    case 'redirect':
      return `redirect ${a.shipment} (${a.sku}) → ${a.to}`;
    case 'open':
      return `open ${a.channel} ${a.market}`;
    case 'budget':
      return `budget ${a.channel}`;
    case 'cancel':
      return `cancel ${a.commitment}`;
  }
}

function quantityOf(a: PlanAction): number {
  switch (a.kind) {
    case 'transfer':
    case 'redirect':
      return a.units;
    case 'budget':
      return a.spend;
    default:
      return 1;
  }
}
