/**
 * DuckDB macros and lookup tables the readers' SQL uses to parse cells. They are created as TEMP
 * objects on every connection so a workspace file never depends on them.
 *
 * Parsing lives in SQL because whole files go through DuckDB; each macro returns NULL for a value it
 * cannot read, and the compiled reader turns a NULL from a non-empty cell into a reject with a reason.
 */
/** What a cell's ends are trimmed of: space, tab, LF, CR and no-break space. */
const SPACE_CODES = [32, 9, 10, 13, 160];
const SPACE = SPACE_CODES.map((code) => `chr(${code})`).join(' || ');
const SPACE_AT_AN_END = SPACE_CODES.map(
  (code) => `starts_with(c, chr(${code})) OR ends_with(c, chr(${code}))`,
).join(' OR ');
const SYMBOLS = '$€£¥₩₹₽₺฿₫₱';

export const PRELUDE_SQL: readonly string[] = [
  // TikTok suffixes IDs and times with a TAB inside the cell; Shopify prefixes zips with an apostrophe.
  `CREATE OR REPLACE TEMP MACRO bl_text(s) AS nullif(trim(s, ${SPACE}), '')`,
  // bl_text of a raw cell, three times cheaper on the usual cell that has nothing to trim (trim
  // decodes every character; these compare bytes at the two ends). The cell is named ten times, so
  // give it a column, never an expression.
  `CREATE OR REPLACE TEMP MACRO bl_cell(c) AS CASE
     WHEN c = '' THEN NULL
     WHEN ${SPACE_AT_AN_END} THEN bl_text(c)
     ELSE c
   END`,
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
  `CREATE OR REPLACE TEMP MACRO bl_offset(s) AS CASE
     WHEN s IS NULL OR length(s) <= 10 THEN NULL
     WHEN regexp_matches(s, '[+-]\\d{2}:?\\d{2}\\s*$') THEN
       (CASE WHEN regexp_extract(s, '([+-])\\d{2}:?\\d{2}\\s*$', 1) = '-' THEN -1 ELSE 1 END)
       * (TRY_CAST(regexp_extract(s, '[+-](\\d{2}):?\\d{2}\\s*$', 1) AS INTEGER) * 60
          + TRY_CAST(regexp_extract(s, '[+-]\\d{2}:?(\\d{2})\\s*$', 1) AS INTEGER))
     WHEN regexp_matches(s, 'UTC[+-]\\d{1,2}') THEN
       TRY_CAST(regexp_extract(s, 'UTC([+-]\\d{1,2})', 1) AS INTEGER) * 60
     WHEN regexp_matches(s, '(Z|UTC|GMT)\\s*$') THEN 0
   END`,
  `CREATE OR REPLACE TEMP MACRO bl_bool(s) AS CASE
     WHEN lower(bl_text(s)) IN ('true', 'yes', 'y', '1') THEN true
     WHEN lower(bl_text(s)) IN ('false', 'no', 'n', '0') THEN false END`,
  `CREATE OR REPLACE TEMP MACRO bl_date(s) AS try_strptime(bl_text(s), '%Y-%m-%d')::DATE`,
  `CREATE OR REPLACE TEMP TABLE bl_countries (name VARCHAR PRIMARY KEY, iso2 VARCHAR)`,
  `CREATE OR REPLACE TEMP TABLE bl_currencies (code VARCHAR PRIMARY KEY)`,
  // The key countries.ts's countryKey computes: lower case, no accents, straight apostrophes, one space.
  `CREATE OR REPLACE TEMP MACRO bl_country_key(s) AS
     lower(regexp_replace(regexp_replace(strip_accents(bl_text(s)), '[‘’ʼ\`]', '''', 'g'), '\\s+', ' ', 'g'))`,
  `CREATE OR REPLACE TEMP MACRO bl_country(s) AS (SELECT iso2 FROM bl_countries WHERE name = bl_country_key(s))`,
  `CREATE OR REPLACE TEMP MACRO bl_currency(s) AS (SELECT code FROM bl_currencies WHERE code = upper(bl_text(s)))`,
];

export function currencyCodes(): string[] {
  return Intl.supportedValuesOf('currency');
}
