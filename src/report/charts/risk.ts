import type { CustomSeriesRenderItem } from 'echarts';
import { addDays } from '../../dates.js';
import { present } from '../../errors.js';
import type { RiskStats, SimulationFigures } from '../types.js';
import type { Messages, TornadoSetting } from '../i18n.js';
import {
  BANDS,
  INK,
  LOCKED,
  MUTED,
  PALETTE,
  axisLabel,
  baseOption,
  splitLine,
  tint,
  type ChartContext,
  type ChartSpec,
} from './theme.js';

/** Rows the tornado draws: the settings past the tenth move the loss too little to matter. */
export const MAX_TORNADO_ROWS = 10;

/** The statistics the tail figures refer to: profit loss when costs are known, else revenue loss. */
export function lossStats(sim: SimulationFigures): RiskStats | null {
  return sim.lossBasis === 'profit' ? sim.profitLoss : sim.revenueLoss;
}

// The dashboard's risk page reads its dates through this module.
export { addDays };

/** The day each fan-chart index stands for: index 0 is the scenario's start. */
export function fanDates(sim: SimulationFigures): string[] {
  return sim.fan.p50.map((_, d) => addDays(sim.scenario.start, d));
}

export interface HistogramBin {
  from: number;
  to: number;
  paths: number;
  share: number;
  /** At or beyond VaR 95 %: the range holds part of the worst 5 % of paths. */
  tail: boolean;
}

/** The stored histogram as ranges with their share of paths; empty for runs stored without one. */
export function histogramBins(sim: SimulationFigures): HistogramBin[] {
  const h = sim.lossHistogram;
  if (!h || h.counts.length === 0) return [];
  const total = h.counts.reduce((s, c) => s + c, 0);
  const var95 = lossStats(sim)?.var95 ?? Infinity;
  return h.counts.map((paths, i) => {
    const from = h.edges[i];
    const to = h.edges[i + 1] ?? from;
    return { from, to, paths, share: total > 0 ? paths / total : 0, tail: to >= var95 };
  });
}

/**
 * Share of paths per range of the loss, the tail (at or beyond VaR 95 %) in red, with the expected
 * loss, VaR 95 % and CVaR 95 % as vertical lines named with their amounts in the legend. Each bar is
 * drawn from its range's lower to its upper edge on a value axis, so the amounts read true.
 */
export function lossHistogramChart(sim: SimulationFigures, ctx: ChartContext): ChartSpec {
  const bins = histogramBins(sim);
  const stats = lossStats(sim);
  const { t, fmt } = ctx;
  const low = bins[0]?.from ?? 0;
  const high = bins.at(-1)?.to ?? 0;
  // A run where every path loses the same has one range of width zero: give the axis some room.
  const pad = high > low ? 0 : Math.max(1, Math.abs(high) * 0.1);
  const top = Math.max(0, ...bins.map((b) => b.share)) * 1.08 || 1;
  const renderItem: CustomSeriesRenderItem = (_params, api) => {
    const [x0, y0] = api.coord([api.value(0), api.value(2)]) as [number, number];
    const [x1, base] = api.coord([api.value(1), 0]) as [number, number];
    const width = x1 - x0 >= 3 ? x1 - x0 - 1 : 10;
    const left = x1 - x0 >= 3 ? x0 + 0.5 : x0 - width / 2;
    return {
      type: 'rect',
      shape: { x: left, y: y0, width, height: Math.max(0, base - y0) },
      style: { fill: api.visual('color') as string },
    };
  };
  const bars = (tail: boolean, name: string, color: string) => ({
    type: 'custom' as const,
    name,
    renderItem,
    itemStyle: { color },
    encode: { x: [0, 1], y: 2 },
    data: bins.filter((b) => b.tail === tail).map((b) => [b.from, b.to, b.share]),
  });
  const marker = (name: string, x: number, color: string, type: 'solid' | 'dashed') => ({
    type: 'line' as const,
    name,
    symbol: 'none',
    itemStyle: { color },
    lineStyle: { color, width: 2, type },
    data: [
      [x, 0],
      [x, top],
    ],
  });
  const markers = stats
    ? [
        marker(t.riskMarkerMean({ value: fmt.money(stats.mean) }), stats.mean, INK, 'solid'),
        marker(t.riskMarkerVar95({ value: fmt.money(stats.var95) }), stats.var95, BANDS.moderate, 'dashed'),
        marker(t.riskMarkerCvar95({ value: fmt.money(stats.cvar95) }), stats.cvar95, LOCKED, 'dashed'),
      ]
    : [];
  return {
    id: 'loss-histogram',
    height: 340,
    option: {
      ...baseOption(),
      grid: { left: 8, right: 24, top: 64, bottom: 8 },
      xAxis: {
        type: 'value',
        min: low - pad,
        max: high + pad,
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.moneyCompact(v), hideOverlap: true },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.percent(v, 0) },
        splitLine,
      },
      series: [
        bars(false, t.riskHistogramPaths, PALETTE[0]),
        bars(true, t.riskHistogramTail, LOCKED),
        ...markers,
      ],
    },
  };
}

