import type { Messages } from '../i18n.js';
import type { Concentration } from '../types.js';
import { BANDS, INK, MUTED, baseOption, type ChartContext, type ChartSpec } from './theme.js';

/**
 * Concentration bands of the US Department of Justice's 2010 Horizontal Merger Guidelines
 * (HHI 1,500 and 2,500 on the 0–10,000 scale), on the 0–1 scale Ballast reports.
 */
export const HHI_BANDS = { moderate: 0.15, high: 0.25 } as const;

export type Band = 'low' | 'moderate' | 'high';

export function bandOf(hhi: number): Band {
  return hhi > HHI_BANDS.high ? 'high' : hhi >= HHI_BANDS.moderate ? 'moderate' : 'low';
}

export function bandLabel(band: Band, t: Messages): string {
  return band === 'high' ? t.bandHigh : band === 'moderate' ? t.bandModerate : t.bandLow;
}

/** Two gauges, channels and markets, on 0–1 with the bands painted on the dial. */
export function concentrationGauges(
  c: { channel: Concentration; market: Concentration },
  ctx: ChartContext,
): ChartSpec {
  const { t, fmt } = ctx;
  const gauge = (center: string, name: string, value: Concentration, effective: string) => ({
    type: 'gauge' as const,
    center: [center, '58%'],
    radius: '78%',
    startAngle: 200,
    endAngle: -20,
    min: 0,
    max: 1,
    splitNumber: 20,
    axisLine: {
      lineStyle: {
        width: 16,
        color: [
          [HHI_BANDS.moderate, BANDS.low],
          [HHI_BANDS.high, BANDS.moderate],
          [1, BANDS.high],
        ] as Array<[number, string]>,
      },
    },
    pointer: { width: 5, length: '62%', itemStyle: { color: INK } },
    anchor: { show: true, size: 10, itemStyle: { color: INK } },
    axisTick: { distance: -16, length: 5, lineStyle: { color: '#fff', width: 1 } },
    splitLine: { distance: -16, length: 16, lineStyle: { color: '#fff', width: 0 } },
    axisLabel: {
      distance: 22,
      color: MUTED,
      fontSize: 11,
      // Only the band edges and the ends are labelled; the ticks every 0.05 just show the scale.
      formatter: (v: number) =>
        [0, HHI_BANDS.moderate, HHI_BANDS.high, 0.5, 1].some((x) => Math.abs(x - v) < 1e-9)
          ? fmt.decimal(v, 2)
          : '',
    },
    title: { offsetCenter: [0, '-108%'], fontSize: 14, fontWeight: 'bold' as const, color: INK },
    detail: {
      offsetCenter: [0, '34%'],
      valueAnimation: false,
      formatter: () => `{v|HHI ${fmt.decimal(value.hhi, 2)}}\n{e|${effective}}`,
      rich: {
        v: { fontSize: 18, fontWeight: 'bold' as const, color: INK, lineHeight: 26 },
        e: { fontSize: 12, color: MUTED, lineHeight: 18 },
      },
    },
    data: [{ value: Math.min(1, Math.max(0, value.hhi)), name }],
  });
  return {
    id: 'concentration',
    height: 250,
    option: {
      ...baseOption(),
      legend: { show: false },
      series: [
        gauge(
          '25%',
          t.gaugeChannels,
          c.channel,
          t.effectiveChannels({ n: fmt.decimal(c.channel.effectiveNumber, 1) }),
        ),
        gauge(
          '75%',
          t.gaugeMarkets,
          c.market,
          t.effectiveMarkets({ n: fmt.decimal(c.market.effectiveNumber, 1) }),
        ),
      ],
    },
  };
}
