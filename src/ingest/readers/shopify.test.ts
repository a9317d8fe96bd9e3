import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine.js';
import { readerContract, writeCsv } from '../../../test/reader-contract.js';
import { figures, fixture, importFails, newDb, tempDir } from '../../../test/workspace.js';

const FIXTURES = {
  current: 'shopify/current-79-columns-first-row-only-order-fields.csv',
  v2021: 'shopify/v2021-75-columns-crlf-inside-notes.csv',
  older: 'shopify/older-export-statuses-dst-offsets.csv',
  synced: 'shopify/tiktok-synced-orders.csv',
  marketplaces: 'shopify/marketplace-synced-orders-mirakl-faire-marketplace-connect.csv',
};

/** The current 79-column header (docs/formats/shopify.md), for the contract's built sample. */
const HEADER =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References'.split(
    ',',
  );
const row = (cells: Record<string, string>) => HEADER.map((name) => cells[name] ?? '');
const firstRow = (name: string, created: string, total: string, extra: Record<string, string> = {}) =>
  row({
    Name: name,
    'Financial Status': 'paid',
    Currency: 'USD',
    Subtotal: total,
    Shipping: '0.00',
    Taxes: '0.00',
    Total: total,
    'Discount Amount': '0.00',
    'Refunded Amount': '0.00',
    'Created at': created,
    'Shipping Country': 'US',
    Source: 'web',
    ...extra,
  });

const laterRow = (name: string, created: string, extra: Record<string, string>) =>
  row({ Name: name, 'Created at': created, 'Lineitem discount': '0.00', ...extra });

// #5001 is a one-row order: the contract garbles the first data row's date, and a later row of the same
// order would fill it (see the expected failures below). #5002 has a later row with blank order fields.
const SAMPLE = [
  HEADER,
  firstRow('#5001', '2025-06-01 10:00:00 -0400', '45.00', {
    'Lineitem quantity': '3',
    'Lineitem name': 'Tote',
    'Lineitem price': '15.00',
    'Lineitem sku': 'TOTE-1',
    'Billing Zip': "'02134",
  }),
  firstRow('#5002', '2025-06-02 11:30:00 -0400', '24.00', {
    'Lineitem quantity': '1',
    'Lineitem name': 'Scarf',
    'Lineitem price': '20.00',
    'Lineitem sku': 'SCARF-1',
  }),
  laterRow('#5002', '2025-06-02 11:30:00 -0400', {
    'Lineitem quantity': '1',
    'Lineitem name': 'Pin',
    'Lineitem price': '4.00',
    'Lineitem sku': 'PIN-1',
  }),
];

readerContract({
  format: 'shopify-orders',
  fixtures: [
    {
      // #1001: 2×30.00 + 1×40.00 = 100.00 (US); #1002: 1×15.50 + 3×12.00 + 1×15.50 = 67.00, SOCK-01 twice is two
      // lines (CA, from Shipping Country over Billing US); #1003: 1×5.00, no SKU, Billing Country GB.
      // 3 orders, 2 + 3 + 1 = 6 lines, 2+1 + 1+3+1 + 1 = 9 units, 100 + 67 + 5 = 172.00 USD.
      file: FIXTURES.current,
      expected: { orders: 3, lines: 6, units: 9, gross: { USD: 172.0 } },
    },
    {
      // #13601: 699.00; #13602: 229.00 + 2299.00 + 2×105.00 = 2,738.00; #13603: 0.00 bundle parent + 19,400.00.
      // 3 orders, 1 + 3 + 2 = 6 lines, 1 + 4 + 2 = 7 units, 699 + 2,738 + 19,400 = 22,837.00 ZAR.
      file: FIXTURES.v2021,
      expected: { orders: 3, lines: 6, units: 7, gross: { ZAR: 22837.0 } },
    },
    {
      // 8 orders, 9 lines. Cancelled: #2004 voided (1 line), #2005 with Cancelled at (2 lines) → no units, no gross.
      // Units 1 + 2 + 1 + 1 + 3 + 1 = 9; gross 20 + 2×15 + 25 + 12 + 3×8 + 0 = 111.00 GBP.
      file: FIXTURES.older,
      expected: { orders: 8, lines: 9, units: 9, gross: { GBP: 111.0 } },
    },
    {
      // #1060 42.11; #1059 2×36.98 = 73.96; #1057 cancelled; #1061 38.12; #1062 2×19.99 = 39.98.
      // 5 orders, 1 + 2 + 1 + 1 + 1 = 6 lines, 1 + 2 + 1 + 2 = 6 units, 194.17 GBP.
      file: FIXTURES.synced,
      expected: { orders: 5, lines: 6, units: 6, gross: { GBP: 194.17 } },
    },
    {
      // #3001 40.00; #3002 2×25.00; #3003 6×8.00 + 4×12.00 = 96.00; #3004 30.00; #3005 2×15.00; #3006 22.00;
      // #3007 18.00; #3008 3×10.00; #3009 35.00; #3010 20.00. 10 orders, 11 lines,
      // 1 + 2 + 10 + 1 + 2 + 1 + 1 + 3 + 1 + 1 = 23 units, 371.00 USD.
      file: FIXTURES.marketplaces,
      expected: { orders: 10, lines: 11, units: 23, gross: { USD: 371.0 } },
    },
  ],
  sample: {
    rows: SAMPLE,
    headerRow: 0,
    layout: { kind: 'csv', eol: '\n' },
    amount: 'Lineitem price',
    date: 'Created at',
    text: 'Lineitem sku',
  },
});

