import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGS, formatters, type Messages } from './i18n.js';
import { formatMoney } from '../money.js';

/** Every key, with nested records flattened (`kindNames.fba`), so a missing nested name shows too. */
function keys(m: object, prefix = ''): string[] {
  return Object.entries(m)
    .flatMap(([k, v]) =>
      v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    )
    .sort();
}

/** Calls a message with a parameter object whose every value names itself, to see each is used. */
function sample(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'function') throw new Error(`not a message: ${String(value)}`);
  const params = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? `«${key}»` : undefined) });
  try {
    return String((value as (p: unknown) => string)(params));
  } catch {
    return String((value as (p: string) => string)('«value»')); // `points` takes the number alone
  }
}

describe('message catalogues', () => {
  it('have the same keys in every language', () => {
    const reference = keys(CATALOGUES.en);
    for (const lang of LANGS) expect(keys(CATALOGUES[lang]), lang).toEqual(reference);
  });

  it('give non-empty text for every key, and use every parameter they are given', () => {
    for (const lang of LANGS) {
      const m = CATALOGUES[lang] as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(m)) {
        if (value !== null && typeof value === 'object') {
          for (const [k, v] of Object.entries(value))
            expect(String(v).trim(), `${lang} ${key}.${k}`).not.toBe('');
          continue;
        }
        const text = sample(value);
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        // A parameter the English text uses must appear in the translation too (no dropped figure).
        const used = sample((CATALOGUES.en as unknown as Record<string, unknown>)[key]).match(/«\w+»/g) ?? [];
        for (const p of used) expect(text, `${lang} ${key} uses ${p}`).toContain(p);
      }
    }
  });

  it('are really translated: Chinese text in zh-CN wherever English has words', () => {
    const zh = CATALOGUES['zh-CN'] as unknown as Record<string, unknown>;
    const untranslatable = new Set([
      'points',
      'planPlusMinus',
      'colSku',
      'colIndex',
      'haloPair',
      'kpiEffectiveChannelsNote',
      'riskTornadoLabel',
      'riskFactor',
    ]);
    for (const key of Object.keys(zh)) {
      if (untranslatable.has(key) || typeof zh[key] === 'object') continue;
      expect(sample(zh[key]), key).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('type-checks a complete catalogue only (a missing key does not compile)', () => {
    // @ts-expect-error — a catalogue without every key is not Messages
    const partial: Messages = { title: 'x' };
    expect(partial.title).toBe('x');
  });
});

describe('formatters', () => {
  const en = formatters('en', 'USD');
  const zh = formatters('zh-CN', 'USD');

  it('format money in the language, whole units except small amounts', () => {
    expect(en.money(1234.56)).toBe('$1,235');
    expect(en.money(0)).toBe('$0');
    expect(en.money(4.5)).toBe('$4.50');
    expect(zh.money(1234.56)).toBe('US$1,235');
    expect(en.moneyCompact(30_000)).toBe('$30K');
    expect(zh.moneyCompact(180_000)).toBe('US$18万');
    expect(formatters('en', 'EUR').money(-1200)).toBe('-€1,200');
    expect(en.money(-1e-12)).toBe('$0');
    expect(en.moneyCompact(-1e-9)).toBe('$0');
    expect(en.money(-0.3)).toBe('-$0.30');
  });

  it('format money one way for the report, the CLI and the plan: whole amounts under 10 without cents', () => {
    expect(en.money(5)).toBe('$5');
    expect(zh.money(1)).toBe('US$1');
    expect(en.money(9.999)).toBe('$10');
    for (const amount of [0, 1, 4.5, 5, 9.99, 12.5, 1234.56, -0.3, -1e-12])
      expect(formatMoney(amount, 'USD')).toBe(en.money(amount));
    expect(formatMoney(2.5, 'EUR')).toBe('€2.50');
    // A code Intl does not take as a currency still prints, with the code after the number.
    expect(formatMoney(1200, 'US')).toBe('1,200 US');
  });

  it('format shares, growth and points, without a minus sign on a zero', () => {
    expect(en.percent(0.4968)).toBe('49.7%');
    expect(en.percent(0.8, 0)).toBe('80%');
    expect(en.percent(-0.00001)).toBe('0.0%');
    expect(en.growth(0.25)).toBe('+25%');
    expect(en.growth(-0.019)).toBe('-1.9%');
    expect(en.points(0.309)).toBe('+30.9 pts');
    expect(zh.points(0.309)).toBe('+30.9 个百分点');
  });

  it('format dates and months in UTC, whatever the machine time zone', () => {
    expect(en.date('2025-01-15')).toBe('Jan 15, 2025');
    expect(zh.date('2025-01-15')).toBe('2025年1月15日');
    expect(en.month('2024-02')).toBe('Feb 2024');
    expect(en.day('2025-01-19')).toBe('Jan 19');
    expect(zh.day('2025-01-19')).toBe('1月19日');
    expect(zh.month('2024-02')).toBe('2024年2月');
    expect(en.date('not a date')).toBe('not a date');
  });

  it('name markets and known channels in the language, and leave anything else as imported', () => {
    expect(en.market('US')).toBe('United States');
    expect(zh.market('US')).toBe('美国');
    expect(en.market('XX')).toBe('XX');
    expect(en.market('<b>')).toBe('<b>');
    expect(en.channel('tiktok-shop')).toBe('TikTok Shop');
    expect(zh.channel('amazon')).toBe('亚马逊');
    expect(en.channel('my-own-shop')).toBe('my-own-shop');
    expect(en.channel('toString')).toBe('toString');
    expect(en.list(['Amazon', 'Shopify', 'Temu'])).toBe('Amazon, Shopify, and Temu');
    expect(zh.list(['亚马逊', 'Shopify', 'Temu'])).toBe('亚马逊、Shopify和Temu');
  });
});
