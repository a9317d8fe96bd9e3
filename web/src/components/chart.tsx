import type { EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from '../../../src/report/charts/theme.ts';
import type * as EchartsModule from '../charts/echarts.ts';
import { useI18n } from '../i18n/index.ts';

type Echarts = typeof EchartsModule;
let loading: Promise<Echarts> | null = null;
function loadEcharts(): Promise<Echarts> {
  return (loading ??= import('../charts/echarts.ts'));
}

/**
 * A live chart from one of the report's option builders, with a tooltip. The container is an image
 * to a screen reader, named by `label`; the numbers themselves are in the table beside it.
 */
export function Chart({
  spec,
  label,
  valueFormat,
}: {
  spec: ChartSpec;
  label: string;
  valueFormat?: (value: number) => string;
}) {
  const { w } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let disposed = false;
    let cleanup = () => {};
    loadEcharts()
      .then(({ init }) => {
        if (disposed) return;
        const chart = init(element, null, { renderer: 'svg' });
        const tooltip: EChartsOption['tooltip'] = {
          confine: true,
          ...(valueFormat
            ? { valueFormatter: (v: unknown) => (typeof v === 'number' ? valueFormat(v) : String(v ?? '')) }
            : {}),
        };
        chart.setOption({ ...spec.option, tooltip });
        const resize = new ResizeObserver(() => chart.resize());
        resize.observe(element);
        cleanup = () => {
          resize.disconnect();
          chart.dispose();
        };
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      cleanup();
    };
  }, [spec, valueFormat]);
  return (
    <div class="chart" data-chart={spec.id}>
      <div ref={box} role="img" aria-label={label} style={{ height: `${spec.height}px` }} />
      {failed && <p class="muted">{w.chartFailed}</p>}
    </div>
  );
}
