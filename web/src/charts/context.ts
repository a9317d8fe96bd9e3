import { useMemo } from 'preact/hooks';
import { chartContext } from '../../../src/report/context.ts';
import type { ChartContext } from '../../../src/report/charts/theme.ts';
import { useI18n } from '../i18n/index.ts';
import type { Exposure } from '../types.ts';

const NO_MONTHS = { months: [], to: null, byChannel: [], byMarket: [] };
const NO_EXPOSURE: Exposure = {
  from: null,
  to: null,
  baseCurrency: 'USD',
  fxApproximate: false,
  totalRevenue: 0,
  byChannel: [],
  byMarket: [],
  byChannelMarket: [],
  concentration: { channel: { hhi: 0, effectiveNumber: 0 }, market: { hhi: 0, effectiveNumber: 0 } },
  skuDependency: [],
  lockedStock: null,
  commitments: null,
  halo: [],
  alerts: [],
};

/**
 * The report's chart context (words, formats, colours) for the dashboard: colours go by the
 * exposure's channel ranking, exactly as in the report, so a channel has one colour everywhere.
 */
export function useChartContext(exposure: Exposure | undefined | null): ChartContext {
  const { lang, currency } = useI18n();
  return useMemo(
    () => chartContext(exposure ?? { ...NO_EXPOSURE, baseCurrency: currency }, NO_MONTHS, lang),
    [exposure, lang, currency],
  );
}
