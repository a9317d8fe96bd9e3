/**
 * The parsed scenario: what `parseScenario` returns and the simulator and planner read. camelCase,
 * defaults applied, every date turned into a day index relative to `start` (day 0). The YAML
 * spelling of each field (snake_case) is documented in docs/scenarios.md.
 */

/** What the engine knows about the workspace; names are checked against it. */
export interface WorkspaceFacts {
  /** Channels the seller sells on (e.g. `tiktok-shop`, `amazon`). */
  channels: string[];
  /** ISO 3166 alpha-2 buyer countries in the order history (e.g. `US`). */
  markets: string[];
  /** Inventory locations (e.g. `FBT-US`). */
  locations: string[];
  /** Last order date (YYYY-MM-DD, or a longer ISO timestamp); null when there are no orders. */
  lastOrderDate: string | null;
}

export interface Scenario {
  name: string;
  /** First simulated day, YYYY-MM-DD; day index 0. Default: the day after the last order. */
  start: string;
  /** Number of simulated days (1–3,650; default 180). */
  horizonDays: number;
  /** Monte Carlo paths (1–1,000,000; default 10,000). */
  paths: number;
  /** Unsigned 32-bit seed (default 1). */
  seed: number;
  /** `negbin`: negative-binomial day-to-day noise; `none`: demand is exactly the baseline. */
  noise: 'negbin' | 'none';
  /**
   * Negative-binomial size k (default 10): variance = μ + μ²/k, so a day with mean 100 has a
   * standard deviation of √(100 + 1,000) ≈ 33. Larger k is calmer; k → ∞ is Poisson.
   */
  dispersion: number;
  /** Optional market-wide demand shocks, drawn per market independently of the events. */
  marketShocks?: MarketShocks;
  events: ScenarioEvent[];
  /** Pairwise correlations between event occurrences (checked to be jointly consistent). */
  correlations: Correlation[];
  cash?: CashSettings;
  /** Loss (base currency) whose exceedance probability the results report. */
  lossThreshold?: number;
  /** Kept raw; the planner defines its shape. */
  decisions?: unknown;
  /** Things that parse but are probably not meant (e.g. an onset after the horizon). */
  warnings: string[];
}

export interface MarketShocks {
  /** Chance that a shock hits a given market at some time in the horizon (onset uniform). */
  probability: number;
  /** Share of that market's demand lost while the shock lasts. */
  severity: number;
  /** How long a shock lasts. */
  days: number;
}

export interface Correlation {
  a: string;
  b: string;
  /** Correlation of the two events' occurrences, in [-1, 1]. */
  rho: number;
}

export interface CashSettings {
  /** Cash at day 0, base currency. */
  opening: number;
  /** Days from a sale to its payout, per channel; channels not listed are paid the same day. */
  payoutDelayDays: Record<string, number>;
}

export interface ScenarioEvent extends EventOutcome {
  id: string;
  label: string;
  /** Library entry this event was built from (`use:`), if any. */
  source?: string;
  target: EventTarget;
  /** Chance that the event happens inside the horizon. */
  probability: number;
  /**
   * Inclusive day indexes between which the onset falls uniformly; a fixed date has from = to.
   * Not clamped: a negative day means the event began before `start` (it is under way on day 0 if
   * it has not ended), a day ≥ horizonDays means it cannot happen in this run (a warning says so).
   */
  onset: { fromDay: number; toDay: number };
  /** Farewell surge: demand × (1 + uplift) on the `days` days before onset. */
  preOnset: { days: number; uplift: number };
  /** Cost changes while active (all default 0). */
  costs: EventCosts;
  /**
   * Mutually exclusive outcomes given that the event happens, each fully resolved (event values
   * with the branch's overrides merged in); weights add up to 1. Empty: the event's own outcome
   * is the only one — `eventOutcomes()` returns that implicit branch.
   */
  branches: EventBranch[];
}

export interface EventTarget {
  channels: string[] | 'all';
  markets: string[] | 'all';
}

/** The part of an event that branches may override. */
export interface EventOutcome {
  duration: Duration;
  /** Share of the target's demand lost while active: 1 = dark, 0.3 = e.g. off the app stores. */
  severity: number;
  /** After the event ends, demand ramps linearly over `days` to `level` × baseline and stays. */
  recovery: { days: number; level: number };
  /** Share of the lost demand that reappears on each channel in the same market. */
  diversion: Diversion[];
  /** Share of each other channel's demand the target drives, lost in proportion while active. */
  halo: Halo[];
  /** Locations frozen while active. */
  stranded: Stranded[];
}

export interface EventBranch extends EventOutcome {
  id: string;
  label: string;
  weight: number;
}

export interface Duration {
  /** Chance that the event lasts past the horizon. */
  permanent: number;
  /** Days, when not permanent; null only when `permanent` is 1. Days may be fractional. */
  days: DurationDays | null;
}

export type DurationDays =
  | { kind: 'fixed'; days: number }
  | { kind: 'uniform'; min: number; max: number }
  /** ln(days) ~ Normal(mu, sigma) with the given median and 90th percentile; see lognormalParams. */
  | { kind: 'lognormal'; median: number; p90: number };

export interface Diversion {
  channel: string;
  share: number;
  /** Days over which the diverted share ramps linearly from 0 to `share`. */
  rampDays: number;
}

export interface Halo {
  channel: string;
  share: number;
}

export interface Stranded {
  location: string;
  /** Days after onset until stock can be moved out (sooner if the event ends first). */
  releaseAfterDays: number;
  /** Cost of getting one unit out (removal fee, freight), base currency. */
  costPerUnit: number;
}

export interface EventCosts {
  /** Extra landed cost as a fraction of unit cost (e.g. 0.3 = duty of 30 % of the goods' value). */
  landedCostPct: number;
  /** Extra platform fee as a fraction of gross price (negative = a fee cut). */
  feePct: number;
  /** Extra fee per unit, base currency. */
  feePerUnit: number;
}
