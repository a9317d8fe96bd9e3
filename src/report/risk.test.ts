import { describe, expect, it } from 'vitest';
import {
  MAX_TORNADO_ROWS,
  factorWords,
  fanChart,
  fanDates,
  histogramBins,
  lossHistogramChart,
  tornadoChart,
  tornadoRows,
} from './charts/risk.js';
import { chartContext } from './context.js';
import { escapeHtml } from './html.js';
import { CATALOGUES, LANGS, type Lang } from './i18n.js';
import { renderHtml } from './render-html.js';
import { renderSvg } from './ssr.js';
import type { ExposureFigures, MonthlySeries, ReportData, RiskStats, SimulationFigures } from './types.js';

const EVIL_SCENARIO = '<script>alert("scenario")</script>';
const EVIL_EVENT = '<img src=x onerror=alert(5)>';
const EVIL_LINE = '"><svg onload=alert(6)>: Hits tiktok-shop; 70% chance.';

const stats = (mean: number, spread: number): RiskStats => ({
  mean,
  stdev: spread,
  stderr: spread / 20,
  p5: 0,
  p50: mean,
  p95: mean + 2 * spread,
  var90: mean + spread,
  var95: mean + 2 * spread,
  var99: mean + 3 * spread,
  cvar90: mean + 1.5 * spread,
  cvar95: mean + 2.5 * spread,
  cvar99: mean + 3.2 * spread,
});

const DAYS = 60;
const day = (f: (d: number) => number) => Array.from({ length: DAYS }, (_, d) => f(d));

/** A run of 400 paths over 60 days: a hostile scenario name, event id and description line. */
function run(overrides: Partial<SimulationFigures> = {}): SimulationFigures {
  const counts = [120, 0, 10, 20, 40, 60, 70, 50, 20, 10];
  return {
    runId: 'sim-20250120080000-abcdef12',
    storedAt: '2025-01-20T08:00:00Z',
    scenario: {
      name: EVIL_SCENARIO,
      start: '2025-01-16',
      description: [
        `${EVIL_SCENARIO}: 60 days from 2025-01-16, 400 paths, seed 7.`,
        EVIL_LINE,
        '  Permanent.',
      ],
      warnings: [],
    },
    baseCurrency: 'USD',
    paths: 400,
    horizonDays: DAYS,
    seed: 7,
    revenue: stats(90_000, 8_000),
    profit: stats(30_000, 4_000),
    revenueLoss: stats(20_000, 6_000),
    profitLoss: stats(7_000, 2_000),
    lossBasis: 'profit',
    probabilityLossAbove: { threshold: 10_000, probability: 0.21 },
    probabilityCashBelowZero: 0.035,
    lostUnits: [
      { channel: 'tiktok-shop', mean: 2400 },
      { channel: 'amazon', mean: 300 },
      { channel: 'shopify', mean: 0 },
    ],
    divertedUnits: [
      { channel: 'tiktok-shop', mean: 0 },
      { channel: 'amazon', mean: 600 },
      { channel: 'shopify', mean: 0 },
    ],
    strandedUnits: { mean: 800, p95: 1200 },
    fan: {
      p5: day((d) => (d < 10 ? 1400 : 700)),
      p25: day((d) => (d < 10 ? 1600 : 900)),
      p50: day((d) => (d < 10 ? 1700 : 1300)),
      p75: day(() => 1800),
      p95: day(() => 1950),
      expectedWithoutEvents: day(() => 1750),
    },
    tornado: [
      ...['probability', 'severity', 'duration', 'diversion share', 'halo', 'chance permanent'].map(
        (setting, i) => ({
          parameter: `tiktok.us-ban.${setting}`,
          low: '×0.5',
          high: setting === 'diversion share' ? '×1.5 (total max 1)' : '×1.5 (max 1)',
          lossLow: 7_000 - 3_000 / (i + 1),
          lossHigh: 7_000 + 2_500 / (i + 1),
          swing: 5_500 / (i + 1),
        }),
      ),
      ...['probability', 'severity', 'duration', 'landed cost shock', 'mystery knob'].map((setting, i) => ({
        parameter: `${EVIL_EVENT}.${setting}`,
        low: '×0.5',
        high: setting === 'mystery knob' ? '×2 (experimental)' : '×1.5',
        lossLow: 7_000 - 200 / (i + 1),
        lossHigh: 7_000 + 150 / (i + 1),
        swing: 350 / (i + 1),
      })),
    ],
    tailShare: [
      { event: 'tiktok.us-ban', share: 0.8 },
      { event: EVIL_EVENT, share: 0.2 },
    ],
    eventFrequency: [
      { event: 'tiktok.us-ban', probability: 0.7 },
      { event: EVIL_EVENT, probability: 0.5 },
    ],
    lossHistogram: {
      edges: counts.map((_, i) => -1_000 + i * 2_000).concat(19_000),
      counts,
    },
    notes: [],
    ...overrides,
  };
}

