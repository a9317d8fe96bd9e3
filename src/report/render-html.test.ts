import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';
import { CATALOGUES, LANGS, type Lang } from './i18n.js';
import { renderHtml } from './render-html.js';
import type { ExposureFigures, ReportData } from './types.js';

// Names a hostile or careless export could carry: each must stay text wherever it is shown.
const EVIL_CHANNEL = '<script>alert(1)</script>';
const EVIL_SKU = '"onload=alert(2) x="';
const EVIL_LOCATION = '<img src=x onerror=alert(3)>';
const EVIL_MARKET = '"><svg onload=alert(4)>';

const row = (revenue: number, share: number, extra: Partial<ExposureFigures['byChannel'][number]> = {}) => ({
  revenue,
  share,
  units: Math.round(revenue / 20),
  grossProfit: revenue * 0.3,
  growth: 0.1,
  priorRevenue: revenue / 1.1,
  ...extra,
});

/** A small but complete exposure: every section has something to draw, and every kind of name is hostile somewhere. */
function sample(overrides: Partial<ExposureFigures> = {}): ReportData {
  const exposure: ExposureFigures = {
    from: '2024-10-18',
    to: '2025-01-15',
    baseCurrency: 'USD',
    fxApproximate: false,
    totalRevenue: 100_000,
    byChannel: [
      { channel: 'tiktok-shop', ...row(60_000, 0.6, { growth: 1.5, grossProfit: null }) },
      { channel: 'amazon', ...row(30_000, 0.3) },
      { channel: EVIL_CHANNEL, ...row(10_000, 0.1, { growth: null, priorRevenue: 0 }) },
    ],
    byMarket: [
      { market: 'US', ...row(90_000, 0.9) },
      { market: EVIL_MARKET, ...row(10_000, 0.1) },
    ],
    byChannelMarket: [
      { channel: 'tiktok-shop', market: 'US', ...row(60_000, 0.6) },
      { channel: 'amazon', market: 'US', ...row(30_000, 0.3) },
      { channel: EVIL_CHANNEL, market: EVIL_MARKET, ...row(10_000, 0.1) },
    ],
    concentration: {
      channel: { hhi: 0.46, effectiveNumber: 1 / 0.46 },
      market: { hhi: 0.82, effectiveNumber: 1 / 0.82 },
    },
    skuDependency: [
      {
        sku: EVIL_SKU,
        channel: 'tiktok-shop',
        share: 1,
        revenueAtStake: 20_000,
        revenue: 20_000,
        soldElsewhere: false,
      },
      {
        sku: 'MUG-01',
        channel: EVIL_CHANNEL,
        share: 0.9,
        revenueAtStake: 5_000,
        revenue: 5_555,
        soldElsewhere: true,
      },
    ],
    lockedStock: [
      {
        location: 'FBT-US',
        kind: 'fbt',
        market: 'US',
        channels: ['tiktok-shop'],
        units: 1200,
        value: 3840,
        onlyChannel: 'tiktok-shop',
        inboundUnits: 2500,
        inboundValue: 8450,
      },
      {
        location: EVIL_LOCATION,
        kind: 'own',
        market: 'CN',
        channels: ['amazon', EVIL_CHANNEL],
        units: 5000,
        value: 16_000,
        onlyChannel: null,
        inboundUnits: 0,
        inboundValue: 0,
      },
    ],
    commitments: [
      { channel: 'tiktok-shop', remaining: 5503, cancellable: 0, cancelFees: 0, commitments: 1 },
      { channel: EVIL_CHANNEL, remaining: 11_507, cancellable: 11_507, cancelFees: 500, commitments: 1 },
    ],
    halo: [
      {
        driver: 'tiktok-shop',
        channel: 'amazon',
        share: 0.25,
        low: 0.19,
        high: 0.31,
        identified: true,
        reason: null,
        days: 730,
      },
      {
        driver: EVIL_CHANNEL,
        channel: 'amazon',
        share: 0.02,
        low: -0.05,
        high: 0.09,
        identified: true,
        reason: null,
        days: 730,
      },
      {
        driver: 'amazon',
        channel: 'tiktok-shop',
        share: null,
        low: null,
        high: null,
        identified: false,
        reason: 'only 90 days of history; at least 120 are needed',
        days: 90,
      },
      {
        driver: 'shopify',
        channel: 'amazon',
        share: null,
        low: null,
        high: null,
        identified: false,
        reason:
          "shopify's past sales do not help predict amazon's beyond its own past: no sign that shopify leads",
        days: 730,
      },
    ],
    alerts: [
      { kind: 'share-above-band', channel: 'tiktok-shop', share: 0.6, priorShare: 0.3, threshold: 0.5 },
      { kind: 'share-rising', channel: EVIL_CHANNEL, share: 0.1, priorShare: 0, threshold: 0.05 },
    ],
    ...overrides,
  };
  const months = Array.from(
    { length: 24 },
    (_, i) => `${2023 + Math.floor((i + 1) / 12)}-${String(((i + 1) % 12) + 1).padStart(2, '0')}`,
  );
  return {
    exposure,
    monthly: {
      months,
      to: '2025-01-15',
      byChannel: [
        { channel: 'tiktok-shop', revenue: months.map((_, i) => 1000 + 400 * i) },
        { channel: 'amazon', revenue: months.map(() => 5000) },
        { channel: EVIL_CHANNEL, revenue: months.map((_, i) => (i % 3) * 300) },
      ],
      byMarket: [
        { market: 'US', revenue: months.map(() => 9000) },
        { market: EVIL_MARKET, revenue: months.map((_, i) => 100 * i) },
      ],
    },
    skuThreshold: 0.8,
    generatedAt: '2025-01-20T08:00:00.000Z',
  };
}

