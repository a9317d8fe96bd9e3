import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract } from '../../../test/reader-contract.js';
import { figures, newDb, tempDir, type Figures } from '../../../test/workspace.js';

/**
 * Shein exports are XLSX only, so the fixtures are workbooks built here (no committed binaries): a
 * title row grouping the columns, the header on row 2, then one row per item with typed cells —
 * Excel serial numbers, real dates, numbers and pt-BR text side by side, as the exports mix them.
 */
const PT_HEADER = [
  'Tipo de pedido',
  'Número do pedido',
  'Status do pedido',
  'Nome do produto',
  'SKU do vendedor',
  'SHEIN-SKU',
  'SKC',
  'ID do item',
  'Status do produto',
  'Data e hora requeridas para coleta',
  'Coletado em',
  'Moeda do vendedor',
  'Preço do produto',
  'Valor do cupom',
  'Desconto de campanha da loja',
  'Comissão',
  'Receita estimada de mercadorias',
];
const TITLE = ['Informações do pedido', '', '', '', '', '', '', '', '', 'Logística', '', 'Valores'];

async function workbook(dir: string, name: string, header: string[], rows: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lista de pedidos');
  sheet.addRow(TITLE);
  sheet.mergeCells(1, 1, 1, 9);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
  return path;
}

const pt = (cells: Record<string, unknown>) => PT_HEADER.map((name) => cells[name] ?? '');

readerContract({
  format: 'shein-orders',
  fixtures: [],
  sample: {
    rows: [
      TITLE,
      [
        'Número do pedido',
        'Status do pedido',
        'SKU do vendedor',
        'ID do item',
        'Coletado em',
        'Moeda do vendedor',
        'Preço do produto',
        'Comissão',
        'Receita estimada de mercadorias',
      ],
      ['GSH0001', 'Entregue', 'VEST-P', '9001', '05/06/2026 10:40', 'BRL', '89,90', '13,49', '76,41'],
      ['GSH0002', 'Enviado', 'VEST-M', '9002', '06/06/2026 11:00', 'BRL', '89,90', '13,49', '76,41'],
      ['GSH0003', 'Entregue', 'SAIA-01', '9003', '07/06/2026 09:05', 'BRL', '59,90', '8,99', '50,91'],
    ],
    headerRow: 1,
    layout: { kind: 'xlsx' },
    amount: 'Preço do produto',
    date: 'Coletado em',
    text: 'SKU do vendedor',
  },
});

