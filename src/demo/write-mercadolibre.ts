/**
 * Mercado Livre Brasil ▸ Vendas ▸ Baixar Excel de vendas (docs/formats/mercadolibre.md): XLSX, title
 * rows above the header on row 6, sale numbers and amounts as numeric cells, dates as Portuguese
 * text, `Estado` twice (the sale's status, later the buyer's state), and a purchase of two products
 * as a package row (`Pacote de 2 produtos`) carrying the money, followed by its item rows.
 */
import { MONTHS_PT, dayParts, vendasTime } from './calendar.js';
import { seenAs, type DemoOrder } from './orders.js';
import { round2 } from './order-details.js';
import { brBuyer } from './people.js';
import { TERMS } from './seller.js';
import { hashOf } from './text.js';
import { stableZip } from './xlsx-stable.js';

type Cell = string | number | null;

// prettier-ignore
const HEADER = [
  'N.º de venda', 'Data da venda', 'Estado', 'Descrição do status', 'Pacote de diversos produtos', 'Unidades',
  'Receita por produtos (BRL)', 'Receita por envio (BRL)', 'Tarifa de venda e impostos (BRL)', 'Tarifas de envio (BRL)',
  'Cancelamentos e reembolsos (BRL)', 'Total (BRL)', 'Venda por publicidade', 'SKU', '# de anúncio', 'Canal de venda',
  'Título do anúncio', 'Variação', 'Preço unitário de venda do anúncio (BRL)', 'Tipo de anúncio', 'Comprador', 'Cidade',
  'Estado', 'CEP', 'País', 'Forma de entrega', 'Reclamação aberta',
];
const at = (name: string, nth = 0) =>
  HEADER.findIndex((h, i) => h === name && HEADER.slice(0, i).filter((x) => x === name).length === nth);

/** The seller's shipping cost per sale, BRL [invented]. */
const SHIPPING_COST_BRL = 22.9;

/** Sale numbers: 16 digits, exact as XLSX numbers (below 2^53). */
const saleNumber = (n: number) => 2_000_004_000_000_000 + n;

/** The report as an XLSX workbook, downloaded at the end of `asOfDay`. Byte-stable (xlsx-stable.ts). */
export async function vendasWorkbook(
  orders: readonly DemoOrder[],
  days: readonly string[],
  asOfDay: number,
  period: string,
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on use, as in ingest/xlsx.ts
  const workbook = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2025, 0, 17, 21, 0, 0));
  workbook.creator = 'Mercado Libre';
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet('Vendas BR');
  sheet.addRow(['Vendas BR']);
  sheet.addRow([]);
  sheet.addRow(['Relatório de vendas']);
  sheet.addRow([`Período: ${period}`]);
  sheet.addRow(
    HEADER.map((h, i) =>
      i === 0 ? 'Vendas' : h === 'SKU' ? 'Anúncios' : h === 'Comprador' ? 'Compradores' : null,
    ),
  );
  sheet.addRow(HEADER);
  for (const order of orders) for (const row of saleRows(order, days, asOfDay)) sheet.addRow(row);
  return stableZip(Buffer.from(await workbook.xlsx.writeBuffer()), fixed);
}

function saleRows(order: DemoOrder, days: readonly string[], asOfDay: number): Cell[][] {
  let k = 0;
  const nextNumber = () => saleNumber(order.seq * 4 + k++);
  const iso = days[order.day];
  const age = asOfDay - order.day;
  const outcome = seenAs(order, asOfDay);
  const buyer = brBuyer(order.buyer, order.state);
  const status =
    outcome === 'cancelled'
      ? 'Venda cancelada'
      : outcome === 'returned'
        ? 'Devolvido'
        : age <= 1
          ? 'Etiqueta pronta para imprimir'
          : age <= 4
            ? 'A caminho'
            : 'Entregue';
  const description =
    outcome === 'cancelled'
      ? 'O comprador cancelou a compra'
      : outcome === 'returned'
        ? 'Devolução finalizada'
        : status === 'Entregue'
          ? `Chegou no dia ${dayParts(iso).day} de ${MONTHS_PT[dayParts(iso).month - 1]}`
          : '';
  const revenue = round2(order.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
  const live = outcome === 'completed';
  const fee = live || outcome === 'returned' ? -round2(revenue * TERMS.mercadolibre.feeShare) : 0;
  const shipCost = outcome === 'cancelled' ? 0 : -SHIPPING_COST_BRL;
  // Cancellations and returns give back the products' revenue (the buyer's shipping is not this column).
  const refund = live ? 0 : -revenue;
  const delivery = order.fulfillment === 'FULL' ? 'Mercado Envios Full' : 'Mercado Envios';
  const total = round2(revenue + order.shipping + fee + shipCost + refund);

  const row = (): Cell[] => new Array<Cell>(HEADER.length).fill(null);
  const money = (r: Cell[]) => {
    r[at('Receita por produtos (BRL)')] = revenue;
    r[at('Receita por envio (BRL)')] = order.shipping > 0 ? order.shipping : null;
    r[at('Tarifa de venda e impostos (BRL)')] = fee;
    r[at('Tarifas de envio (BRL)')] = shipCost;
    r[at('Cancelamentos e reembolsos (BRL)')] = refund === 0 ? null : refund;
    r[at('Total (BRL)')] = total;
  };
  const buyerCells = (r: Cell[]) => {
    r[at('Comprador')] = buyer.name;
    r[at('Cidade')] = buyer.city;
    r[at('Estado', 1)] = buyer.state;
    r[at('CEP')] = buyer.zip;
    r[at('País')] = 'Brasil';
    r[at('Forma de entrega')] = delivery;
    r[at('Reclamação aberta')] = outcome === 'returned' ? 'Sim' : 'Não';
  };
  const item = (r: Cell[], l: DemoOrder['lines'][number]) => {
    r[at('Unidades')] = l.quantity;
    r[at('SKU')] = l.sku.sku;
    r[at('# de anúncio')] = `MLB${3_000_000_000 + (hashOf(l.sku.sku) % 1_000_000_000)}`;
    r[at('Canal de venda')] = 'Mercado Livre';
    r[at('Título do anúncio')] = `Lumora ${l.sku.name}`;
    r[at('Variação')] = l.sku.variant;
    r[at('Preço unitário de venda do anúncio (BRL)')] = l.unitPrice;
    r[at('Tipo de anúncio')] = 'Premium';
    r[at('Venda por publicidade')] = order.seq % 5 === 0 ? 'Sim' : 'Não';
  };

  if (order.lines.length === 1) {
    const r = row();
    r[at('N.º de venda')] = nextNumber();
    r[at('Data da venda')] = vendasTime(iso, order.seconds);
    r[at('Estado')] = status;
    r[at('Descrição do status')] = description;
    money(r);
    item(r, order.lines[0]);
    buyerCells(r);
    return [r];
  }
  const pkg = row();
  pkg[at('N.º de venda')] = nextNumber();
  pkg[at('Data da venda')] = vendasTime(iso, order.seconds);
  pkg[at('Estado')] = `Pacote de ${order.lines.length} produtos`;
  money(pkg);
  buyerCells(pkg);
  const items = order.lines.map((l) => {
    const r = row();
    r[at('N.º de venda')] = nextNumber();
    r[at('Data da venda')] = vendasTime(iso, order.seconds);
    r[at('Estado')] = status;
    r[at('Descrição do status')] = description;
    r[at('Pacote de diversos produtos')] = 'Sim';
    item(r, l);
    return r;
  });
  return [pkg, ...items];
}
