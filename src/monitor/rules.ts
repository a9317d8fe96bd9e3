/**
 * The alert rules file (alerts.yaml): what to watch, and where to send an alert. Validated once here;
 * everything after trusts the types.
 */
import { z } from 'zod';

const share = z.number().min(0).max(1);
const name = z.string().min(1).max(80);
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'is not a valid id');

const shareAbove = z.strictObject({
  id: id.optional(),
  when: z.literal('share-above'),
  /** One channel, or one market; neither watches every channel. */
  channel: name.optional(),
  market: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'is not an ISO 3166 code like US')
    .optional(),
  above: share,
});
const shareRise = z.strictObject({
  id: id.optional(),
  when: z.literal('share-rise'),
  by: z.enum(['channel', 'market']).default('channel'),
  /** Share points against the previous window of the same length: 0.1 = 10 points. */
  points: share,
});
const lockedStockAbove = z.strictObject({
  id: id.optional(),
  when: z.literal('locked-stock-above'),
  /** Units, on hand or inbound, that only one channel can sell. */
  units: z.number().min(0),
});
const cvarAbove = z.strictObject({
  id: id.optional(),
  when: z.literal('cvar-above'),
  /** The stored simulation's scenario name; by default the newest simulation, whatever its scenario. */
  scenario: name.optional(),
  /** CVaR95 of the loss, in base currency. */
  limit: z.number().min(0),
});

export const ruleSchema = z.discriminatedUnion('when', [shareAbove, shareRise, lockedStockAbove, cvarAbove]);

const deliverSchema = z.strictObject({
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      /** The environment variable holding the HMAC secret; a secret never sits in the file. */
      secret_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'is not an environment variable name'),
    })
    .optional(),
  email: z
    .strictObject({
      /** The environment variable holding the SMTP URL (smtp://user:password@host:587). */
      smtp_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'is not an environment variable name'),
      from: z.email(),
      to: z.array(z.email()).min(1),
    })
    .optional(),
});

export const WINDOWS = [30, 90, 365] as const;
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type AlertLanguage = (typeof LANGUAGES)[number];

export const alertRulesSchema = z.strictObject({
  language: z.enum(LANGUAGES).default('en'),
  window: z.union(WINDOWS.map((w) => z.literal(w))).default(90),
  rules: z.array(ruleSchema).min(1).max(200),
  deliver: deliverSchema.default({}),
});

export type AlertRule = z.output<typeof ruleSchema>;
export type RuleKind = AlertRule['when'];
export type AlertRules = z.output<typeof alertRulesSchema>;
export type Delivery = AlertRules['deliver'];

/** Without a rules file: the exposure command's own alerts (one channel above half, or up 10 points). */
export const DEFAULT_RULES: AlertRules = alertRulesSchema.parse({
  rules: [
    { id: 'channel-share', when: 'share-above', above: 0.5 },
    { id: 'channel-rise', when: 'share-rise', points: 0.1 },
  ],
});

/** A rule's id: its own, else its kind and position, so history lines up across runs. */
export function ruleId(rule: AlertRule, index: number): string {
  return rule.id ?? `${rule.when}-${index + 1}`;
}
