/**
 * The dashboard's languages: its own words (web catalogues, typed so a key missing in one language
 * is a type error), the report's words where they overlap (column headings, chart titles, plan
 * actions), and the report's Intl formatters for numbers, money and dates.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import {
  LANGS,
  formatters,
  messages,
  type Formatters,
  type Lang,
  type Messages,
} from '../../../src/report/i18n.ts';
import { en, type WebMessages } from './en.ts';
import { zhCN } from './zh-cn.ts';

export { LANGS, type Formatters, type Lang, type Messages, type WebMessages };

const CATALOGUES: Record<Lang, WebMessages> = { en, 'zh-CN': zhCN };
export const LANG_KEY = 'ballast.lang';

function isLang(value: string | null): value is Lang {
  return value !== null && (LANGS as readonly string[]).includes(value);
}

/** `?lang=` in the link wins (and is remembered), then the saved choice, then the browser's language. */
export function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) {
    localStorage.setItem(LANG_KEY, fromUrl);
    return fromUrl;
  }
  const saved = localStorage.getItem(LANG_KEY);
  if (isLang(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface I18n {
  lang: Lang;
  /** The dashboard's own words. */
  w: WebMessages;
  /** The report's words (headings, chart titles, actions) in the same language. */
  t: Messages;
  /** Numbers, dates, and money in the workspace's base currency. */
  fmt: Formatters;
  currency: string;
}

export function i18n(lang: Lang, currency: string): I18n {
  return { lang, w: CATALOGUES[lang], t: messages(lang), fmt: formatters(lang, currency), currency };
}

export const I18nContext = createContext<I18n>(i18n('en', 'USD'));
export function useI18n(): I18n {
  return useContext(I18nContext);
}
