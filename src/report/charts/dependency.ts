import type { ExposureFigures } from '../types.js';
import {
  LOCKED,
  MOVABLE,
  axisLabel,
  baseOption,
  splitLine,
  type ChartContext,
  type ChartSpec,
} from './theme.js';

export interface AtStakeByChannel {
  channel: string;
  /** Revenue of SKUs that never sold on another channel. */
  onlyHere: number;
  /** Revenue of SKUs that did sell elsewhere at some point: buyers may follow them there. */
  alsoElsewhere: number;
  skus: number;
}

/** Revenue at stake on single-channel SKUs, summed per channel, largest first. */
export function atStakeByChannel(deps: ExposureFigures['skuDependency']): AtStakeByChannel[] {
  const by = new Map<string, AtStakeByChannel>();
  for (const d of deps) {
    const row = by.get(d.channel) ?? { channel: d.channel, onlyHere: 0, alsoElsewhere: 0, skus: 0 };
    if (d.soldElsewhere) row.alsoElsewhere += d.revenueAtStake;
    else row.onlyHere += d.revenueAtStake;
    row.skus += 1;
    by.set(d.channel, row);
  }
  return [...by.values()].sort(
    (a, b) =>
      b.onlyHere + b.alsoElsewhere - (a.onlyHere + a.alsoElsewhere) || a.channel.localeCompare(b.channel),
  );
}

/** Stacked bars per channel: red-brown for SKUs never sold anywhere else, grey for those that did. */
export function skuDependencyBars(deps: ExposureFigures['skuDependency'], ctx: ChartContext): ChartSpec {
  const rows = atStakeByChannel(deps).reverse();
  const part = (name: string, pick: (r: AtStakeByChannel) => number, light: boolean) => ({
    type: 'bar' as const,
    name,
    stack: 'at-stake',
    barMaxWidth: 24,
    itemStyle: { color: light ? MOVABLE : LOCKED },
    data: rows.map(pick),
  });
  return {
    id: 'sku-dependency',
    height: 64 + 38 * Math.max(1, rows.length),
    option: {
      ...baseOption(),
      grid: { left: 8, right: 40, top: 40, bottom: 8 },
      xAxis: {
        type: 'value',
        axisLabel: { ...axisLabel, formatter: (v: number) => ctx.fmt.moneyCompact(v) },
        splitLine,
      },
      yAxis: {
        type: 'category',
        data: rows.map((r) => ctx.fmt.channel(r.channel)),
        axisTick: { show: false },
      },
      series: [
        part(ctx.t.dependencyOnlyHere, (r) => r.onlyHere, false),
        part(ctx.t.dependencyAlsoElsewhere, (r) => r.alsoElsewhere, true),
      ],
    },
  };
}
