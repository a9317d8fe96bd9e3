/** Alerts in the seller's language: one sentence each, numbers formatted for that language. */
import { moneyFormat } from '../money.js';
import type { FiredAlert } from './evaluate.js';
import type { AlertLanguage } from './rules.js';

// English text in Ballast writes "56 %" (as the CLI and report do); Chinese writes "56%".
const percent = (lang: AlertLanguage, share: number) =>
  lang === 'en' ? `${Math.round(share * 100)} %` : `${Math.round(share * 100)}%`;
const points = (share: number) => String(Math.round(share * 100));
const units = (lang: AlertLanguage, n: number) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
const money = (lang: AlertLanguage, amount: number, currency: string) => moneyFormat(lang, currency)(amount);

type Wording = (a: FiredAlert) => string;

const EN: Record<FiredAlert['when'], Wording> = {
  'share-above': (a) =>
    `${a.subject} brought ${percent('en', a.value)} of net revenue from ${a.from} to ${a.to}, above the ${percent('en', a.threshold)} band.`,
  'share-rise': (a) =>
    `${a.subject}'s share of net revenue rose from ${percent('en', a.previous ?? 0)} to ${percent('en', a.value)} ` +
    `(+${points(a.value - (a.previous ?? 0))} points; the limit is ${points(a.threshold)}).`,
  'locked-stock-above': (a) =>
    `${units('en', a.value)} units of stock, on hand or inbound, can be sold only by ${a.subject} (the limit is ${units('en', a.threshold)}).`,
  'cvar-above': (a) =>
    `In the worst 5 % of simulated futures, "${a.subject}" costs ${money('en', a.value, a.currency)} (CVaR95), above the ${money('en', a.threshold, a.currency)} limit.`,
};

const ZH: Record<FiredAlert['when'], Wording> = {
  'share-above': (a) =>
    `${a.subject} 在 ${a.from} 至 ${a.to} 贡献了 ${percent('zh-CN', a.value)} 的净收入，高于 ${percent('zh-CN', a.threshold)} 的警戒线。`,
  'share-rise': (a) =>
    `${a.subject} 的净收入占比从 ${percent('zh-CN', a.previous ?? 0)} 升至 ${percent('zh-CN', a.value)}` +
    `（上升 ${points(a.value - (a.previous ?? 0))} 个百分点，上限为 ${points(a.threshold)}）。`,
  'locked-stock-above': (a) =>
    `有 ${units('zh-CN', a.value)} 件库存（在库或在途）只能通过 ${a.subject} 销售（上限为 ${units('zh-CN', a.threshold)}）。`,
  'cvar-above': (a) =>
    `在最差的 5% 模拟情景中，“${a.subject}”造成 ${money('zh-CN', a.value, a.currency)} 的损失（CVaR95），高于 ${money('zh-CN', a.threshold, a.currency)} 的上限。`,
};

export function alertMessage(alert: FiredAlert, lang: AlertLanguage): string {
  return (lang === 'zh-CN' ? ZH : EN)[alert.when](alert);
}

export function mailSubject(count: number, lang: AlertLanguage): string {
  return lang === 'zh-CN'
    ? `Ballast：${count} 条新警示`
    : `Ballast: ${count} new alert${count === 1 ? '' : 's'}`;
}
