import { expr, lit, quantity, sqlString, text, time } from '../fields.js';
import type { ColumnRef, Columns, Field, OrderMapping, ReaderSpec } from '../reader.js';
import { TRANSACTION_DATE_FORMATS, withOffset } from './amazon-dates.js';
import { currencyOfMarketplace, marketOfMarketplace } from './amazon-marketplaces.js';

/**
 * Amazon's Payments ▸ Date Range / Custom Unified Transaction report (docs/formats/amazon.md): a CSV whose
 * header sits under a preamble of quoted one-cell lines, one row per money movement. It is read for
 * what the All Orders report lacks — fees and refunds — and still stands alone as a sales record.
 * English and German headers share one mapping; the column names below are `[English, German]`.
 */
const COLUMNS = {
  date: ['date/time', 'Datum/Uhrzeit'],
  type: ['type', 'Typ'],
  order: ['order id', 'Bestellnummer'],
  sku: ['sku'],
  quantity: ['quantity', 'Menge'],
  marketplace: ['marketplace'],
  fulfillment: ['fulfillment', 'fulfilment', 'Versand'],
  sales: ['product sales', 'Umsätze'],
  rebates: ['promotional rebates', 'Rabatte aus Werbeaktionen'],
  shipping: ['shipping credits', 'postage credits', 'Gutschrift für Versandkosten'],
} as const;
// Tax the buyer paid, by report generation: itemised (2019+), one `sales tax collected` (≤2018),
// India's GST. `marketplace withheld tax` / `Marketplace Facilitator Tax` only hand it back.
const TAXES = [
  ['product sales tax', 'Produktumsatzsteuer'],
  ['shipping credits tax', 'Steuer auf Versandgutschrift'],
  ['giftwrap credits tax', 'gift wrap credits tax', 'Steuer auf Geschenkverpackungsgutschriften'],
  ['promotional rebates tax', 'Steuer auf Aktionsrabatte'],
  ['sales tax collected'],
  ['Total sales tax liable(GST before adjusting TCS)'],
];
const FEES = [
  ['selling fees', 'Verkaufsgebühren'],
  ['fba fees', 'Gebühren zu Versand durch Amazon'],
  ['other transaction fees', 'Andere Transaktionsgebühren'],
];
// Types that belong to an order line. Service Fee, Transfer, Adjustment, FBA Inventory Fee, SAFE-T
// reimbursements… are account-level money, not order lines, and are skipped.
const ORDER_TYPES = ['order', 'bestellung'];
const REFUND_TYPES = ['refund', 'erstattung', 'chargeback refund', 'a-to-z guarantee claim'];

