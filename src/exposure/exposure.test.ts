import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lcg } from '../../test/random.js';
import * as engine from '../engine.js';
import { present } from '../errors.js';
import { newDb, tempDir } from '../../test/workspace.js';

interface Line {
  order: string;
  date: string;
  sku: string;
  qty: number;
  price: number;
  currency: string;
  channel: string;
  market: string;
  status: string;
  discount: number;
  refund: number;
}

const CHANNELS = ['tiktok-shop', 'amazon', 'shopify', 'temu'];
const MARKETS = ['US', 'GB', 'BR'];
const CURRENCY: Record<string, string> = { US: 'USD', GB: 'GBP', BR: 'BRL' };
const FX: Record<string, number> = { USD: 1, GBP: 1.25, BRL: 0.2 };

/** 400 days of orders on four channels in three markets, with cancellations, discounts and refunds. */
function history(): Line[] {
  const next = lcg(42);
  const lines: Line[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < 6000; i++) {
    const day = Math.floor(next() * 400);
    const channel = CHANNELS[Math.floor(next() * next() * CHANNELS.length)];
    const market = MARKETS[next() < 0.7 ? 0 : next() < 0.6 ? 1 : 2];
    const r = next();
    lines.push({
      order: `O-${i}`,
      date: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
      sku: `SKU-${Math.floor(next() * 30)}`,
      qty: 1 + Math.floor(next() * 3),
      price: Math.round((5 + next() * 40) * 100) / 100,
      currency: CURRENCY[market],
      channel,
      market,
      status: r < 0.05 ? 'cancelled' : r < 0.08 ? 'refunded' : 'completed',
      discount: next() < 0.2 ? 2 : 0,
      refund: 0,
    });
  }
  return lines;
}

function write(dir: string, lines: Line[]): string[] {
  const orders = join(dir, 'orders.csv');
  writeFileSync(
    orders,
    ['order_id,order_date,sku,quantity,unit_price,currency,channel,market,status,discount']
      .concat(
        lines.map((l) =>
          [
            l.order,
            l.date,
            l.sku,
            l.qty,
            l.price,
            l.currency,
            l.channel,
            l.market,
            l.status,
            l.discount,
          ].join(','),
        ),
      )
      .join('\n') + '\n',
  );
  const fx = join(dir, 'fx.csv');
  writeFileSync(fx, 'date,currency,rate\n2023-12-01,GBP,1.25\n2023-12-01,BRL,0.2\n');
  return [orders, fx];
}

/** Net revenue in base currency the plain way: cancelled → 0; refunded → fully refunded (gross − discount). */
function net(l: Line): number {
  if (l.status !== 'completed') return 0;
  return (l.qty * l.price - l.discount) * FX[l.currency];
}

