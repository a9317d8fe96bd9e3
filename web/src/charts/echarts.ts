/**
 * ECharts with only what the report's chart options use, plus the tooltip for a live chart. Loaded
 * lazily (import() from the Chart component) so the first page load stays small.
 */
import { BarChart, CustomChart, GaugeChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  CustomChart,
  GaugeChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export const init = echarts.init;