const CHARTS = [
  'channel-share',
  'channel-trend',
  'market-share',
  'market-trend',
  'concentration',
  'sku-dependency',
  'locked-stock',
  'commitments',
  'halo',
];

/** Whether a page holds a string or pattern, reported without dumping the whole page on failure. */
function contains(page: string, needle: string | RegExp): void {
  expect(
    typeof needle === 'string' ? page.includes(needle) : needle.test(page),
    `expected the page to hold ${String(needle)}`,
  ).toBe(true);
}

function lacks(page: string, needle: string | RegExp): void {
  expect(
    typeof needle === 'string' ? page.includes(needle) : needle.test(page),
    `expected the page not to hold ${String(needle)}`,
  ).toBe(false);
}

/** Every opening tag with its attributes, as a browser would tokenise them (good enough for generated markup). */
function tags(page: string): string[] {
  return page.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

describe.each(LANGS)('the HTML report (%s)', (lang: Lang) => {
  const t = CATALOGUES[lang];
  const page = renderHtml(sample(), { lang });

  it('is one document in the language, titled with the period', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    contains(page, `<html lang="${lang}">`);
    contains(page, new RegExp(`<title>${t.title} · [^<]+</title>`));
    expect(page.match(/<html/g)).toHaveLength(1);
  });

  it('keeps hostile names as text: no script, no event handler, no injected element', () => {
    lacks(page, /<script/i);
    lacks(page, /<img/i);
    for (const tag of tags(page)) expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
    contains(page, escapeHtml(EVIL_CHANNEL));
    contains(page, escapeHtml(EVIL_SKU));
    contains(page, escapeHtml(EVIL_LOCATION));
    // Only the ones Ballast wrote: the root element of each chart.
    expect(page.match(/<svg[\s>]/g)).toHaveLength(CHARTS.length);
  });

  it('draws every chart as inline SVG with shapes and labels', () => {
    for (const id of CHARTS) {
      const start = page.indexOf(`data-chart="${id}"`);
      expect(start, id).toBeGreaterThan(0);
      const svg = page.slice(page.indexOf('<svg', start), page.indexOf('</svg>', start) + 6);
      expect(svg, id).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
      expect(svg.match(/<path /g)?.length ?? 0, `${id} paths`).toBeGreaterThan(2);
      expect(svg.match(/<text /g)?.length ?? 0, `${id} labels`).toBeGreaterThan(1);
    }
  });

  it('references nothing outside the file', () => {
    const withoutNamespaces = page.replace(/\sxmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]+"/g, '');
    lacks(withoutNamespaces, /https?:\/\//i);
    expect(tags(page).filter((tag) => /\s(src|srcset|poster|data)=/i.test(tag))).toEqual([]);
    lacks(page, /@import|@font-face/i);
    lacks(page, /url\((?!#)/i);
    expect(page.match(/href="([^"]*)"/g)?.every((h) => h.startsWith('href="#'))).toBe(true);
    contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('has a print stylesheet for A4: a page per section, nothing split inside a chart', () => {
    contains(page, /@page \{ size: A4;/);
    contains(page, /@media print \{[\s\S]*section \{ break-before: page;/);
    contains(page, /figure\.chart[^{]*\{ break-inside: avoid/);
    contains(page, /\.chart-svg svg \{[^}]*width: 100%; height: auto;/);
  });

  it('highlights each alert and names the channel in words', () => {
    expect(page.match(/<li class="alert"/g)).toHaveLength(2);
    contains(
      page,
      escapeHtml(t.alertShareAboveBand({ channel: 'TikTok Shop', share: '60.0%', threshold: '50%' })),
    );
  });

  it('lists halo pairs it could not identify, with the reason in the language', () => {
    contains(page, escapeHtml(t.haloNotIdentifiedTitle));
    contains(page, escapeHtml(t.haloReasonHistory({ days: '90', min: '120' })));
    contains(
      page,
      escapeHtml(t.haloReasonNoLead({ driver: 'Shopify', channel: lang === 'en' ? 'Amazon' : '亚马逊' })),
    );
    contains(
      page,
      escapeHtml(
        t.haloClearPositive({
          driver: 'TikTok Shop',
          channel: lang === 'en' ? 'Amazon' : '亚马逊',
          share: '25.0%',
          low: '19.0%',
          high: '31.0%',
        }),
      ),
    );
  });

  it('says profit is unknown where costs are missing, rather than showing zero', () => {
    contains(page, escapeHtml(t.profitUnknown));
    contains(page, `<span class="unknown">${escapeHtml(t.unknown)}</span>`);
  });
});

describe('the HTML report without inventory, commitments or orders', () => {
  it('says stock and committed spend are unknown, not zero', () => {
    const page = renderHtml(sample({ lockedStock: null, commitments: null }), { lang: 'en' });
    const t = CATALOGUES.en;
    contains(page, escapeHtml(t.stockUnknown));
    contains(page, escapeHtml(t.commitmentsUnknown));
    lacks(page, 'data-chart="locked-stock"');
    lacks(page, 'data-chart="commitments"');
  });

  it('explains an empty workspace instead of drawing empty charts', () => {
    const empty = sample({
      from: null,
      to: null,
      totalRevenue: 0,
      byChannel: [],
      byMarket: [],
      byChannelMarket: [],
      skuDependency: [],
      halo: [],
      alerts: [],
    });
    const page = renderHtml(
      { ...empty, monthly: { months: [], to: null, byChannel: [], byMarket: [] } },
      { lang: 'zh-CN' },
    );
    contains(page, escapeHtml(CATALOGUES['zh-CN'].noData));
    lacks(page, '<svg');
    contains(page, `<title>${CATALOGUES['zh-CN'].title}</title>`);
  });

  it('shows a sentence instead of a trend with less than two months of history', () => {
    const data = sample();
    const page = renderHtml(
      { ...data, monthly: { ...data.monthly, months: ['2025-01'], byChannel: [], byMarket: [] } },
      { lang: 'en' },
    );
    contains(page, CATALOGUES.en.trendNone);
    lacks(page, 'data-chart="channel-trend"');
  });
});
