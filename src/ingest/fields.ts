import type { ColumnRef, Field, Status } from './reader.js';

/**
 * Builders for reader mappings. Each returns a Field: SQL that parses a raw cell (NULL when it cannot)
 * and what the cell should have looked like, so a failure becomes a reject with a reason.
 * Every string that reaches SQL from here is either a column identifier (`"c3"`) or a quoted literal.
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function lit(value: string | number | null): Field {
  if (value === null) return { sql: 'NULL' };
  return { sql: typeof value === 'number' ? String(value) : sqlString(value) };
}

export function expr(sql: string, raw?: ColumnRef, expect?: string): Field {
  return { sql, ...(raw ? { raw } : {}), ...(expect ? { expect } : {}) };
}

/** Trimmed text: surrounding spaces, tabs, line breaks and no-break spaces dropped (TikTok's `\t` suffix). */
export function text(raw: ColumnRef): Field {
  return { sql: `bl_text(${raw.sql})`, raw };
}

export function money(raw: ColumnRef, decimal: '.' | ',' | 'auto' = 'auto'): Field {
  return { sql: `bl_money(${raw.sql}, ${sqlString(decimal)})`, raw, expect: 'an amount like 12.34' };
}

/** A count of units: a non-negative number. */
export function quantity(raw: ColumnRef): Field {
  const parsed = `bl_money(${raw.sql}, '.')`;
  return {
    sql: `CASE WHEN ${parsed} >= 0 THEN ${parsed} END`,
    raw,
    expect: 'a non-negative number of units',
  };
}

/** Sum of several amount columns, treating an empty cell as 0 (e.g. Amazon `item-price` − promotions). */
export function sumOf(fields: Field[]): Field {
  return { sql: fields.map((f) => `coalesce(${f.sql}, 0)`).join(' + ') };
}

export function negate(field: Field): Field {
  return { ...field, sql: `-(${field.sql})` };
}

/**
 * A timestamp in UTC from strptime formats. Formats with `%z` read the zone; the others are taken as
 * written (the channel's local time, which the file does not state).
 */
export function time(raw: ColumnRef, formats: readonly string[], prepare?: (cell: string) => string): Field {
  const cell = prepare ? prepare(`bl_text(${raw.sql})`) : `bl_text(${raw.sql})`;
  const zoned = formats.filter((f) => f.includes('%z') || f.includes('%Z'));
  const naive = formats.filter((f) => !zoned.includes(f));
  const list = (fs: string[]) => `[${fs.map(sqlString).join(', ')}]`;
  const parts = [
    ...(zoned.length ? [`try_strptime(${cell}, ${list(zoned)})::TIMESTAMP`] : []),
    ...(naive.length ? [`try_strptime(${cell}, ${list(naive)})`] : []),
  ];
  const sql = parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
  return { sql, raw, expect: `a date like ${example(formats[0] ?? '')}` };
}

/**
 * An ISO 8601 timestamp (`2025-01-17`, `2025-01-17T14:05:09Z`, `2025-01-17 14:05:09+08:00`) by DuckDB's
 * own cast, much faster than strptime over a list of formats; the shape check keeps out the
 * cast's extras (`infinity`, `epoch`).
 */
export function isoTime(raw: ColumnRef): Field {
  const cell = `bl_text(${raw.sql})`;
  const shape = `'\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)? ?(Z|[+-]\\d{2}(:?\\d{2})?)?'`;
  return {
    sql: `CASE WHEN regexp_full_match(${cell}, ${shape}) THEN TRY_CAST(${cell} AS TIMESTAMPTZ)::TIMESTAMP END`,
    raw,
    expect: 'a date like 2025-01-17',
  };
}

export function offsetOf(raw: ColumnRef): Field {
  return { sql: `bl_offset(bl_text(${raw.sql}))` };
}

const EXAMPLE_PARTS: Record<string, string> = {
  '%Y': '2025',
  '%y': '25',
  '%m': '01',
  '%-m': '1',
  '%d': '17',
  '%-d': '17',
  '%H': '14',
  '%I': '02',
  '%M': '05',
  '%S': '09',
  '%p': 'PM',
  '%z': '+0000',
  '%Z': 'UTC',
  '%b': 'Jan',
  '%B': 'January',
};

function example(format: string): string {
  return format.replace(/%-?[a-zA-Z]/g, (part) => EXAMPLE_PARTS[part] ?? part).replace(/%f/g, '000');
}

/** An ISO 3166 alpha-2 code from a code or a country name in one of the export languages. */
export function country(raw: ColumnRef): Field {
  return { sql: `bl_country(${raw.sql})`, raw, expect: 'a country name or ISO 3166 code' };
}

export function currency(raw: ColumnRef): Field {
  return { sql: `bl_currency(${raw.sql})`, raw, expect: 'an ISO 4217 currency code like USD' };
}

/** The first field that has a value. */
export function firstOf(...fields: Field[]): Field {
  const withRaw = fields.find((f) => f.raw);
  return { ...withRaw, sql: `coalesce(${fields.map((f) => f.sql).join(', ')})` };
}

/**
 * Maps a status cell to a canonical status by case-insensitive substring. Order matters: the first
 * listed status whose words match wins; anything else is `fallback`.
 */
export function status(
  raw: ColumnRef,
  words: Partial<Record<Status, readonly string[]>>,
  fallback: Status = 'completed',
): Field {
  const cell = `lower(coalesce(bl_text(${raw.sql}), ''))`;
  const whens = Object.entries(words).flatMap(([canonical, list]) =>
    (list ?? []).map(
      (word) => `WHEN contains(${cell}, ${sqlString(word.toLowerCase())}) THEN ${sqlString(canonical)}`,
    ),
  );
  return { sql: `CASE ${whens.join(' ')} ELSE ${sqlString(fallback)} END` };
}
