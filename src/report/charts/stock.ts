import type { StockAtLocation } from '../types.js';
import {
  OTHER,
  SEVERAL,
  axisLabel,
  baseOption,
  splitLine,
  tint,
  type ChartContext,
  type ChartSpec,
} from './theme.js';

/** Value at cost when every location has one, else units: a chart never mixes the two. */
export function stockMetric(stock: ReadonlyArray<StockAtLocation>): 'value' | 'units' {
  return allValued(stock) ? 'value' : 'units';
}

type Valued = StockAtLocation & { value: number; inboundValue: number };

function allValued(stock: ReadonlyArray<StockAtLocation>): stock is ReadonlyArray<Valued> {
  return stock.every((l) => l.value !== null && l.inboundValue !== null);
}

/** Who can sell a location's stock: one channel (stranded if it goes dark), several, or none listed. */
export function sellerGroup(l: StockAtLocation): string {
  return l.onlyChannel !== null ? `only:${l.onlyChannel}` : l.channels.length > 1 ? 'several' : 'nobody';
}

/**
 * Bars per location, on hand (solid) and inbound (light), one legend entry per seller group: a series
 * pair per group carries values only at that group's locations, so colour says who can sell.
 */
export function lockedStockBars(stock: ReadonlyArray<StockAtLocation>, ctx: ChartContext): ChartSpec {
  const metric = stockMetric(stock);
  const bars = allValued(stock)
    ? stock.map((l) => ({ l, onHand: l.value, inbound: l.inboundValue }))
    : stock.map((l) => ({ l, onHand: l.units, inbound: l.inboundUnits }));
  const rows = bars
    .sort((a, b) => b.onHand + b.inbound - (a.onHand + a.inbound) || a.l.location.localeCompare(b.l.location))
    .reverse();
  const groups = [...new Set(rows.map((b) => sellerGroup(b.l)).reverse())];
  const look = (group: string) =>
    group === 'several'
      ? { name: ctx.t.stockSeveral, color: SEVERAL }
      : group === 'nobody'
        ? { name: ctx.t.stockNobody, color: OTHER }
        : {
            name: ctx.t.stockOnly({ channel: ctx.fmt.channel(group.slice(5)) }),
            color: ctx.channelColor(group.slice(5)),
          };
  const series = groups.flatMap((group) => {
    const { name, color } = look(group);
    const pick = (amount: 'onHand' | 'inbound') =>
      rows.map((b) => (sellerGroup(b.l) === group ? b[amount] : null));
    return [
      {
        type: 'bar' as const,
        name,
        stack: 'stock',
        barMaxWidth: 24,
        itemStyle: { color },
        data: pick('onHand'),
      },
      {
        type: 'bar' as const,
        name,
        stack: 'stock',
        barMaxWidth: 24,
        itemStyle: { color: tint(color, 0.6) },
        data: pick('inbound'),
      },
    ];
  });
  const format = metric === 'value' ? ctx.fmt.moneyCompact : ctx.fmt.integer;
  return {
    id: 'locked-stock',
    height: 64 + 36 * Math.max(1, rows.length),
    option: {
      ...baseOption(),
      grid: { left: 8, right: 40, top: 40, bottom: 8 },
      xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => format(v) }, splitLine },
      yAxis: { type: 'category', data: rows.map((b) => b.l.location), axisTick: { show: false } },
      series,
    },
  };
}
