/**
 * report: exposure results in words and pictures, in English and Simplified Chinese. Pure: data in,
 * strings and chart options out; no database, no files. The HTML report renders the chart options to
 * inline SVG; the dashboard passes the same options to a live chart.
 */
export { renderHtml, type RenderOptions } from './render-html.js';
export { chartContext } from './context.js';
export {
  CATALOGUES,
  LANGS,
  formatters,
  messages,
  type Formatters,
  type Lang,
  type Messages,
  type TornadoSetting,
} from './i18n.js';
export { escapeHtml } from './html.js';
export { PALETTE, colorScale, type ChartContext, type ChartSpec, type ColorScale } from './charts/theme.js';
export {
  channelShareBars,
  channelShareOverTime,
  marketShareBars,
  marketShareOverTime,
  monthlyShareMatrix,
} from './charts/shares.js';
export { HHI_BANDS, bandOf, concentrationGauges, type Band } from './charts/concentration.js';
export { atStakeByChannel, skuDependencyBars, type AtStakeByChannel } from './charts/dependency.js';
export { lockedStockBars, sellerGroup, stockMetric } from './charts/stock.js';
export { commitmentBars } from './charts/commitments.js';
export { MAX_CHARTED_INTERVAL, chartedHalo, haloIntervals, identifiedHalo } from './charts/halo.js';
export {
  MAX_TORNADO_ROWS,
  addDays,
  factorWords,
  fanChart,
  fanDates,
  histogramBins,
  lossHistogramChart,
  lossStats,
  settingName,
  tornadoChart,
  tornadoRows,
  type HistogramBin,
  type TornadoView,
} from './charts/risk.js';
export type { ExposureFigures, MonthlySeries, ReportData, RiskStats, SimulationFigures } from './types.js';
