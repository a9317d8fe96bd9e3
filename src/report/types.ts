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
  /** The window's first and last days; null when the workspace has no sales (the report says so). */
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

/** Summary statistics of one result over the simulated paths (base currency). */
export interface RiskStats {
  mean: number;
  stdev: number;
  /** Monte Carlo standard error of the mean. */
  stderr: number;
  p5: number;
  p50: number;
  p95: number;
  var90: number;
  var95: number;
  var99: number;
  cvar90: number;
  cvar95: number;
  cvar99: number;
}

/**
 * One stored simulation run (docs/simulation.md), as the simulate domain summarises it and the compose layer
 * stores it. Runs are read back from JSON, so fields added later are optional here.
 */
export interface SimulationFigures {
  runId: string;
  /** When the run was stored (ISO 8601), when the caller knows it. */
  storedAt?: string;
  scenario: {
    name: string;
    start: string;
    /** Plain-English lines from the scenario check (the scenario domain words them in English). */
    description: readonly string[];
    warnings: readonly string[];
  };
  baseCurrency: string;
  paths: number;
  horizonDays: number;
  seed: number;
  revenue: RiskStats | null;
  profit: RiskStats | null;
  revenueLoss: RiskStats | null;
  profitLoss: RiskStats | null;
  /** What the tail figures refer to: profit loss when costs are known, else revenue loss. */
  lossBasis: 'profit' | 'revenue';
  probabilityLossAbove: { threshold: number; probability: number | null };
  /** null: unknown (no opening cash in the scenario, or costs unknown). */
  probabilityCashBelowZero: number | null;
  lostUnits: ReadonlyArray<{ channel: string; mean: number }>;
  divertedUnits: ReadonlyArray<{ channel: string; mean: number }>;
  /** null: no inventory imported (unknown, not zero). */
  strandedUnits: { mean: number; p95: number } | null;
  /** Daily revenue with the events across paths, and the expected revenue without them; index 0 is the start. */
  fan: {
    p5: readonly number[];
    p25: readonly number[];
    p50: readonly number[];
    p75: readonly number[];
    p95: readonly number[];
    expectedWithoutEvents: readonly number[];
  };
  /** Ranked by swing; `parameter` is `EVENT.SETTING`, `low`/`high` the settings in words (×0.5, ×1.5 (max 1)). */
  tornado: ReadonlyArray<{
    parameter: string;
    low: string;
    high: string;
    lossLow: number;
    lossHigh: number;
    swing: number;
  }>;
  tailShare: ReadonlyArray<{ event: string; share: number }>;
  eventFrequency: ReadonlyArray<{ event: string; probability: number }>;
  /** Paths per range of the loss basis; absent in runs stored before it was kept. */
  lossHistogram?: { edges: readonly number[]; counts: readonly number[] };
  /** Caveats from the run, in English (the report recognises the known ones). */
  notes: readonly string[];
}

/** Expected profit and CVaR of loss over paths, with standard errors (base currency). */
export interface PlanMeasure {
  expectedProfit: number;
  expectedProfitStderr: number;
  cvar: number;
  cvarStderr: number;
}

/** One decision of a plan, with what it buys: mean profit added, and loss cut in the do-nothing tail. */
export type PlanActionFigures = {
  cost: number;
  expectedGain: number;
  tailGain: number;
  tailShare: number;
} & (
  | { kind: 'transfer'; sku: string; from: string; to: string; units: number; arrives: string }
  | {
      kind: 'redirect';
      sku: string;
      shipment: string;
      from: string;
      to: string;
      units: number;
      arrives: string;
    }
  | { kind: 'open'; channel: string; market: string; sellingFrom: string; fullDemandBy: string }
  | { kind: 'budget'; channel: string; spend: number; uplift: number }
  | { kind: 'cancel'; commitment: string }
);

/** A plan scored beside the optimiser's: a simple rule or a file of the user's. */
export interface PlanComparedFigures {
  name: string;
  source: 'rule' | 'file';
  rule?:
    | { kind: 'move'; share: number; from: string; to: string }
    | { kind: 'redirect-all' }
    | { kind: 'open'; channel: string; market: string }
    | { kind: 'budget'; channel: string; spend: number }
    | { kind: 'cancel'; commitment: string };
  expectedProfit: number;
  cvar: number;
  objective: number;
  objectiveStderr: number;
  probBeatsDoNothing: number;
  versusPlan: { mean: number; stderr: number };
}

/** One stored plan (docs/formulation.md), as the plan domain returns it and the compose layer stores it. */
export interface PlanFigures {
  runId: string;
  storedAt?: string;
  scenario: { name: string; start: string };
  baseCurrency: string;
  alpha: number;
  risk: { kind: 'lambda'; lambda: number } | { kind: 'limit'; limit: number };
  actions: readonly PlanActionFigures[];
  objective: number;
  inSample: PlanMeasure & { paths: number; doNothing: PlanMeasure };
  outOfSample: PlanMeasure & {
    paths: number;
    seed: number;
    objective: number;
    /** Absent in runs stored before it was kept. */
    objectiveStderr?: number;
    doNothing: PlanMeasure;
    probBeatsDoNothing: number;
    probBeatsDoNothingStderr: number;
    gain: { mean: number; stderr: number };
  };
  optimism: number;
  gainOptimism: number;
  /** Simple rules and the user's plans on the same fresh paths; absent in runs stored before them. */
  compared?: ReadonlyArray<PlanComparedFigures>;
  stability?: {
    resamples: number;
    rows: ReadonlyArray<{
      action: string;
      inPlan: boolean;
      chosen: number;
      quantity: { min: number; median: number; max: number };
      coinToss: boolean;
    }>;
  };
  frontier: ReadonlyArray<{
    lambda: number;
    expectedProfit: number;
    cvar: number;
    actions: number;
    outOfSample?: { expectedProfit: number; cvar: number };
  }>;
  assumed: {
    transfer?: { costPerUnit: number; leadDays: number };
    redirect?: { costPerUnit: number; extraDays: number };
  };
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
  /**
   * The newest stored simulation run for the risk section; null when the workspace has none (the
   * section says how to make one); left out, the report has no risk section.
   */
  simulation?: SimulationFigures | null;
  /** The newest stored plan; null when there is none (the section says how to make one); left out, no plan section. */
  plan?: PlanFigures | null;
  /** The forecast backtest on the seller's last weeks; null when the history is too short; left out, no section. */
  backtest?: BacktestFigures | null;
}

/**
 * What the report's sections read: a workspace with sales, so its window has dates. A workspace with
 * none gets the cover and the no-data sentence, and no section runs.
 */
export interface DatedReportData extends ReportData {
  exposure: ExposureFigures & { from: string; to: string };
}

/** `ballast forecast --backtest` on the workspace: accuracy and interval coverage per method. */
export interface BacktestFigures {
  /** Last day of history (YYYY-MM-DD); the held-out days end here. */
  through: string;
  holdoutDays: number;
  cells: number;
  rows: Array<{
    method: string;
    mase: number;
    rmsse: number;
    bias: number;
    coverage80: number;
    coverage95: number;
  }>;
}
