/**
 * Charts to inline SVG with ECharts' server-side renderer: no canvas, no DOM, no script needed to
 * view the result. Only the chart types the report uses are registered.
 */
import { BarChart, CustomChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from './charts/theme.js';

echarts.use([
  BarChart,
  CustomChart,
  GaugeChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  SVGRenderer,
]);

/** Width the SVG is drawn at; the page scales it to the column (screen) or the A4 text width (print). */
export const CHART_WIDTH = 720;

export function renderSvg(spec: ChartSpec, width = CHART_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: spec.height });
  try {
    // A static file has nothing to animate.
    chart.setOption({ ...spec.option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
