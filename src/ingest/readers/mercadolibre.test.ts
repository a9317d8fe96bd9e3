import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract } from '../../../test/reader-contract.js';
import { figures, fixture, importFails, linesOf, newDb, tempDir } from '../../../test/workspace.js';

type Cell = string | number | null;

/**
 * The Ventas report as Mercado Libre writes it: five title rows, the header on row 6, sale numbers and
 * amounts as numeric cells, dates as Spanish (or Portuguese) text, money blank on package item rows.
 * Generated here rather than committed as binaries.
 */
async function writeVentas(
  path: string,
  sheet: string,
  header: string[],
  rows: Array<Record<string, Cell>>,
  intro: string[],
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet);
  ws.addRow([intro[0]]);
  ws.addRow([]);
  ws.addRow([intro[1]]);
  ws.addRow([intro[2]]);
  // Row 5 names column groups above the header in the real report.
  ws.addRow(header.map((h, i) => (i === 0 ? intro[3] : h === 'SKU' ? intro[4] : null)));
  ws.addRow(header.map((h) => h.replace(/#2$/, '')));
  // xlsx.ts writes a row only as wide as its last non-empty cell; the real report fills its last column.
  for (const row of rows) ws.addRow(header.map((h, i) => row[h] ?? (i === header.length - 1 ? 'No' : null)));
  await workbook.xlsx.writeFile(path);
  return path;
}

// prettier-ignore
const MX_HEADER = [
  '# de venta', 'Fecha de venta', 'Estado', 'Descripción del estado', 'Paquete de varios productos', 'Pertenece a un kit', 'Unidades',
  'Ingresos por productos (MXN)', 'Cargo por venta e impuestos (MXN)', 'Ingresos por envío (MXN)', 'Costos de envío (MXN)',
  'Descuentos y bonificaciones', 'Anulaciones y reembolsos (MXN)', 'Total (MXN)', 'Orden de compra', 'Venta por publicidad', 'SKU',
  '# de publicación', 'Canal de venta', 'Título de la publicación', 'Variante', 'Precio unitario de venta de la publicación (MXN)',
  'Tipo de publicación', 'Comprador', 'Domicilio', 'Municipio/Alcaldía', 'Estado#2', 'Código postal', 'País', 'Forma de entrega',
  'Reclamo abierto',
];
const MX_INTRO = [
  'Ventas',
  'En este reporte encontrarás la información de tus ventas.',
  'Período: agosto de 2026',
  'Ventas',
  'Publicaciones',
];

// `# de venta` is written as a number: 16-digit sale numbers are exact in an Excel double.
// prettier-ignore
const MX_ROWS: Array<Record<string, Cell>> = [
  { '# de venta': 2000001000000001, 'Fecha de venta': '3 de agosto de 2026 09:24 hs.', Estado: 'Entregado', Unidades: 2, 'Ingresos por productos (MXN)': 500, 'Cargo por venta e impuestos (MXN)': -75, 'Costos de envío (MXN)': -89, 'Total (MXN)': 336, SKU: 'TAZA-01', '# de publicación': 'MLM1111', 'Título de la publicación': 'Taza de cerámica', 'Precio unitario de venta de la publicación (MXN)': 250, 'Estado#2': 'Jalisco', 'Forma de entrega': 'Mercado Envíos Full', Comprador: 'Rita Solano' },
  // A package: the money, date and delivery on the package row; item rows carry units and unit prices only.
  { '# de venta': 2000001000000002, 'Fecha de venta': '4 de agosto de 2026 18:02 hs.', Estado: 'Paquete de 2 productos', 'Ingresos por productos (MXN)': 700, 'Cargo por venta e impuestos (MXN)': -105, 'Ingresos por envío (MXN)': 99, 'Costos de envío (MXN)': -99, 'Total (MXN)': 595, 'Estado#2': 'Ciudad de México', Comprador: 'Beto Lara', 'Forma de entrega': 'Mercado Envíos Full' },
  { '# de venta': 2000001000000003, Estado: 'Entregado', 'Paquete de varios productos': 'Sí', Unidades: 1, SKU: 'VELA-01', '# de publicación': 'MLM2222', 'Título de la publicación': 'Vela de soya', 'Precio unitario de venta de la publicación (MXN)': 300 },
  { '# de venta': 2000001000000004, Estado: 'Entregado', 'Paquete de varios productos': 'Sí', Unidades: 2, SKU: 'TAZA-01', '# de publicación': 'MLM1111', 'Título de la publicación': 'Taza de cerámica', 'Precio unitario de venta de la publicación (MXN)': 200 },
  { '# de venta': 2000001000000005, 'Fecha de venta': '5 de agosto de 2026 11:00 hs.', Estado: 'Cancelada por el comprador', Unidades: 1, 'Ingresos por productos (MXN)': 250, 'Cargo por venta e impuestos (MXN)': 0, 'Anulaciones y reembolsos (MXN)': -250, 'Total (MXN)': 0, SKU: 'VELA-01', 'Precio unitario de venta de la publicación (MXN)': 250 },
  { '# de venta': 2000001000000006, 'Fecha de venta': '6 de agosto de 2026 07:45 hs.', Estado: 'Devolución finalizada', Unidades: 1, 'Ingresos por productos (MXN)': 400, 'Cargo por venta e impuestos (MXN)': -60, 'Anulaciones y reembolsos (MXN)': -400, 'Total (MXN)': -60, SKU: 'LAMP-01', 'Precio unitario de venta de la publicación (MXN)': 400 },
  { '# de venta': 2000001000000007, 'Fecha de venta': '31 de agosto de 2026 23:59 hs.', Estado: 'En camino', Unidades: 3, 'Ingresos por productos (MXN)': 270, 'Cargo por venta e impuestos (MXN)': -40.5, 'Total (MXN)': 229.5, SKU: null, '# de publicación': 'MLM3333', 'Precio unitario de venta de la publicación (MXN)': 90 },
];

// prettier-ignore
const BR_HEADER = [
  'N.º de venda', 'Data da venda', 'Estado', 'Descrição do status', 'Pacote de diversos produtos', 'Unidades', 'Receita por produtos (BRL)',
  'Receita por envio (BRL)', 'Tarifa de venda e impostos (BRL)', 'Tarifas de envio (BRL)', 'Cancelamentos e reembolsos (BRL)', 'Total (BRL)',
  'SKU', '# de anúncio', 'Título do anúncio', 'Variação', 'Preço unitário de venda do anúncio (BRL)', 'Comprador', 'Cidade', 'Estado#2',
  'Forma de entrega',
];
// Item rows here repeat the date (as Chile's report does), unlike the MX rows above.
// prettier-ignore
const BR_ROWS: Array<Record<string, Cell>> = [
  { 'N.º de venda': 2000009000000001, 'Data da venda': '24 de março de 2026 22:36 hs.', Estado: 'Entregue', Unidades: 1, 'Receita por produtos (BRL)': 129.9, 'Tarifa de venda e impostos (BRL)': -19.48, 'Total (BRL)': 110.42, SKU: 'CAPA-01', 'Preço unitário de venda do anúncio (BRL)': 129.9, 'Estado#2': 'SP' },
  { 'N.º de venda': 2000009000000002, 'Data da venda': '25 de março de 2026 10:00 hs.', Estado: 'Pacote de 2 produtos', 'Receita por produtos (BRL)': 150, 'Tarifa de venda e impostos (BRL)': -27, 'Tarifas de envio (BRL)': -20.45, 'Total (BRL)': 102.55 },
  { 'N.º de venda': 2000009000000003, 'Data da venda': '25 de março de 2026 10:00 hs.', Estado: 'Entregue', Unidades: 1, SKU: 'FONE-01', 'Preço unitário de venda do anúncio (BRL)': 100 },
  { 'N.º de venda': 2000009000000004, 'Data da venda': '25 de março de 2026 10:00 hs.', Estado: 'Entregue', Unidades: 1, SKU: 'CABO-01', 'Preço unitário de venda do anúncio (BRL)': 50 },
  { 'N.º de venda': 2000009000000005, 'Data da venda': '2 de abril de 2026 08:15 hs.', Estado: 'Cancelada', Unidades: 1, 'Receita por produtos (BRL)': 59.9, 'Cancelamentos e reembolsos (BRL)': -59.9, 'Total (BRL)': 0, SKU: 'CABO-01' },
  { 'N.º de venda': 2000009000000006, 'Data da venda': '3 de abril de 2026 14:20 hs.', Estado: 'Devolvido', Unidades: 2, 'Receita por produtos (BRL)': 199.8, 'Tarifa de venda e impostos (BRL)': -29.97, 'Cancelamentos e reembolsos (BRL)': -199.8, 'Total (BRL)': -29.97, SKU: 'CAPA-01' },
];
const BR_INTRO = ['Vendas BR', 'Relatório de vendas', 'Período: março e abril de 2026', 'Vendas', 'Anúncios'];

const dir = tempDir('ballast-ml-');
const mxPath = join(dir, 'mx-preamble-package-rows-numeric-ids.xlsx');
const brPath = join(dir, 'br-vendas-pacote-portuguese-dates.xlsx');
beforeAll(async () => {
  await writeVentas(mxPath, 'Ventas MX', MX_HEADER, MX_ROWS, MX_INTRO);
  await writeVentas(brPath, 'Vendas BR', BR_HEADER, BR_ROWS, BR_INTRO);
});
/** The contract takes fixtures relative to test/fixtures; these live in this test's temp folder. */
const generated = (path: string) => relative(fixture(), path);

readerContract({
  format: 'mercadolibre-ventas',
  fixtures: [
    {
      // …01: 2 units, 500. …02 is a package row (no line) over …03 (1 × 300) and …04 (2 × 200): one
      // order, 2 lines, 3 units, 700. …05 cancelled: a line, no units or gross. …06 returned: 1 unit,
      // 400. …07 (no SKU: the listing id): 3 units, 270.
      // Orders 5; lines 1+2+1+1+1 = 6; units 2+3+1+3 = 9; gross 500+700+400+270 = 1,870.
      file: generated(mxPath),
      expected: { orders: 5, lines: 6, units: 9, gross: { MXN: 1870 } },
    },
  ],
  sample: {
    // prettier-ignore
    rows: [
      ['Ventas'],
      [''],
      ['En este reporte encontrarás la información de tus ventas.'],
      ['Período: septiembre de 2026'],
      [''],
      ['# de venta', 'Fecha de venta', 'Estado', 'Unidades', 'Ingresos por productos (MXN)', 'Cargo por venta e impuestos (MXN)', 'SKU', 'Estado'],
      ['2000002000000001', '1 de septiembre de 2026 10:00 hs.', 'Entregado', '1', '199', '-30', 'TAZA-01', 'Jalisco'],
      ['2000002000000002', '2 de septiembre de 2026 11:30 hs.', 'En camino', '2', '398', '-60', 'TAZA-01', 'Sonora'],
      ['2000002000000003', '3 de septiembre de 2026 12:45 hs.', 'Entregado', '1', '250', '-37.5', 'VELA-01', 'Puebla'],
    ],
    headerRow: 5,
    layout: { kind: 'xlsx' },
    amount: 'Ingresos por productos (MXN)',
    date: 'Fecha de venta',
    text: 'SKU',
  },
});

readerContract({
  format: 'mercadolibre-vendas',
  fixtures: [
    {
      // …01: 1 unit, 129.90; package …02 over …03 (1 × 100) and …04 (1 × 50): 2 lines, 150; …05 cancelled;
      // …06 returned: 2 units, 199.80. Orders 4; lines 1+2+1+1 = 5; units 1+2+2 = 5; gross 479.70.
      file: generated(brPath),
      expected: { orders: 4, lines: 5, units: 5, gross: { BRL: 479.7 } },
    },
    {
      // The `;` CSV: …01: 1 × 1.234,56; …02: 3 units, `1.500` (grouped thousands, not 1.5); …03 cancelled.
      // Orders 3; lines 3; units 1+3 = 4; gross 1,234.56 + 1,500 = 2,734.56.
      file: 'mercadolibre/br-vendas-csv-semicolon-decimal-comma.csv',
      expected: { orders: 3, lines: 3, units: 4, gross: { BRL: 2734.56 } },
    },
  ],
  sample: {
    // prettier-ignore
    rows: [
      ['Vendas BR'],
      [''],
      ['Relatório de vendas'],
      ['N.º de venda', 'Data da venda', 'Estado', 'Unidades', 'Receita por produtos (BRL)', 'Tarifa de venda e impostos (BRL)', 'SKU'],
      ['2000009200000001', '1 de maio de 2026 10:00 hs.', 'Entregue', '1', '49,90', '-7,49', 'CAPA-01'],
      ['2000009200000002', '2 de maio de 2026 11:30 hs.', 'A caminho', '2', '99,80', '-14,97', 'CAPA-01'],
    ],
    headerRow: 3,
    layout: { kind: 'csv', delimiter: ';', eol: '\r\n' },
    amount: 'Receita por produtos (BRL)',
    date: 'Data da venda',
    text: 'SKU',
  },
});

/** The stored lines these tests check, read with `linesOf` (test/workspace.ts). */
const LINES_SQL = `SELECT order_id, line_key, sku, quantity, round(gross, 2) AS gross, round(fees, 2) AS fees, round(shipping, 2) AS shipping,
         round(refund, 2) AS refund, status, market, fulfillment, strftime(order_time, '%Y-%m-%d %H:%M') AS at
       FROM order_lines ORDER BY order_id, line_key`;

describe('Mercado Libre Ventas', () => {
  it('folds a package row into its items: one order, its date, delivery, fees and shipping, nothing counted twice', async () => {
    const db = newDb(dir);
    expect((await engine.importFiles(db, [mxPath])).rejects).toBe(0);
    const lines = await linesOf<Record<string, string | number | null>>(db, LINES_SQL);
    expect(lines.filter((l) => l.order_id === '2000001000000002')).toEqual([
      // Fees 105 by gross share (300/700, 400/700); the buyer's shipping (99) on the first line.
      {
        order_id: '2000001000000002',
        line_key: '2000001000000003',
        sku: 'VELA-01',
        quantity: 1,
        gross: 300,
        fees: 45,
        shipping: 99,
        refund: 0,
        status: 'completed',
        market: 'MX',
        fulfillment: 'FULL',
        at: '2026-08-04 18:02',
      },
      {
        order_id: '2000001000000002',
        line_key: '2000001000000004',
        sku: 'TAZA-01',
        quantity: 2,
        gross: 400,
        fees: 60,
        shipping: 0,
        refund: 0,
        status: 'completed',
        market: 'MX',
        fulfillment: 'FULL',
        at: '2026-08-04 18:02',
      },
    ]);
    expect(lines.find((l) => l.order_id === '2000001000000001')).toMatchObject({
      fees: 75,
      fulfillment: 'FULL',
      at: '2026-08-03 09:24',
    });
    expect(lines.find((l) => l.order_id === '2000001000000006')).toMatchObject({
      status: 'returned',
      refund: 400,
    });
    expect(lines.find((l) => l.order_id === '2000001000000005')).toMatchObject({ status: 'cancelled' });
    expect(lines.find((l) => l.order_id === '2000001000000007')).toMatchObject({
      sku: 'MLM3333',
      at: '2026-08-31 23:59',
    });
  });

  it('reads a 30,000-row report with packages throughout in one pass (it once ran out of memory at 2,000)', async () => {
    // Every tenth order is a package of two items (1 × 200, 1 × 300, fees 75 on the package row).
    const rows: Array<Record<string, Cell>> = [];
    let sale = 2000003000000000;
    for (let order = 0; rows.length < 30_000; order++) {
      const date = `${1 + (order % 28)} de agosto de 2026 10:00 hs.`;
      if (order % 10 === 0) {
        rows.push({
          '# de venta': ++sale,
          'Fecha de venta': date,
          Estado: 'Paquete de 2 productos',
          'Ingresos por productos (MXN)': 500,
          'Cargo por venta e impuestos (MXN)': -75,
        });
        for (const [sku, price] of [
          ['TAZA-01', 200],
          ['VELA-01', 300],
        ] as const)
          rows.push({
            '# de venta': ++sale,
            Estado: 'Entregado',
            Unidades: 1,
            SKU: sku,
            'Precio unitario de venta de la publicación (MXN)': price,
          });
      } else {
        rows.push({
          '# de venta': ++sale,
          'Fecha de venta': date,
          Estado: 'Entregado',
          Unidades: 1,
          'Ingresos por productos (MXN)': 250,
          'Cargo por venta e impuestos (MXN)': -37.5,
          SKU: 'LAMP-01',
        });
      }
    }
    const path = await writeVentas(join(dir, 'big-ventas.xlsx'), 'Ventas MX', MX_HEADER, rows, MX_INTRO);
    const db = newDb(dir);
    expect((await engine.importFiles(db, [path])).rejects).toBe(0);
    // 30,000 rows in blocks of 12 (a package row, 2 items, 9 single orders): 2,500 blocks.
    expect(figures(await engine.status(db))).toMatchObject({
      orders: 25_000,
      lines: 27_500,
      units: 27_500,
      gross: { MXN: 2_500 * 500 + 22_500 * 250 },
    });
  });

  it('reads Portuguese headers, statuses and month names', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [brPath]);
    const lines = await linesOf<Record<string, string | number | null>>(db, LINES_SQL);
    expect(lines.map((l) => [l.order_id, l.sku, l.status, l.at])).toEqual([
      ['2000009000000001', 'CAPA-01', 'completed', '2026-03-24 22:36'],
      ['2000009000000002', 'FONE-01', 'completed', '2026-03-25 10:00'],
      ['2000009000000002', 'CABO-01', 'completed', '2026-03-25 10:00'],
      ['2000009000000005', 'CABO-01', 'cancelled', '2026-04-02 08:15'],
      ['2000009000000006', 'CAPA-01', 'returned', '2026-04-03 14:20'],
    ]);
    expect(lines.filter((l) => l.order_id === '2000009000000002').map((l) => l.fees)).toEqual([18, 9]);
  });

  it('keeps long sale numbers exact: text cells of 19 digits and numeric cells of 16', async () => {
    const path = join(dir, 'long-sale-numbers.xlsx');
    await writeVentas(
      path,
      'Ventas AR',
      ['# de venta', 'Fecha de venta', 'Estado', 'Unidades', 'Ingresos por productos (MXN)', 'SKU'],
      [
        {
          '# de venta': '2000012345678901234',
          'Fecha de venta': '1 de julio de 2026 10:00 hs.',
          Estado: 'Entregado',
          Unidades: 1,
          'Ingresos por productos (MXN)': 100,
          SKU: 'A',
        },
        {
          '# de venta': 4000012345678901,
          'Fecha de venta': '1 de julio de 2026 10:05 hs.',
          Estado: 'Entregado',
          Unidades: 1,
          'Ingresos por productos (MXN)': 100,
          SKU: 'B',
        },
      ],
      MX_INTRO,
    );
    const db = newDb(dir);
    await engine.importFiles(db, [path]);
    expect(
      (await linesOf<Record<string, string | number | null>>(db, LINES_SQL)).map((l) => l.order_id),
    ).toEqual(['2000012345678901234', '4000012345678901']);
  });

  describe('an ARS report (no built-in reference rate for ARS)', () => {
    const arsHeader = [
      '# de venta',
      'Fecha de venta',
      'Estado',
      'Unidades',
      'Ingresos por productos (ARS)',
      'Cargo por venta e impuestos',
      'SKU',
    ];
    const arsRows = [
      {
        '# de venta': 2000003000000001,
        'Fecha de venta': '12 de setiembre de 2026 16:10 hs.',
        Estado: 'Entregado',
        Unidades: 1,
        'Ingresos por productos (ARS)': 48513,
        'Cargo por venta e impuestos': -7276.95,
        SKU: 'BOLSA-50',
      },
      {
        '# de venta': 2000003000000002,
        'Fecha de venta': '13 de septiembre de 2026 09:00 hs.',
        Estado: 'Entregado',
        Unidades: 2,
        'Ingresos por productos (ARS)': 97026,
        'Cargo por venta e impuestos': -14553.9,
        SKU: 'BOLSA-50',
      },
    ];
    let arsPath: string;
    beforeAll(async () => {
      arsPath = await writeVentas(
        join(dir, 'ar-ars-fee-column-without-code.xlsx'),
        'Ventas AR',
        arsHeader,
        arsRows,
        MX_INTRO,
      );
    });

    it('stops with a missing-rate message without an FX file, and leaves the workspace empty', async () => {
      const db = newDb(dir);
      const error = await importFails(db, [arsPath]);
      expect(error.code).toBe('missing-rate');
      expect(error.message).toMatch(/ARS/);
      expect(error.hint).toMatch(/FX file/);
      expect((await engine.status(db)).totals).toEqual([]);
    });

    it('imports with an FX file in the same command', async () => {
      const db = newDb(dir);
      const fx = join(dir, 'fx-ars.csv');
      writeFileSync(fx, 'date,currency,rate\n2026-09-01,ARS,0.00085\n');
      const summary = await engine.importFiles(db, [arsPath, fx]);
      expect(summary.rejects).toBe(0);
      // 1 × 48,513 + 2 units in 97,026; the fee column has no `(ARS)` but is read all the same.
      expect(figures(await engine.status(db))).toEqual({
        orders: 2,
        lines: 2,
        units: 3,
        gross: { ARS: 145539 },
      });
      const lines = await linesOf<Record<string, string | number | null>>(db, LINES_SQL);
      expect(lines.map((l) => [l.market, l.fees, l.at])).toEqual([
        ['AR', 7276.95, '2026-09-12 16:10'],
        ['AR', 14553.9, '2026-09-13 09:00'],
      ]);
    });
  });
});