const monthly: MonthlySeries = { months: [], to: null, byChannel: [], byMarket: [] };

function exposure(): ExposureFigures {
  const share = (revenue: number, s: number) => ({
    revenue,
    share: s,
    units: revenue / 20,
    grossProfit: revenue * 0.3,
    growth: 0.1,
    priorRevenue: revenue / 1.1,
  });
  return {
    from: '2024-10-18',
    to: '2025-01-15',
    baseCurrency: 'USD',
    fxApproximate: false,
    totalRevenue: 100_000,
    byChannel: [
      { channel: 'tiktok-shop', ...share(60_000, 0.6) },
      { channel: 'amazon', ...share(40_000, 0.4) },
    ],
    byMarket: [{ market: 'US', ...share(100_000, 1) }],
    byChannelMarket: [],
    concentration: {
      channel: { hhi: 0.52, effectiveNumber: 1 / 0.52 },
      market: { hhi: 1, effectiveNumber: 1 },
    },
    skuDependency: [],
    lockedStock: null,
    commitments: null,
    halo: [],
    alerts: [],
  };
}

function data(simulation: SimulationFigures | null | undefined): ReportData {
  return {
    exposure: exposure(),
    monthly,
    skuThreshold: 0.8,
    generatedAt: '2025-01-20T08:00:00.000Z',
    ...(simulation === undefined ? {} : { simulation }),
  };
}

const RISK_CHARTS = ['loss-histogram', 'risk-fan', 'tornado'];

/** The risk section's markup: from its opening tag to the next section or the footer. */
function riskPart(page: string): string {
  const start = page.indexOf('<section id="risk"');
  expect(start, 'risk section').toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start));
}

function svgOf(page: string, id: string): string {
  const start = page.indexOf(`data-chart="${id}"`);
  expect(start, id).toBeGreaterThan(0);
  return page.slice(page.indexOf('<svg', start), page.indexOf('</svg>', start) + 6);
}

