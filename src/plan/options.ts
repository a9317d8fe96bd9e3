/**
 * The decisions a plan may take, resolved onto the simulator's indexes, and a plan's choice among
 * them. Quantities are units and amounts base currency; days count from the scenario start.
 */

/** Moving units of one SKU now: stock on hand (`transfer`) or an inbound shipment (`redirect`). */
export type StockOption =
  | (StockMove & { kind: 'transfer' })
  | (StockMove & {
      kind: 'redirect';
      /** The arrival's index in the model's stock, and its shipment id. */
      arrival: number;
      shipment: string;
    });

interface StockMove {
  sku: number;
  from: number;
  to: number;
  /** Day the moved units can be sold at `to`. */
  arrivalDay: number;
  costPerUnit: number;
  /** Most units this option can move. */
  capacity: number;
}

/** Opening a channel × market the seller does not sell on yet. */
export interface OpenOption {
  channel: string;
  market: string;
  setupCost: number;
  /** First selling day and days of ramp-up to full demand. */
  leadDays: number;
  rampDays: number;
  /** Demand relative to `like` (the reference group), and the uncertainty of that ratio (σ of its log). */
  relativeDemand: number;
  sigma: number;
  like: number;
  /** Locations the new channel sells from (none: stock does not limit it). */
  sellsFrom: number[];
}

/** Marketing or creator budget on groups: spend buys extra demand with diminishing returns. */
export interface BudgetOption {
  channel: string;
  groups: number[];
  /** Consecutive spend segments, each with its demand uplift per unit of spend (decreasing). */
  segments: Array<{ width: number; slope: number }>;
}

/** Cancelling a commitment now, for its cancel fee; `drives` is the share of its channel's demand it brings. */
export interface CancelOption {
  commitment: number;
  id: string;
  drives: number;
}

export interface PlanOptions {
  stock: StockOption[];
  /** Lanes with a capacity: the stock options (indexes) that share it, and the most units over all of them. */
  laneCapacity: Array<{ options: number[]; capacity: number }>;
  open: OpenOption[];
  budget: BudgetOption[];
  cancel: CancelOption[];
}

/** A plan: units per stock option, opened groups, spend per budget, cancelled commitments. */
export interface PlanChoice {
  stock: Float64Array;
  open: Uint8Array;
  budget: Float64Array;
  cancel: Uint8Array;
}

export function doNothing(options: PlanOptions): PlanChoice {
  return {
    stock: new Float64Array(options.stock.length),
    open: new Uint8Array(options.open.length),
    budget: new Float64Array(options.budget.length),
    cancel: new Uint8Array(options.cancel.length),
  };
}

/** Demand uplift (share) bought by a spend, along the budget's segments in order. */
export function upliftOf(budget: BudgetOption, spend: number): number {
  let left = spend;
  let uplift = 0;
  for (const s of budget.segments) {
    const used = Math.min(left, s.width);
    uplift += used * s.slope;
    left -= used;
  }
  return uplift;
}
