import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Mulberry32 } from '../src/random.js';

/**
 * Seeded order-export generators for the import benchmark. Files are written in 1 MB chunks straight
 * to disk, so memory stays flat whatever the size; the same seed and size give the same bytes.
 */

/** Bump when a generator's output changes, so files cached under `.bench/` are written again. */
export const GENERATOR_VERSION = 1;

/** An item by cumulative weight (weights need not sum to 1). */
function weighted<T>(rng: Mulberry32, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/** One order's text and how many CSV records (line items) it holds. */
export interface OrderText {
  text: string;
  records: number;
}

/**
 * Writes one generated order at a time; `order(rng, index, recordsSoFar, recordsLeft)` must not
 * return more records than are left, so the file holds exactly `records` data rows.
 */
export type OrderSource = (
  rng: Mulberry32,
  orderIndex: number,
  recordIndex: number,
  recordsLeft: number,
) => OrderText;

export interface GeneratedFile {
  kind: OrderKind;
  path: string;
  records: number;
  bytes: number;
  /** True when an earlier run's file for this seed and size was reused. */
  reused: boolean;
  seconds: number;
}

export type OrderKind = 'generic' | 'shopify';

interface Sidecar {
  generator: number;
  kind: OrderKind;
  seed: number;
  records: number;
  bytes: number;
}

const CHUNK_CHARS = 1 << 20;

async function writeOrders(
  path: string,
  header: string,
  records: number,
  seed: number,
  source: OrderSource,
): Promise<number> {
  const out = createWriteStream(path);
  const rng = new Mulberry32(seed);
  let bytes = 0;
  let chunk = header;
  let done = 0;
  for (let order = 0; done < records; order++) {
    const { text, records: n } = source(rng, order, done, records - done);
    chunk += text;
    done += n;
    if (chunk.length >= CHUNK_CHARS || done >= records) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/**
 * The generated export for `kind`, seed and size, written into `dir` unless a sidecar shows an
 * identical file is already there.
 */
export async function ensureOrders(
  dir: string,
  kind: OrderKind,
  seed: number,
  records: number,
): Promise<GeneratedFile> {
  const base = join(dir, `${kind}-s${seed}-${records}`);
  const path = `${base}.csv`;
  const sidecarPath = `${base}.json`;
  const wanted: Omit<Sidecar, 'bytes'> = { generator: GENERATOR_VERSION, kind, seed, records };
  const started = performance.now();
  const cached = await readSidecar(sidecarPath);
  if (cached && sameFile(cached, wanted) && (await sizeOf(path)) === cached.bytes) {
    return { kind, path, records, bytes: cached.bytes, reused: true, seconds: 0 };
  }
  const partial = `${path}.partial`;
  const bytes =
    kind === 'generic'
      ? await writeOrders(partial, GENERIC_HEADER, records, seed, genericOrder(records))
      : await writeOrders(partial, SHOPIFY_HEADER, records, seed, shopifyOrder(records));
  await rename(partial, path);
  await writeFile(sidecarPath, JSON.stringify({ ...wanted, bytes } satisfies Sidecar, null, 2));
  return { kind, path, records, bytes, reused: false, seconds: (performance.now() - started) / 1000 };
}

async function readSidecar(path: string): Promise<Sidecar | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Sidecar;
  } catch {
    return undefined;
  }
}

function sameFile(a: Omit<Sidecar, 'bytes'>, b: Omit<Sidecar, 'bytes'>): boolean {
  return a.generator === b.generator && a.kind === b.kind && a.seed === b.seed && a.records === b.records;
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

/** Two calendar years of orders, spread evenly over the file so rows come in date order. */
const FIRST_ORDER_MS = Date.UTC(2024, 0, 1);
const SPAN_MS = Date.UTC(2026, 0, 1) - FIRST_ORDER_MS;
const SKU_COUNT = 200;

/** Popular SKUs sell far more (u² skews toward low indices), as real catalogues do. */
function skuIndex(rng: Mulberry32): number {
  const u = rng.next();
  return Math.floor(SKU_COUNT * u * u);
}

/** A list price in US dollars between 5 and 120, fixed per SKU. */
function skuPriceUsd(sku: number): number {
  return 5 + ((sku * 7919) % 11500) / 100;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const GENERIC_HEADER = 'order_id,order_date,sku,quantity,unit_price,currency,channel,market\n';

const CHANNELS = [
  ['amazon', 0.35],
  ['tiktok', 0.2],
  ['shopify', 0.2],
  ['ebay', 0.1],
  ['walmart', 0.1],
  ['temu', 0.05],
] as const;

/** Market, currency, US dollars per unit (close to Ballast's reference rates), written UTC offset. */
type Market = readonly [market: string, currency: string, usdPerUnit: number, offset: string];
const MARKETS: ReadonlyArray<readonly [Market, number]> = [
  [['US', 'USD', 1, '-05:00'], 0.5],
  [['GB', 'GBP', 1.32, '+00:00'], 0.1],
  [['DE', 'EUR', 1.13, '+01:00'], 0.1],
  [['FR', 'EUR', 1.13, '+01:00'], 0.05],
  [['JP', 'JPY', 0.0067, '+09:00'], 0.08],
  [['CA', 'CAD', 0.72, '-05:00'], 0.07],
  [['AU', 'AUD', 0.65, '+10:00'], 0.05],
  [['MX', 'MXN', 0.052, '-06:00'], 0.05],
];

/** Local time with its offset, ISO 8601: `2025-03-05T09:22:10-05:00`. */
function isoLocal(utcMs: number, offset: string): string {
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(utcMs + minutes * 60_000).toISOString().slice(0, 19) + offset;
}

/** 1 to 4 lines per order, 1.9 on average. */
function genericLineCount(rng: Mulberry32): number {
  const r = rng.next();
  return r < 0.4 ? 1 : r < 0.75 ? 2 : r < 0.92 ? 3 : 4;
}

function genericOrder(totalRecords: number): OrderSource {
  return (rng, orderIndex, recordIndex, recordsLeft) => {
    const channel = weighted(rng, CHANNELS);
    const [market, currency, usdPerUnit, offset] = weighted(rng, MARKETS);
    const orderId = `${channel.slice(0, 3).toUpperCase()}-${pad(10_000_000 + orderIndex, 9)}`;
    const utcMs = FIRST_ORDER_MS + Math.floor(((recordIndex + rng.next()) * SPAN_MS) / totalRecords);
    const date = isoLocal(utcMs, offset);
    const lines = Math.min(genericLineCount(rng), recordsLeft);
    const decimals = currency === 'JPY' ? 0 : 2;
    let text = '';
    let sku = skuIndex(rng);
    for (let line = 0; line < lines; line++) {
      const r = rng.next();
      const quantity = r < 0.7 ? 1 : r < 0.9 ? 2 : 3 + rng.int(3);
      const unitPrice = (skuPriceUsd(sku) / usdPerUnit).toFixed(decimals);
      text += `${orderId},${date},SKU-${pad(sku, 4)},${quantity},${unitPrice},${currency},${channel},${market}\n`;
      sku = (sku + 1 + rng.int(SKU_COUNT - 1)) % SKU_COUNT;
    }
    return { text, records: lines };
  };
}

/** Shopify's current orders export header, 79 columns, exactly as docs/formats/shopify.md quotes it. */
const SHOPIFY_HEADER_LINE =
  'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References';
const SHOPIFY_COLUMNS = SHOPIFY_HEADER_LINE.split(',');

const COLUMN_INDEX = new Map(SHOPIFY_COLUMNS.map((name, i) => [name, i]));

function col(name: string): number {
  const index = COLUMN_INDEX.get(name);
  if (index === undefined) throw new Error(`no Shopify column named ${name}`);
  return index;
}

/** Row ends are CRLF, as in the zhangerson exports, and so are line breaks inside quoted cells. */
const SHOPIFY_HEADER = `${SHOPIFY_HEADER_LINE}\r\n`;

/** `Source`: the online store mostly, TikTok Shop orders synced in, POS and an app id now and then. */
const SOURCES = [
  ['web', 0.85],
  ['tiktok', 0.1],
  ['pos', 0.03],
  ['5690175', 0.02],
] as const;

const FINANCIAL = [
  ['paid', 0.88],
  ['pending', 0.03],
  ['refunded', 0.04],
  ['partially_refunded', 0.02],
  ['voided', 0.02],
  ['authorized', 0.01],
] as const;

/** Product names; the odd ones carry a comma and quotes, which the export quotes and doubles. */
const PRODUCTS = [
  'Linen Shirt',
  'Canvas Tote',
  'Wool Beanie',
  'Trail Socks',
  'Mug, "Stoneware"',
  'Desk Lamp',
  'Phone Case',
];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const CITIES = [
  ['Torrance', '90503', 'CA', 'California'],
  ['Brooklyn', '11201', 'NY', 'New York'],
  ['Austin', '78701', 'TX', 'Texas'],
  ['Portland', '97205', 'OR', 'Oregon'],
  ['Boston', '02108', 'MA', 'Massachusetts'],
] as const;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The shop's local time in New York, with the offset that changes at DST: `2025-03-05 09:22:10 -0500`. */
function shopifyTime(utcMs: number): string {
  const d = new Date(utcMs);
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const summer = (month > 2 && month < 10) || (month === 2 && day >= 10) || (month === 10 && day < 3);
  const local = new Date(utcMs + (summer ? -4 : -5) * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${summer ? '-0400' : '-0500'}`;
}

function shopifyOrder(totalRecords: number): OrderSource {
  return (rng, orderIndex, recordIndex, recordsLeft) => {
    const utcMs = FIRST_ORDER_MS + Math.floor(((recordIndex + rng.next()) * SPAN_MS) / totalRecords);
    const created = shopifyTime(utcMs);
    const name = `#${1001 + orderIndex}`;
    const email = `buyer${orderIndex % 97_331}@example.com`;
    const source = weighted(rng, SOURCES);
    const financial = weighted(rng, FINANCIAL);
    const r = rng.next();
    const lines = Math.min(r < 0.55 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 3 : 4, recordsLeft);

    const items: string[][] = [];
    let subtotal = 0;
    let sku = skuIndex(rng);
    for (let line = 0; line < lines; line++) {
      const quantity = rng.next() < 0.8 ? 1 : 2 + rng.int(2);
      const price = skuPriceUsd(sku);
      const lineDiscount = rng.next() < 0.1 ? Math.round(price * quantity * 10) / 100 : 0;
      subtotal += price * quantity - lineDiscount;
      const cells = new Array<string>(SHOPIFY_COLUMNS.length).fill('');
      cells[col('Name')] = name;
      cells[col('Email')] = email;
      cells[col('Created at')] = created;
      cells[col('Lineitem quantity')] = String(quantity);
      cells[col('Lineitem name')] = csvCell(
        `${PRODUCTS[sku % PRODUCTS.length]} - ${SIZES[sku % SIZES.length]}`,
      );
      cells[col('Lineitem price')] = price.toFixed(2);
      cells[col('Lineitem compare at price')] = sku % 3 === 0 ? (price * 1.25).toFixed(2) : '';
      cells[col('Lineitem sku')] = `SH-${pad(sku, 4)}`;
      cells[col('Lineitem requires shipping')] = 'true';
      cells[col('Lineitem taxable')] = 'true';
      cells[col('Lineitem fulfillment status')] = financial === 'voided' ? 'pending' : 'fulfilled';
      cells[col('Vendor')] = 'Ballast Bench Co';
      cells[col('Lineitem discount')] = lineDiscount.toFixed(2);
      items.push(cells);
      sku = (sku + 1 + rng.int(SKU_COUNT - 1)) % SKU_COUNT;
    }

    // Order-level fields go on the first row only; later rows leave them blank.
    const first = items[0];
    const [city, zip, province, provinceName] = CITIES[orderIndex % CITIES.length];
    const buyer = `Buyer ${orderIndex % 97_331}`;
    const street = `${1 + (orderIndex % 9_000)} Main St`;
    const discount = rng.next() < 0.15 ? Math.round(subtotal * 10) / 100 : 0;
    const shipping = subtotal - discount >= 50 ? 0 : 4.99;
    const taxes = Math.round((subtotal - discount) * 7.25) / 100;
    const total = subtotal - discount + shipping + taxes;
    const refunded =
      financial === 'refunded'
        ? total
        : financial === 'partially_refunded'
          ? Math.round(total * 30) / 100
          : 0;
    const paid =
      financial === 'pending' || financial === 'authorized' || financial === 'voided'
        ? ''
        : shopifyTime(utcMs + 60_000);
    const payment = `c${pad(orderIndex, 12)}.1`;
    const set = (column: string, value: string) => (first[col(column)] = value);
    set('Financial Status', financial);
    set('Paid at', paid);
    set('Fulfillment Status', financial === 'voided' ? 'unfulfilled' : 'fulfilled');
    set('Fulfilled at', financial === 'voided' ? '' : shopifyTime(utcMs + 86_400_000));
    set('Accepts Marketing', rng.next() < 0.4 ? 'yes' : 'no');
    set('Currency', 'USD');
    set('Subtotal', (subtotal - discount).toFixed(2));
    set('Shipping', shipping.toFixed(2));
    set('Taxes', taxes.toFixed(2));
    set('Total', total.toFixed(2));
    set('Discount Code', discount > 0 ? 'WELCOME10' : '');
    set('Discount Amount', discount.toFixed(2));
    set('Shipping Method', shipping > 0 ? 'Standard Shipping' : 'Free Shipping');
    for (const side of ['Billing', 'Shipping'] as const) {
      set(`${side} Name`, buyer);
      set(`${side} Street`, street);
      set(`${side} Address1`, street);
      set(`${side} City`, city);
      set(`${side} Zip`, `'${zip}`);
      set(`${side} Province`, province);
      set(`${side} Country`, 'US');
      set(`${side} Phone`, `+1555${pad(orderIndex % 10_000_000, 7)}`);
      set(`${side} Province Name`, provinceName);
    }
    if (rng.next() < 0.04)
      set('Note Attributes', csvCell('gift_wrap: yes\r\ngift_message: Happy birthday, Sam!'));
    set('Cancelled at', financial === 'voided' ? shopifyTime(utcMs + 3_600_000) : '');
    set('Payment Method', source === 'tiktok' ? 'TikTok Shop' : 'Shopify Payments');
    set('Payment Reference', payment);
    set('Refunded Amount', refunded.toFixed(2));
    set('Outstanding Balance', '0.00');
    set('Location', source === 'pos' ? 'Main Store' : '');
    set('Id', String(5_000_000_000_000 + orderIndex));
    set('Risk Level', 'Low');
    set('Source', source);
    set('Tax 1 Name', `${province} State Tax 7.25%`);
    set('Tax 1 Value', taxes.toFixed(2));
    set('Payment ID', payment.slice(0, -2));
    set('Payment References', payment);
    if (source === 'tiktok') {
      set('Tags', csvCell(`NORMAL, Shipped by Seller, TikTokOrderID:5768${pad(orderIndex, 14)}`));
      set('Notes', csvCell(`TikTok discount: ${(discount / 2).toFixed(2)}`));
    }
    return { text: items.map((cells) => `${cells.join(',')}\r\n`).join(''), records: lines };
  };
}
