/**
 * DuckDB macros and lookup tables the readers' SQL uses to parse cells. They are created as TEMP
 * objects on every connection so a workspace file never depends on them.
 *
 * Parsing lives in SQL because whole files go through DuckDB; each macro returns NULL for a value it
 * cannot read, and the compiled reader turns a NULL from a non-empty cell into a reject with a reason.
 */
const SPACE = `' ' || chr(9) || chr(10) || chr(13) || chr(160)`;
const SYMBOLS = '$€£¥₩₹₽₺฿₫₱';

export const PRELUDE_SQL: readonly string[] = [
  // TikTok suffixes IDs and times with a TAB inside the cell; Shopify prefixes zips with an apostrophe.
  `CREATE OR REPLACE TEMP MACRO bl_text(s) AS nullif(trim(s, ${SPACE}), '')`,
  `CREATE OR REPLACE TEMP MACRO bl_plain_number(t, sep) AS CASE
     WHEN t IS NULL THEN NULL
     WHEN sep = ',' THEN CASE WHEN regexp_full_match(t, '(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?')
       THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE) END
     WHEN sep = '.' THEN CASE WHEN regexp_full_match(t, '(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?')
       THEN TRY_CAST(replace(t, ',', '') AS DOUBLE) END
     ELSE CASE
       WHEN regexp_full_match(t, '(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?') THEN TRY_CAST(replace(t, ',', '') AS DOUBLE)
       WHEN regexp_full_match(t, '(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?')
         THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE)
     END
   END`,
  // Amounts as channels print them: `1,694.07`, `1.141,18`, `$45.99`, `9,99€`, `R$ 12,00`, `(3.20)`, `-3.20 USD`.
  `CREATE OR REPLACE TEMP MACRO bl_money_text(t, sep) AS CASE
     WHEN t IS NULL THEN NULL
     WHEN isfinite(TRY_CAST(t AS DOUBLE)) AND regexp_full_match(t, '-?[0-9.]+') THEN TRY_CAST(t AS DOUBLE)
     WHEN regexp_full_match(t, '\\(?\\s*-?\\s*([A-Za-z]{1,3}\\s?)?[${SYMBOLS}]?\\s*-?\\s*[0-9][0-9.,]*\\s*([${SYMBOLS}]|\\s?[A-Za-z]{3})?\\s*\\)?')
       AND (t LIKE '(%' ) = (t LIKE '%)')
       THEN (CASE WHEN t LIKE '(%' OR t LIKE '%-%' THEN -1 ELSE 1 END)
            * bl_plain_number(regexp_extract(t, '[0-9][0-9.,]*'), sep)
   END`,
  `CREATE OR REPLACE TEMP MACRO bl_money(s, sep) AS bl_money_text(bl_text(s), sep)`,
  // A zone offset at the end of a timestamp, in minutes: `+0100`, `-07:00`, `UTC+1`.
  // A date alone (10 characters) has no zone: skip the regular expressions.
  // One regular expression finds sign, hours and minutes at once (no match: sign empty); the lambda
  // evaluates it once, where a macro argument used three times would run it three times.
  `CREATE OR REPLACE TEMP MACRO bl_offset(s) AS CASE
     WHEN s IS NULL OR length(s) <= 10 THEN NULL
     ELSE coalesce(
       list_transform([regexp_extract(s, '([+-])(\\d{2}):?(\\d{2})\\s*$', ['sign', 'h', 'm'])], z -> CASE
         WHEN z.sign <> '' THEN
           (CASE WHEN z.sign = '-' THEN -1 ELSE 1 END) * (TRY_CAST(z.h AS INTEGER) * 60 + TRY_CAST(z.m AS INTEGER))
         END)[1],
       CASE
         WHEN regexp_matches(s, 'UTC[+-]\\d{1,2}') THEN TRY_CAST(regexp_extract(s, 'UTC([+-]\\d{1,2})', 1) AS INTEGER) * 60
         WHEN regexp_matches(s, '(Z|UTC|GMT)\\s*$') THEN 0
       END) END`,
  `CREATE OR REPLACE TEMP MACRO bl_bool(s) AS CASE
     WHEN lower(bl_text(s)) IN ('true', 'yes', 'y', '1') THEN true
     WHEN lower(bl_text(s)) IN ('false', 'no', 'n', '0') THEN false END`,
  `CREATE OR REPLACE TEMP MACRO bl_date(s) AS try_strptime(bl_text(s), '%Y-%m-%d')::DATE`,
  `CREATE OR REPLACE TEMP TABLE bl_countries (name VARCHAR PRIMARY KEY, iso2 VARCHAR)`,
  `CREATE OR REPLACE TEMP TABLE bl_currencies (code VARCHAR PRIMARY KEY)`,
  `CREATE OR REPLACE TEMP MACRO bl_country(s) AS (SELECT iso2 FROM bl_countries WHERE name = lower(bl_text(s)))`,
  `CREATE OR REPLACE TEMP MACRO bl_currency(s) AS (SELECT code FROM bl_currencies WHERE code = upper(bl_text(s)))`,
];

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'the netherlands': 'NL',
  holland: 'NL',
  'korea, republic of': 'KR',
  'south korea': 'KR',
  'russian federation': 'RU',
  'viet nam': 'VN',
  'hong kong sar china': 'HK',
  'mainland china': 'CN',
  'czech republic': 'CZ',
  uae: 'AE',
  türkiye: 'TR',
  turkey: 'TR',
  deutschland: 'DE',
  brasil: 'BR',
  méxico: 'MX',
  mexico: 'MX',
  españa: 'ES',
};

const NAME_LANGUAGES = ['es', 'pt', 'de', 'fr', 'it', 'nl', 'ja', 'zh', 'id', 'th', 'vi'];

/** ISO 3166 alpha-2 codes and their names in the languages exports are written in, from ICU. */
export function countryRows(): Array<[string, string]> {
  const rows = new Map<string, string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const current = codes.filter((code) => english.of(code) && !RETIRED.has(code));
  // English names first, so a name another language gives a different code cannot take them over.
  for (const code of current) {
    rows.set(code.toLowerCase(), code);
    const name = english.of(code)!.toLowerCase();
    if (!rows.has(name)) rows.set(name, code);
  }
  for (const lang of NAME_LANGUAGES) {
    const namer = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of current) {
      const name = namer.of(code)?.toLowerCase();
      if (name && !rows.has(name)) rows.set(name, code);
    }
  }
  for (const [name, code] of Object.entries(COUNTRY_ALIASES)) rows.set(name, code);
  return [...rows];
}

/** Codes ICU still names that are not countries a buyer lives in today (retired, or groupings). */
const RETIRED = new Set([
  'DD',
  'YU',
  'CS',
  'SU',
  'ZR',
  'TP',
  'BU',
  'NT',
  'YD',
  'FX',
  'QO',
  'EU',
  'EZ',
  'UN',
  'ZZ',
  'XA',
  'XB',
  'XK',
  'AN',
  'UK',
  'DY',
  'HV',
  'NH',
  'VD',
  'RH',
]);

export function currencyCodes(): string[] {
  return Intl.supportedValuesOf('currency');
}
