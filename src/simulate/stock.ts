import type { SimStock } from './model.js';

/** Location states while a path runs: open, frozen by a stranding event, or released from it. */
export const OPEN = 0;
export const FROZEN = 1;
export const RELEASED = 2;

/** One world's stock during a path (the no-event world and the event world each have one). */
export interface StockState {
  units: Float64Array; // locations × skus
  state: Uint8Array; // per location
  remaining: Float64Array; // per cell: demand not yet served today
  claims: Float64Array; // per sku: scratch
  nextArrival: number;
}

export function newStockState(stock: SimStock, cells: number, skus: number): StockState {
  return {
    units: new Float64Array(stock.initial.length),
    state: new Uint8Array(stock.locations.length),
    remaining: new Float64Array(cells),
    claims: new Float64Array(skus),
    nextArrival: 0,
  };
}

export function resetStock(stock: SimStock, s: StockState): void {
  s.units.set(stock.initial);
  s.state.fill(OPEN);
  s.nextArrival = 0;
}

/** Adds the inbound shipments due on day d (arrivals are sorted by day). */
export function receive(stock: SimStock, s: StockState, d: number, skus: number): void {
  while (s.nextArrival < stock.arrivalDay.length && stock.arrivalDay[s.nextArrival]! <= d) {
    const a = s.nextArrival++;
    s.units[stock.arrivalLocation[a]! * skus + stock.arrivalSku[a]!]! += stock.arrivalUnits[a]!;
  }
}

/**
 * Serves the day's demand from stock (SPEC §5): locations in priority order; cells competing for
 * the same SKU at a location share it in proportion to their demand; what no location can serve is
 * lost. A frozen location serves nobody; a released one serves its whole market.
 */
export function serve(
  stock: SimStock,
  s: StockState,
  cellSku: Int32Array,
  demand: Float64Array,
  sold: Float64Array,
  skus: number,
): void {
  const cells = demand.length;
  for (let c = 0; c < cells; c++) {
    const unlimited = stock.unlimited[c] === 1;
    s.remaining[c] = unlimited ? 0 : demand[c]!;
    sold[c] = unlimited ? demand[c]! : 0;
  }
  const locations = stock.locations.length;
  for (let l = 0; l < locations; l++) {
    const state = s.state[l]!;
    if (state === FROZEN) continue;
    const start = state === RELEASED ? stock.releasedStart : stock.sellerStart;
    const list = state === RELEASED ? stock.released : stock.sellers;
    const from = start[l]!;
    const to = start[l + 1]!;
    // Claims are all zero here (reset after every location), so one pass sums them; most days every
    // seller of a location has been served already, and the location is skipped after that pass.
    let waiting = 0;
    for (let i = from; i < to; i++) {
      const c = list[i]!;
      const r = s.remaining[c]!;
      if (r > 0) {
        s.claims[cellSku[c]!]! += r;
        waiting++;
      }
    }
    if (waiting === 0) continue;
    for (let i = from; i < to; i++) {
      const c = list[i]!;
      const sku = cellSku[c]!;
      const claim = s.claims[sku]!;
      if (claim <= 0 || s.remaining[c]! <= 0) continue;
      const at = l * skus + sku;
      const ratio = Math.min(1, s.units[at]! / claim);
      const served = s.remaining[c]! * ratio;
      sold[c]! += served;
      s.remaining[c]! -= served;
    }
    // Take what was served from the location, per SKU, after all its cells had their share.
    for (let i = from; i < to; i++) {
      const sku = cellSku[list[i]!]!;
      const claim = s.claims[sku]!;
      if (claim <= 0) continue;
      const at = l * skus + sku;
      s.units[at] = Math.max(0, s.units[at]! - Math.min(claim, s.units[at]!));
      s.claims[sku] = 0;
    }
  }
}

/** Units at a location across all SKUs. */
export function unitsAt(s: StockState, location: number, skus: number): number {
  let total = 0;
  for (let k = 0; k < skus; k++) total += s.units[location * skus + k]!;
  return total;
}
