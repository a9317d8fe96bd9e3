/**
 * What the report reads. The shapes mirror the exposure domain's results without importing them
 * (domains do not import each other); the engine passes the real results and the compiler checks
 * that they fit. The dashboard gets the same shapes from the API.
 */

export interface ShareFigures {
  revenue: number;
  share: number;
  units: number;
  grossProfit: number | null;
  growth: number | null;
  priorRevenue: number;
}

export interface ExposureFigures {
  from: string | null;
  to: string | null;
  baseCurrency: string;
  fxApproximate: boolean;
  totalRevenue: number;
  byChannel: ReadonlyArray<ShareFigures & { channel: string }>;
  byMarket: ReadonlyArray<ShareFigures & { market: string }>;
  byChannelMarket: ReadonlyArray<ShareFigures & { channel: string; market: string }>;
  concentration: { channel: Concentration; market: Concentration };
  skuDependency: ReadonlyArray<{
    sku: string;
    channel: string;
    share: number;
    revenueAtStake: number;
    revenue: number;
    soldElsewhere: boolean;
  }>;
  /** null: no locations or inventory imported (unknown, not zero). */
  lockedStock: ReadonlyArray<StockAtLocation> | null;
  /** null: no commitments imported (unknown, not zero). */
  commitments: ReadonlyArray<{
    channel: string;
    remaining: number;
    cancellable: number;
    cancelFees: number;
    commitments: number;
  }> | null;
  halo: ReadonlyArray<HaloFigures>;
  alerts: ReadonlyArray<AlertFigures>;
}

export interface Concentration {
  hhi: number;
  effectiveNumber: number;
}

export interface StockAtLocation {
  location: string;
  kind: string;
  market: string;
  channels: readonly string[];
  units: number;
  value: number | null;
  onlyChannel: string | null;
  inboundUnits: number;
  inboundValue: number | null;
}

export interface HaloFigures {
  driver: string;
  channel: string;
  share: number | null;
  low: number | null;
  high: number | null;
  identified: boolean;
  reason: string | null;
  days: number;
}

export interface AlertFigures {
  kind: 'share-above-band' | 'share-rising';
  channel: string;
  share: number;
  priorShare: number | null;
  threshold: number;
}

/** Monthly net revenue, columnar: `revenue[i]` belongs to `months[i]` in every series. */
export interface MonthlySeries {
  months: readonly string[];
  to: string | null;
  byChannel: ReadonlyArray<{ channel: string; revenue: readonly number[] }>;
  byMarket: ReadonlyArray<{ market: string; revenue: readonly number[] }>;
}

/**
 * Everything one report shows. Each section reads only its part, so a later section (simulation
 * risk, a plan) arrives as one more optional field here and one more entry in `sections.ts`.
 */
export interface ReportData {
  exposure: ExposureFigures;
  monthly: MonthlySeries;
  /** The share above which a SKU counts as living on one channel (as used for `skuDependency`). */
  skuThreshold: number;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
}
