import type { PlanFigures } from '../types.js';
import {
  INK,
  MUTED,
  PALETTE,
  axisLabel,
  baseOption,
  splitLine,
  type ChartContext,
  type ChartSpec,
} from './theme.js';

/**
 * The efficient frontier: expected profit against CVaR of loss, one point per λ, on the futures the
 * plans were chosen on, with doing nothing and the chosen plan on the same futures; where the run
 * measured the frontier on fresh futures, those points too. Up and to the left is better.
 */
export function frontierChart(plan: PlanFigures, ctx: ChartContext): ChartSpec {
  const { t, fmt } = ctx;
  const fresh = plan.frontier.flatMap((f) => (f.outOfSample ? [f.outOfSample] : []));
  const inSample = plan.inSample;
  // Neighbouring λ often give the same plan: name a point only where the frontier moves.
  const label = (i: number) => {
    const f = plan.frontier[i];
    const previous = plan.frontier[i - 1];
    return previous &&
      Math.abs(previous.cvar - f.cvar) < 1e-6 &&
      Math.abs(previous.expectedProfit - f.expectedProfit) < 1e-6
      ? ''
      : `λ ${f.lambda}`;
  };
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
          label: {
            show: true,
            position: 'top',
            color: MUTED,
            formatter: (p: { dataIndex: number }) => label(p.dataIndex),
          },
          data: plan.frontier.map((f) => [f.cvar, f.expectedProfit]),
        },
        point(t.planChosen, PALETTE[2], 'pin', [[inSample.cvar, inSample.expectedProfit]], 26),
        point(t.planDoNothing, MUTED, 'rect', [[inSample.doNothing.cvar, inSample.doNothing.expectedProfit]]),
        ...(fresh.length > 0
          ? [
              {
                type: 'line' as const,
                name: t.planFrontierFresh,
                color: PALETTE[1],
                symbol: 'diamond',
                symbolSize: 8,
                lineStyle: { width: 1.5, type: 'dashed' as const },
                data: fresh.map((f) => [f.cvar, f.expectedProfit]),
              },
              point(`${t.planDoNothing} · ${t.planFrontierFresh}`, '#ffffff', 'rect', [
                [plan.outOfSample.doNothing.cvar, plan.outOfSample.doNothing.expectedProfit],
              ]),
            ]
          : []),
      ],
    },
  };
}
