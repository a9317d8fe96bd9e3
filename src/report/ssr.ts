/**
 * Charts to inline SVG with ECharts' server-side renderer: no canvas, no DOM, no script needed to
 * view the result. Only the chart types the report uses are registered.
 *
 * ECharts is loaded on the first chart, not when this module is: it costs about 0.9 CPU seconds to
 * load, and every CLI command imports the report's module graph while only `report` and `demo`
 * draw charts (`ballast simulate` spent a tenth of its time loading it). `require` keeps
 * `renderSvg` synchronous; Node 20.19+ loads the ES module that way.
 */
import { createRequire } from 'node:module';
import type * as Charts from 'echarts/charts';
import type * as Components from 'echarts/components';
import type * as Echarts from 'echarts/core';
import type * as Renderers from 'echarts/renderers';
import type { ChartSpec } from './charts/theme.js';

let loaded: typeof Echarts | undefined;

function echarts(): typeof Echarts {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const core = require('echarts/core') as typeof Echarts;
  const { BarChart, CustomChart, GaugeChart, LineChart, ScatterChart } =
    require('echarts/charts') as typeof Charts;
  const { GridComponent, LegendComponent, MarkLineComponent } =
    require('echarts/components') as typeof Components;
  const { SVGRenderer } = require('echarts/renderers') as typeof Renderers;
  core.use([
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
  loaded = core;
  return core;
}

/** Width the SVG is drawn at; the page scales it to the column (screen) or the A4 text width (print). */
export const CHART_WIDTH = 720;

export function renderSvg(spec: ChartSpec, width = CHART_WIDTH): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height: spec.height });
  try {
    // A static file has nothing to animate.
    chart.setOption({ ...spec.option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
