import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGS } from './i18n.js';
import { renderHtml } from './render-html.js';
import type { ExposureFigures, PlanFigures, ReportData } from './types.js';

const EVIL = '<img src=x onerror=alert(7)>';

const measure = (expectedProfit: number, cvar: number) => ({
  expectedProfit,
  expectedProfitStderr: 120,
  cvar,
  cvarStderr: 300,
});

/** A stored plan with one action of every kind; a hostile SKU and commitment id. */
function storedPlan(overrides: Partial<PlanFigures> = {}): PlanFigures {
  const reason = { expectedGain: 900, tailGain: 4_000, tailShare: 0.25 };
  return {
    runId: 'plan-20250119080000-abcdef12',
    storedAt: '2025-01-19T08:00:00Z',
    scenario: { name: 'TikTok ban, 19 January 2025', start: '2025-01-19' },
    baseCurrency: 'USD',
    alpha: 0.95,
    risk: { kind: 'lambda', lambda: 1 },
    actions: [
      {
        kind: 'transfer',
        sku: EVIL,
        from: 'FBT-US',
        to: 'US-3PL',
        units: 1_800,
        arrives: '2025-01-26',
        cost: 1_800,
        ...reason,
      },
      {
        kind: 'redirect',
        sku: 'SKU-3',
        shipment: 'SH-104',
        from: 'FBT-US',
        to: 'FBA-US',
        units: 600,
        arrives: '2025-02-06',
        cost: 300,
        ...reason,
      },
      {
        kind: 'open',
        channel: 'temu',
        market: 'US',
        sellingFrom: '2025-02-02',
        fullDemandBy: '2025-03-04',
        cost: 3_000,
        ...reason,
      },
      { kind: 'budget', channel: 'amazon', spend: 5_000, uplift: 0.08, cost: 5_000, ...reason },
      { kind: 'cancel', commitment: EVIL, cost: 500, ...reason },
    ],
    objective: 40_000,
    inSample: { ...measure(52_000, 12_000), paths: 1_000, doNothing: measure(48_000, 18_000) },
    outOfSample: {
      ...measure(51_000, 12_500),
      paths: 4_000,
      seed: 1_000_004,
      objective: 38_500,
      doNothing: measure(47_000, 19_000),
      probBeatsDoNothing: 0.62,
      probBeatsDoNothingStderr: 0.008,
      gain: { mean: 4_000, stderr: 150 },
    },
    optimism: 1_500,
    gainOptimism: 700,
    frontier: [0, 0.5, 1, 2].map((lambda, i) => ({
      lambda,
      expectedProfit: 53_000 - 500 * i,
      cvar: 16_000 - 1_500 * i,
      actions: 2 + i,
      outOfSample: { expectedProfit: 52_000 - 500 * i, cvar: 16_500 - 1_500 * i },
    })),
    assumed: { transfer: { costPerUnit: 1, leadDays: 7 } },
    ...overrides,
  };
}

function data(plan: PlanFigures | null | undefined): ReportData {
  const exposure: ExposureFigures = {
    from: '2024-10-18',
    to: '2025-01-17',
    baseCurrency: 'USD',
    fxApproximate: false,
    totalRevenue: 100_000,
    byChannel: [
      {
        channel: 'tiktok-shop',
        revenue: 100_000,
        share: 1,
        units: 5_000,
        grossProfit: null,
        growth: null,
        priorRevenue: 0,
      },
    ],
    byMarket: [
      {
        market: 'US',
        revenue: 100_000,
        share: 1,
        units: 5_000,
        grossProfit: null,
        growth: null,
        priorRevenue: 0,
      },
    ],
    byChannelMarket: [],
    concentration: { channel: { hhi: 1, effectiveNumber: 1 }, market: { hhi: 1, effectiveNumber: 1 } },
    skuDependency: [],
    lockedStock: null,
    commitments: null,
    halo: [],
    alerts: [],
  };
  return {
    exposure,
    monthly: { months: [], to: null, byChannel: [], byMarket: [] },
    skuThreshold: 0.8,
    generatedAt: '2025-01-19T08:00:00.000Z',
    ...(plan === undefined ? {} : { plan }),
  };
}

function planPart(page: string): string {
  const start = page.indexOf('<section id="plan"');
  expect(start, 'plan section').toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('plan section of the report', () => {
  it.each(LANGS)(
    '%s: every action in words, the fresh-path figures, the frontier as SVG, hostile names escaped',
    (lang) => {
      const page = renderHtml(data(storedPlan()), { lang });
      const part = planPart(page);
      const t = CATALOGUES[lang];
      expect(part).toContain(t.planTitle);
      expect(part).toContain('FBT-US');
      expect(part).toContain('SH-104');
      expect(part).toMatch(lang === 'en' ? /Open Temu in United States/ : /在美国开设 Temu/);
      expect(part).not.toContain(EVIL);
      expect(part).toContain('&lt;img src=x onerror=alert(7)&gt;');
      expect(part).toMatch(/data-chart="frontier"><svg/);
      expect(part).toContain(lang === 'en' ? '62.0%' : '62.0%');
      expect(part).toContain(lang === 'en' ? '$4,000 ± $150' : 'US$4,000 ± US$150');
      expect((part.match(/<tr>/g) ?? []).length).toBeGreaterThanOrEqual(5 + 3 + 4);
      expect(part).toContain(
        lang === 'en' ? 'Transfers assume $1 a unit and 7 days' : '调拨按每件 US$1、7 天估算',
      );
    },
  );

  it('says how to make a plan when there is none, and has no section when the caller reads no plans', () => {
    expect(planPart(renderHtml(data(null), { lang: 'en' }))).toContain('ballast plan scenario.yaml');
    expect(renderHtml(data(undefined), { lang: 'en' })).not.toContain('<section id="plan"');
  });

  it('a plan that does nothing says so', () => {
    expect(planPart(renderHtml(data(storedPlan({ actions: [] })), { lang: 'zh-CN' }))).toContain(
      CATALOGUES['zh-CN'].planNoActions,
    );
  });
});
