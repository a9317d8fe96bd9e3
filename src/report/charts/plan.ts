import type { PlanFigures } from '../types.js';
import { INK, MUTED, PALETTE, axisLabel, baseOption, splitLine, type ChartContext, type ChartSpec } from './theme.js';

/**
 * The efficient frontier: expected profit against CVaR of loss, one point per λ (in sample), the
 * same plans measured on fresh paths where the run measured them, and the chosen plan and doing
 * nothing (both on fresh paths) marked. Up and to the left is better.
 */
export function frontierChart(plan: PlanFigures, ctx: ChartContext): ChartSpec {
  const { t, fmt } = ctx;
  const o = plan.outOfSample;
  const fresh = plan.frontier.filter((f) => f.outOfSample);
  const point = (name: string, color: string, symbol: string, data: Array<[number, number]>, size = 12) => ({
    type: 'scatter' as const,
    name,
    symbol,
    symbolSize: size,
    itemStyle: { color, borderColor: INK, borderWidth: 1 },
    data,
  });
  return {
    id: 'frontier',
    height: 340,
    option: {
      ...baseOption(),
      grid: { left: 8, right: 40, top: 64, bottom: 40 },
      xAxis: {
        type: 'value',
        scale: true,
        name: t.planFrontierX({ level: fmt.percent(plan.alpha, 0) }),
        nameLocation: 'middle',
        nameGap: 28,
        nameTextStyle: { color: MUTED },
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.moneyCompact(v), hideOverlap: true },
        splitLine,
      },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { ...axisLabel, formatter: (v: number) => fmt.moneyCompact(v) },
        splitLine,
      },
      series: [
        {
          type: 'line' as const,
          name: t.planFrontierInSample,
          color: PALETTE[0],
          symbol: 'circle',
          symbolSize: 7,
          lineStyle: { width: 2 },
          label: { show: true, position: 'top', color: MUTED, formatter: (p: { dataIndex: number }) => `λ ${plan.frontier[p.dataIndex]!.lambda}` },
          data: plan.frontier.map((f) => [f.cvar, f.expectedProfit]),
        },
        ...(fresh.length > 0
          ? [{ ...point(t.planFrontierFresh, PALETTE[1]!, 'diamond', fresh.map((f) => [f.outOfSample!.cvar, f.outOfSample!.expectedProfit] as [number, number]), 9), type: 'scatter' as const }]
          : []),
        point(t.planChosen, PALETTE[2]!, 'pin', [[o.cvar, o.expectedProfit]], 26),
        point(t.planDoNothing, MUTED, 'rect', [[o.doNothing.cvar, o.doNothing.expectedProfit]]),
      ],
    },
  };
}