describe('risk chart builders', () => {
  const ctx = chartContext(exposure(), monthly, 'en');

  it('histogram: ranges with their share of paths, the tail from the range holding VaR 95 %', () => {
    const bins = histogramBins(run());
    expect(bins).toHaveLength(10);
    expect(bins.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
    expect(bins[0]).toMatchObject({ from: -1_000, to: 1_000, paths: 120, share: 0.3, tail: false });
    // VaR 95 % of the profit loss is 11,000: the range 9,000–11,000 reaches it.
    expect(bins.map((b) => b.tail)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(histogramBins(run({ lossHistogram: undefined }))).toEqual([]);
  });

  it('histogram chart: body and tail bars, and the expected loss, VaR and CVaR as named lines', () => {
    const spec = lossHistogramChart(run(), ctx);
    const series = spec.option.series as Array<{ type: string; name: string; data: number[][] }>;
    expect(series.map((s) => s.type)).toEqual(['custom', 'custom', 'line', 'line', 'line']);
    expect(series[0].data).toHaveLength(5);
    expect(series[1].data[0]).toEqual([9_000, 11_000, 60 / 400]);
    expect(series.slice(2).map((s) => s.name)).toEqual([
      'Expected loss $7,000',
      'VaR 95 % $11,000',
      'CVaR 95 % $12,000',
    ]);
    expect(series[2].data.map((p) => p[0])).toEqual([7_000, 7_000]);
    const svg = renderSvg(spec);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(10);
    expect(svg).toContain('VaR 95 % $11,000');
  });

  it('histogram chart: a run where every path loses the same draws one visible bar', () => {
    const same = run({ lossHistogram: { edges: [20_000, 20_000], counts: [400] } });
    const spec = lossHistogramChart(same, ctx);
    const x = spec.option.xAxis as { min: number; max: number };
    expect(x.min).toBeLessThan(20_000);
    expect(x.max).toBeGreaterThan(20_000);
    expect(renderSvg(spec)).toMatch(/<path d="M\d/);
  });

  it('fan chart: dates from the scenario start, stacked bands of the right width, median and no-event line', () => {
    const sim = run();
    expect(fanDates(sim).slice(0, 2)).toEqual(['2025-01-16', '2025-01-17']);
    expect(fanDates(sim).at(-1)).toBe('2025-03-16');
    const spec = fanChart(sim, ctx);
    const x = spec.option.xAxis as { data: string[] };
    expect(x.data[0]).toBe('Jan 16');
    const series = spec.option.series as Array<{ name?: string; stack?: string; data: number[] }>;
    expect(series).toHaveLength(6);
    expect(series[0].data[20]).toBe(700); // invisible base: the 5th percentile
    expect(series[1].data[20]).toBe(1950 - 700); // the band stacked on it reaches the 95th
    expect(series[3].data[20]).toBe(1800 - 900);
    expect(series.map((s) => s.name)).toEqual([
      undefined,
      CATALOGUES.en.riskFanBand90,
      undefined,
      CATALOGUES.en.riskFanBand50,
      CATALOGUES.en.riskFanMedian,
      CATALOGUES.en.riskFanExpected,
    ]);
    const svg = renderSvg(spec);
    expect(svg).toContain('Jan 16');
    expect(svg).toContain(CATALOGUES.en.riskFanExpected);
  });

  it('tornado rows: the ten largest swings, event ids with dots kept whole, settings in words', () => {
    const rows = tornadoRows(run(), CATALOGUES.en);
    expect(rows).toHaveLength(MAX_TORNADO_ROWS);
    expect(rows[0]).toMatchObject({ event: 'tiktok.us-ban', setting: 'probability', swing: 5_500 });
    expect(rows.map((r) => r.swing)).toEqual([...rows.map((r) => r.swing)].sort((a, b) => b - a));
    expect(rows.find((r) => r.setting === 'diversion share')?.high).toBe(
      '×1.5 (all shares together at most 1)',
    );
    expect(rows.find((r) => r.event === EVIL_EVENT)).toBeDefined();
    const all = tornadoRows(run(), CATALOGUES['zh-CN'], 100);
    expect(all.at(-1)).toMatchObject({
      event: EVIL_EVENT,
      setting: 'mystery knob',
      high: '×2 (experimental)',
    });
    expect(factorWords('×1.5 (max 1)', CATALOGUES['zh-CN'])).toBe('×1.5（最多为 1）');
  });

  it('tornado chart: largest swing on top, bars around the run’s expected loss', () => {
    const spec = tornadoChart(run(), ctx);
    const y = spec.option.yAxis as { data: string[] };
    expect(y.data).toHaveLength(MAX_TORNADO_ROWS);
    expect(y.data.at(-1)).toBe('tiktok.us-ban: probability');
    const series = spec.option.series as Array<{
      data: number[][];
      markLine?: { data: Array<{ xAxis: number }> };
    }>;
    expect(series[0].markLine?.data).toEqual([{ xAxis: 7_000 }]);
    expect(series[0].data.at(-1)).toEqual([7_000, 4_000, MAX_TORNADO_ROWS - 1]);
    expect(series[1].data.at(-1)).toEqual([7_000, 9_500, MAX_TORNADO_ROWS - 1]);
    const svg = renderSvg(spec);
    expect(svg).toContain('Expected loss $7,000');
    expect(svg).not.toContain('<img');
  });
});

describe.each(LANGS)('the risk section (%s)', (lang: Lang) => {
  const t = CATALOGUES[lang];
  const page = renderHtml(data(run()), { lang });
  const risk = riskPart(page);

  it('comes last, in the contents, titled in the language', () => {
    expect(page).toContain(`<a href="#risk">${escapeHtml(t.riskTitle)}</a>`);
    expect(risk).toContain(escapeHtml(t.riskTitle));
  });

  it('draws the histogram, the fan and the tornado as inline SVG, each with its table', () => {
    for (const id of RISK_CHARTS) {
      const svg = svgOf(risk, id);
      expect(svg, id).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
      expect(svg.match(/<path /g)?.length ?? 0, `${id} paths`).toBeGreaterThan(3);
      expect(svg.match(/<text /g)?.length ?? 0, `${id} labels`).toBeGreaterThan(2);
    }
    expect(risk.match(/class="numbers-label"/g)).toHaveLength(RISK_CHARTS.length);
  });

  it('keeps hostile scenario names, description lines and event ids as text', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    for (const tag of page.match(/<[a-zA-Z][^>]*>/g) ?? []) expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(risk).toContain(`<strong>${escapeHtml(EVIL_SCENARIO)}</strong>`);
    expect(risk).toContain(escapeHtml(EVIL_LINE));
    expect(risk).toContain(escapeHtml(EVIL_EVENT));
    // In the tornado's SVG labels too, escaped by the renderer.
    expect(svgOf(risk, 'tornado')).toContain('&lt;img src=x onerror=alert(5)&gt;');
  });

  it('gives the key figures with their standard error, and the chances as shares of paths', () => {
    const fmt = chartContext(exposure(), monthly, lang).fmt;
    expect(risk).toContain(escapeHtml(t.riskKpiExpectedNote({ stderr: fmt.money(100) })));
    for (const amount of [7_000, 11_000, 12_000, 13_400])
      expect(risk).toContain(escapeHtml(fmt.money(amount)));
    expect(risk).toContain(escapeHtml(t.riskKpiAbove({ threshold: fmt.money(10_000) })));
    expect(risk).toContain(escapeHtml(fmt.percent(0.21)));
    expect(risk).toContain(escapeHtml(fmt.percent(0.035)));
    expect(risk).toContain(escapeHtml(t.riskUnits({ units: fmt.integer(800) })));
    expect(risk).toContain(escapeHtml(t.riskKpiCvar95Note({ paths: '20' })));
    expect(risk).toContain(
      escapeHtml(
        t.riskScenarioPeriodValue({ from: fmt.date('2025-01-16'), to: fmt.date('2025-03-16'), days: '60' }),
      ),
    );
  });

  it('lists each event’s share of the tail and units by channel, leaving out channels that lost nothing', () => {
    expect(risk).toContain(escapeHtml(t.colTailShare));
    expect(risk).toContain('80.0%');
    expect(risk).toContain(escapeHtml(t.riskUnitsTitle));
    expect(risk).toContain(escapeHtml(t.channelNames['tiktok-shop']));
    expect(risk).not.toContain('>Shopify<');
  });

  it('says how to make a run when the workspace has none, instead of charts', () => {
    const empty = riskPart(renderHtml(data(null), { lang }));
    expect(empty).toContain(escapeHtml(t.riskNoRun));
    expect(empty).toContain('ballast simulate scenario.yaml');
    expect(empty).not.toContain('<svg');
  });

  it('is left out by a caller that does not read simulation runs', () => {
    expect(renderHtml(data(undefined), { lang })).not.toContain('id="risk"');
  });

  it('says what it cannot know rather than showing zero: no costs, no inventory, no cash, no histogram', () => {
    const unknowing = riskPart(
      renderHtml(
        data(
          run({
            lossBasis: 'revenue',
            profit: null,
            profitLoss: null,
            strandedUnits: null,
            probabilityCashBelowZero: null,
            lossHistogram: undefined,
            notes: [
              'No costs imported: profit is unknown and only revenue results are shown. Import a costs file (sku,unit_cost,currency).',
              'Something new the report does not know.',
            ],
          }),
        ),
        { lang },
      ),
    );
    for (const text of [
      t.riskProfitUnknown,
      t.riskStockUnknown,
      t.riskCashUnknown,
      t.riskHistogramMissing,
      t.riskKpiStrandedUnknown,
      'Something new the report does not know.',
    ])
      expect(unknowing).toContain(escapeHtml(text));
    expect(unknowing).not.toContain('No costs imported');
    expect(unknowing).toContain(`<span class="unknown">${escapeHtml(t.unknown)}</span>`);
    expect(unknowing).not.toContain('data-chart="loss-histogram"');
    expect(unknowing).toContain('data-chart="risk-fan"');
  });

  it('says there is nothing to vary or share without events', () => {
    const calm = riskPart(
      renderHtml(data(run({ tornado: [], tailShare: [], eventFrequency: [] })), { lang }),
    );
    expect(calm).toContain(escapeHtml(t.riskTornadoNone));
    expect(calm).toContain(escapeHtml(t.riskNoEvents));
    expect(calm).not.toContain('data-chart="tornado"');
  });
});