describe('exposure on a generated multi-channel history', () => {
  const dir = tempDir();
  const lines = history();
  const files = write(dir, lines);
  const db = newDb(dir);

  it('matches plain arithmetic on the input rows: revenue, shares, units, growth, HHI', async () => {
    await engine.importFiles(db, files);
    const report = await engine.exposure(db, { window: 90 });
    const last = lines.reduce((latest, l) => (l.date > latest ? l.date : latest), '');
    const to = Date.parse(last);
    const inWindow = (l: Line, from: number, until: number) =>
      Date.parse(l.date) >= from && Date.parse(l.date) <= until;
    const cur = lines.filter((l) => inWindow(l, to - 89 * 86_400_000, to));
    const prior = lines.filter((l) => inWindow(l, to - 179 * 86_400_000, to - 90 * 86_400_000));
    expect(report.to).toBe(last);
    const total = cur.reduce((s, l) => s + net(l), 0);
    expect(report.totalRevenue).toBeCloseTo(total, 6);
    let hhi = 0;
    for (const channel of CHANNELS) {
      const row = present(
        report.byChannel.find((r) => r.channel === channel),
        `the exposure row of ${channel}`,
      );
      const revenue = cur.filter((l) => l.channel === channel).reduce((s, l) => s + net(l), 0);
      const priorRevenue = prior.filter((l) => l.channel === channel).reduce((s, l) => s + net(l), 0);
      const units = cur
        .filter((l) => l.channel === channel && l.status !== 'cancelled')
        .reduce((s, l) => s + l.qty, 0);
      expect(row.revenue).toBeCloseTo(revenue, 6);
      expect(row.share).toBeCloseTo(revenue / total, 9);
      expect(row.units).toBe(units);
      expect(row.growth).toBeCloseTo(revenue / priorRevenue - 1, 9);
      expect(row.grossProfit).toBeNull();
      hhi += (revenue / total) ** 2;
    }
    expect(report.concentration.channel.hhi).toBeCloseTo(hhi, 9);
    expect(report.concentration.channel.effectiveNumber).toBeCloseTo(1 / hhi, 9);
    for (const market of MARKETS) {
      const revenue = cur.filter((l) => l.market === market).reduce((s, l) => s + net(l), 0);
      expect(report.byMarket.find((r) => r.market === market)?.revenue).toBeCloseTo(revenue, 6);
    }
    const cell = report.byChannelMarket.find((r) => r.channel === 'amazon' && r.market === 'GB');
    expect(cell?.revenue).toBeCloseTo(
      cur.filter((l) => l.channel === 'amazon' && l.market === 'GB').reduce((s, l) => s + net(l), 0),
      6,
    );
    expect(report.fxApproximate).toBe(false);
  });

  it('computes gross profit once costs are known', async () => {
    const costs = join(dir, 'costs.csv');
    writeFileSync(
      costs,
      ['sku,unit_cost,currency', ...Array.from({ length: 30 }, (_, i) => `SKU-${i},${(i % 7) + 2},USD`)].join(
        '\n',
      ) + '\n',
    );
    await engine.importFiles(db, [costs]);
    const report = await engine.exposure(db, { from: '2024-01-01', to: '2024-12-31' });
    const year = lines.filter((l) => l.date <= '2024-12-31' && l.channel === 'temu');
    const expected = year.reduce(
      (s, l) => s + net(l) - (l.status === 'cancelled' ? 0 : l.qty * ((Number(l.sku.slice(4)) % 7) + 2)),
      0,
    );
    expect(report.byChannel.find((r) => r.channel === 'temu')?.grossProfit).toBeCloseTo(expected, 6);
  });
});

describe('exposure edge cases', () => {
  const dir = tempDir();

  it('an empty workspace has no rows and says so', async () => {
    const db = newDb(dir);
    const fx = join(dir, 'fx-only.csv');
    writeFileSync(fx, 'date,currency,rate\n2024-01-01,EUR,1.1\n');
    await engine.importFiles(db, [fx]);
    const report = await engine.exposure(db);
    expect(report).toMatchObject({ from: null, to: null, byChannel: [], lockedStock: null });
  });

  it('one channel is all of the exposure, with an alert', async () => {
    const db = newDb(dir);
    const one = join(dir, 'one.csv');
    writeFileSync(
      one,
      'order_id,order_date,sku,quantity,unit_price,currency,channel,market\nA,2024-05-01,X,1,10,USD,tiktok-shop,US\nB,2024-05-02,X,2,10,USD,tiktok-shop,US\n',
    );
    await engine.importFiles(db, [one]);
    const report = await engine.exposure(db, { window: 30 });
    expect(report.byChannel).toEqual([
      expect.objectContaining({
        channel: 'tiktok-shop',
        revenue: 30,
        share: 1,
        units: 3,
        grossProfit: null,
        growth: null,
      }),
    ]);
    expect(report.concentration.channel).toEqual({ hhi: 1, effectiveNumber: 1 });
    expect(report.alerts).toEqual([
      expect.objectContaining({ kind: 'share-above-band', channel: 'tiktok-shop' }),
    ]);
    expect(report.skuDependency).toEqual([
      expect.objectContaining({ sku: 'X', channel: 'tiktok-shop', share: 1, soldElsewhere: false }),
    ]);
  });
});
