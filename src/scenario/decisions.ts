/**
 * The scenario file's `decisions:` block (docs/formulation.md §7): what the planner may do, in the
 * file's own spelling, checked with zod so a misspelt key is refused with its key path. Resolving
 * the names onto the workspace's locations, SKUs and channels is the planner's job (plan/decisions.ts).
 */
import { z } from 'zod';
import type { KeyPath } from './problem.js';
import { scenarioProblem } from './problem.js';
import { range } from './schema.js';
import { describeIssue, errorMap, pickIssue } from './zod-issues.js';

/**
 * What the planner assumes where the block is silent, in one place: a transfer is a truck or courier
 * move within a country, a redirection re-addresses a container or pallet before delivery, an opened
 * channel sells after a setup time and ramps up to full demand, and a cancelled commitment drives no
 * demand unless the file says how much.
 */
export const DECISION_DEFAULTS = {
  transfer: { costPerUnit: 1, leadDays: 7 },
  redirect: { costPerUnit: 0.5, extraDays: 3 },
  open: { leadDays: 14, rampDays: 30, uncertainty: 0.5 },
  cancel: { drives: 0 },
} as const;

const name = z.string().min(1).max(100);
const names = z.array(name).min(1).max(1_000);
const money = range(0, 1e12);
const days = range(0, 3_650);

export const decisionsSchema = z.strictObject({
  transfers: z
    .array(
      z.strictObject({
        from: name,
        to: name,
        cost_per_unit: money.optional(),
        lead_days: days.optional(),
        capacity: money.optional(),
        skus: names.optional(),
      }),
    )
    .max(200)
    .optional(),
  shipments: z
    .strictObject({
      redirect_to: names.optional(),
      cost_per_unit: money.optional(),
      extra_days: days.optional(),
    })
    .optional(),
  open: z
    .array(
      z.strictObject({
        channel: name,
        market: name,
        like: z.strictObject({ channel: name, market: name }),
        relative_demand: range(0, 100),
        uncertainty: range(0, 3).optional(),
        setup_cost: money,
        lead_days: days.optional(),
        ramp_days: days.optional(),
        sells_from: names.optional(),
      }),
    )
    .max(20)
    .optional(),
  budget: z
    .array(
      z.strictObject({
        channel: name,
        market: name.optional(),
        curve: z
          .array(z.tuple([money, range(0, 10)]))
          .min(1)
          .max(50),
      }),
    )
    .max(20)
    .optional(),
  cancel: z
    .array(z.strictObject({ commitment: name, drives: range(0, 1).optional() }))
    .max(200)
    .optional(),
});

export type DecisionsInput = z.infer<typeof decisionsSchema>;

/**
 * The raw `decisions` value of a scenario, checked.
 * @throws BallastError('bad-input') naming the `decisions.…` key path.
 */
export function parseDecisions(raw: unknown, fileName: string): DecisionsInput {
  return parseChecked(decisionsSchema, raw ?? {}, fileName, ['decisions']);
}

/**
 * Any value checked against a zod schema the way scenario files are: the first problem as
 * `FILE: KEY.PATH: what`, with a hint (did-you-mean for a misspelt key). For files that share the
 * scenario's style of errors, such as a plan written by the user.
 */
export function parseChecked<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  fileName: string,
  prefix: KeyPath = [],
): z.output<T> {
  const parsed = schema.safeParse(raw, { error: errorMap, reportInput: true });
  if (parsed.success) return parsed.data;
  const { path, what, hint } = describeIssue(pickIssue(parsed.error.issues), prefix);
  return scenarioProblem(fileName, path, what, hint);
}
