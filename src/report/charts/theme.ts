/**
 * What every chart shares: the palette, the font stack, the colour of each series and the context a
 * builder needs. Builders return plain ECharts options, so the HTML report renders them to SVG on the
 * server and the dashboard hands the same objects to a live chart; nothing here touches Node or the DOM.
 */
import type { EChartsOption } from 'echarts';
import type { Formatters, Messages } from '../i18n.js';

/** Tableau 10: distinct in colour and in grey, so a printed report still tells series apart. */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const RULE = '#e5e7eb';
export const OTHER = '#9ca3af';
export const SEVERAL = '#475569';
/** One meaning across charts: red-brown is stuck with the channel (never sold elsewhere, cannot be cancelled), grey could move. */
export const LOCKED = '#b4413c';
export const MOVABLE = '#c7ced8';
export const BANDS = { low: '#3f9b5b', moderate: '#e0a526', high: '#d1495b' } as const;

/**
 * System fonts only (the report makes no network requests), with the CJK families each OS ships.
 * Single quotes only: the SVG renderer writes this into a double-quoted attribute without escaping.
 */
export const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** The colour of a channel or market: by rank in the report, so the largest is always the first colour. */
export type ColorScale = (key: string) => string;

export function colorScale(keys: readonly string[]): ColorScale {
  const assigned = new Map(keys.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
  return (key) => assigned.get(key) ?? OTHER;
}

export interface ChartContext {
  t: Messages;
  fmt: Formatters;
  channelColor: ColorScale;
  marketColor: ColorScale;
}

/** A chart and the height it needs for its data (rows of bars, legend lines); width is the renderer's. */
export interface ChartSpec {
  id: string;
  option: EChartsOption;
  height: number;
}

export function baseOption(): EChartsOption {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT_STACK, fontSize: 12, color: INK },
    grid: { left: 8, right: 32, top: 44, bottom: 8 },
    legend: {
      top: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 16,
      textStyle: { color: INK },
    },
  };
}

export const axisLabel = { color: MUTED };
export const splitLine = { lineStyle: { color: RULE } };

/** Lighter variant of a colour, for secondary parts of a bar (inbound stock, cancellable spend). */
export function tint(hex: string, amount = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
