import { CREATE_LINE_SUMMARIES, REFRESH_LINE_SUMMARIES } from './line-summaries.js';

/**
 * Versioned schema. Each migration runs once, in order, inside the transaction that opens the
 * workspace; `schema_version` in `meta` records the last one applied. Never edit a released
 * migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'order lines, files, rejects and the non-order inputs',
    sql: [
      `CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `INSERT INTO settings VALUES ('base_currency', 'USD')`,
      `CREATE TABLE files (
         sha256 VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, format VARCHAR NOT NULL, kind VARCHAR NOT NULL,
         rows BIGINT NOT NULL, rejects BIGINT NOT NULL, bytes BIGINT NOT NULL, encoding VARCHAR NOT NULL,
         import_id BIGINT NOT NULL, imported_at TIMESTAMP NOT NULL, rank_time TIMESTAMP)`,
      `CREATE TABLE order_lines (
         channel VARCHAR NOT NULL, market VARCHAR NOT NULL, order_id VARCHAR NOT NULL, line_key VARCHAR NOT NULL,
         via VARCHAR NOT NULL, order_time TIMESTAMP NOT NULL, utc_offset_min INTEGER,
         seller_sku VARCHAR NOT NULL, sku VARCHAR NOT NULL, quantity DOUBLE NOT NULL,
         gross DOUBLE NOT NULL, discount DOUBLE NOT NULL, shipping DOUBLE NOT NULL, tax DOUBLE NOT NULL,
         fees DOUBLE NOT NULL, refund DOUBLE NOT NULL, currency VARCHAR NOT NULL,
         status VARCHAR NOT NULL, status_raw VARCHAR, fulfillment VARCHAR,
         file_sha256 VARCHAR NOT NULL, file_line BIGINT NOT NULL, rank_time TIMESTAMP)`,
      // A synced copy (via <> '') counts only while the channel's own export has not brought the order.
      `CREATE VIEW sales_lines AS
         SELECT * FROM order_lines o
         WHERE o.via = '' OR NOT EXISTS (
           SELECT 1 FROM order_lines p WHERE p.via = '' AND p.channel = o.channel AND p.order_id = o.order_id)`,
      `CREATE TABLE rejects (
         file_sha256 VARCHAR NOT NULL, file_name VARCHAR NOT NULL, line BIGINT, column_name VARCHAR,
         value VARCHAR, reason VARCHAR NOT NULL)`,
      `CREATE TABLE locations (location VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, market VARCHAR NOT NULL, channels VARCHAR NOT NULL)`,
      `CREATE TABLE inventory (location VARCHAR NOT NULL, sku VARCHAR NOT NULL, quantity DOUBLE NOT NULL, as_of DATE NOT NULL,
         PRIMARY KEY (location, sku, as_of))`,
      `CREATE TABLE shipments (shipment_id VARCHAR NOT NULL, sku VARCHAR NOT NULL, quantity DOUBLE NOT NULL,
         from_location VARCHAR, to_location VARCHAR NOT NULL, eta DATE NOT NULL, status VARCHAR NOT NULL,
         can_redirect BOOLEAN NOT NULL, PRIMARY KEY (shipment_id, sku))`,
      `CREATE TABLE costs (sku VARCHAR NOT NULL, channel VARCHAR NOT NULL, market VARCHAR NOT NULL,
         unit_cost DOUBLE NOT NULL, currency VARCHAR NOT NULL, fee_pct DOUBLE, fee_per_unit DOUBLE, ship_per_unit DOUBLE,
         PRIMARY KEY (sku, channel, market))`,
      `CREATE TABLE commitments (id VARCHAR PRIMARY KEY, channel VARCHAR NOT NULL, kind VARCHAR NOT NULL,
         amount DOUBLE NOT NULL, currency VARCHAR NOT NULL, start_date DATE NOT NULL, end_date DATE NOT NULL,
         cancellable BOOLEAN NOT NULL, cancel_fee DOUBLE NOT NULL)`,
      `CREATE TABLE fx (date DATE NOT NULL, currency VARCHAR NOT NULL, rate DOUBLE NOT NULL, PRIMARY KEY (date, currency))`,
    ],
  },
  {
    version: 2,
    description: 'stored simulation runs',
    sql: [
      `CREATE TABLE simulation_runs (
         run_id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, scenario_name VARCHAR NOT NULL,
         scenario_sha256 VARCHAR NOT NULL, settings JSON NOT NULL, summary JSON NOT NULL)`,
    ],
  },
  {
    version: 3,
    description: 'stored plans',
    sql: [
      `CREATE TABLE plan_runs (
         run_id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, scenario_name VARCHAR NOT NULL,
         scenario_sha256 VARCHAR NOT NULL, settings JSON NOT NULL, summary JSON NOT NULL)`,
    ],
  },
  {
    version: 4,
    description: 'ledger events (Amazon transaction reports), each stored once however many reports bring it',
    sql: [
      `CREATE TABLE ledger_events (
         channel VARCHAR NOT NULL, order_id VARCHAR NOT NULL, line_key VARCHAR NOT NULL, via VARCHAR NOT NULL,
         event_key VARCHAR NOT NULL, occurrence INTEGER NOT NULL, sells BOOLEAN NOT NULL,
         market VARCHAR NOT NULL, order_time TIMESTAMP NOT NULL, utc_offset_min INTEGER,
         seller_sku VARCHAR NOT NULL, sku VARCHAR NOT NULL, quantity DOUBLE NOT NULL,
         gross DOUBLE NOT NULL, discount DOUBLE NOT NULL, shipping DOUBLE NOT NULL, tax DOUBLE NOT NULL,
         fees DOUBLE NOT NULL, refund DOUBLE NOT NULL, currency VARCHAR NOT NULL,
         status VARCHAR NOT NULL, status_raw VARCHAR, fulfillment VARCHAR,
         file_sha256 VARCHAR NOT NULL, file_line BIGINT NOT NULL,
         PRIMARY KEY (channel, event_key, occurrence))`,
    ],
  },
  {
    version: 5,
    description: 'stored runs numbered in the order they were stored (two runs can share a timestamp)',
    sql: ['simulation_runs', 'plan_runs'].flatMap((table) => [
      `ALTER TABLE ${table} ADD COLUMN seq BIGINT`,
      `UPDATE ${table} SET seq = n FROM (SELECT run_id AS id, row_number() OVER (ORDER BY created_at, run_id) AS n FROM ${table}) WHERE run_id = id`,
    ]),
  },
  {
    version: 6,
    description: 'saved scenarios (YAML text by name), for the dashboard and the API',
    sql: [
      `CREATE TABLE saved_scenarios (name VARCHAR PRIMARY KEY, yaml VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)`,
    ],
  },
  {
    version: 7,
    description: 'store identity: lines keyed within their store, and an order id unique across stores',
    sql: [
      ...['order_lines', 'ledger_events'].flatMap((table) => [
        `ALTER TABLE ${table} ADD COLUMN store VARCHAR DEFAULT ''`,
        `ALTER TABLE ${table} ADD COLUMN order_uid VARCHAR DEFAULT ''`,
      ]),
      // Bound again so that `*` carries the new columns; a synced copy still gives way to the
      // channel's own line from any store.
      `CREATE OR REPLACE VIEW sales_lines AS
         SELECT * FROM order_lines o
         WHERE o.via = '' OR NOT EXISTS (
           SELECT 1 FROM order_lines p WHERE p.via = '' AND p.channel = o.channel AND p.order_id = o.order_id)`,
    ],
  },
  {
    version: 13,
    description: 'alert history: when each alert opened and closed, and where it was delivered',
    sql: [
      `CREATE TABLE alert_history (
         seq BIGINT PRIMARY KEY, alert_key VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
         subject VARCHAR NOT NULL, value DOUBLE NOT NULL, threshold DOUBLE NOT NULL, message VARCHAR NOT NULL,
         opened_at TIMESTAMP NOT NULL, last_seen_at TIMESTAMP NOT NULL, closed_at TIMESTAMP,
         webhook_at TIMESTAMP, email_at TIMESTAMP, details JSON NOT NULL)`,
    ],
  },
  {
    version: 14,
    description:
      "a synced copy marked when the channel's own line arrives, instead of found again by every read",
    sql: [
      // Every read of sales_lines paid for the anti-join below (70 ms of a 75 ms query on the demo
      // seller's 93,000 lines); imports now keep the flag (store/superseded.ts).
      `ALTER TABLE order_lines ADD COLUMN superseded BOOLEAN DEFAULT false`,
      `UPDATE order_lines o SET superseded = true
       WHERE o.via <> '' AND EXISTS (
         SELECT 1 FROM order_lines p WHERE p.via = '' AND p.channel = o.channel AND p.order_id = o.order_id)`,
      `CREATE OR REPLACE VIEW sales_lines AS SELECT * EXCLUDE (superseded) FROM order_lines WHERE NOT superseded`,
    ],
  },
  {
    version: 16,
    description: "the simulator's workspace reads, kept for the next what-if while the inputs are unchanged",
    sql: [
      // One row per scenario start; `inputs` fingerprints what the reads depend on (compose/sim-data.ts).
      `CREATE TABLE sim_data_cache (start VARCHAR PRIMARY KEY, inputs VARCHAR NOT NULL, data VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 18,
    description:
      'daily and SKU summaries of the lines, rebuilt by every import, so exposure reads no old line',
    sql: [...CREATE_LINE_SUMMARIES, ...REFRESH_LINE_SUMMARIES],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
