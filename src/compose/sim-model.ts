import { eventOutcomes, lognormalParams, type Scenario, type ScenarioEvent } from '../scenario/index.js';
import {
  arrivalColumns,
  DURATION_FIXED,
  DURATION_LOGNORMAL,
  DURATION_UNIFORM,
  forecastCells,
  type SimCommitment,
  type SimEvent,
  type SimModel,
  type SimStock,
  type SimVariant,
} from '../simulate/index.js';
import { present } from '../errors.js';
import type { CellRow, SimData } from './sim-data.js';

/**
 * Joins a parsed scenario and the workspace's data into the simulator's typed-array model: one cell
 * per SKU × channel × market that sold in the last year (plus the cells diversion can reach), each
 * with its baseline forecast, economics, stock and the scenario's events resolved onto groups.
 */
export function buildSimModel(scenario: Scenario, data: SimData): SimModel {
  const H = scenario.horizonDays;
  const cells: CellRow[] = [...data.cells];
  const key = (sku: string, channel: string, market: string) => `${sku}|${channel}|${market}`;
  const cellIndex = new Map(cells.map((c, i) => [key(c.sku, c.channel, c.market), i]));
  const sells = new Set(data.cells.map((c) => `${c.channel}|${c.market}`));
  const hits = (event: ScenarioEvent, channel: string, market: string) =>
    (event.target.channels === 'all' || event.target.channels.includes(channel)) &&
    (event.target.markets === 'all' || event.target.markets.includes(market));

  // Diverted demand lands on the same SKU on another channel the seller sells on in that market,
  // even where that SKU has not sold there yet: a new cell with no baseline of its own.
  for (const event of scenario.events) {
    for (const outcome of eventOutcomes(event)) {
      for (const d of outcome.diversion) {
        for (const c of data.cells) {
          if (!hits(event, c.channel, c.market) || !sells.has(`${d.channel}|${c.market}`)) continue;
          const k = key(c.sku, d.channel, c.market);
          if (cellIndex.has(k)) continue;
          cellIndex.set(k, cells.length);
          cells.push({ ...c, channel: d.channel });
        }
      }
    }
  }

  const channels = [...new Set(cells.map((c) => c.channel))].sort();
  const markets = [...new Set(cells.map((c) => c.market))].sort();
  const groupKeys = [...new Set(cells.map((c) => `${c.channel}|${c.market}`))].sort();
  const groupOf = new Map(groupKeys.map((g, i) => [g, i]));
  const skus = [...new Set(cells.map((c) => c.sku))].sort();
  const skuOf = new Map(skus.map((s, i) => [s, i]));
  const G = groupKeys.length;
  // Every cell's group and SKU are in these lists: both were made from the cells.
  const cellGroup = Int32Array.from(cells, (c) =>
    present(groupOf.get(`${c.channel}|${c.market}`), `the group of ${c.channel} in ${c.market}`),
  );
  const cellSku = Int32Array.from(cells, (c) => present(skuOf.get(c.sku), `the index of SKU ${c.sku}`));
  const groupChannel = Int32Array.from(groupKeys, (g) => channels.indexOf(g.split('|')[0]));
  const groupMarket = Int32Array.from(groupKeys, (g) => markets.indexOf(g.split('|')[1]));

  const startDow = (new Date(`${scenario.start}T00:00:00Z`).getUTCDay() + 6) % 7;
  const forecast = forecastCells(data.history, data.cells.length, startDow, H);
  const baseline = new Float64Array(cells.length * H);
  baseline.set(forecast.daily);

  const stock = buildStock(data, cells, skuOf);
  const events: SimEvent[] = scenario.events.map((event) => {
    const target = Uint8Array.from(groupKeys, (g) => (hits(event, g.split('|')[0], g.split('|')[1]) ? 1 : 0));
    const targetMarkets = new Set(groupKeys.filter((_, i) => target[i]).map((g) => g.split('|')[1]));
    const variants: SimVariant[] = eventOutcomes(event).map((o) => {
      const halo = new Float64Array(G);
      for (const h of o.halo)
        groupKeys.forEach((g, i) => {
          const [channel, market] = g.split('|');
          if (channel === h.channel && targetMarkets.has(market) && !target[i]) halo[i] = h.share;
        });
      const pairs: Array<[number, number, number, number]> = [];
      for (const d of o.diversion) {
        cells.forEach((c, from) => {
          if (from >= data.cells.length || !target[cellGroup[from]]) return;
          const to = cellIndex.get(key(c.sku, d.channel, c.market));
          if (to !== undefined && to !== from) pairs.push([from, to, d.share, d.rampDays]);
        });
      }
      // Without inventory data stock is unconstrained, so nothing can be stranded (reported as unknown).
      const stranded = o.stranded
        .map((s) => ({ ...s, index: stock ? stock.locations.indexOf(s.location) : -1 }))
        .filter((s) => s.index >= 0);
      const days = o.duration.days;
      const duration =
        days === null
          ? { durationKind: DURATION_FIXED, durationA: 0, durationB: 0 }
          : days.kind === 'fixed'
            ? { durationKind: DURATION_FIXED, durationA: days.days, durationB: 0 }
            : days.kind === 'uniform'
              ? { durationKind: DURATION_UNIFORM, durationA: days.min, durationB: days.max }
              : (({ mu, sigma }) => ({ durationKind: DURATION_LOGNORMAL, durationA: mu, durationB: sigma }))(
                  lognormalParams(days.median, days.p90),
                );
      return {
        weight: 'weight' in o ? o.weight : 1,
        permanent: o.duration.permanent,
        ...duration,
        severity: o.severity,
        recoveryDays: o.recovery.days,
        recoveryLevel: o.recovery.level,
        preOnsetDays: event.preOnset.days,
        preOnsetUplift: event.preOnset.uplift,
        halo,
        divertFrom: Int32Array.from(pairs, (p) => p[0]),
        divertTo: Int32Array.from(pairs, (p) => p[1]),
        divertShare: Float64Array.from(pairs, (p) => p[2]),
        divertRampDays: Float64Array.from(pairs, (p) => p[3]),
        strandedLocation: Int32Array.from(stranded, (s) => s.index),
        strandedReleaseDays: Float64Array.from(stranded, (s) => s.releaseAfterDays),
        strandedCostPerUnit: Float64Array.from(stranded, (s) => s.costPerUnit),
      };
    });
    return {
      id: event.id,
      probability: event.probability,
      onsetFrom: event.onset.fromDay,
      onsetTo: event.onset.toDay,
      target,
      landedCostPct: event.costs.landedCostPct,
      feePct: event.costs.feePct,
      feePerUnit: event.costs.feePerUnit,
      variants,
    };
  });
  // Market-wide shocks: one independent event per market, at a uniformly random time.
  if (scenario.marketShocks) {
    const shock = scenario.marketShocks;
    for (const market of markets) {
      const target = Uint8Array.from(groupKeys, (g) => (g.split('|')[1] === market ? 1 : 0));
      events.push({
        id: `market-shock-${market}`,
        probability: shock.probability,
        onsetFrom: 0,
        onsetTo: H - 1,
        target,
        landedCostPct: 0,
        feePct: 0,
        feePerUnit: 0,
        variants: [{ ...emptyVariant(G), severity: shock.severity, durationA: shock.days, permanent: 0 }],
      });
    }
  }

  const cash = scenario.cash;
  const unitCost = Float64Array.from(cells, (c) =>
    data.costsKnown && c.unitCost !== null ? c.unitCost : NaN,
  );
  return {
    horizonDays: H,
    paths: scenario.paths,
    seed: scenario.seed,
    noise: scenario.noise === 'negbin',
    dispersion: scenario.dispersion,
    // Each cell's own noise where its history allowed a fit; the scenario's k for the rest.
    cellDispersion: Float64Array.from({ length: cells.length }, (_, c) => forecast.dispersion[c] ?? NaN),
    cellZeroInflation: Float64Array.from(
      { length: cells.length },
      (_, c) => forecast.zeroInflation[c] ?? NaN,
    ),
    channels,
    markets,
    groupChannel,
    groupMarket,
    skus,
    cellGroup,
    cellSku,
    price: Float64Array.from(cells, (c) => c.price),
    unitCost,
    feePct: Float64Array.from(cells, (c) => c.feePct),
    feePerUnit: Float64Array.from(cells, (c) => c.feePerUnit),
    shipPerUnit: Float64Array.from(cells, (c) => c.shipPerUnit),
    baseline,
    events,
    cholesky: cholesky(correlationMatrix(scenario, events)),
    commitments: data.commitments.map((c): SimCommitment => {
      const daily = new Float64Array(H);
      const perDay = c.amount / (c.endDay - c.startDay + 1);
      for (let d = Math.max(0, c.startDay); d <= Math.min(H - 1, c.endDay); d++) daily[d] = perDay;
      return {
        id: c.id,
        channel: c.channel,
        groups: Uint8Array.from(groupKeys, (g) => (g.split('|')[0] === c.channel ? 1 : 0)),
        daily,
        cancellable: c.cancellable,
        cancelFee: c.cancelFee,
      };
    }),
    ...(stock ? { stock } : {}),
    ...(cash
      ? {
          cash: {
            opening: cash.opening,
            payoutDelayDays: Int32Array.from(groupKeys, (g) => cash.payoutDelayDays[g.split('|')[0]] ?? 0),
          },
        }
      : {}),
  };
}

