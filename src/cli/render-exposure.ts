import type { ExposureReport } from '../engine.js';
import { formatNumber, table } from './output.js';

const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);
const money = (x: number | null) => (x === null ? null : Math.round(x));

export function renderExposure(r: ExposureReport): string {
  if (!r.from) return 'No orders in the workspace yet. Import exports with: ballast import FILE…';
  const out: string[] = [];
  out.push(
    `Exposure ${r.from} … ${r.to} (net revenue in ${r.baseCurrency}${r.fxApproximate ? ', some at approximate FX rates: import an fx file for exact figures' : ''})`,
    '',
  );
  type Row = ExposureReport['byChannel'][number];
  const shareTable = (
    key: string,
    rows: Array<Omit<Row, 'channel'>>,
    label: (x: Omit<Row, 'channel'>) => string,
  ) =>
    table(
      [key, 'revenue', 'share', 'units', 'gross profit', 'growth'],
      rows.map((x) => [
        label(x),
        money(x.revenue),
        pct(x.share),
        x.units,
        money(x.grossProfit),
        pct(x.growth),
      ]),
    );
  out.push(
    shareTable('channel', r.byChannel, (x) => (x as Row).channel),
    '',
  );
  out.push(
    shareTable('market', r.byMarket, (x) => (x as ExposureReport['byMarket'][number]).market),
    '',
  );
  const c = r.concentration;
  out.push(
    `Concentration: channels HHI ${c.channel.hhi.toFixed(3)} (effectively ${c.channel.effectiveNumber.toFixed(1)} channels), markets HHI ${c.market.hhi.toFixed(3)} (effectively ${c.market.effectiveNumber.toFixed(1)} markets).`,
  );
  if (r.byChannel.some((x) => x.grossProfit === null))
    out.push(
      'Gross profit is unknown where costs are missing: import a costs file (sku,unit_cost,currency).',
    );
  for (const a of r.alerts) {
    out.push(
      a.kind === 'share-above-band'
        ? `ALERT ${a.channel} is ${pct(a.share)} of revenue, above the ${pct(a.threshold)} band.`
        : `ALERT ${a.channel} rose from ${pct(a.priorShare)} to ${pct(a.share)} of revenue against the prior window.`,
    );
  }
  if (r.skuDependency.length > 0) {
    out.push(
      '',
      `SKUs that live on one channel (top ${Math.min(10, r.skuDependency.length)} of ${r.skuDependency.length}):`,
    );
    out.push(
      table(
        ['sku', 'channel', 'share', 'revenue at stake', 'sold elsewhere'],
        r.skuDependency
          .slice(0, 10)
          .map((d) => [
            d.sku,
            d.channel,
            pct(d.share),
            money(d.revenueAtStake),
            d.soldElsewhere ? 'yes' : 'never',
          ]),
      ),
    );
  }
  out.push('');
  if (r.lockedStock === null)
    out.push('Stock: unknown (import locations and inventory files to see what only one channel can sell).');
  else {
    out.push('Stock by location:');
    out.push(
      table(
        ['location', 'kind', 'sellable by', 'units', 'value', 'inbound units', 'inbound value'],
        r.lockedStock.map((l) => [
          l.location,
          l.kind,
          l.channels.join(', ') || '–',
          l.units,
          money(l.value),
          l.inboundUnits,
          money(l.inboundValue),
        ]),
      ),
    );
    const only = r.lockedStock.filter((l) => l.onlyChannel);
    for (const l of only)
      out.push(`Only ${l.onlyChannel} can sell the ${formatNumber(l.units)} units at ${l.location}.`);
  }
  out.push('');
  if (r.commitments === null) out.push('Commitments: none imported.');
  else {
    out.push('Committed spend still to pay:');
    out.push(
      table(
        ['channel', 'remaining', 'cancellable', 'cancel fees'],
        r.commitments.map((x) => [x.channel, money(x.remaining), money(x.cancellable), money(x.cancelFees)]),
      ),
    );
  }
  if (r.halo.length > 0) {
    out.push('', "Halo: share of a channel's units that move with another channel's sales (95 % interval):");
    out.push(
      table(
        ['driver', 'channel', 'halo', 'interval'],
        r.halo.map((h) => [
          h.driver,
          h.channel,
          h.identified ? pct(h.share) : 'not identified',
          h.identified ? `${pct(h.low)} … ${pct(h.high)}` : (h.reason ?? ''),
        ]),
      ),
    );
  }
  return out.join('\n');
}
