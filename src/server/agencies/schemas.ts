/**
 * What server mode's routes answer, as zod schemas: the OpenAPI document's response shapes
 * (openapi.ts). They mirror the Tenant's listings (src/agency); the route tests read real answers
 * against them.
 */
import { z } from 'zod';
import * as agencyEngine from '../../engine-agency.js';

const time = z.string().meta({ description: 'ISO 8601' });

export const meSchema = z
  .object({
    orgId: z.string(),
    actor: z.string().meta({ description: '`user:usr_…` or `token:tok_…`' }),
    permissions: z.array(z.enum(agencyEngine.PERMISSIONS)),
  })
  .meta({ id: 'Me' });

export const organisationSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Organisation' });

export const sellerSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: time })
  .meta({ id: 'Seller' });

const computed = { jobId: z.string(), computedAt: time };

export const headlineSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    baseCurrency: z.string(),
    totalRevenue: z.number(),
    topChannel: z.object({ channel: z.string(), share: z.number() }).nullable(),
    effectiveChannels: z.number(),
    alerts: z.number(),
    orderLines: z.number(),
    lastImportAt: time.nullable(),
    ...computed,
  })
  .meta({
    id: 'SellerHeadline',
    description: 'stored by the seller’s newest import job; null: not yet computed',
  });

export const riskSchema = z
  .object({
    runId: z.string(),
    scenarioName: z.string(),
    lossBasis: z.enum(['profit', 'revenue']),
    cvar95: z.number().nullable(),
    expectedLoss: z.number().nullable(),
    baseCurrency: z.string(),
    ...computed,
  })
  .meta({
    id: 'SellerRisk',
    description: 'stored by the seller’s newest simulation job; null: not yet computed',
  });

export const sellerListingSchema = sellerSchema.extend({ headline: headlineSchema.nullable() });

export const summarySchema = z.object({
  sellers: z.array(
    sellerSchema.extend({
      headline: headlineSchema.nullable(),
      risk: riskSchema.nullable(),
      openAlerts: z.number().int(),
    }),
  ),
});

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(agencyEngine.ROLES),
    createdAt: time,
  })
  .meta({ id: 'User' });

export const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(agencyEngine.PERMISSIONS)),
    createdAt: time,
    revokedAt: time.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const newTokenSchema = z.object({
  token: tokenSchema,
  secret: z.string().meta({ description: 'shown this once; stored only as its hash' }),
});

export const auditSchema = z.array(
  z.object({
    at: time,
    actor: z.string(),
    action: z.string(),
    sellerId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  }),
);

export const jobSchema = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    kind: z.string(),
    state: z.enum(agencyEngine.AGENCY_JOB_STATES),
    attempts: z.number().int(),
    runId: z.string().nullable(),
    result: z.unknown().meta({ description: 'the import summary, or {runId}' }),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
    createdBy: z.string(),
    createdAt: time,
    startedAt: time.nullable(),
    finishedAt: time.nullable(),
  })
  .meta({ id: 'AgencyJob' });

export const alertRulesSchema = z
  .object({
    sellerId: z.string(),
    rules: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'the alerts.yaml schema as JSON' }),
    updatedBy: z.string().nullable(),
    updatedAt: time.nullable(),
  })
  .meta({ id: 'AlertRules' });

export const alertSchema = z
  .object({
    seq: z.number().int(),
    sellerId: z.string(),
    key: z.string(),
    rule: z.string(),
    kind: z.string(),
    subject: z.string(),
    value: z.number(),
    threshold: z.number(),
    message: z.string(),
    openedAt: time,
    lastSeenAt: time,
    closedAt: time.nullable(),
    delivered: z.object({ webhook: time.nullable(), email: time.nullable() }),
  })
  .meta({ id: 'Alert' });

export const sellerAlertsSchema = z.object({ open: z.array(alertSchema), history: z.array(alertSchema) });

export const orgAlertsSchema = z.array(
  z.object({ sellerId: z.string(), name: z.string(), open: z.number().int(), alerts: z.array(alertSchema) }),
);