function emptyVariant(groups: number): SimVariant {
  const none = { i: new Int32Array(0), f: new Float64Array(0) };
  return {
    weight: 1,
    permanent: 0,
    durationKind: DURATION_FIXED,
    durationA: 0,
    durationB: 0,
    severity: 0,
    recoveryDays: 0,
    recoveryLevel: 1,
    preOnsetDays: 0,
    preOnsetUplift: 0,
    halo: new Float64Array(groups),
    divertFrom: none.i,
    divertTo: none.i,
    divertShare: none.f,
    divertRampDays: none.f,
    strandedLocation: none.i,
    strandedReleaseDays: none.f,
    strandedCostPerUnit: none.f,
  };
}

/** Locations that hold or will receive stock, dedicated channel warehouses first (they sell first). */
function stockLocations(data: SimData): string[] {
  const rank: Record<string, number> = { fba: 0, fbt: 0, wfs: 0, '3pl': 1, own: 1, supplier: 2 };
  const names = [
    ...new Set([
      ...data.locations.map((l) => l.location),
      ...data.inventory.map((i) => i.location),
      ...data.shipments.map((s) => s.location),
    ]),
  ];
  const kind = (name: string) => rank[data.locations.find((l) => l.location === name)?.kind ?? 'own'] ?? 1;
  return names.sort((a, b) => kind(a) - kind(b) || a.localeCompare(b));
}