describe('Shein export specifics', () => {
  const dir = tempDir();
  const imported = async (path: string, expected: Figures, format = 'shein-orders') => {
    const db = newDb(dir);
    const summary = await engine.importFiles(db, [path]);
    expect(summary.files[0].format).toBe(format);
    expect(summary.rejects).toBe(0);
    const report = await engine.status(db);
    expect(figures(report)).toEqual(expected);
    expect((await engine.importFiles(db, [path])).files[0].status).toBe('already imported');
    return report;
  };

  it('reads the pt-BR layout: Excel serial dates, R$ text, refunded items, a cancelled order', async () => {
    const path = await workbook(dir, 'pt-br-title-row-serial-dates.xlsx', PT_HEADER, [
      // 46178.4375 = 2026-06-05 10:30. Two items of one order; the second was refunded by the customer.
      pt({
        'Número do pedido': 'GSH001',
        'Status do pedido': 'Entregue',
        'SKU do vendedor': 'VEST-P',
        'ID do item': '9001',
        'Status do produto': 'Entregue',
        'Coletado em': 46178.4375,
        'Moeda do vendedor': 'BRL',
        'Preço do produto': 89.9,
        'Valor do cupom': 5,
        'Desconto de campanha da loja': 0,
        Comissão: 13.49,
        'Receita estimada de mercadorias': 71.41,
      }),
      pt({
        'Número do pedido': 'GSH001',
        'Status do pedido': 'Entregue',
        'SKU do vendedor': 'VEST-M',
        'ID do item': '9002',
        'Status do produto': 'Reembolsado por cliente',
        'Coletado em': 46178.4375,
        'Moeda do vendedor': 'BRL',
        'Preço do produto': 'R$ 89,90',
        'Valor do cupom': '0',
        'Desconto de campanha da loja': '4,50',
        Comissão: '13,49',
        'Receita estimada de mercadorias': '71,91',
      }),
      // Never collected: the requested pickup time dates it. The row ends in blank cells.
      pt({
        'Número do pedido': 'GSH002',
        'Status do pedido': 'Cancelado',
        'SKU do vendedor': 'SAIA-01',
        'ID do item': '9003',
        'Data e hora requeridas para coleta': '06/06/2026 18:00',
        'Moeda do vendedor': 'BRL',
        'Preço do produto': 59.9,
      }),
      // 46180.75 = 2026-06-07 18:00; the commission printed as a deduction.
      pt({
        'Número do pedido': 'GSH003',
        'Status do pedido': 'Enviado',
        'SKU do vendedor': 'VEST-P',
        'ID do item': '9004',
        'Status do produto': 'Enviado',
        'Coletado em': 46180.75,
        'Moeda do vendedor': 'BRL',
        'Preço do produto': 89.9,
        Comissão: -13.49,
        'Receita estimada de mercadorias': 76.41,
      }),
    ]);
    // Gross 89.90 × 3 (GSH002 cancelled) = 269.70 BRL; the refunded item returns 89.90 − 4.50 campaign discount.
    const report = await imported(path, { orders: 3, lines: 4, units: 3, gross: { BRL: 269.7 } });
    expect(report.totals[0]).toMatchObject({ market: 'BR', cancelledLines: 1, refunds: 85.4 });
    expect([report.from, report.to]).toEqual(['2026-06-05', '2026-06-07']);
  });

  it('reads creation times written as pt-BR text, spelled months or real dates', async () => {
    const header = [
      'Número do pedido',
      'Status do pedido',
      'SKU do vendedor',
      'ID do item',
      'Data e hora de criação do pedido',
      'Coletado em',
      'Moeda do vendedor',
      'Preço do produto',
    ];
    const path = await workbook(dir, 'pt-br-text-dates-creation-time.xlsx', header, [
      ['GSH101', 'Entregue', 'VEST-P', '9101', '30 setembro 2026 21:56', '', 'BRL', 49.9],
      [
        'GSH102',
        'Em devolução',
        'CASACO-G',
        '9102',
        '01/10/2026 09:15',
        '02/10/2026 10:00',
        'BRL',
        'R$ 1.299,00',
      ],
      ['GSH103', 'Pendente', 'MEIA-01', '9103', new Date(Date.UTC(2026, 9, 2, 8, 0)), '', 'BRL', 25],
      ['GSH104', 'Concluído', 'MEIA-02', '9104', '1 de outubro de 2026 12:00', 46296.5, 'BRL', 10],
    ]);
    // 49.90 + 1,299.00 + 25.00 + 10.00 = 1,383.90 BRL; the item coming back is refunded in full.
    const report = await imported(path, { orders: 4, lines: 4, units: 4, gross: { BRL: 1383.9 } });
    expect(report.totals[0]).toMatchObject({ refunds: 1299 });
    expect([report.from, report.to]).toEqual(['2026-09-30', '2026-10-02']);
  });

  it('reads the English layout with a quantity column, the seller currency and a buyer country', async () => {
    const header = [
      'Order Number',
      'Order Status',
      'Seller SKU',
      'SKC',
      'Item ID',
      'Order Creation Time',
      'Seller Currency',
      'Country',
      'Quantity',
      'Product Price',
      'Commission',
      'Estimated merchandise revenue',
    ];
    const path = await workbook(dir, 'english-quantity-country.xlsx', header, [
      [
        'E-1',
        'Delivered',
        'TEE-01',
        'sz2401',
        '1',
        '2026-05-01 10:00:00',
        'USD',
        'United States',
        2,
        15,
        4.5,
        25.5,
      ],
      [
        'E-2',
        'Shipped',
        'TEE-02',
        'sz2402',
        '2',
        '2026-05-02 11:00:00',
        'USD',
        'United Kingdom',
        1,
        30,
        4.5,
        25.5,
      ],
      [
        'E-3',
        'Cancelled',
        'TEE-01',
        'sz2401',
        '3',
        '2026-05-03 12:00:00',
        'USD',
        'United States',
        1,
        15,
        0,
        0,
      ],
    ]);
    // 2 × 15 + 30 = 60 USD; a cross-border seller is paid in USD whatever the buyer's country.
    const report = await imported(
      path,
      { orders: 3, lines: 3, units: 3, gross: { USD: 60 } },
      'shein-orders-en',
    );
    expect(report.totals.map((t) => [t.market, t.currency])).toEqual([
      ['GB', 'USD'],
      ['US', 'USD'],
    ]);
  });

  it('keeps Brazil as the pt-BR market unless a country column names another', async () => {
    const header = [
      'Número do pedido',
      'Status do pedido',
      'SKU do vendedor',
      'ID do item',
      'Coletado em',
      'País',
      'Preço do produto',
    ];
    const path = await workbook(dir, 'pt-br-country.xlsx', header, [
      ['GSH201', 'Entregue', 'VEST-P', '9201', '5 de março de 2026 10:40', 'Portugal', '20,00'],
      ['GSH202', 'Entregue', 'VEST-P', '9202', '06/03/2026 10:41', '', '20,00'],
    ]);
    const report = await imported(path, { orders: 2, lines: 2, units: 2, gross: { BRL: 40 } });
    expect(report.totals.map((t) => t.market)).toEqual(['BR', 'PT']);
    expect([report.from, report.to]).toEqual(['2026-03-05', '2026-03-06']);
  });

  it('rejects an unreadable fee naming the columns that make up the fees', async () => {
    const db = newDb(dir);
    const header = [
      'Número do pedido',
      'Status do pedido',
      'SKU do vendedor',
      'ID do item',
      'Coletado em',
      'Preço do produto',
      'Comissão',
      'Taxa de intermediação de frete',
    ];
    const path = await workbook(dir, 'bad-fee.xlsx', header, [
      ['GSH301', 'Entregue', 'VEST-P', '9301', '05/06/2026 10:40', '20,00', '3,00', 'quatro'],
      ['GSH302', 'Entregue', 'VEST-P', '9302', '05/06/2026 10:41', '20,00', '3,00', '4,00'],
    ]);
    const summary = await engine.importFiles(db, [path]);
    expect(summary.rejects).toBe(1);
    expect((await engine.rejectsOf(db)).rejects[0]).toMatchObject({
      column: 'Comissão + Taxa de intermediação de frete',
      value: 'quatro',
    });
  });
});
