import { colorScale, type ChartContext } from './charts/theme.js';
import { formatters, messages, type Lang } from './i18n.js';
import type { ExposureFigures, MonthlySeries } from './types.js';

/**
 * Words, formats and colours for one report in one language. Colours go by rank (window revenue,
 * then the monthly history, then anything else named), so a channel keeps its colour in every chart.
 */
export function chartContext(exposure: ExposureFigures, monthly: MonthlySeries, lang: Lang): ChartContext {
  const channels = unique([
    ...exposure.byChannel.map((r) => r.channel),
    ...monthly.byChannel.map((s) => s.channel),
    ...exposure.skuDependency.map((d) => d.channel),
    ...(exposure.lockedStock ?? []).flatMap((l) => l.channels),
    ...(exposure.commitments ?? []).map((c) => c.channel),
    ...exposure.halo.flatMap((h) => [h.driver, h.channel]),
  ]);
  const markets = unique([
    ...exposure.byMarket.map((r) => r.market),
    ...monthly.byMarket.map((s) => s.market),
  ]);
  return {
    t: messages(lang),
    fmt: formatters(lang, exposure.baseCurrency),
    channelColor: colorScale(channels),
    marketColor: colorScale(markets),
  };
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