/**
 * Daily revenue with the events: the 5th–95th and 25th–75th percentile bands (each an invisible base
 * line with the band's width stacked on it), the median, and the expected revenue without events
 * dashed. Dates run from the scenario's start.
 */
export function fanChart(sim: SimulationFigures, ctx: ChartContext): ChartSpec {
  const { t, fmt } = ctx;
  const f = sim.fan;
  const color = PALETTE[0];
  const minus = (a: readonly number[], b: readonly number[]) => a.map((v, i) => v - (b[i] ?? 0));
  const hidden = (stack: string, data: readonly number[]) => ({
    type: 'line' as const,
    stack,
    symbol: 'none',
    silent: true,
    lineStyle: { opacity: 0 },
    data: [...data],
  });
  const band = (stack: string, name: string, data: number[], fill: string) => ({
    type: 'line' as const,
    name,
    stack,
    symbol: 'none',
    lineStyle: { opacity: 0 },
    itemStyle: { color: fill },
    areaStyle: { color: fill, opacity: 1 },
    data,
  });
  const names = [t.riskFanBand90, t.riskFanBand50, t.riskFanMedian, t.riskFanExpected];
  return {
    id: 'risk-fan',
    height: 340,
    option: {
      ...baseOption(),
      legend: { ...baseOption().legend, data: names },
      grid: { left: 8, right: 24, top: 44, bottom: 8 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: fanDates(sim).map((d) => fmt.day(d)),
        axisLabel: { ...axisLabel, hideOverlap: true },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: 'value',
        min: 0,
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.moneyCompact(v) },
        splitLine,
      },
      series: [
        hidden('outer', f.p5),
        band('outer', names[0], minus(f.p95, f.p5), tint(color, 0.75)),
        hidden('inner', f.p25),
        band('inner', names[1], minus(f.p75, f.p25), tint(color, 0.45)),
        {
          type: 'line',
          name: names[2],
          symbol: 'none',
          itemStyle: { color },
          lineStyle: { color, width: 2 },
          data: [...f.p50],
        },
        {
          type: 'line',
          name: names[3],
          symbol: 'none',
          itemStyle: { color: INK },
          lineStyle: { color: INK, width: 1.5, type: 'dashed' },
          data: [...f.expectedWithoutEvents],
        },
      ],
    },
  };
}

export interface TornadoView {
  event: string;
  /** The simulator's name for the setting (a `TornadoSetting` when Ballast knows it). */
  setting: string;
  low: string;
  high: string;
  lossLow: number;
  lossHigh: number;
  swing: number;
}

/**
 * The tornado's rows, largest swing first, with `EVENT.SETTING` split at the known setting (event ids
 * may themselves hold dots) and the settings' factors in the reader's language.
 */
