import type { SimStock } from './model.js';

/** Location states while a path runs: open, frozen by a stranding event, or released from it. */
export const OPEN = 0;
export const FROZEN = 1;
export const RELEASED = 2;

/** One world's stock during a path (the no-event world and each event world have one). */
export interface StockState {
  units: Float64Array; // locations × skus
  state: Uint8Array; // per location
  remaining: Float64Array; // per cell: demand not yet served today
  nextArrival: number;
}

/**
 * A location's selling cells grouped by SKU (cells sharing a SKU compete for its units there), in the
 * order of the location's list: location l's groups are [groupStart[l], groupStart[l + 1]); group k
 * sells SKU groupSku[k] to the cells cells[cellStart[k]] … cells[cellStart[k + 1] − 1].
 */
export interface SkuGroups {
  groupStart: Int32Array;
  groupSku: Int32Array;
  cellStart: Int32Array;
  cells: Int32Array;
  /** Per group: its cell when it has only one (most: one channel's cell of the SKU), else −1. */
  single: Int32Array;
}

/** Who may sell each location's stock: while open, and once released from a stranding. */
export interface ServeLists {
  sellers: SkuGroups;
  released: SkuGroups;
  /** Whether some cell's sales are not limited by stock (`SimStock.unlimited`). */
  anyUnlimited: boolean;
}

export function serveLists(stock: SimStock, cellSku: Int32Array): ServeLists {
  return {
    sellers: skuGroups(stock.sellerStart, stock.sellers, cellSku),
    released: skuGroups(stock.releasedStart, stock.released, cellSku),
    anyUnlimited: stock.unlimited.includes(1),
  };
}

function skuGroups(start: Int32Array, list: Int32Array, cellSku: Int32Array): SkuGroups {
  const groupStart = new Int32Array(start.length);
  const groupSku: number[] = [];
  const cellStart: number[] = [0];
  const cells: number[] = [];
  for (let l = 0; l + 1 < start.length; l++) {
    const bySku = new Map<number, number[]>();
    for (let i = start[l]; i < start[l + 1]; i++) {
      const c = list[i];
      const same = bySku.get(cellSku[c]);
      if (same) same.push(c);
      else bySku.set(cellSku[c], [c]);
    }
    for (const [sku, group] of bySku) {
      groupSku.push(sku);
      cells.push(...group);
      cellStart.push(cells.length);
    }
    groupStart[l + 1] = groupSku.length;
  }
  return {
    groupStart,
    groupSku: Int32Array.from(groupSku),
    cellStart: Int32Array.from(cellStart),
    cells: Int32Array.from(cells),
    single: Int32Array.from(groupSku, (_, k) =>
      cellStart[k + 1] - cellStart[k] === 1 ? cells[cellStart[k]] : -1,
    ),
  };
}

export function newStockState(stock: SimStock, cells: number): StockState {
  return {
    units: new Float64Array(stock.initial.length),
    state: new Uint8Array(stock.locations.length),
    remaining: new Float64Array(cells),
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
  while (s.nextArrival < stock.arrivalDay.length && stock.arrivalDay[s.nextArrival] <= d) {
    const a = s.nextArrival++;
    s.units[stock.arrivalLocation[a] * skus + stock.arrivalSku[a]] += stock.arrivalUnits[a];
  }
}

/**
 * Serves one day's demand from stock (docs/scenarios.md, Demand and stock): locations in priority order; cells competing for
 * the same SKU at a location share it in proportion to their demand; what no location can serve is
 * lost. A frozen location serves nobody; a released one serves its whole market. The day's demand
 * and sales of cell c are `demand[at + c]` and `sold[at + c]`.
 *
 * Demand left unserved is never negative (draws, shares and what is left of them are all ≥ 0), so a
 * cell with none left adds exactly nothing to a claim and is served exactly nothing: the loops below
 * take every cell of a group without testing it, and get the same numbers bit for bit.
 */
export function serve(
  stock: SimStock,
  lists: ServeLists,
  s: StockState,
  demand: Float64Array,
  sold: Float64Array,
  at: number,
  skus: number,
): void {
  const { remaining, units } = s;
  const unlimited = stock.unlimited;
  const cellCount = remaining.length;
  if (lists.anyUnlimited) {
    for (let c = 0; c < cellCount; c++) {
      const q = demand[at + c];
      const free = unlimited[c] === 1;
      remaining[c] = free ? 0 : q;
      sold[at + c] = free ? q : 0;
    }
  } else {
    for (let c = 0; c < cellCount; c++) {
      remaining[c] = demand[at + c];
      sold[at + c] = 0;
    }
  }
  const locations = stock.locations.length;
  for (let l = 0; l < locations; l++) {
    const state = s.state[l];
    if (state === FROZEN) continue;
    const groups = state === RELEASED ? lists.released : lists.sellers;
    const { groupSku, cellStart, cells, single } = groups;
    const last = groups.groupStart[l + 1];
    for (let k = groups.groupStart[l]; k < last; k++) {
      const held = l * skus + groupSku[k];
      const have = units[held];
      // No units here: every share below would be 0 and nothing would change (often, once stock runs out).
      if (have <= 0) continue;
      const one = single[k];
      if (one >= 0) {
        // A group of one cell: its claim is its own demand left (0 + r = r), served as below.
        const r = remaining[one];
        if (have >= r) {
          sold[at + one] += r;
          remaining[one] = 0;
          units[held] = have - r;
        } else {
          const served = r * Math.min(1, have / r);
          sold[at + one] += served;
          remaining[one] = r - served;
          units[held] = 0;
        }
        continue;
      }
      const from = cellStart[k];
      const to = cellStart[k + 1];
      let claim = 0;
      for (let j = from; j < to; j++) claim += remaining[cells[j]];
      if (have >= claim) {
        // Enough for every claim (most days): the share min(1, have / claim) is exactly 1, so each
        // cell is served whole (r · 1 = r, r − r = 0) without the division.
        for (let j = from; j < to; j++) {
          const c = cells[j];
          sold[at + c] += remaining[c];
          remaining[c] = 0;
        }
        units[held] = have - claim;
        continue;
      }
      const ratio = Math.min(1, have / claim);
      for (let j = from; j < to; j++) {
        const c = cells[j];
        const r = remaining[c];
        const served = r * ratio;
        sold[at + c] += served;
        remaining[c] = r - served;
      }
      units[held] = 0;
    }
  }
}

/** Units at a location across all SKUs. */
export function unitsAt(s: StockState, location: number, skus: number): number {
  let total = 0;
  for (let k = 0; k < skus; k++) total += s.units[location * skus + k];
  return total;
}
