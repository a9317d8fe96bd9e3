import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bandOf } from './charts/concentration.js';
import { atStakeByChannel, skuDependencyBars } from './charts/dependency.js';
import { MAX_CHARTED_INTERVAL, chartedHalo, haloIntervals } from './charts/halo.js';
import { channelShareBars, channelShareOverTime, monthlyShareMatrix } from './charts/shares.js';
import { lockedStockBars, sellerGroup, stockMetric } from './charts/stock.js';
import { chartContext } from './context.js';
import type { ExposureFigures, HaloFigures, MonthlySeries, StockAtLocation } from './types.js';

const none: MonthlySeries = { months: [], to: null, byChannel: [], byMarket: [] };

function exposure(channels: Array<[string, number]>): ExposureFigures {
  const total = channels.reduce((s, [, r]) => s + r, 0);
  return {
    from: '2025-01-01',
    to: '2025-01-31',
    baseCurrency: 'USD',
    fxApproximate: false,
    totalRevenue: total,
    byChannel: channels.map(([channel, revenue]) => ({
      channel,
      revenue,
      share: revenue / total,
      units: 1,
      grossProfit: null,
      growth: null,
      priorRevenue: 0,
    })),
    byMarket: [],
    byChannelMarket: [],
    concentration: { channel: { hhi: 0, effectiveNumber: 0 }, market: { hhi: 0, effectiveNumber: 0 } },
    skuDependency: [],
    lockedStock: null,
    commitments: null,
    halo: [],
    alerts: [],
  };
}

const stock = (
  location: string,
  channels: string[],
  units: number,
  value: number | null,
): StockAtLocation => ({
  location,
  kind: 'own',
  market: 'US',
  channels,
  units,
  value,
  onlyChannel: channels.length === 1 ? channels[0] : null,
  inboundUnits: 0,
  inboundValue: 0,
});

describe('chart data', () => {
  it('monthly shares add up to one in every month with sales, and refunds never stack below zero', () => {
    const shares = monthlyShareMatrix(
      ['2024-01', '2024-02', '2024-03'],
      [{ revenue: [300, 0, -50] }, { revenue: [100, 0, 200] }],
    );
    expect(shares).toEqual([
      [0.75, 0, 0],
      [0.25, 0, 1],
    ]);
  });

  it('bands HHI at the 2010 merger-guideline thresholds 0.15 and 0.25', () => {
    expect([0.1499, 0.15, 0.25, 0.2501].map(bandOf)).toEqual(['low', 'moderate', 'moderate', 'high']);
  });

  it('adds revenue at stake per channel, split by whether the SKU ever sold elsewhere', () => {
    const deps = [
      { sku: 'A', channel: 'tiktok-shop', share: 1, revenueAtStake: 100, revenue: 100, soldElsewhere: false },
      { sku: 'B', channel: 'tiktok-shop', share: 0.9, revenueAtStake: 50, revenue: 55, soldElsewhere: true },
      { sku: 'C', channel: 'amazon', share: 0.85, revenueAtStake: 400, revenue: 470, soldElsewhere: false },
    ];
    expect(atStakeByChannel(deps)).toEqual([
      { channel: 'amazon', onlyHere: 400, alsoElsewhere: 0, skus: 1 },
      { channel: 'tiktok-shop', onlyHere: 100, alsoElsewhere: 50, skus: 2 },
    ]);
    const spec = skuDependencyBars(deps, chartContext(exposure([['amazon', 1]]), none, 'en'));
    expect(spec.option.series).toMatchObject([{ data: [100, 400] }, { data: [50, 0] }]); // bottom-up: largest on top
  });

  it('charts stock value only when every location has one, and groups locations by who can sell them', () => {
    const places = [
      stock('FBT', ['tiktok-shop'], 10, 40),
      stock('WH', ['amazon', 'shopify'], 5, null),
      stock('X', [], 1, 1),
    ];
    expect(stockMetric(places)).toBe('units');
    expect(stockMetric([places[0]])).toBe('value');
    expect(places.map(sellerGroup)).toEqual(['only:tiktok-shop', 'several', 'nobody']);
    const spec = lockedStockBars(places, chartContext(exposure([['tiktok-shop', 1]]), none, 'en'));
    // One on-hand and one inbound series per group; the legend shows each group once.
    expect((spec.option.series as Array<{ name: string }>).map((s) => s.name)).toEqual([
      'Only TikTok Shop can sell',
      'Only TikTok Shop can sell',
      'Several channels can sell',
      'Several channels can sell',
      'No channel listed',
      'No channel listed',
    ]);
  });

  it('leaves halo intervals wider than 100 points out of the chart, never unidentified ones as zero', () => {
    const h = (share: number | null, low: number | null, high: number | null): HaloFigures => ({
      driver: 'a',
      channel: 'b',
      share,
      low,
      high,
      identified: share !== null,
      reason: null,
      days: 400,
    });
    const halo = [h(0.25, 0.19, 0.31), h(3, -2.6, 8.5), h(null, null, null)];
    expect(chartedHalo(halo).map((x) => x.share)).toEqual([0.25]);
    expect(MAX_CHARTED_INTERVAL).toBe(1);
    const spec = haloIntervals(halo, chartContext(exposure([['a', 1]]), none, 'en'));
    expect(spec.option.series).toMatchObject([{ type: 'custom', data: [[0.25, 0, 0.19, 0.31]] }]);
  });

  it('folds channels beyond the eighth into Other and keeps colours by rank', () => {
    const many = exposure(Array.from({ length: 10 }, (_, i) => [`ch-${i}`, 100 - i] as [string, number]));
    const ctx = chartContext(many, none, 'en');
    const labels = (channelShareBars(many, ctx).option.yAxis as { data: string[] }).data;
    expect(labels).toHaveLength(8);
    expect(labels[0]).toBe('Other');
    expect(ctx.channelColor('ch-0')).toBe('#4e79a7');
    expect(ctx.channelColor('never-seen')).toBe('#9ca3af');
  });

  it('leaves out of the trend a channel whose every sale was refunded', () => {
    const monthly: MonthlySeries = {
      months: ['2024-01', '2024-02'],
      to: '2024-02-29',
      byChannel: [
        { channel: 'amazon', revenue: [10, 20] },
        { channel: 'own-site', revenue: [0, 0] },
      ],
      byMarket: [],
    };
    const spec = channelShareOverTime(monthly, chartContext(exposure([['amazon', 1]]), monthly, 'en'));
    expect((spec.option.series as Array<{ name: string }>).map((s) => s.name)).toEqual(['Amazon']);
  });
});

describe('chart option builders', () => {
  it('import neither Node nor the DOM, so the dashboard can reuse them in the browser', () => {
    const dir = join(import.meta.dirname, 'charts');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)].map((m) => ({
        typeOnly: !!m[1],
        from: m[2],
      }));
      for (const i of imports) {
        const ok =
          i.from.startsWith('./') || i.from.startsWith('../') || (i.from === 'echarts' && i.typeOnly);
        expect(ok, `${file} imports ${i.from}`).toBe(true);
        expect(i.from, file).not.toMatch(/^\.\.\/(ssr|render-html|styles)\.js$/);
      }
      expect(source, file).not.toMatch(/\b(document|window|process|Buffer)\./);
    }
  });
});
