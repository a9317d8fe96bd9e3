import type { CustomSeriesRenderItem } from 'echarts';
import type { HaloFigures } from '../types.js';
import { INK, MUTED, axisLabel, baseOption, splitLine, type ChartContext, type ChartSpec } from './theme.js';

type Identified = HaloFigures & { share: number; low: number; high: number };

/**
 * Intervals wider than this (100 share points) say nothing a seller can use, and drawn to scale they
 * would squash every useful one to a dot: they stay in the table and are left out of the chart.
 */
export const MAX_CHARTED_INTERVAL = 1;

/** Identified estimates, largest first; the rest are listed in words, never drawn as zero. */
export function identifiedHalo(halo: ReadonlyArray<HaloFigures>): Identified[] {
  return halo
    .filter((h): h is Identified => h.identified && h.share !== null && h.low !== null && h.high !== null)
    .sort(
      (a, b) => b.share - a.share || a.driver.localeCompare(b.driver) || a.channel.localeCompare(b.channel),
    );
}

export function chartedHalo(halo: ReadonlyArray<HaloFigures>): Identified[] {
  return identifiedHalo(halo).filter((h) => h.high - h.low <= MAX_CHARTED_INTERVAL);
}

/**
 * Point estimate with 95 % interval whiskers per driver → channel pair. Each datum is
 * [share, row, low, high]; the x encoding spans all three so the axis always shows whole intervals.
 */
export function haloIntervals(halo: ReadonlyArray<HaloFigures>, ctx: ChartContext): ChartSpec {
  const rows = chartedHalo(halo).reverse();
  const renderItem: CustomSeriesRenderItem = (_params, api) => {
    const row = Number(api.value(1));
    const [x, y] = api.coord([api.value(0), row]) as [number, number];
    const [xLow] = api.coord([api.value(2), row]) as [number, number];
    const [xHigh] = api.coord([api.value(3), row]) as [number, number];
    const color = ctx.channelColor(rows[row].driver);
    const cap = 6;
    const stroke = { stroke: INK, lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: xLow, y1: y, x2: xHigh, y2: y }, style: stroke },
        { type: 'line', shape: { x1: xLow, y1: y - cap, x2: xLow, y2: y + cap }, style: stroke },
        { type: 'line', shape: { x1: xHigh, y1: y - cap, x2: xHigh, y2: y + cap }, style: stroke },
        { type: 'circle', shape: { cx: x, cy: y, r: 6 }, style: { fill: color, stroke: INK, lineWidth: 1 } },
      ],
    };
  };
  return {
    id: 'halo',
    height: 40 + 40 * Math.max(1, rows.length),
    option: {
      ...baseOption(),
      legend: { show: false },
      grid: { left: 8, right: 40, top: 16, bottom: 8 },
      xAxis: {
        type: 'value',
        axisLabel: { ...axisLabel, formatter: (v: number) => ctx.fmt.percent(v, 0) },
        splitLine,
        axisLine: { show: false },
      },
      yAxis: {
        type: 'category',
        data: rows.map((h) =>
          ctx.t.haloPair({ driver: ctx.fmt.channel(h.driver), channel: ctx.fmt.channel(h.channel) }),
        ),
        axisTick: { show: false },
      },
      series: [
        {
          type: 'custom',
          renderItem,
          encode: { x: [0, 2, 3], y: 1 },
          data: rows.map((h, i) => [h.share, i, h.low, h.high]),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            lineStyle: { color: MUTED, type: 'dashed' },
            data: [{ xAxis: 0 }],
          },
        },
      ],
    },
  };
}
