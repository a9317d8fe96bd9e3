import type { EChartsOption } from 'echarts';
import type { ExposureFigures, MonthlySeries } from '../types.js';
import { OTHER, axisLabel, baseOption, splitLine, type ChartContext, type ChartSpec } from './theme.js';

/** Series beyond this many are folded into "Other" so a legend stays readable. */
const MAX_SERIES = 7;

interface Bar {
  key: string;
  label: string;
  share: number;
  color: string;
}

/** Horizontal bars of each channel's share of net revenue in the window, largest on top. */
export function channelShareBars(exposure: ExposureFigures, ctx: ChartContext): ChartSpec {
  const bars = exposure.byChannel.map((r) => ({
    key: r.channel,
    label: ctx.fmt.channel(r.channel),
    share: r.share,
    color: ctx.channelColor(r.channel),
  }));
  return { id: 'channel-share', ...shareBars(fold(bars, ctx), ctx) };
}

export function marketShareBars(exposure: ExposureFigures, ctx: ChartContext): ChartSpec {
  const bars = exposure.byMarket.map((r) => ({
    key: r.market,
    label: ctx.fmt.market(r.market),
    share: r.share,
    color: ctx.marketColor(r.market),
  }));
  return { id: 'market-share', ...shareBars(fold(bars, ctx), ctx) };
}

function fold(bars: Bar[], ctx: ChartContext): Bar[] {
  if (bars.length <= MAX_SERIES + 1) return bars;
  const rest = bars.slice(MAX_SERIES).reduce((s, b) => s + b.share, 0);
  return [...bars.slice(0, MAX_SERIES), { key: '', label: ctx.t.other, share: rest, color: OTHER }];
}

function shareBars(bars: Bar[], ctx: ChartContext): { option: EChartsOption; height: number } {
  const rows = [...bars].reverse(); // ECharts draws categories bottom-up
  return {
    height: 24 + 34 * Math.max(1, bars.length),
    option: {
      ...baseOption(),
      legend: { show: false },
      grid: { left: 8, right: 72, top: 8, bottom: 8 },
      xAxis: {
        type: 'value',
        max: 1,
        axisLabel: { ...axisLabel, formatter: (v: number) => ctx.fmt.percent(v, 0) },
        splitLine,
      },
      yAxis: {
        type: 'category',
        data: rows.map((b) => b.label),
        axisTick: { show: false },
        axisLabel: { color: '#1f2937', fontSize: 12 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((b) => ({
            value: b.share,
            itemStyle: { color: b.color, borderRadius: [0, 3, 3, 0] },
          })),
          label: {
            show: true,
            position: 'right',
            color: '#1f2937',
            formatter: (p: { value: unknown }) => ctx.fmt.percent(Number(p.value)),
          },
        },
      ],
    },
  };
}

/** Stacked areas of each channel's share of the month's net revenue: how exposure moved over time. */
export function channelShareOverTime(monthly: MonthlySeries, ctx: ChartContext): ChartSpec {
  const series = monthly.byChannel.map((s) => ({
    label: ctx.fmt.channel(s.channel),
    color: ctx.channelColor(s.channel),
    revenue: s.revenue,
  }));
  return { id: 'channel-trend', ...shareOverTime(monthly.months, series, ctx) };
}

export function marketShareOverTime(monthly: MonthlySeries, ctx: ChartContext): ChartSpec {
  const series = monthly.byMarket.map((s) => ({
    label: ctx.fmt.market(s.market),
    color: ctx.marketColor(s.market),
    revenue: s.revenue,
  }));
  return { id: 'market-trend', ...shareOverTime(monthly.months, series, ctx) };
}

interface Line {
  label: string;
  color: string;
  revenue: readonly number[];
}

/**
 * Shares per month from revenue per month. A month whose refunds exceed its sales on one series
 * would stack below zero; negatives count as zero so the areas always fill 0–100 %.
 */
export function monthlyShareMatrix(
  months: readonly string[],
  series: ReadonlyArray<{ revenue: readonly number[] }>,
): number[][] {
  const totals = months.map((_, i) => series.reduce((s, x) => s + Math.max(0, x.revenue[i] ?? 0), 0));
  return series.map((x) =>
    months.map((_, i) => (totals[i] > 0 ? Math.max(0, x.revenue[i] ?? 0) / totals[i] : 0)),
  );
}

function shareOverTime(
  months: readonly string[],
  input: Line[],
  ctx: ChartContext,
): { option: EChartsOption; height: number } {
  // A channel whose every sale was refunded or cancelled has nothing to draw but a legend entry.
  let lines = input.filter((l) => l.revenue.some((v) => v > 0));
  if (lines.length > MAX_SERIES + 1) {
    const rest = months.map((_, i) => lines.slice(MAX_SERIES).reduce((s, l) => s + (l.revenue[i] ?? 0), 0));
    lines = [...lines.slice(0, MAX_SERIES), { label: ctx.t.other, color: OTHER, revenue: rest }];
  }
  const shares = monthlyShareMatrix(months, lines);
  return {
    height: 300,
    option: {
      ...baseOption(),
      grid: { left: 8, right: 16, top: 44, bottom: 8 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: months.map((m) => ctx.fmt.month(m)),
        axisLabel: { ...axisLabel, hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        max: 1,
        interval: 0.25,
        axisLabel: { ...axisLabel, formatter: (v: number) => ctx.fmt.percent(v, 0) },
        splitLine,
      },
      series: lines.map((l, k) => ({
        type: 'line',
        name: l.label,
        stack: 'share',
        symbol: 'none',
        lineStyle: { width: 1, color: l.color },
        itemStyle: { color: l.color },
        areaStyle: { color: l.color, opacity: 0.85 },
        emphasis: { focus: 'series' },
        data: shares[k],
      })),
    },
  };
}
