import { expr, lit, money, quantity, sqlString, status, text, time } from '../fields.js';
import type { ColumnRef, Columns, Field, OrderMapping, ReaderSpec } from '../reader.js';

/**
 * Mercado Libre "Ventas" report (FORMATS §10): XLSX, title rows above the header, Spanish headers on
 * the Spanish-speaking sites and Portuguese ones on Mercado Livre Brasil (also offered as a `;` CSV
 * with `1.234,56` amounts). The currency is written only in column names (`Ingresos por productos
 * (MXN)`), and the site it implies is the buyer's country. docs/formats/mercadolibre.md has the map.
 */

/** Header names per language; money columns may or may not carry ` (XXX)`. */
const ES = {
  id: ['# de venta'],
  date: ['Fecha de venta'],
  revenue: 'Ingresos por productos',
  fees: 'Cargo por venta e impuestos',
  shipping: 'Ingresos por envío',
  refunds: 'Anulaciones y reembolsos',
  unitPrice: 'Precio unitario de venta de la publicación',
  listing: '# de publicación',
  title: 'Título de la publicación',
};
const PT: typeof ES = {
  id: ['N.º de venda', 'Nº de venda', 'N° de venda', '# de venda'],
  date: ['Data da venda', 'Data de venda'],
  revenue: 'Receita por produtos',
  fees: 'Tarifa de venda e impostos',
  shipping: 'Receita por envio',
  refunds: 'Cancelamentos e reembolsos',
  unitPrice: 'Preço unitário de venda do anúncio',
  listing: '# de anúncio',
  title: 'Título do anúncio',
};

/** The sites' currencies; an ISO 4217 code starts with its country's ISO 3166 code (MXN → MX). */
const SITE_CURRENCIES = new Set(['ARS', 'BRL', 'CLP', 'COP', 'MXN', 'PEN', 'UYU']);

// Statuses as the sites write them (es, pt); the first listed match wins, anything else is a sale.
const STATUS_WORDS = {
  cancelled: ['cancel'],
  returned: ['devuelt', 'devol'],
  refunded: ['reembols'],
  pending: ['pago pendiente', 'pendiente de pago', 'pagamento pendente', 'aguardando pagamento'],
};

const MONTHS = new Map<string, number>([
  ...[
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'ene feb mar abr may jun jul ago sep oct nov dic',
    'jan fev mar abr mai jun jul ago set out nov dez',
  ].flatMap((names) => names.split(' ').map((name, i): [string, number] => [name, i + 1])),
  ['setiembre', 9],
  ['sept', 9],
  ['marco', 3],
]);

/** `31 de agosto de 2026 23:59 hs.` (es), `24 de março de 2026 22:36 hs.` (pt) → `31/08/2026 23:59`. */
function longDate(cell: string): string {
  const t = `lower(${cell})`;
  const part = (re: string) => `regexp_extract(${t}, ${sqlString(re)}, 1)`;
  const month = `CASE ${part('^\\d{1,2} de ([^ ]+?)\\.? de \\d{4}')} ${[...MONTHS]
    .map(([name, n]) => `WHEN ${sqlString(name)} THEN '${n}'`)
    .join(' ')} END`;
  const hhmm = `coalesce(nullif(${part('(\\d{1,2}:\\d{2})')}, ''), '00:00')`;
  return `CASE WHEN ${month} IS NULL THEN ${cell} ELSE concat_ws(' ', concat_ws('/', ${part('^(\\d{1,2}) de')}, ${month}, ${part(' de (\\d{4})')}), ${hhmm}) END`;
}

