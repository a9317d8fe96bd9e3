/**
 * Every table the dashboard shows, as rows a spreadsheet can take (sellers live in spreadsheets):
 * built from the same JSON the engine returns, flattened one level (`outOfSample.cvar`), lists
 * joined. Headers are the field names in words, in English or Chinese.
 */
import { BallastError } from '../errors.js';
import type { Lang } from '../report/index.js';

export const TABLES = [
  'status-totals',
  'status-files',
  'rejects',
  'exposure-channels',
  'exposure-markets',
  'exposure-channel-market',
  'exposure-skus',
  'exposure-stock',
  'exposure-commitments',
  'exposure-halo',
  'simulation-loss',
  'simulation-tornado',
  'simulation-tail-shares',
  'plan-actions',
  'plan-frontier',
  'forecast-backtest',
] as const;
export type TableName = (typeof TABLES)[number];
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export type Cell = string | number | boolean | null;
export interface Table {
  name: TableName;
  headers: string[];
  rows: Cell[][];
}

/** Chinese headers for the fields the tables hold; a field missing here keeps its English words. */
const ZH: Record<string, string> = {
  channel: '渠道',
  market: '市场',
  currency: '币种',
  orders: '订单数',
  lines: '订单行',
  cancelledLines: '取消行',
  units: '件数',
  gross: '销售总额',
  refunds: '退款',
  from: '起始日',
  to: '截止日',
  name: '名称',
  sha256: 'SHA-256',
  format: '格式',
  kind: '类型',
  rows: '行数',
  rejects: '拒收行',
  importedAt: '导入时间',
  file: '文件',
  line: '行',
  column: '列',
  value: '值',
  reason: '原因',
  revenue: '收入',
  share: '占比',
  grossProfit: '毛利',
  growth: '增长',
  priorRevenue: '上期收入',
  sku: 'SKU',
  revenueAtStake: '受影响收入',
  soldElsewhere: '其他渠道有售',
  location: '仓位',
  channels: '可售渠道',
  onlyChannel: '唯一渠道',
  remaining: '剩余承诺',
  cancellable: '可取消',
  cancelFees: '取消费用',
  commitments: '承诺数',
  driver: '驱动渠道',
  low: '下限',
  high: '上限',
  identified: '已识别',
  days: '天数',
  measure: '指标',
  mean: '均值',
  stdev: '标准差',
  stderr: '标准误',
  p5: 'P5',
  p50: 'P50',
  p95: 'P95',
  var90: 'VaR 90',
  var95: 'VaR 95',
  var99: 'VaR 99',
  cvar90: 'CVaR 90',
  cvar95: 'CVaR 95',
  cvar99: 'CVaR 99',
  parameter: '参数',
  lossLow: '低值损失',
  lossHigh: '高值损失',
  swing: '波动幅度',
  event: '事件',
  text: '说明',
  lambda: 'λ',
  expectedProfit: '期望利润',
  cvar: 'CVaR',
  actions: '行动数',
  method: '方法',
  mase: 'MASE',
  bias: '偏差',
  cells: '单元数',
  skipped: '跳过',
};

/** `revenueAtStake` → `Revenue at stake`; `outOfSample.cvar` → `Out of sample cvar`. */
function words(key: string): string {
  const spaced = key
    .replace(/\./g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function header(key: string, lang: Lang): string {
  if (lang === 'zh-CN') {
    const parts = key.split('.');
    const translated = parts.map((p) => ZH[p]);
    if (translated.every((t) => t !== undefined)) return translated.join(' · ');
  }
  return words(key);
}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return JSON.stringify(value);
}

/** Objects → one column per field (nested objects one level deep), in the order fields first appear. */
export function tableOf(name: TableName, objects: ReadonlyArray<object>, lang: Lang = 'en'): Table {
  const flat = objects.map((o) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(o)) {
      if (value && typeof value === 'object' && !Array.isArray(value))
        for (const [inner, v] of Object.entries(value)) out[`${key}.${inner}`] = v;
      else out[key] = value;
    }
    return out;
  });
  const keys: string[] = [];
  for (const row of flat) for (const key of Object.keys(row)) if (!keys.includes(key)) keys.push(key);
  return {
    name,
    headers: keys.map((k) => header(k, lang)),
    rows: flat.map((row) => keys.map((k) => cell(row[k]))),
  };
}

/** RFC 4180 CSV with a byte-order mark, so spreadsheet programs read Chinese headers as UTF-8. */
export function toCsv(table: Table): string {
  const quote = (c: Cell) => {
    const text = c === null ? '' : String(c);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return '\uFEFF' + [table.headers, ...table.rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(table: Table): Promise<Buffer> {
  // Loaded on first use: exceljs takes a few hundred milliseconds to load, and few commands write XLSX.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file for a table in a format, with its name and media type. */
export async function tableFile(
  table: Table,
  format: TableFormat,
): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  if (format === 'csv')
    return {
      body: Buffer.from(toCsv(table), 'utf8'),
      fileName: `${table.name}.csv`,
      contentType: 'text/csv; charset=utf-8',
    };
  return {
    body: await toXlsx(table),
    fileName: `${table.name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

export function noSuchRun(kind: string): BallastError {
  return new BallastError('not-found', `no stored ${kind} run in this workspace`, {
    hint: `Run a ${kind} first (or name a stored run), then ask for its tables.`,
  });
}
