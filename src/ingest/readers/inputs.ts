import { country, currency, money, quantity, text } from '../fields.js';
import type { ColumnRef, Columns, Field, ReaderSpec } from '../reader.js';

/**
 * Ballast's own CSV layouts for what channel exports do not carry (docs/formats.md):
 * locations, inventory, inbound shipments, costs, commitments and FX. Each is recognised by its header.
 */
type Required = Field & { required?: boolean };

const req = (field: Field): Required => ({ ...field, required: true });
const date = (raw: ColumnRef): Field => ({
  sql: `bl_date(${raw.sql})`,
  raw,
  expect: 'a date like 2025-01-17',
});
const bool = (raw: ColumnRef): Field => ({ sql: `bl_bool(${raw.sql})`, raw, expect: 'true or false' });
const upper = (raw: ColumnRef): Field => ({ sql: `upper(bl_text(${raw.sql}))`, raw });
const lower = (raw: ColumnRef): Field => ({ sql: `lower(bl_text(${raw.sql}))`, raw });
const optional = (c: Columns, name: string, build: (raw: ColumnRef) => Field, fallback = 'NULL'): Field => {
  const raw = c.opt(name);
  return raw ? { ...build(raw), sql: `coalesce(${build(raw).sql}, ${fallback})` } : { sql: fallback };
};
const positive = (field: Field, what: string): Field => ({
  ...field,
  sql: `CASE WHEN ${field.sql} > 0 THEN ${field.sql} END`,
  expect: what,
});
/** `15%` or `0.15` both mean a 15 % fee. */
const fraction = (raw: ColumnRef): Field => ({
  sql: `CASE WHEN contains(bl_text(${raw.sql}), '%') THEN bl_money(replace(${raw.sql}, '%', ''), '.') / 100 ELSE bl_money(${raw.sql}, '.') END`,
  raw,
  expect: 'a fraction like 0.15 or 15%',
});

/** Kinds of stock location the locations file may name; the report names each (report/messages.ts). */
export const LOCATION_KINDS = ['fba', 'fbt', 'wfs', '3pl', 'own', 'supplier'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const locations: ReaderSpec = {
  id: 'locations',
  label: 'Ballast locations CSV',
  kind: 'locations',
  channel: null,
  signature: ['location', 'kind', 'market', 'channels'],
  table: (c) => ({
    fields: {
      location: req(text(c.get('location'))),
      kind: req({
        sql: `CASE WHEN lower(bl_text(${c.get('kind').sql})) IN (${LOCATION_KINDS.map((k) => `'${k}'`).join(', ')}) THEN lower(bl_text(${c.get('kind').sql})) END`,
        raw: c.get('kind'),
        expect: `one of ${LOCATION_KINDS.join(', ')}`,
      }),
      market: req(country(c.get('market'))),
      // `*` = any of the seller's channels in that market; otherwise a list split on ; | or spaces.
      channels: req({
        sql: `array_to_string(list_sort(list_distinct(string_split_regex(lower(bl_text(${c.get('channels').sql})), '[;|,\\s]+'))), ';')`,
        raw: c.get('channels'),
      }),
    },
  }),
};

export const inventory: ReaderSpec = {
  id: 'inventory',
  label: 'Ballast inventory CSV',
  kind: 'inventory',
  channel: null,
  signature: ['location', 'sku', 'quantity', 'as_of'],
  table: (c) => ({
    fields: {
      location: req(text(c.get('location'))),
      sku: req(upper(c.get('sku'))),
      quantity: req(quantity(c.get('quantity'))),
      as_of: req(date(c.get('as_of'))),
    },
  }),
};

export const shipments: ReaderSpec = {
  id: 'shipments',
  label: 'Ballast inbound shipments CSV',
  kind: 'shipments',
  channel: null,
  signature: ['shipment_id', 'sku', 'quantity', 'to_location', 'eta', 'status', 'can_redirect'],
  table: (c) => ({
    fields: {
      shipment_id: req(text(c.get('shipment_id'))),
      sku: req(upper(c.get('sku'))),
      quantity: req(quantity(c.get('quantity'))),
      from_location: optional(c, 'from', text),
      to_location: req(text(c.get('to_location'))),
      eta: req(date(c.get('eta'))),
      status: req(lower(c.get('status'))),
      can_redirect: req(bool(c.get('can_redirect'))),
    },
  }),
};

export const costs: ReaderSpec = {
  id: 'costs',
  label: 'Ballast costs CSV',
  kind: 'costs',
  channel: null,
  signature: ['sku', 'unit_cost', 'currency'],
  table: (c) => ({
    fields: {
      sku: req(upper(c.get('sku'))),
      // '' = every channel or market: the most specific row wins when costs are looked up.
      channel: optional(c, 'channel', lower, `''`),
      market: optional(c, 'market', country, `''`),
      unit_cost: req(money(c.get('unit_cost'), '.')),
      currency: req(currency(c.get('currency'))),
      fee_pct: optional(c, 'fee_pct', fraction),
      fee_per_unit: optional(c, 'fee_per_unit', (r) => money(r, '.')),
      ship_per_unit: optional(c, 'ship_per_unit', (r) => money(r, '.')),
    },
  }),
};

export const commitments: ReaderSpec = {
  id: 'commitments',
  label: 'Ballast commitments CSV',
  kind: 'commitments',
  channel: null,
  signature: ['id', 'channel', 'kind', 'amount', 'currency', 'start', 'end', 'cancellable', 'cancel_fee'],
  table: (c) => ({
    fields: {
      id: req(text(c.get('id'))),
      channel: req(lower(c.get('channel'))),
      kind: req(lower(c.get('kind'))),
      amount: req(money(c.get('amount'), '.')),
      currency: req(currency(c.get('currency'))),
      start_date: req(date(c.get('start'))),
      end_date: req(date(c.get('end'))),
      cancellable: req(bool(c.get('cancellable'))),
      cancel_fee: optional(c, 'cancel_fee', (r) => money(r, '.'), '0'),
    },
  }),
};

export const fx: ReaderSpec = {
  id: 'fx',
  label: 'Ballast FX CSV',
  kind: 'fx',
  channel: null,
  signature: ['date', 'currency', 'rate'],
  table: (c) => ({
    fields: {
      date: req(date(c.get('date'))),
      currency: req(currency(c.get('currency'))),
      rate: req(positive(money(c.get('rate'), '.'), 'a positive rate (units of base currency per unit)')),
    },
  }),
};

export const INPUT_READERS: readonly ReaderSpec[] = [locations, inventory, shipments, costs, commitments, fx];
