import { currency, expr, firstOf, lit, money, quantity, sqlString, status, text } from '../fields.js';
import type { ColumnRef, Columns, Field, OrderMapping, ReaderSpec, Status } from '../reader.js';

/**
 * Shein Seller Portal order export (docs/formats/shein.md), an XLSX whose first row groups the columns under
 * titles and whose header is row 2 (detection finds it there). One row per item (`ID do item`).
 * The pt-BR labels are confirmed (SHEIN Brazil); the English ones are unconfirmed aliases.
 */

// Dates come as pt-BR text (`05/06/2026 10:40`, `30 setembro 2026 21:56`, `1 de março de 2026 12:00`),
// as real Excel dates (ISO text once converted) or as bare Excel serial numbers.
const FORMATS = [
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%d',
];
const SPELLED = ['%d %m %Y %H:%M', '%d %m %Y %H:%M:%S', '%d %m %Y'];
// Month names as spelled dates write them (`março` also without its cedilla).
const MONTHS: Record<string, string> = {
  janeiro: '01',
  fevereiro: '02',
  março: '03',
  marco: '03',
  abril: '04',
  maio: '05',
  junho: '06',
  julho: '07',
  agosto: '08',
  setembro: '09',
  outubro: '10',
  novembro: '11',
  dezembro: '12',
};

const STATUS_WORDS: Partial<Record<Status, readonly string[]>> = {
  cancelled: ['cancel'],
  // `Reembolsado por cliente` is a refund; `Em devolução` / `Devolvido` are goods coming back.
  refunded: ['reembols', 'refund'],
  returned: ['devolu', 'devolvido', 'return'],
  pending: ['pendente', 'aguardando pagamento', 'pending', 'unpaid'],
};

const list = (formats: readonly string[]) => `[${formats.map(sqlString).join(', ')}]`;

function orderTime(ref: ColumnRef): Field {
  const cell = `bl_text(${ref.sql})`;
  const spelled = Object.entries(MONTHS).reduce(
    (sql, [name, number]) => `replace(${sql}, ${sqlString(name)}, ${sqlString(number)})`,
    `regexp_replace(lower(${cell}), '\\s+de\\s+', ' ', 'g')`,
  );
  const serial = `CASE WHEN regexp_full_match(${cell}, '[0-9]{5}(\\.[0-9]+)?')
    THEN TIMESTAMP '1899-12-30' + to_seconds(round(TRY_CAST(${cell} AS DOUBLE) * 86400)) END`;
  return expr(
    `coalesce(try_strptime(${cell}, ${list(FORMATS)}), try_strptime(${spelled}, ${list(SPELLED)}), ${serial})`,
    ref,
    'a date like 05/06/2026 10:40',
  );
}

/**
 * Several amount columns that together make one field (coupon + store campaign; commission + fees).
 * Shein may print deductions as negatives; they are stored as positive amounts. An unreadable cell in
 * any of them makes the field a reject naming the columns.
 */
function total(refs: ColumnRef[]): Field | undefined {
  if (refs.length === 0) return undefined;
  const bad = (r: ColumnRef) => `(bl_text(${r.sql}) IS NOT NULL AND bl_money(${r.sql}, 'auto') IS NULL)`;
  const raw: ColumnRef = {
    sql: `CASE ${refs.map((r) => `WHEN ${bad(r)} THEN ${r.sql}`).join(' ')} ELSE ${refs[0].sql} END`,
    name: refs.map((r) => r.name).join(' + '),
  };
  return {
    sql: `CASE WHEN ${refs.map(bad).join(' OR ')} THEN NULL ELSE ${refs.map((r) => `coalesce(abs(bl_money(${r.sql}, 'auto')), 0)`).join(' + ')} END`,
    raw,
    expect: 'amounts like 12,34',
  };
}

const present = (c: Columns, ...aliases: string[][]) =>
  aliases.map((a) => c.opt(...a)).filter((r): r is ColumnRef => r !== undefined);

