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

type Commitments = NonNullable<ExposureFigures['commitments']>;

/** Committed spend still to pay per channel, split into what cannot and what can be cancelled. */
export function commitmentBars(commitments: Commitments, ctx: ChartContext): ChartSpec {
  const rows = [...commitments]
    .sort((a, b) => b.remaining - a.remaining || a.channel.localeCompare(b.channel))
    .reverse();
  const part = (name: string, color: string, pick: (r: Commitments[number]) => number) => ({
    type: 'bar' as const,
    name,
    stack: 'spend',
    barMaxWidth: 24,
    itemStyle: { color },
    data: rows.map((r) => Math.max(0, pick(r))),
  });
  return {
    id: 'commitments',
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
        part(ctx.t.commitmentsLocked, LOCKED, (r) => r.remaining - r.cancellable),
        part(ctx.t.commitmentsCancellable, MOVABLE, (r) => r.cancellable),
      ],
    },
  };
}
