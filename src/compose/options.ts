/**
 * Every engine operation's options as one zod schema: names, defaults and limits written once. The
 * CLI parses its flags with these, the server its query strings and bodies, and the engine parses
 * again whatever a caller hands it, so a limit holds however the engine is called. Numbers are
 * coerced because flags and query strings arrive as text.
 */
import { z } from 'zod';
import { BallastError } from '../errors.js';
import { DEFAULT_ALERTS } from '../exposure/index.js';
import { ENCODINGS } from '../ingest/index.js';
import { LANGS } from '../report/index.js';
import { DEFAULT_DEMO_SEED } from '../demo/index.js';

/** The planner's defaults when the caller does not say. */
export const PLAN_DEFAULTS = {
  planPaths: 1_000,
  evaluationPaths: 4_000,
  alpha: 0.95,
  lambda: 1,
  /** Bootstrap resamples the plan is solved again on, for the stability table. */
  resamples: 5,
};
/** Plans of the user's own one run may compare. */
export const MAX_COMPARED_PLANS = 20;
/** SKUs with at least this share of revenue on one channel are listed as single-channel. */
export const DEFAULT_SKU_THRESHOLD = 0.8;
/** Trailing days of an exposure window when no dates are given. */
export const DEFAULT_WINDOW_DAYS = 90;
export const DEFAULT_REJECTS_LIMIT = 100;
export const DEFAULT_DEMO_DIR = 'ballast-demo';

const count = (max: number) =>
  z.coerce
    .number()
    .int('a whole number')
    .min(1, 'at least 1')
    .max(max, `at most ${max.toLocaleString('en-US')}`);
const seed = z.coerce.number().int('a whole number').min(0, 'at least 0').max(4294967295, 'at most 2^32 - 1');
const share = z.coerce.number().min(0, 'a share between 0 and 1').max(1, 'a share between 0 and 1');
/** A seller's own name for one shop, to keep two stores of one channel apart. */
const storeName = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u, 'a store name like us-shop');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2025-01-17');
/** Worker threads; results are identical for any count. */
const workers = count(64);

export const importOptions = z.object({
  channel: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a channel name like shopify or tiktok-shop')
    .optional(),
  market: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code like US')
    .transform((m) => m.toUpperCase())
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code like USD')
    .transform((c) => c.toUpperCase())
    .optional(),
  encoding: z.enum(ENCODINGS).optional(),
  /** The shop these files come from, for exports that do not name it. */
  store: storeName.optional(),
});

export const rejectsOptions = z.object({
  limit: z.coerce
    .number()
    .int('a whole number')
    .min(0, 'at least 0')
    .max(100_000, 'at most 100,000')
    .default(DEFAULT_REJECTS_LIMIT),
});

export const exposureOptions = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Trailing days ending `to` (or the last order date); ignored when `from` is given. */
  window: count(3650).default(DEFAULT_WINDOW_DAYS),
  skuThreshold: share.default(DEFAULT_SKU_THRESHOLD),
  /** Alert when one channel is above this share of revenue. */
  alertShare: share.default(DEFAULT_ALERTS.shareBand),
  /** Alert when a channel gains more than this share (0.10 = 10 points) on the prior window. */
  alertGrowth: share.default(DEFAULT_ALERTS.growthPoints),
  /** Only this store's lines (as named at import); all stores when absent. */
  store: storeName.optional(),
});

export const reportOptions = exposureOptions.extend({
  lang: z.enum(LANGS).default('en'),
});

export const simulateOptions = z.object({
  /** Each overrides the scenario file's own value when given. */
  paths: count(1_000_000).optional(),
  horizonDays: count(3650).optional(),
  seed: seed.optional(),
  workers: workers.optional(),
});

export const planOptions = z
  .object({
    /** Weight of CVaR against expected profit (default 1), or instead a CVaR limit in base currency. */
    lambda: z.coerce.number().min(0, 'a weight of 0 or more').max(1_000, 'at most 1000').optional(),
    cvarLimit: z.coerce.number().min(0, 'an amount of 0 or more').optional(),
    alpha: z.coerce
      .number()
      .min(0.5, 'a level from 0.5 to 0.999')
      .max(0.999, 'a level from 0.5 to 0.999')
      .default(PLAN_DEFAULTS.alpha),
    /** Paths the optimiser sees, and fresh paths the plan is measured on. */
    paths: count(100_000).default(PLAN_DEFAULTS.planPaths),
    evaluationPaths: count(1_000_000).default(PLAN_DEFAULTS.evaluationPaths),
    seed: seed.optional(),
    horizonDays: count(3650).optional(),
    workers: workers.optional(),
    /** Measure each frontier plan on the fresh paths too. */
    frontier: z.boolean().default(false),
    /** Plans of the user's own (YAML lists of actions, docs/formulation.md), each with the name it is shown under. */
    compare: z
      .array(
        z.strictObject({
          name: z.string().min(1, 'a name like my-plan.yaml').max(200, 'at most 200 characters'),
          text: z.string().max(1_000_000, 'at most 1,000,000 characters'),
        }),
      )
      .max(MAX_COMPARED_PLANS, `at most ${MAX_COMPARED_PLANS} plans`)
      .default([]),
    /** Bootstrap resamples of the planning paths the plan is solved again on (0: no stability table). */
    resamples: z.coerce
      .number()
      .int('a whole number')
      .min(0, 'at least 0')
      .max(100, 'at most 100')
      .default(PLAN_DEFAULTS.resamples),
  })
  .superRefine((o, ctx) => {
    if (o.lambda !== undefined && o.cvarLimit !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['lambda'],
        message: 'give either `lambda` or `cvarLimit`, not both',
      });
  });

export const demoOptions = z.object({
  /** Folder for the files, the workspace and the report. */
  dir: z.string().min(1, 'a folder name like ballast-demo').default(DEFAULT_DEMO_DIR),
  seed: seed.default(DEFAULT_DEMO_SEED),
  workers: workers.optional(),
});

export const tableOptions = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  window: count(3650).default(DEFAULT_WINDOW_DAYS),
  /** The stored run a simulation-* or plan-* table comes from (default: the newest). */
  run: z.string().min(1).max(200).optional(),
  /** At most this many rows. */
  limit: count(1_000_000).optional(),
  /** Language of the column headers. */
  lang: z.enum(LANGS).default('en'),
});

export type ImportOptionsInput = z.input<typeof importOptions>;
export type RejectsOptionsInput = z.input<typeof rejectsOptions>;
export type ExposureOptionsInput = z.input<typeof exposureOptions>;
export type ReportOptionsInput = z.input<typeof reportOptions>;
export type SimulateOptionsInput = z.input<typeof simulateOptions>;
export type PlanOptionsInput = z.input<typeof planOptions>;
export type DemoOptionsInput = z.input<typeof demoOptions>;
export type TableOptionsInput = z.input<typeof tableOptions>;

/**
 * Options → their parsed form with defaults, or a BallastError naming the option (in backticks, so a
 * face can rename it: the CLI writes `--sku-threshold` for `skuThreshold`).
 */
export function parseOptions<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const option = String(issue?.path[0] ?? '');
  const message = issue?.message ?? 'is not valid';
  throw new BallastError('usage', message.includes('`') ? message : `\`${option}\`: ${message}`, {
    hint: 'Change that option and try again.',
    place: { option },
  });
}
