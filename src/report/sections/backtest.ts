import { html, table } from '../html.js';
import type { Lang } from '../i18n.js';
import { paragraph, type Section, type SectionContext } from './section.js';

/**
 * How far to trust the risk figures: the baseline forecast and its noise scored on the seller's own
 * last 8 weeks, held out (`ballast forecast --backtest`). Its words live here, in both languages, so
 * the section stays self-contained; a missing language is a type error as in the main catalogues.
 */

interface BacktestText {
  title: string;
  lead: (p: { weeks: string; date: string; cells: string }) => string;
  none: string;
  method: Record<string, string>;
  colMethod: string;
  colMase: string;
  colRmsse: string;
  colBias: string;
  colIn80: string;
  colIn95: string;
  reading: (p: { mase: string; naive: string; in80: string; in95: string }) => string;
  widthWarning: string;
  explain: string;
}

const TEXT: Readonly<Record<Lang, BacktestText>> = {
  en: {
    title: 'How far to trust the forecast',
    lead: ({ weeks, date, cells }) =>
      `The baseline forecast behind the risk figures, tested on your own sales: the last ${weeks} weeks up ` +
      `to ${date} were hidden, forecast from the weeks before, and compared with what sold (${cells} cells).`,
    none: 'Not enough sales history to test the forecast (it needs more than 9 weeks).',
    method: { ballast: 'Ballast', 'seasonal-naive': 'Same as last week', naive: 'Same as the last day' },
    colMethod: 'Forecast',
    colMase: 'MASE',
    colRmsse: 'RMSSE',
    colBias: 'Bias',
    colIn80: 'In 80 % range',
    colIn95: 'In 95 % range',
    reading: ({ mase, naive, in80, in95 }) =>
      `Ballast's error was ${mase} of a typical week-to-week change (repeating last week: ${naive}). ` +
      `${in80} of the hidden days fell inside the 80 % range the simulator draws from, ${in95} inside the 95 % range.`,
    widthWarning:
      'The ranges missed by more than 5 points: read the spread of the risk figures (fan chart, CVaR) with care.',
    explain:
      'MASE and RMSSE below 1 beat repeating last week’s sales on your history. Ballast’s MASE scores the middle ' +
      'value (median) of each day’s range, the best guess when every unit of error counts the same, often 0 ' +
      'for slow sellers; RMSSE and bias score the average, which the simulator uses. Bias is total forecast ' +
      'over total sold, minus 1.',
  },
  'zh-CN': {
    title: '预测的可信程度',
    lead: ({ weeks, date, cells }) =>
      `风险数字所依据的基线预测，用您自己的销售数据检验：隐藏截至 ${date} 的最近 ${weeks} 周，` +
      `用之前的数据预测，再与实际销量比较（${cells} 个单元）。`,
    none: '销售历史不足，无法检验预测（需要超过 9 周）。',
    method: { ballast: 'Ballast', 'seasonal-naive': '与上周相同', naive: '与最后一天相同' },
    colMethod: '预测方法',
    colMase: 'MASE',
    colRmsse: 'RMSSE',
    colBias: '偏差',
    colIn80: '落在 80% 区间内',
    colIn95: '落在 95% 区间内',
    reading: ({ mase, naive, in80, in95 }) =>
      `Ballast 的误差为典型周间变化的 ${mase}（重复上周：${naive}）。被隐藏的日子中，` +
      `${in80} 落在模拟器所用的 80% 区间内，${in95} 落在 95% 区间内。`,
    widthWarning: '区间偏离超过 5 个百分点：请谨慎解读风险数字的分布范围（扇形图、CVaR）。',
    explain:
      'MASE 和 RMSSE 低于 1 表示优于按上周销量重复的预测。Ballast 的 MASE 以每天预测区间的中位数计分' +
      '（每件误差同等重要时的最佳估计，滞销品常为 0）；RMSSE 和偏差以平均值计分，即模拟器所用的值。' +
      '偏差为预测总量与实际总量之比减 1。',
  },
};

export function backtestSection(ctx: SectionContext): Section | null {
  const b = ctx.data.backtest;
  if (b === undefined) return null;
  const text = TEXT[ctx.lang];
  const { fmt } = ctx;
  const head = { id: 'backtest', title: text.title };
  const ballast = b?.rows.find((r) => r.method === 'ballast');
  if (!b || !ballast || !Number.isFinite(ballast.mase))
    return { ...head, body: html`${paragraph(text.none, 'unknown-box')}` };
  const number = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  const share = (x: number) => (Number.isFinite(x) ? fmt.percent(x) : '–');
  const rows = b.rows.map((r) => [
    text.method[r.method] ?? r.method,
    number(r.mase),
    number(r.rmsse),
    Number.isFinite(r.bias) ? fmt.growth(r.bias) : '–',
    share(r.coverage80),
    share(r.coverage95),
  ]);
  const columns = [
    { label: text.colMethod },
    { label: text.colMase, numeric: true },
    { label: text.colRmsse, numeric: true },
    { label: text.colBias, numeric: true },
    { label: text.colIn80, numeric: true },
    { label: text.colIn95, numeric: true },
  ];
  const naive = b.rows.find((r) => r.method === 'seasonal-naive');
  const off = Math.abs(ballast.coverage80 - 0.8) > 0.05 || Math.abs(ballast.coverage95 - 0.95) > 0.05;
  return {
    ...head,
    body: html`${paragraph(
      text.lead({
        weeks: fmt.integer(b.holdoutDays / 7),
        date: fmt.date(b.through),
        cells: fmt.integer(b.cells),
      }),
      'lead',
    )}
    ${table(columns, rows)}
    ${paragraph(
      text.reading({
        mase: number(ballast.mase),
        naive: naive ? number(naive.mase) : '–',
        in80: share(ballast.coverage80),
        in95: share(ballast.coverage95),
      }),
    )}
    ${off ? paragraph(text.widthWarning, 'unknown-box') : ''} ${paragraph(text.explain, 'note')}`,
  };
}