function buildStock(data: SimData, cells: CellRow[], skuOf: Map<string, number>): SimStock | undefined {
  if (data.inventory.length === 0 && data.shipments.length === 0) return undefined;
  const locations = stockLocations(data);
  const S = skuOf.size;
  const initial = new Float64Array(locations.length * S);
  for (const i of data.inventory) {
    const s = skuOf.get(i.sku);
    if (s !== undefined) initial[locations.indexOf(i.location) * S + s] += i.units;
  }
  // Shipments of SKUs no cell sells are left out: no channel could sell them in the horizon.
  const shipped = data.shipments.flatMap((a) => {
    const sku = skuOf.get(a.sku);
    return sku === undefined ? [] : [{ ...a, sku }];
  });
  const lists = (eligible: (l: string, c: CellRow) => boolean) => {
    const start = new Int32Array(locations.length + 1);
    const list: number[] = [];
    locations.forEach((l, i) => {
      cells.forEach((c, ci) => eligible(l, c) && list.push(ci));
      start[i + 1] = list.length;
    });
    return { start, list: Int32Array.from(list) };
  };
  const info = (l: string) => data.locations.find((x) => x.location === l);
  const sellers = lists((l, c) => {
    const loc = info(l);
    if (!loc) return true; // stock at a location nobody described: any channel may sell it
    return loc.market === c.market && (loc.channels.includes('*') || loc.channels.includes(c.channel));
  });
  const released = lists((l, c) => {
    const loc = info(l);
    return !loc || loc.market === c.market;
  });
  // A SKU no inventory or shipment mentions is unknown, not out of stock: its sales stay unconstrained.
  const stocked = new Set([...data.inventory.map((i) => i.sku), ...data.shipments.map((a) => a.sku)]);
  return {
    locations,
    unlimited: Uint8Array.from(cells, (c) => (stocked.has(c.sku) ? 0 : 1)),
    initial,
    ...arrivalColumns(
      shipped.map((a) => ({
        ...a,
        location: locations.indexOf(a.location),
        sku: a.sku,
        canRedirect: a.canRedirect ? 1 : 0,
      })),
    ),
    sellerStart: sellers.start,
    sellers: sellers.list,
    releasedStart: released.start,
    released: released.list,
  };
}

function correlationMatrix(scenario: Scenario, events: SimEvent[]): Float64Array {
  const n = events.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  const at = new Map(events.map((e, i) => [e.id, i]));
  for (const { a, b, rho } of scenario.correlations) {
    // The scenario's check has refused correlations that name an event it does not have.
    const i = present(at.get(a), `the correlated event ${a}`);
    const j = present(at.get(b), `the correlated event ${b}`);
    m[i * n + j] = rho;
    m[j * n + i] = rho;
  }
  return m;
}

/** Lower Cholesky factor; a semidefinite matrix (ρ = ±1) gets zero columns where pivots vanish. */
export function cholesky(a: Float64Array): Float64Array {
  const n = Math.round(Math.sqrt(a.length));
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(0, s));
      else l[i * n + j] = l[j * n + j] > 1e-12 ? s / l[j * n + j] : 0;
    }
  }
  return l;
}