function transactions(decimal: ',' | 'auto') {
  const checked = (sql: string, raw: ColumnRef | undefined, expect: string): Field =>
    raw ? expr(sql, raw, expect) : expr(sql);

  return (c: Columns): OrderMapping => {
    // Each amount column is parsed once per row, as a derived column, however many fields read it.
    // `1,694.07` and `1.141,18` read alike; India groups by two (`1,44,957.78`), which is unwound first.
    const parsed = new Map<string, { name: string; sql: string }>();
    const amount = (ref: ColumnRef) => {
      const known = parsed.get(ref.sql);
      if (known) return known.name;
      const sql =
        decimal === ','
          ? `bl_money(${ref.sql}, ',')`
          : `bl_money(CASE WHEN regexp_full_match(bl_text(${ref.sql}), '-?\\d{1,2}(,\\d{2})+,\\d{3}(\\.\\d+)?')
          THEN replace(bl_text(${ref.sql}), ',', '') ELSE ${ref.sql} END, 'auto')`;
      const name = `_amount${parsed.size}`;
      parsed.set(ref.sql, { name, sql });
      return name;
    };
    /** Sum of the columns present; NULL (a reject) when one of them is not a number. */
    const sum = (groups: readonly (readonly string[])[]): { sql: string; raw?: ColumnRef } => {
      const refs = groups.map((names) => c.opt(...names)).filter((r): r is ColumnRef => r !== undefined);
      if (refs.length === 0) return { sql: '0' };
      const bad = refs.map((r) => `(bl_text(${r.sql}) IS NOT NULL AND ${amount(r)} IS NULL)`).join(' OR ');
      return {
        sql: `CASE WHEN ${bad} THEN NULL ELSE ${refs.map((r) => `coalesce(${amount(r)}, 0)`).join(' + ')} END`,
        raw: refs[0],
      };
    };
    const type = `lower(bl_text(${c.get(...COLUMNS.type).sql}))`;
    const inTypes = (types: string[]) => `${type} IN (${types.map(sqlString).join(', ')})`;
    const isRefund = inTypes(REFUND_TYPES);
    const orderRef = c.get(...COLUMNS.order);
    const skuRef = c.get(...COLUMNS.sku);
    // A Refund row stands for its sale (units and amount, refunded) until a report with the Order row
    // comes in: the store counts refund rows' units and amounts only while no stored event of the line
    // sells (OrderMapping.ledger), so a refund never leaves a negative line.
    const sign = `(CASE WHEN ${isRefund} THEN -1 ELSE 1 END)`;
    const counted = (sql: string, absolute = false) => (absolute ? `abs(${sql})` : `${sign} * (${sql})`);
    const sales = c.get(...COLUMNS.sales);
    const rebatesRef = c.opt(...COLUMNS.rebates);
    const rebates = rebatesRef ? `coalesce(${amount(rebatesRef)}, 0)` : '0';
    const shippingRef = c.opt(...COLUMNS.shipping);
    const tax = sum(TAXES);
    const fees = sum(FEES);
    const date = c.get(...COLUMNS.date);
    const qty = quantity(c.get(...COLUMNS.quantity));
    const marketplace = c.opt(...COLUMNS.marketplace);
    const fulfillment = c.opt(...COLUMNS.fulfillment);
    const mapping: OrderMapping = {
      skipRow: `NOT coalesce(${inTypes([...ORDER_TYPES, ...REFUND_TYPES])}, false)`,
      orderId: text(orderRef),
      // The date with its zone as an offset, rewritten once per row (`derived` below): both fields read it.
      orderTime: {
        ...time({ ...date, sql: '_date' }, TRANSACTION_DATE_FORMATS),
        raw: date,
        expect: 'a date like Jan 5, 2026 11:03:05 AM PST',
      },
      utcOffsetMin: expr(`bl_offset(_date)`),
      sku: text(skuRef),
      quantity: { ...qty, sql: counted(qty.sql, true) },
      gross: expr(counted(amount(sales)), sales, 'an amount like 1,694.07'),
      // Promotions are negative on the sale row, positive where a refund reverses them.
      discount: rebatesRef
        ? expr(counted(amount(rebatesRef), true), rebatesRef, 'an amount like -1.50')
        : undefined,
      shipping: shippingRef
        ? expr(counted(amount(shippingRef)), shippingRef, 'an amount like 4.99')
        : undefined,
      tax: checked(counted(tax.sql), tax.raw, 'amounts like 1.23 in the tax columns'),
      // Fees are negative in the report; a refund row gives part of them back.
      fees: checked(`-(${fees.sql})`, fees.raw, 'amounts like -1.23 in the fee columns'),
      // Refunded product, net of the promotion the refund reverses.
      refund: expr(
        `CASE WHEN ${isRefund} THEN -(${amount(sales)} + ${rebates}) ELSE 0 END`,
        sales,
        'an amount like -12.34',
      ),
      currency: marketplace ? currencyOfMarketplace(marketplace) : lit(null),
      market: marketplace ? marketOfMarketplace(marketplace) : lit(null),
      status: expr(`CASE WHEN ${isRefund} THEN 'refunded' ELSE 'completed' END`),
      statusRaw: text(c.get(...COLUMNS.type)),
      ...(fulfillment
        ? {
            fulfillment: expr(
              `CASE WHEN contains(lower(bl_text(${fulfillment.sql})), 'amazon') THEN 'FBA' WHEN bl_text(${fulfillment.sql}) IS NOT NULL THEN 'merchant' END`,
            ),
          }
        : {}),
      ledger: { sells: inTypes(ORDER_TYPES) },
      // The ledger is the authority on fees and refunds; purchase dates, markets and discounts come from All Orders.
      authoritative: ['fees', 'refund'],
    };
    // Built last: the fields above register the amount columns they read.
    const derived = { _date: withOffset(`bl_text(${date.sql})`) } as Record<string, string>;
    for (const { name, sql } of parsed.values()) derived[name] = sql;
    return { ...mapping, derived };
  };
}

const base = { kind: 'orders', channel: 'amazon', delimiters: [',', '\t'] } as const;

export const amazonTransactions: ReaderSpec = {
  ...base,
  id: 'amazon-transactions',
  label: 'Amazon Date Range / Custom Unified Transaction report',
  signature: [
    'date/time',
    'settlement id',
    'type',
    'order id',
    'sku',
    'quantity',
    'product sales',
    'selling fees',
    'fba fees',
  ],
  decimal: 'auto',
  orders: transactions('auto'),
};

/** The same report from amazon.de with German headers and decimal commas (`1.141,18`). */
export const amazonTransactionsDe: ReaderSpec = {
  ...base,
  id: 'amazon-transactions-de',
  label: 'Amazon Transaktionsbericht (Datumsbereich)',
  signature: [
    'datum/uhrzeit',
    'abrechnungsnummer',
    'typ',
    'bestellnummer',
    'sku',
    'menge',
    'umsätze',
    'verkaufsgebühren',
  ],
  decimal: ',',
  orders: transactions(','),
};
