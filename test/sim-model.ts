import {
  DURATION_FIXED,
  type SimCommitment,
  type SimEvent,
  type SimModel,
  type SimStock,
  type SimVariant,
} from '../src/simulate/index.js';

/**
 * Small hand-checkable models for simulator tests: cells given as (sku, channel, market, daily units,
 * price); everything else defaults to "nothing happens".
 */
export interface CellSpec {
  sku: string;
  channel: string;
  market?: string;
  daily: number;
  price: number;
  unitCost?: number;
}

export function model(cells: CellSpec[], options: Partial<SimModel> & { horizonDays: number }): SimModel {
  const channels = [...new Set(cells.map((c) => c.channel))];
  const markets = [...new Set(cells.map((c) => c.market ?? 'US'))];
  const groups = [...new Set(cells.map((c) => `${c.channel}|${c.market ?? 'US'}`))];
  const skus = [...new Set(cells.map((c) => c.sku))];
  const H = options.horizonDays;
  const baseline = new Float64Array(cells.length * H);
  cells.forEach((c, i) => baseline.fill(c.daily, i * H, (i + 1) * H));
  return {
    paths: 100,
    seed: 1,
    noise: false,
    dispersion: 10,
    channels,
    markets,
    groupChannel: Int32Array.from(groups, (g) => channels.indexOf(g.split('|')[0])),
    groupMarket: Int32Array.from(groups, (g) => markets.indexOf(g.split('|')[1])),
    skus,
    cellGroup: Int32Array.from(cells, (c) => groups.indexOf(`${c.channel}|${c.market ?? 'US'}`)),
    cellSku: Int32Array.from(cells, (c) => skus.indexOf(c.sku)),
    price: Float64Array.from(cells, (c) => c.price),
    unitCost: Float64Array.from(cells, (c) => c.unitCost ?? NaN),
    feePct: new Float64Array(cells.length),
    feePerUnit: new Float64Array(cells.length),
    shipPerUnit: new Float64Array(cells.length),
    baseline,
    events: [],
    cholesky: new Float64Array(0),
    commitments: [],
    ...options,
  };
}

export function variant(groups: number, overrides: Partial<SimVariant> = {}): SimVariant {
  return {
    weight: 1,
    permanent: 1,
    durationKind: DURATION_FIXED,
    durationA: 0,
    durationB: 0,
    severity: 1,
    recoveryDays: 0,
    recoveryLevel: 1,
    preOnsetDays: 0,
    preOnsetUplift: 0,
    halo: new Float64Array(groups),
    divertFrom: new Int32Array(0),
    divertTo: new Int32Array(0),
    divertShare: new Float64Array(0),
    divertRampDays: new Float64Array(0),
    strandedLocation: new Int32Array(0),
    strandedReleaseDays: new Float64Array(0),
    strandedCostPerUnit: new Float64Array(0),
    ...overrides,
  };
}

export function event(
  id: string,
  target: number[],
  groups: number,
  overrides: Partial<SimEvent> = {},
  v: Partial<SimVariant> = {},
): SimEvent {
  const mask = new Uint8Array(groups);
  for (const g of target) mask[g] = 1;
  return {
    id,
    probability: 1,
    onsetFrom: 10,
    onsetTo: 10,
    target: mask,
    landedCostPct: 0,
    feePct: 0,
    feePerUnit: 0,
    variants: [variant(groups, v)],
    ...overrides,
  };
}

/** Identity correlation for n events. */
export function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** Stock at `locations` with no inbound shipments; who sells from where is given as (start, list) pairs. */
export function stockWithoutShipments(
  locations: string[],
  initial: number[],
  sellers: { start: number[]; cells: number[] },
  released: { start: number[]; cells: number[] },
): SimStock {
  return {
    locations,
    unlimited: new Uint8Array(locations.length),
    initial: Float64Array.from(initial),
    arrivalDay: new Int32Array(0),
    arrivalLocation: new Int32Array(0),
    arrivalSku: new Int32Array(0),
    arrivalUnits: new Float64Array(0),
    arrivalShipment: [],
    arrivalCanRedirect: new Uint8Array(0),
    sellerStart: Int32Array.from(sellers.start),
    sellers: Int32Array.from(sellers.cells),
    releasedStart: Int32Array.from(released.start),
    released: Int32Array.from(released.cells),
  };
}

/**
 * Stock for a two-cell model (cell 0 TikTok, cell 1 Amazon, one SKU): FBT-US sells to cell 0 and
 * FBA-US to cell 1; released stock of either serves both. No inbound shipments.
 */
export function fbtAndFba(fbt: number, fba: number): SimStock {
  return stockWithoutShipments(
    ['FBT-US', 'FBA-US'],
    [fbt, fba],
    { start: [0, 1, 2], cells: [0, 1] },
    { start: [0, 2, 4], cells: [0, 1, 0, 1] },
  );
}

/**
 * A cancellable TikTok Shop commitment (a creator retainer) in a model whose group 0 is TikTok Shop's
 * and group 1 another channel's: `daily` a day over `days`, `cancelFee` to cancel it now.
 */
export function tiktokRetainer(id: string, daily: number, cancelFee: number, days = 30): SimCommitment {
  return {
    id,
    channel: 'tiktok-shop',
    groups: Uint8Array.of(1, 0),
    daily: new Float64Array(days).fill(daily),
    cancellable: true,
    cancelFee,
  };
}
