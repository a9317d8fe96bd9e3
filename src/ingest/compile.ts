import { BallastError } from '../errors.js';
import { sqlString } from './fields.js';
import type { Field, OrderMapping, ReaderOptions, TableMapping } from './reader.js';

/**
 * Compiles a reader's mapping into CTEs and a SELECT over the raw rows (`src`, columns `_file`,
 * `_line`, `c0`…`cN`), to follow `WITH src AS (…),`.
 * The result has `_file`, `_line`, the canonical columns plus `reject`, a struct naming the first
 * unreadable cell of the row (column, value, reason), or NULL when the row is good.
 *
 * `src` may hold several files of one layout (`_file` tells them apart), so that a command importing
 * many exports of one channel plans and runs this query once instead of once per file (planning it
 * alone cost ~90 ms, more than reading a month of Amazon orders). Every window and grouping is kept
 * within a file: `withinFile` adds `_file` to each window of the compiled SQL, readers' own included.
 */
export const ORDER_COLUMNS = [
  'channel',
  'store',
  'order_uid',
  'market',
  'order_id',
  'line_key',
  'via',
  'order_time',
  'utc_offset_min',
  'seller_sku',
  'sku',
  'quantity',
  'gross',
  'discount',
  'shipping',
  'tax',
  'fees',
  'refund',
  'currency',
  'status',
  'status_raw',
  'fulfillment',
] as const;

const MAX_REJECT_VALUE = 200;

/**
 * What a mapping reads of a cell is worked out once per cell, in a CTE `t` over `src`, beside the raw
 * `"cN"` (kept as written for the reject messages):
 * - `"tN"`, the trimmed text. Macros repeat their argument (bl_money reads its text a dozen times,
 *   bl_offset eight) and a mapping reads one cell in several fields, so a generic file's date was
 *   trimmed ten times a row, the largest cost of reading it; bl_cell is bl_text made cheap for a cell
 *   with nothing to trim. `bl_text("cN")` becomes `"tN"`, `bl_money("cN", …)` `bl_money_text("tN", …)`.
 * - `"kN"` and `"uN"`, the country and currency, from the lookup table read once as a map:
 *   `bl_country("cN")` and `bl_currency("cN")` are subqueries keyed by the row, which DuckDB plans as
 *   a join that buffers every row with all its columns (a third of a generic file's read). A LEFT
 *   JOIN was planned with the file as the hash table. The map is used here, before any window: with
 *   it in the macros instead, a 16,000-row Shopify export (fill-forward windows) ran out of memory.
 */
