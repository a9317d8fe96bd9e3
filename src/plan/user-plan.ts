/**
 * A plan written by the user (`ballast plan --compare FILE`), in the vocabulary the plan prints: a
 * YAML list of actions, each with its `kind` and the fields of that kind in `--json`'s actions.
 *
 *   - { kind: transfer, sku: MUG, from: FBT-US, to: 3PL-US, units: 1200 }
 *   - { kind: redirect, shipment: SH-7, to: 3PL-US, units: 900 }
 *   - { kind: open, channel: walmart, market: US }
 *   - { kind: budget, channel: amazon, market: US, spend: 10000 }
 *   - { kind: cancel, commitment: TT-AGENCY-2025 }
 *
 * Checked with zod (a misspelt key is refused with its key path) and against what the scenario
 * offers (an action it does not offer is refused with the offered ones in the hint).
 */
import { z } from 'zod';
import { closest, parseChecked, range, readYaml, scenarioProblem, type KeyPath } from '../scenario/index.js';
import type { SimModel } from '../simulate/index.js';
import { doNothing, type PlanChoice, type PlanOptions } from './options.js';

const name = z.string().min(1).max(100);
const amount = range(0, 1e12);

const action = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('transfer'), sku: name, from: name, to: name, units: amount }),
  z.strictObject({
    kind: z.literal('redirect'),
    shipment: name,
    to: name,
    units: amount,
    sku: name.optional(),
    from: name.optional(),
  }),
  z.strictObject({ kind: z.literal('open'), channel: name, market: name }),
  z.strictObject({ kind: z.literal('budget'), channel: name, market: name.optional(), spend: amount }),
  z.strictObject({ kind: z.literal('cancel'), commitment: name }),
]);
const KINDS = ['transfer', 'redirect', 'open', 'budget', 'cancel'];
const planFile = z.array(action).max(10_000);

/**
 * A user's plan file as a choice among the scenario's options.
 * @throws BallastError('bad-input') as `FILE: [i].key: what`, with a hint.
 */
export function readUserPlan(
  text: string,
  fileName: string,
  model: SimModel,
  options: PlanOptions,
): PlanChoice {
  const raw = readYaml(text, fileName);
  // The kind first, so an unknown one is named with the kinds there are (zod's union says less).
  if (Array.isArray(raw)) {
    raw.forEach((a: unknown, i) => {
      const kind = (a as { kind?: unknown } | null)?.kind;
      if (a && typeof a === 'object' && !KINDS.includes(String(kind))) {
        const guess = typeof kind === 'string' ? closest(kind, KINDS) : undefined;
        scenarioProblem(
          fileName,
          [i, 'kind'],
          kind === undefined ? 'missing' : `${JSON.stringify(kind)} is not a kind of action`,
          `${guess ? `Did you mean ${guess}? ` : ''}Kinds: ${KINDS.join(', ')}.`,
        );
      }
    });
  }
  const actions = parseChecked(planFile, raw ?? [], fileName);
  const choice = doNothing(options);
  const locations = model.stock?.locations ?? [];
  const refuse = (path: KeyPath, what: string, offered: string[]): never =>
    scenarioProblem(
      fileName,
      path,
      what,
      offered.length > 0
        ? `The scenario offers: ${offered.slice(0, 12).join('; ')}${offered.length > 12 ? '; …' : ''}.`
        : 'The scenario offers none: add it to its decisions: block (docs/formulation.md §7).',
    );
  const tooMany = (path: KeyPath, units: number, most: number): never =>
    scenarioProblem(fileName, path, `${units} is more than the ${most} there are`, `Give at most ${most}.`);

  actions.forEach((a, i) => {
    switch (a.kind) {
      case 'transfer':
      case 'redirect': {
        const matches = options.stock.flatMap((o, at) => {
          const same =
            o.kind === a.kind &&
            locations[o.to] === a.to &&
            (a.kind === 'transfer'
              ? model.skus[o.sku] === a.sku && locations[o.from] === a.from
              : o.kind === 'redirect' &&
                o.shipment === a.shipment &&
                (a.sku === undefined || model.skus[o.sku] === a.sku) &&
                (a.from === undefined || locations[o.from] === a.from));
          return same ? [at] : [];
        });
        const at = matches[0];
        if (at === undefined) {
          const offered = options.stock
            .filter((o) => o.kind === a.kind)
            .map((o) =>
              o.kind === 'transfer'
                ? `${model.skus[o.sku]} ${locations[o.from]} → ${locations[o.to]}`
                : `${o.shipment} → ${locations[o.to]}`,
            );
          refuse(
            [i],
            a.kind === 'transfer'
              ? `the scenario offers no transfer of ${a.sku} from ${a.from} to ${a.to}`
              : `the scenario offers no redirection of shipment ${a.shipment} to ${a.to}`,
            [...new Set(offered)],
          );
        }
        const most = options.stock[at].capacity;
        if (a.units > most) tooMany([i, 'units'], a.units, most);
        choice.stock[at] += Math.floor(a.units);
        break;
      }
      case 'open': {
        const j = options.open.findIndex((o) => o.channel === a.channel && o.market === a.market);
        if (j < 0)
          refuse(
            [i],
            `the scenario offers no opening of ${a.channel} in ${a.market}`,
            options.open.map((o) => `${o.channel} ${o.market}`),
          );
        choice.open[j] = 1;
        break;
      }
      case 'budget': {
        const q = options.budget.findIndex(
          (b) =>
            b.channel === a.channel &&
            (a.market === undefined ||
              b.groups.every((g) => model.markets[model.groupMarket[g]] === a.market)),
        );
        if (q < 0)
          refuse(
            [i],
            `the scenario offers no ${a.channel} budget`,
            options.budget.map((b) => b.channel),
          );
        const most = options.budget[q].segments.reduce((sum, s) => sum + s.width, 0);
        if (a.spend > most) tooMany([i, 'spend'], a.spend, most);
        choice.budget[q] = Math.round(a.spend);
        break;
      }
      case 'cancel': {
        const r = options.cancel.findIndex((c) => c.id === a.commitment);
        if (r < 0)
          refuse(
            [i, 'commitment'],
            `the scenario offers no cancellation of ${a.commitment}`,
            options.cancel.map((c) => c.id),
          );
        choice.cancel[r] = 1;
        break;
      }
    }
  });
  return choice;
}
