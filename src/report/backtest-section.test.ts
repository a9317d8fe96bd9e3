import { describe, expect, it } from 'vitest';
import { LANGS } from './i18n.js';
import { renderHtml } from './render-html.js';
import type { BacktestFigures, ExposureFigures, ReportData } from './types.js';

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
    byChannel: [{ channel: 'amazon', ...share(100_000, 1) }],
    byMarket: [{ market: 'US', ...share(100_000, 1) }],
    byChannelMarket: [],
    concentration: { channel: { hhi: 1, effectiveNumber: 1 }, market: { hhi: 1, effectiveNumber: 1 } },
    skuDependency: [],
    lockedStock: null,
    commitments: null,
    halo: [],
    alerts: [],
  };
}

const none = { coverage80: NaN, coverage95: NaN };
function figures(coverage80: number): BacktestFigures {
  return {
    through: '2025-01-15',
    holdoutDays: 56,
    cells: 42,
    rows: [
      { method: 'ballast', mase: 0.81, rmsse: 0.74, bias: -0.031, coverage80, coverage95: 0.94 },
      { method: 'seasonal-naive', mase: 1.02, rmsse: 0.93, bias: 0.05, ...none },
      { method: 'naive', mase: 1.3, rmsse: 1.1, bias: 0.2, ...none },
    ],
  };
}

function data(backtest: BacktestFigures | null | undefined): ReportData {
  return {
    exposure: exposure(),
    monthly: { months: [], to: null, byChannel: [], byMarket: [] },
    skuThreshold: 0.8,
    generatedAt: '2025-01-20T08:00:00.000Z',
    ...(backtest === undefined ? {} : { backtest }),
  };
}

function part(page: string): string {
  const start = page.indexOf('<section id="backtest"');
  expect(start, 'backtest section').toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('report: backtest section', () => {
  it('shows accuracy and interval coverage in every language', () => {
    for (const lang of LANGS) {
      const html = part(renderHtml(data(figures(0.79)), { lang }));
      expect(html).toContain('0.81');
      expect(html).toContain('1.02');
      expect(html).toMatch(/79(\.0)?\s?%/);
      expect(html).toMatch(/94(\.0)?\s?%/);
      expect(html).not.toContain('unknown-box');
    }
  });

  it('warns when the intervals miss by more than 5 points, says so when there is no test, and is absent when not asked', () => {
    expect(part(renderHtml(data(figures(0.7)), { lang: 'en' }))).toContain('read the spread');
    expect(part(renderHtml(data(null), { lang: 'zh-CN' }))).toContain('销售历史不足');
    expect(renderHtml(data(undefined), { lang: 'en' })).not.toContain('id="backtest"');
  });
});
