/**
 * The simulator's input, flattened into typed arrays so it can be copied to worker threads and read
 * in hot loops without allocation. The engine builds it from the workspace and a scenario.
 *
 * Vocabulary: a *cell* is SKU × channel × market; a *group* is channel × market (events and halo act
 * on groups); days are indexes 0 … horizonDays − 1 from the scenario start.
 */
export interface SimModel {
  horizonDays: number;
  paths: number;
  seed: number;
  /** false for `noise: none`: demand is exactly the baseline. */
  noise: boolean;
  /** Negative-binomial size k: variance = μ + μ²/k. */
  dispersion: number;
  /**
   * Per cell, fitted from the cell's own history (demand/noise.ts): NB size k (NaN: use `dispersion`)
   * and the extra share of zero days π (zero-inflated NB; mean kept). Absent: `dispersion` everywhere.
   */
  cellDispersion?: Float64Array;
  cellZeroInflation?: Float64Array;
  channels: string[];
  markets: string[];
  groupChannel: Int32Array;
  groupMarket: Int32Array;
  skus: string[];
  cellGroup: Int32Array;
  cellSku: Int32Array;
  /** Net revenue per unit, base currency. */
  price: Float64Array;
  /** Landed unit cost; NaN when costs are unknown (profit is then reported as unknown). */
  unitCost: Float64Array;
  /** Variable costs per unit sold: fee share of price, fee per unit, shipping per unit. */
  feePct: Float64Array;
  feePerUnit: Float64Array;
  shipPerUnit: Float64Array;
  /** Mean daily demand, cells × days, row-major by cell. */
  baseline: Float64Array;
  events: SimEvent[];
  /** Lower Cholesky factor of the events' occurrence correlation (Gaussian copula), events × events. */
  cholesky: Float64Array;
  commitments: SimCommitment[];
  /** Absent: stock is unconstrained and stranded stock is unknown. */
  stock?: SimStock;
  /**
   * Channel × market groups a plan opens. Their cells come last (from `openedFrom`) and draw demand
   * from a stream of their own, so opening one never changes the draws of the cells that exist.
   */
  openings?: SimOpening[];
  /** First cell that belongs to an opened group (all cells after it do too). */
  openedFrom?: number;
  cash?: { opening: number; payoutDelayDays: Int32Array /* per group */ };
}

export interface SimEvent {
  id: string;
  probability: number;
  /** Onset day, uniform over [onsetFrom, onsetTo] (inclusive). */
  onsetFrom: number;
  onsetTo: number;
  /** 1 for each group the event hits. */
  target: Uint8Array;
  /** Cost shocks on target cells while active: landed cost share, extra fee share of price, fee per unit. */
  landedCostPct: number;
  feePct: number;
  feePerUnit: number;
  /** Mutually exclusive outcomes given that the event happens; weights sum to 1. */
  variants: SimVariant[];
}

export const DURATION_FIXED = 0;
export const DURATION_UNIFORM = 1;
export const DURATION_LOGNORMAL = 2;

export interface SimVariant {
  weight: number;
  permanent: number;
  /** DURATION_*; fixed: a = days; uniform: [a, b]; lognormal: mu = a, sigma = b (of ln days). */
  durationKind: number;
  durationA: number;
  durationB: number;
  severity: number;
  recoveryDays: number;
  recoveryLevel: number;
  preOnsetDays: number;
  preOnsetUplift: number;
  /** Per group: the share of that group's demand the target drives (lost in proportion). */
  halo: Float64Array;
  /** Cell pairs: lost demand of `from` reappears on `to` (same SKU and market, another channel). */
  divertFrom: Int32Array;
  divertTo: Int32Array;
  divertShare: Float64Array;
  divertRampDays: Float64Array;
  /** Locations frozen while active; stock can be taken out after a delay at a cost per unit. */
  strandedLocation: Int32Array;
  strandedReleaseDays: Float64Array;
  strandedCostPerUnit: Float64Array;
}

export interface SimOpening {
  group: number;
  /** First selling day, and days from it to full demand (a linear ramp). */
  fromDay: number;
  rampDays: number;
  /** Standard deviation of ln(demand factor), drawn once per path (mean factor 1). */
  sigma: number;
}

export interface SimCommitment {
  id: string;
  channel: string;
  /** 1 for each group of the commitment's channel: it is "dark" when an event darkens one of them. */
  groups: Uint8Array;
  /** Amount due per day over the horizon, base currency. */
  daily: Float64Array;
  cancellable: boolean;
  cancelFee: number;
}

/** One inbound arrival, as the planner and the model builders handle it before it becomes SimStock columns. */
export interface SimArrival {
  day: number;
  location: number;
  sku: number;
  units: number;
  shipment: string;
  /** 1 when its carrier can still send it elsewhere. */
  canRedirect: number;
}

/** The arrival columns of SimStock, in the given order. */
export function arrivalColumns(
  arrivals: readonly SimArrival[],
): Pick<
  SimStock,
  'arrivalDay' | 'arrivalLocation' | 'arrivalSku' | 'arrivalUnits' | 'arrivalShipment' | 'arrivalCanRedirect'
> {
  return {
    arrivalDay: Int32Array.from(arrivals, (a) => a.day),
    arrivalLocation: Int32Array.from(arrivals, (a) => a.location),
    arrivalSku: Int32Array.from(arrivals, (a) => a.sku),
    arrivalUnits: Float64Array.from(arrivals, (a) => a.units),
    arrivalShipment: arrivals.map((a) => a.shipment),
    arrivalCanRedirect: Uint8Array.from(arrivals, (a) => a.canRedirect),
  };
}

/** The arrivals of a SimStock as rows: the inverse of arrivalColumns. */
export function arrivalsOf(stock: SimStock): SimArrival[] {
  return Array.from(stock.arrivalDay, (day, a) => ({
    day,
    location: stock.arrivalLocation[a],
    sku: stock.arrivalSku[a],
    units: stock.arrivalUnits[a],
    shipment: stock.arrivalShipment[a],
    canRedirect: stock.arrivalCanRedirect[a],
  }));
}

export interface SimStock {
  locations: string[];
  /** Per cell: 1 when no stock data covers its SKU, so its sales are not limited by stock. */
  unlimited: Uint8Array;
  /** Units on hand at day 0, locations × skus. */
  initial: Float64Array;
  /** Inbound arrivals: day, location, sku, units. */
  arrivalDay: Int32Array;
  arrivalLocation: Int32Array;
  arrivalSku: Int32Array;
  arrivalUnits: Float64Array;
  /** Per arrival: the shipment it belongs to, and whether its carrier can still send it elsewhere. */
  arrivalShipment: string[];
  arrivalCanRedirect: Uint8Array;
  /** Cells that may sell from each location, in priority order (CSR: start has locations + 1 entries). */
  sellerStart: Int32Array;
  sellers: Int32Array;
  /** Cells that may sell a location's stock once it is released from a stranding (its whole market). */
  releasedStart: Int32Array;
  released: Int32Array;
}