function cellsOnce(parts: readonly string[]): { parts: string[]; cte: string | null } {
  const trimmed = new Set<number>();
  const countries = new Set<number>();
  const currencies = new Set<number>();
  const use = (set: Set<number>, prefix: string, index: string) => {
    set.add(Number(index));
    return `"${prefix}${index}"`;
  };
  const rewritten = parts.map((sql) =>
    sql
      .replace(/bl_text\("c(\d+)"\)/g, (_, i: string) => use(trimmed, 't', i))
      .replace(/bl_money\("c(\d+)", /g, (_, i: string) => `bl_money_text(${use(trimmed, 't', i)}, `)
      .replace(/bl_country\("c(\d+)"\)/g, (_, i: string) => use(countries, 'k', i))
      .replace(/bl_currency\("c(\d+)"\)/g, (_, i: string) => use(currencies, 'u', i)),
  );
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const columns = [
    ...sorted(trimmed).map((i) => `bl_cell(src."c${i}") AS "t${i}"`),
    ...sorted(countries).map(
      (i) => `(SELECT map(list(name), list(iso2)) FROM bl_countries)[bl_country_key(src."c${i}")] AS "k${i}"`,
    ),
    ...sorted(currencies).map(
      (i) =>
        `(SELECT map(list(code), list(code)) FROM bl_currencies)[upper(bl_text(src."c${i}"))] AS "u${i}"`,
    ),
  ];
  if (columns.length === 0) return { parts: rewritten, cte: null };
  return { parts: rewritten, cte: `t AS (\n  SELECT src.*, ${columns.join(', ')}\n  FROM src\n)` };
}

interface Check {
  name: string;
  field: Field;
  required: boolean;
}

/**
 * A cell that has text but does not parse is rejected as written, before order-level values are
 * filled forward (else a garbled date on a later row would silently take the first row's date).
 */
function unreadableCase(checks: Check[]): string {
  const whens = checks.flatMap(({ name, field }) => {
    if (!field.raw) return [];
    const raw = `"r_${name}"`;
    const expected = sqlString(field.expect ? `expected ${field.expect}` : 'not readable');
    return [
      `WHEN ${name} IS NULL AND bl_text(${raw}) IS NOT NULL THEN {'column': ${sqlString(field.raw.name)}, 'value': left(${raw}, ${MAX_REJECT_VALUE}), 'reason': ${expected}}`,
    ];
  });
  return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
}

/** A required value still missing once order-level values are filled forward and defaults applied. */
function missingCase(checks: Check[]): string {
  const whens = checks
    .filter((c) => c.required)
    .map((c) => {
      const raw = c.field.raw ? `"r_${c.name}"` : 'NULL';
      return `WHEN ${c.name} IS NULL THEN {'column': ${sqlString(c.field.raw?.name ?? c.name)}, 'value': left(${raw}, ${MAX_REJECT_VALUE}), 'reason': 'missing'}`;
    });
  return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
}

/** A file that cannot say the market, currency or channel needs the flag; with it, the flag fills in. */
function requireSource(
  field: Field,
  fallback: string | undefined,
  what: string,
  option: string,
  example: string,
): void {
  if (field.sql === 'NULL' && !fallback) {
    throw new BallastError('bad-input', `this file does not say the ${what} of its orders`, {
      hint: `Give the \`${option}\` option to say it (for example \`${option}\` ${example}).`,
      place: { option },
    });
  }
}

/** Columns an overlapping newer file may update, when its mapping says anything about them. */
export const MUTABLE_COLUMNS = [
  'status',
  'status_raw',
  'refund',
  'fees',
  'discount',
  'shipping',
  'tax',
  'quantity',
  'gross',
  'fulfillment',
  'market',
  'order_time',
  'utc_offset_min',
] as const;

/**
 * The mutable columns this mapping actually reads from the file. A file that says nothing about fees
 * (Amazon's All Orders report) must not overwrite the fees another file (its transaction report) gave.
 */
export function providedColumns(mapping: OrderMapping): string[] {
  const given = (f: Field | undefined) => f !== undefined && f.sql !== 'NULL';
  const o = mapping.order ?? {};
  const has: Record<(typeof MUTABLE_COLUMNS)[number], boolean> = {
    status: given(mapping.status),
    status_raw: given(mapping.statusRaw),
    refund: given(mapping.refund) || given(o.refund),
    fees: given(mapping.fees) || given(o.fees),
    discount: given(mapping.discount) || given(o.discount),
    shipping: given(mapping.shipping) || given(o.shipping),
    tax: given(mapping.tax) || given(o.tax),
    quantity: true,
    gross: true,
    fulfillment: given(mapping.fulfillment),
    market: true,
    order_time: true,
    utc_offset_min: given(mapping.utcOffsetMin),
  };
  const authoritative = new Set<string>(mapping.authoritative ?? []);
  return MUTABLE_COLUMNS.filter((c) => has[c] && !authoritative.has(c));
}

export function compileOrders(
  mapping: OrderMapping,
  options: ReaderOptions,
  fixedChannel: string | null,
): string {
  const channel: Field = mapping.channel ?? { sql: fixedChannel ? sqlString(fixedChannel) : 'NULL' };
  const m: OrderMapping = { ...mapping, channel };
  requireSource(m.market, options.market, 'market (buyer country)', 'market', 'US');
  requireSource(m.currency, options.currency, 'currency', 'currency', 'USD');
  requireSource(channel, options.channel, 'channel', 'channel', 'shopify');
  // The user's flags fill what the file leaves empty, after the order's own first-row values.
  const defaults: Record<string, string | undefined> = {
    market: options.market,
    currency: options.currency,
    channel: options.channel,
  };
  const zero = { sql: 'NULL' };
  const f = (field: Field | undefined) => field ?? zero;
  const base: Record<string, Field> = {
    channel,
    market: m.market,
    order_id: m.orderId,
    line_id: f(m.lineId),
    order_time: m.orderTime,
    utc_offset_min: f(m.utcOffsetMin),
    seller_sku: m.sku,
    quantity: m.quantity,
    gross: m.gross,
    discount: f(m.discount),
    shipping: f(m.shipping),
    tax: f(m.tax),
    fees: f(m.fees),
    refund: f(m.refund),
    o_discount: f(m.order?.discount),
    o_shipping: f(m.order?.shipping),
    o_tax: f(m.order?.tax),
    o_fees: f(m.order?.fees),
    o_refund: f(m.order?.refund),
    currency: m.currency,
    status: m.status,
    status_raw: f(m.statusRaw),
    fulfillment: f(m.fulfillment),
    store: f(m.store),
    order_uid: f(m.orderUid),
    synced_channel: f(m.syncedFrom?.channel),
    synced_order_id: f(m.syncedFrom?.orderId),
  };
  const required = new Set([
    'channel',
    'market',
    'order_id',
    'order_time',
    'seller_sku',
    'quantity',
    'gross',
    'currency',
  ]);
  const checks: Check[] = Object.entries(base).map(([name, field]) => ({
    name,
    field,
    required: required.has(name),
  }));

  const parsed = Object.entries(base).map(([name, field]) => `${field.sql} AS ${name}`);
  const raws = checks.flatMap(({ name, field }) => (field.raw ? [`${field.raw.sql} AS "r_${name}"`] : []));
  const derivedSql = Object.entries(m.derived ?? {}).map(([name, sql]) => `${sql} AS ${name}`);
  const once = cellsOnce([parsed.join(',\n    '), m.skipRow ?? '', derivedSql.join(', ')]);
  const [cells, skipRow, derived] = once.parts;
  // Readers may name the raw cells `src."cN"` (eBay's summary rows): `t` keeps that name.
  const from = once.cte ? 't AS src' : 'src';
  const skip = m.skipRow ? `WHERE NOT coalesce(${skipRow}, false)` : '';
  const rows = derived ? `(SELECT *, ${derived} FROM ${from})` : from;
  // A ledger event is known by its cells: the same row in two overlapping reports is one event.
  const ledger = m.ledger
    ? [
        `md5(list_value(*COLUMNS('^c\\d+$'))::VARCHAR) AS event_key`,
        `coalesce(${m.ledger.sells}, false) AS sells`,
      ]
    : [];

  // Order-level cells may sit on an order's first row only (Shopify, Etsy) or repeat on each row
  // (TikTok, Temu): take the first value in the order either way, then spread amounts over its lines.
  const filled = [
    'channel',
    'market',
    'currency',
    'order_time',
    'utc_offset_min',
    'status',
    'status_raw',
    'fulfillment',
    'synced_channel',
    'synced_order_id',
    'store',
    'order_uid',
  ];
  const orderAmounts = ['o_discount', 'o_shipping', 'o_tax', 'o_fees', 'o_refund'];
  const w = `OVER (PARTITION BY order_id ORDER BY _line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;
  // Totals over an order need no row order; without ORDER BY, DuckDB aggregates the partition once.
  const whole = `OVER (PARTITION BY order_id)`;
  // Windows cost a pass each over the file: only for values that can vary by row and amounts that exist.
  const constant = (c: string) => /^(NULL|'[^']*'|-?\d+(\.\d+)?)$/.test(base[c].sql);
  const fillForward = m.fillForward !== false;
  const fill = [
    ...filled
      .filter((c) => defaults[c] || (fillForward && !constant(c)))
      .map((c) => {
        const fallback = defaults[c] ? `, ${sqlString(defaults[c])}` : '';
        return fillForward && !constant(c)
          ? `coalesce(${c}, first_value(${c} IGNORE NULLS) ${w}${fallback}) AS ${c}`
          : `coalesce(${c}${fallback}) AS ${c}`;
      }),
    // An order amount is the order's, even where a later row writes 0 beside it (Etsy items).
    ...orderAmounts.filter((c) => !constant(c)).map((c) => `first_value(${c} IGNORE NULLS) ${w} AS ${c}`),
  ];
  const spread = ['o_discount', 'o_tax', 'o_fees', 'o_refund'].some((c) => !constant(c));
  const share = spread
    ? `CASE WHEN sum(coalesce(gross, 0)) ${whole} <> 0 THEN coalesce(gross, 0) / sum(coalesce(gross, 0)) ${whole} ELSE 1.0 / count(*) ${whole} END`
    : '0.0';
  const firstLine = constant('o_shipping')
    ? 'false'
    : `row_number() OVER (PARTITION BY order_id ORDER BY _line) = 1`;

  const num = (c: string) => `coalesce(${c}, 0)`;
  const synced = `synced_channel IS NOT NULL AND synced_order_id IS NOT NULL`;
  // A line without a line id is its SKU's occurrence in the order (`SKU#1`, `SKU#2`). Numbering them
  // here takes a window that sorts the whole file, while most orders list a SKU once: every key is
  // written `#1`, with the order (before a synced copy's substitution) and whether the key was
  // numbered (`_order_id`, `_numbered`), and the store numbers the few repeats after reading: a SKU's
  // occurrences in one order, rejected rows included, in file order.
  const numbered = numbersLines(m);
  const lineKey = `coalesce(line_id, upper(seller_sku) || '#1')`;

  const isRefunded = `status IN ('refunded', 'returned')`;
  const goods = `${num('gross')} - (${num('discount')} + ${num('o_discount')} * gross_share)`;

  return withinFile(`${once.cte ? `${once.cte}, ` : ''}p AS (
  SELECT _file, _line, ${[cells, ...raws, ...ledger].join(',\n    ')}
  FROM ${rows} ${skip}
), u AS (
  SELECT *, ${unreadableCase(checks)} AS unreadable FROM p
), f AS (
  SELECT *${fill.length ? ` REPLACE (${fill.join(', ')})` : ''},
    ${share} AS gross_share,
    ${firstLine} AS first_line
  FROM u
), l AS (
  SELECT *,
    ${num('discount')} + ${num('o_discount')} * gross_share AS discount_all,
    ${num('shipping')} + CASE WHEN first_line THEN ${num('o_shipping')} ELSE 0 END AS shipping_all,
    ${num('tax')} + ${num('o_tax')} * gross_share AS tax_all,
    ${num('fees')} + ${num('o_fees')} * gross_share AS fees_all,
    -- An order's refund may include its shipping and tax (TikTok's \`Order Refund Amount\`), which net
    -- revenue leaves out: a line's share is capped at what its goods fetched.
    CASE WHEN refund IS NULL AND o_refund IS NULL AND ${isRefunded} THEN ${goods}
         ELSE ${num('refund')} + least(${num('o_refund')} * gross_share, greatest(${goods} - ${num('refund')}, 0)) END AS refund_all,
    coalesce(unreadable, ${missingCase(checks)}) AS reject
  FROM f
)${m.combineRows ? ', c AS (' : ''}
SELECT _file, _line,
  CASE WHEN ${synced} THEN synced_channel ELSE channel END AS channel,
  coalesce(store, ${sqlString(options.store ?? '')}) AS store,
  -- A synced copy is keyed by the marketplace's own order id, unique across its shops.
  CASE WHEN ${synced} THEN '' ELSE coalesce(order_uid, '') END AS order_uid,
  upper(market) AS market,
  CASE WHEN ${synced} THEN synced_order_id ELSE order_id END AS order_id,
  ${lineKey} AS line_key,
  CASE WHEN ${synced} THEN channel ELSE '' END AS via,
  order_time, utc_offset_min::INTEGER AS utc_offset_min, seller_sku, upper(seller_sku) AS sku,
  quantity, gross, discount_all AS discount, shipping_all AS shipping, tax_all AS tax, fees_all AS fees,
  refund_all AS refund, upper(currency) AS currency, status, status_raw, fulfillment, reject${m.ledger ? ', event_key, sells' : ''}${
    numbered ? ',\n  order_id AS _order_id, line_id IS NULL AS _numbered' : ''
  }
FROM l${m.combineRows ? COMBINE : ''}`);
}

/** Whether compileOrders leaves the numbering of repeated SKUs in an order to the store. */
export function numbersLines(mapping: OrderMapping): boolean {
  return !(mapping.combineRows || mapping.ledger);
}

/** Good rows of one order and SKU fold into one line; a rejected row stays on its own to be reported. */
const COMBINE = `
)
SELECT * FROM c WHERE reject IS NOT NULL
UNION ALL BY NAME
SELECT _file, min(_line) AS _line, channel, store, order_uid, any_value(market) AS market, order_id, line_key, via,
  min(order_time) AS order_time, any_value(utc_offset_min) AS utc_offset_min, any_value(seller_sku) AS seller_sku, sku,
  sum(quantity) AS quantity, sum(gross) AS gross, sum(discount) AS discount, sum(shipping) AS shipping,
  sum(tax) AS tax, sum(fees) AS fees, sum(refund) AS refund, any_value(currency) AS currency,
  CASE WHEN bool_or(status = 'returned') THEN 'returned'
       WHEN sum(refund) > 0 AND sum(refund) >= sum(gross) - sum(discount) - 0.005 THEN 'refunded' ELSE arg_min(status, _line) END AS status,
  arg_max(status_raw, _line) AS status_raw, any_value(fulfillment) AS fulfillment, NULL AS reject
FROM c WHERE reject IS NULL
GROUP BY _file, channel, store, order_uid, order_id, line_key, via, sku`;

/** Non-order inputs (locations, inventory, …): a field per table column, required ones checked. */
export function compileTable(mapping: TableMapping): string {
  const entries = Object.entries(mapping.fields);
  const checks: Check[] = entries.map(([name, field]) => ({
    name,
    field,
    required: field.required ?? false,
  }));
  const once = cellsOnce([entries.map(([name, field]) => `${field.sql} AS ${name}`).join(', ')]);
  const raws = checks.flatMap(({ name, field }) => (field.raw ? [`${field.raw.sql} AS "r_${name}"`] : []));
  return withinFile(`${once.cte ? `${once.cte}, ` : ''}p AS (SELECT _file, _line, ${[...once.parts, ...raws].join(', ')} FROM ${once.cte ? 't AS src' : 'src'})
SELECT _file, _line, ${entries.map(([name]) => name).join(', ')}, coalesce(${unreadableCase(checks)}, ${missingCase(checks)}) AS reject FROM p`);
}

/**
 * Keeps every window of compiled SQL within one file of `src`: `OVER (PARTITION BY x …)` becomes
 * `OVER (PARTITION BY _file, x …)`, `OVER (ORDER BY …)` and `OVER ()` gain `PARTITION BY _file`.
 * Readers write windows in those three forms; any other (a named window) would see rows of other
 * files, so it is refused here rather than compiled.
 */
export function withinFile(sql: string): string {
  const scoped = sql.replace(/\bOVER\s*\(\s*(PARTITION BY\s+|ORDER BY\b|\))/g, (_, next: string) =>
    next.startsWith('PARTITION')
      ? 'OVER (PARTITION BY _file, '
      : next === ')'
        ? 'OVER (PARTITION BY _file)'
        : 'OVER (PARTITION BY _file ORDER BY',
  );
  const loose = /\bOVER\b(?!\s*\(PARTITION BY _file\b)/.exec(scoped);
  if (loose) {
    throw new BallastError(
      'internal',
      `a reader's window cannot be kept within one file: ${scoped.slice(loose.index, loose.index + 60)}`,
      { hint: 'Write the window as OVER (PARTITION BY …), OVER (ORDER BY …) or OVER ().' },
    );
  }
  return scoped;
}