/** `homeMarket`: the buyers' country when the file does not say (--market fills it otherwise). */
function sheinOrders(c: Columns, homeMarket: string | null): OrderMapping {
  const qtyRef = c.opt('Quantidade', 'Quantity', 'Número de artigos vendidos');
  const qty = qtyRef ? quantity(qtyRef) : lit(1);
  const price = money(c.get('Preço do produto', 'Product Price'), 'auto');
  const sellerSku = c.get('SKU do vendedor', 'Seller SKU');
  const sheinSku = c.opt('SHEIN-SKU', 'SHEIN SKU');
  const lineId = c.opt('ID do item', 'Item ID');
  const itemStatus = c.opt('Status do produto', 'Product Status', 'Item Status');
  const orderStatus = c.get('Status do pedido', 'Order Status');
  const currencyRef = c.opt('Moeda do vendedor', 'Seller Currency', 'Currency');
  const countryRef = c.opt('País', 'País de destino', 'Country', 'Country/Region', 'Destination Country');
  // The order's creation time when the export has it; else `Coletado em` (collected at), the date the
  // public pt-BR parsers use (docs/formats/shein.md); else, for an order never collected (cancelled), the pickup time
  // it was due for. A row with none of them is a reject.
  const times = present(
    c,
    ['Data e hora de criação do pedido', 'Data de criação do pedido', 'Order Creation Time', 'Order Time'],
    ['Coletado em', 'Collected At', 'Collection Time'],
    ['Data e hora requeridas para coleta', 'Required Pickup Time'],
  );
  const statusCell: ColumnRef = itemStatus
    ? { sql: `coalesce(bl_text(${itemStatus.sql}), bl_text(${orderStatus.sql}))`, name: itemStatus.name }
    : orderStatus;

  return {
    orderId: text(c.get('Número do pedido', 'Order Number', 'Order No.')),
    ...(lineId ? { lineId: text(lineId) } : {}),
    // Without any date column, `get` stops the import naming the column it expected.
    orderTime: times.length
      ? firstOf(...times.map(orderTime))
      : orderTime(c.get('Coletado em', 'Data e hora de criação do pedido')),
    sku: {
      sql: `coalesce(bl_text(${sellerSku.sql})${sheinSku ? `, bl_text(${sheinSku.sql})` : ''})`,
      raw: sellerSku,
    },
    quantity: qty,
    // `Preço do produto` is the unit price; without a quantity column each row is one unit.
    gross: { ...price, sql: `(${qty.sql}) * (${price.sql})` },
    discount: total(
      present(
        c,
        ['Valor do cupom', 'Coupon Amount', 'Coupon Value'],
        ['Desconto de campanha da loja', 'Store Campaign Discount'],
      ),
    ),
    fees: total(
      present(
        c,
        ['Comissão', 'Commission'],
        ['Taxa de intermediação de frete', 'Freight Intermediation Fee'],
        ['Taxa de operação de estocagem', 'Storage Operation Fee'],
      ),
    ),
    // `Moeda do vendedor` is the currency the amounts are in (a cross-border seller may be paid in USD).
    currency: currencyRef ? currency(currencyRef) : lit(homeMarket === 'BR' ? 'BRL' : null),
    market: countryRef
      ? expr(
          `CASE WHEN bl_text(${countryRef.sql}) IS NULL THEN ${homeMarket ? sqlString(homeMarket) : 'NULL'} ELSE bl_country(${countryRef.sql}) END`,
          countryRef,
          'a country name or ISO 3166 code',
        )
      : lit(homeMarket),
    // The item's own status (`Reembolsado por cliente`) wins over the order's (`Entregue`).
    status: status(statusCell, STATUS_WORDS),
    statusRaw: text(statusCell),
  };
}

export const sheinOrdersPtBr: ReaderSpec = {
  id: 'shein-orders',
  label: 'Shein order export (pt-BR)',
  kind: 'orders',
  channel: 'shein',
  signature: ['número do pedido', 'status do pedido', 'sku do vendedor', 'preço do produto'],
  decimal: 'auto',
  // The pt-BR export is SHEIN Brazil's: buyers in Brazil unless a country column says otherwise.
  orders: (c) => sheinOrders(c, 'BR'),
};

export const sheinOrdersEnglish: ReaderSpec = {
  id: 'shein-orders-en',
  label: 'Shein order export (English, unconfirmed)',
  kind: 'orders',
  channel: 'shein',
  signature: ['order number', 'seller sku', 'skc', 'product price'],
  decimal: 'auto',
  orders: (c) => sheinOrders(c, null),
};

export const SHEIN_READERS: readonly ReaderSpec[] = [sheinOrdersPtBr, sheinOrdersEnglish];