export function tornadoRows(sim: SimulationFigures, t: Messages, max = MAX_TORNADO_ROWS): TornadoView[] {
  return [...sim.tornado]
    .sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter))
    .slice(0, max)
    .map((r) => {
      const known = (Object.keys(t.tornadoSettings) as TornadoSetting[]).find((s) =>
        r.parameter.endsWith(`.${s}`),
      );
      const dot = r.parameter.lastIndexOf('.');
      const [event, setting] = known
        ? [r.parameter.slice(0, -known.length - 1), known]
        : dot > 0
          ? [r.parameter.slice(0, dot), r.parameter.slice(dot + 1)]
          : ['', r.parameter];
      return { ...r, event, setting, low: factorWords(r.low, t), high: factorWords(r.high, t) };
    });
}

export function settingName(setting: string, t: Messages): string {
  return Object.hasOwn(t.tornadoSettings, setting) ? t.tornadoSettings[setting as TornadoSetting] : setting;
}

/** The simulator words its settings `×0.5`, `×1.5 (max 1)`, `×1.5 (total max 1)`; anything else passes through. */
export function factorWords(words: string, t: Messages): string {
  const m = /^×(\d+(?:\.\d+)?)( \(max 1\)| \(total max 1\))?$/.exec(words);
  if (!m) return words;
  const factor = m[1];
  if (m[2] === ' (max 1)') return t.riskFactorCapped({ factor });
  if (m[2] === ' (total max 1)') return t.riskFactorTotalCapped({ factor });
  return t.riskFactor({ factor });
}

/**
 * One row per setting (largest swing on top): a bar from the run's expected loss to the expected loss
 * with the setting lowered (upper half of the row) and another to the loss with it raised (lower
 * half), so neither hides the other when both land on the same side. The vertical line is the run's
 * expected loss.
 */
export function tornadoChart(sim: SimulationFigures, ctx: ChartContext): ChartSpec {
  const { t, fmt } = ctx;
  const rows = tornadoRows(sim, t).reverse(); // ECharts draws categories bottom-up
  const base = lossStats(sim)?.mean ?? 0;
  const renderItem =
    (half: 'upper' | 'lower'): CustomSeriesRenderItem =>
    (_params, api) => {
      const row = Number(api.value(2));
      const [xBase, y] = api.coord([api.value(0), row]) as [number, number];
      const [xEnd] = api.coord([api.value(1), row]) as [number, number];
      // size() is there on a cartesian grid, which is where this chart draws.
      const band = (present(api.size, 'the grid’s size()')([0, 1]) as number[])[1];
      const h = Math.min(14, band * 0.34);
      const left = Math.min(xBase, xEnd);
      return {
        type: 'rect',
        shape: {
          x: left,
          y: half === 'upper' ? y - h - 1 : y + 1,
          width: Math.max(1, Math.abs(xEnd - xBase)),
          height: h,
        },
        style: { fill: api.visual('color') as string },
      };
    };
  const series = (
    half: 'upper' | 'lower',
    name: string,
    color: string,
    pick: (r: TornadoView) => number,
  ) => ({
    type: 'custom' as const,
    name,
    renderItem: renderItem(half),
    itemStyle: { color },
    encode: { x: [0, 1], y: 2 },
    data: rows.map((r, i) => [base, pick(r), i]),
  });
  return {
    id: 'tornado',
    height: 100 + 40 * Math.max(1, rows.length),
    option: {
      ...baseOption(),
      grid: { left: 8, right: 32, top: 64, bottom: 8 },
      xAxis: {
        type: 'value',
        scale: true,
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.moneyCompact(v), hideOverlap: true },
        splitLine,
      },
      yAxis: {
        type: 'category',
        data: rows.map((r) =>
          r.event ? t.riskTornadoLabel({ event: r.event, setting: settingName(r.setting, t) }) : r.setting,
        ),
        axisTick: { show: false },
        axisLabel: { color: INK },
      },
      series: [
        {
          ...series('upper', t.riskTornadoLow, PALETTE[0], (r) => r.lossLow),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: MUTED, type: 'dashed', width: 1.5 },
            label: {
              position: 'end',
              color: INK,
              formatter: () => t.riskTornadoBase({ value: fmt.money(base) }),
            },
            data: [{ xAxis: base }],
          },
        },
        series('lower', t.riskTornadoHigh, PALETTE[1], (r) => r.lossHigh),
      ],
    },
  };
}