describe('Shopify orders export', () => {
  const dir = tempDir();
  const importOne = async (file: string, options: engine.ImportOptions = {}) => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture(file)], options);
    return { db, report: await engine.status(db) };
  };

  it('counts TikTok Shop orders synced into Shopify once, under tiktok-shop', async () => {
    const { db, report } = await importOne(FIXTURES.synced);
    const by = (channel: string) => report.totals.find((t) => t.channel === channel);
    // #1060, #1059 (two lines) and the cancelled #1057 carry TikTokOrderID tags; #1061 is Source tiktok
    // without a tag and stays shopify with the web order #1062.
    expect(by('tiktok-shop')).toMatchObject({
      orders: 3,
      lines: 4,
      cancelledLines: 1,
      units: 3,
      gross: 116.07,
    });
    expect(by('shopify')).toMatchObject({ orders: 2, lines: 2, cancelledLines: 0, units: 3, gross: 78.1 });

    // Once TikTok's own data brings order 576828261362408179 (at its own price, 42.00), the Shopify copy
    // stops counting: 42.00 + 73.96 = 115.96.
    const own = join(dir, 'tiktok-own.csv');
    writeFileSync(
      own,
      'order_id,order_date,sku,quantity,unit_price,currency,channel,market\n576828261362408179,2025-12-07,86719035-white-s,1,42.00,GBP,tiktok-shop,GB\n',
    );
    await engine.importFiles(db, [own]);
    const after = (await engine.status(db)).totals.find((t) => t.channel === 'tiktok-shop');
    expect(after).toMatchObject({ orders: 3, lines: 4, units: 3, gross: 115.96 });
  });

  describe('orders other marketplaces pushed into Shopify', () => {
    const own = fixture('generic/marketplaces-own-exports-nordstrom-faire-amazon.csv');
    const byChannel = (report: engine.StatusReport) =>
      Object.fromEntries(report.totals.map((t) => [t.channel, [t.orders, t.lines, t.units, t.gross]]));
    // [orders, lines, units, gross] per channel, from the fixture's rows: each marketplace order is
    // moved by its id (Mirakl's `Order Placed From` + `Order ID`, `Faire Order Number`, Marketplace
    // Connect's `<Marketplace> Order ID`); #3010 is tagged Faire without a number and stays shopify.
    const shopifyOnly = {
      shopify: [2, 2, 2, 60.0],
      nordstrom: [1, 1, 2, 50.0],
      faire: [1, 2, 10, 96.0],
      amazon: [1, 1, 1, 30.0],
      walmart: [1, 1, 2, 30.0],
      ebay: [1, 1, 1, 22.0],
      etsy: [1, 1, 1, 18.0],
      'target-plus': [1, 1, 3, 30.0],
      shopsimon: [1, 1, 1, 35.0],
    };
    // The marketplaces' own exports replace their copies at their own prices: Nordstrom 2×24.00,
    // Faire 6×7.50 + 4×12.00 = 93.00, Amazon 29.00; the others keep their Shopify copy.
    const withOwn = {
      ...shopifyOnly,
      nordstrom: [1, 1, 2, 48.0],
      faire: [1, 2, 10, 93.0],
      amazon: [1, 1, 1, 29.0],
    };

    it('counts each under its marketplace without the marketplaces’ own exports', async () => {
      const { report } = await importOne(FIXTURES.marketplaces);
      expect(byChannel(report)).toEqual(shopifyOnly);
    });

    it('counts each once when the marketplaces’ own exports come after', async () => {
      const { db } = await importOne(FIXTURES.marketplaces);
      await engine.importFiles(db, [own]);
      const report = await engine.status(db);
      expect(byChannel(report)).toEqual(withOwn);
      // 371.00 − (50 + 96 + 30) + (48 + 93 + 29) = 365.00
      expect(figures(report)).toEqual({ orders: 10, lines: 11, units: 23, gross: { USD: 365.0 } });
    });

    it('counts each once when the marketplaces’ own exports came first', async () => {
      const db = newDb(dir);
      await engine.importFiles(db, [own]);
      await engine.importFiles(db, [fixture(FIXTURES.marketplaces)]);
      expect(byChannel(await engine.status(db))).toEqual(withOwn);
    });
  });

  it('maps Financial Status and Cancelled at, and keeps refunds to the goods', async () => {
    const { report } = await importOne(FIXTURES.older);
    expect(report.totals).toHaveLength(1);
    // voided #2004 and the cancelled #2005 (2 lines); partially_refunded #2002 keeps its sale with 15.00
    // refunded; refunded #2003 shows 28.95 with shipping, of which 25.00 is the goods (its Subtotal).
    expect(report.totals[0]).toMatchObject({ cancelledLines: 3, refunds: 40.0 });
  });

  it('stores order times in UTC across a DST change', async () => {
    const { report } = await importOne(FIXTURES.older);
    // #2001 `2024-10-01 00:30:00 +0100` is 30 September in UTC; #2008 `2025-03-30 09:00:00 +0100` after the
    // clocks went forward is 08:00 UTC the same day.
    expect(report.totals[0]).toMatchObject({ from: '2024-09-30', to: '2025-03-30' });
  });

  it('takes the market from Shipping Country, else Billing Country, for every line of the order', async () => {
    const { report } = await importOne(FIXTURES.current);
    const markets = Object.fromEntries(report.totals.map((t) => [t.market, [t.orders, t.lines]]));
    expect(markets).toEqual({ US: [1, 2], CA: [1, 3], GB: [1, 1] });
  });

  it('does not let --market or --currency override the blank later rows of an order', async () => {
    const { report } = await importOne(FIXTURES.current, { market: 'DE', currency: 'EUR' });
    expect(report.totals.map((t) => `${t.market} ${t.currency} ${t.lines}`).sort()).toEqual([
      'CA USD 3',
      'GB USD 1',
      'US USD 2',
    ]);
  });

  it('reads CRLF rows with CRLF inside quoted notes as one record each', async () => {
    const { db, report } = await importOne(FIXTURES.v2021);
    expect(figures(report)).toEqual({ orders: 3, lines: 6, units: 7, gross: { ZAR: 22837.0 } });
    expect((await engine.rejectsOf(db)).total).toBe(0);
  });
  // Two cases genuine Shopify exports hit that the shared import code once got wrong.
  const withCells = (at: number, cells: Record<string, string>) =>
    SAMPLE.map((r, i) => (i === at ? r.map((cell, j) => cells[HEADER[j]] ?? cell) : r));

  // Nearly every real export has multi-line `Note Attributes`, so record and line numbers differ: a
  // cut-off file must still stop rather than import with one reject.
  it('stops on a file cut off in the middle of a row after a multi-line note', async () => {
    const text = writeCsv(withCells(1, { 'Note Attributes': 'gift: no\r\nchannel: email' }), { kind: 'csv' })
      .toString('utf8')
      .trimEnd();
    const path = join(dir, 'cut-after-note.csv');
    writeFileSync(path, text.slice(0, text.lastIndexOf('\n') + 20));
    const error = await importFails(newDb(dir), [path]);
    expect(error.code).toBe('bad-file');
  });

  // Order-level cells are filled forward within an order, but a garbled `Created at` on one row of a
  // multi-row order must be reported, not replaced by its sibling's time.
  it('reports a garbled Created at on a row of a multi-row order', async () => {
    const path = join(dir, 'garbled-date.csv');
    writeFileSync(path, writeCsv(withCells(2, { 'Created at': '13/45/2024' }), { kind: 'csv' }));
    const db = newDb(dir);
    await engine.importFiles(db, [path]);
    expect((await engine.rejectsOf(db)).rejects.map((r) => r.column)).toContain('Created at');
  });
});