/** Whole amounts grouped by dots (CLP `19.990`, the BR CSV's `1.234`) are not decimals: no ML currency has three. */
function amount(ref: ColumnRef): Field {
  const t = `bl_text(${ref.sql})`;
  return {
    ...money(ref, 'auto'),
    sql: `bl_money_text(CASE WHEN regexp_full_match(${t}, '-?\\d{1,3}(\\.\\d{3})+') THEN replace(${t}, '.', '') ELSE ${t} END, 'auto')`,
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').toLowerCase();
/** A money column by its name, with or without the currency suffix. */
const moneyColumn = (c: Columns, name: string) => c.find(new RegExp(`^${escapeRe(name)}( \\([a-z]{3}\\))?$`));

function ventas(c: Columns, names: typeof ES): OrderMapping {
  const id = c.get(...names.id);
  const state = c.get('Estado'); // the first `Estado` is the order's; the second is the buyer's state
  const revenue = moneyColumn(c, names.revenue) ?? c.get(names.revenue);
  const code = /\(([a-z]{3})\)\s*$/i.exec(revenue.name)?.[1]?.toUpperCase();

  const dateRef = c.get(...names.date);
  const deliveryRef = c.opt('Forma de entrega');
  const [feesRef, shippingRef, refundsRef] = [names.fees, names.shipping, names.refunds].map((n) =>
    moneyColumn(c, n),
  );

  // A package row (`Paquete de 2 productos`, pt `Pacote de 2 produtos`) holds the order's money, date and
  // delivery, and is followed by its N item rows, each with its own `# de venta`, units and unit price
  // but blank money. The package row yields no line (an empty unnest below), yet window functions
  // still see it, so its items take their order number and those cells from it: one window, computed once,
  // carries them.
  const isPackage = `regexp_matches(lower(coalesce(bl_text(${state.sql}), '')), '^(paquete|pacote) de \\d+ produ')`;
  const carried = [id, dateRef, deliveryRef, feesRef, shippingRef, refundsRef].filter(
    (r): r is ColumnRef => r !== undefined,
  );
  const cells = carried.map((r, i) => `'v${i}': ${r.sql}`).join(', ');
  const pkg = '_package';
  const pkgWindow = `last_value(CASE WHEN ${isPackage} THEN {'line': _line, 'n': TRY_CAST(regexp_extract(${state.sql}, '(\\d+)', 1) AS INTEGER), ${cells}} END IGNORE NULLS) OVER (ORDER BY _line ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
  // An item row sits within N rows of its package row and has no money of its own (a short package
  // must not swallow the next order, which always has its `Ingresos por productos`).
  const inPackage = `(bl_text(${revenue.sql}) IS NULL AND coalesce(_line - struct_extract(${pkg}, 'line') <= struct_extract(${pkg}, 'n'), false))`;
  const ofOrder = (ref: ColumnRef): ColumnRef => ({
    ...ref,
    sql: `CASE WHEN ${inPackage} THEN struct_extract(${pkg}, 'v${carried.indexOf(ref)}') ELSE ${ref.sql} END`,
  });
  const charge = (ref: ColumnRef | undefined): Field | undefined => {
    if (!ref) return undefined;
    const value = amount(ofOrder(ref));
    return { ...value, sql: `abs(${value.sql})` };
  };

  const units = quantity(c.get('Unidades'));
  const unitPrice = moneyColumn(c, names.unitPrice);
  const gross = amount(revenue);
  // Sellers without SKUs get the listing id (`MLM1111`), then the title.
  const skuRefs = [c.opt('SKU'), c.opt(names.listing), c.opt(names.title)].filter(
    (r): r is ColumnRef => r !== undefined,
  );
  const skuRaw = skuRefs[0] ?? c.get('SKU');
  const delivery = deliveryRef && ofOrder(deliveryRef);
  return {
    orderId: expr(
      `unnest(CASE WHEN ${isPackage} THEN []::VARCHAR[] ELSE [bl_text(${ofOrder(id).sql})] END)`,
      id,
    ),
    lineId: text(id),
    // Item rows may leave the date (MX) and the delivery (CL) to their package row.
    orderTime: {
      ...time(ofOrder(dateRef), ['%d/%m/%Y %H:%M', '%d/%m/%Y', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d'], longDate),
      expect: 'a date like 31 de agosto de 2026 23:59 hs.',
    },
    sku: { sql: `coalesce(${skuRefs.map((r) => `bl_text(${r.sql})`).join(', ')})`, raw: skuRaw },
    quantity: units,
    // Package items have no `Ingresos por productos` of their own: unit price × units.
    gross: {
      ...gross,
      sql: `CASE WHEN bl_text(${revenue.sql}) IS NOT NULL THEN ${gross.sql} ELSE ${unitPrice ? `(${units.sql}) * (${amount(unitPrice).sql})` : 'NULL'} END`,
    },
    currency: code ? lit(code) : lit(null),
    market: code && SITE_CURRENCIES.has(code) ? lit(code.slice(0, 2)) : lit(null),
    status: status(state, STATUS_WORDS),
    statusRaw: text(state),
    ...(delivery
      ? {
          fulfillment: {
            sql: `CASE WHEN contains(lower(bl_text(${delivery.sql})), 'full') THEN 'FULL' WHEN bl_text(${delivery.sql}) IS NOT NULL THEN 'merchant' END`,
          },
        }
      : {}),
    order: { fees: charge(feesRef), shipping: charge(shippingRef), refund: charge(refundsRef) },
    derived: { [pkg]: pkgWindow },
  };
}

export const MERCADOLIBRE_READERS: readonly ReaderSpec[] = [
  {
    id: 'mercadolibre-ventas',
    label: 'Mercado Libre Ventas report',
    kind: 'orders',
    channel: 'mercadolibre',
    signature: ['# de venta', 'fecha de venta', 'estado', 'unidades'],
    decimal: 'auto',
    orders: (c) => ventas(c, ES),
  },
  {
    id: 'mercadolibre-vendas',
    label: 'Mercado Livre Vendas report (Brazil)',
    kind: 'orders',
    channel: 'mercadolibre',
    signature: ['estado', 'unidades', 'receita por produtos (brl)'],
    decimal: 'auto',
    orders: (c) => ventas(c, PT),
  },
];
