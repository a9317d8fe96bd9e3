/**
 * The shape of a language catalogue. Parameters arrive already formatted (amounts, percentages,
 * dates, names), so a catalogue only orders words; it never formats a number itself.
 */
import type { Channel, LocationKind as StockLocationKind } from '../ingest/index.js';
import type { TornadoParameter } from '../simulate/index.js';

// The vocabularies below are the domains' own lists, imported as types only (the report runs in the
// browser too). Each catalogue is a Record over them, so a channel, location kind or tornado setting a
// domain adds fails `tsc` until every language names it.

/** Channels Ballast reads natively (ingest's CHANNELS); brand names translated where sellers use a local name. */
export type KnownChannel = Channel;

/** Kinds of stock location (ingest's LOCATION_KINDS), and `unknown` for stock at a location not in the locations file. */
export type LocationKind = StockLocationKind | 'unknown';

/** The scenario settings the simulator's sensitivity (tornado) analysis moves (simulate's TORNADO_PARAMETERS). */
export type TornadoSetting = TornadoParameter;

type Text = string;
type Fn<P> = (p: P) => string;

export interface Messages {
  // Document
  title: Text;
  subtitle: Fn<{ from: string; to: string; currency: string }>;
  generated: Fn<{ date: string }>;
  contents: Text;
  noData: Text;
  fxApproximate: Text;
  netRevenueDefinition: Fn<{ currency: string }>;
  points: (value: string) => string;

  // Words used in many places
  unknown: Text;
  none: Text;
  yes: Text;
  never: Text;
  other: Text;
  noPrior: Text;
  valueUnknown: Text;

  // Table headings
  colChannel: Text;
  colMarket: Text;
  colMonth: Text;
  colRevenue: Text;
  colShare: Text;
  colUnits: Text;
  colGrossProfit: Text;
  colGrowth: Text;
  colPriorRevenue: Text;
  colTotal: Text;
  colSku: Text;
  colSkuCount: Text;
  colShareOnChannel: Text;
  colRevenueAtStake: Text;
  colSkuRevenue: Text;
  colSoldElsewhere: Text;
  colLocation: Text;
  colKind: Text;
  colSellableBy: Text;
  colValue: Text;
  colInboundUnits: Text;
  colInboundValue: Text;
  colRemaining: Text;
  colCancellable: Text;
  colCancelFees: Text;
  colCommitments: Text;
  colDriver: Text;
  colHalo: Text;
  colLow: Text;
  colHigh: Text;
  colDays: Text;
  colReason: Text;
  colIndex: Text;
  colEffective: Text;
  colBand: Text;
  numbersBehind: Text;

  // Summary
  summaryTitle: Text;
  kpiRevenue: Text;
  kpiRevenueNote: Fn<{ growth: string; days: string }>;
  kpiRevenueNoPrior: Text;
  kpiTopChannel: Text;
  kpiTopChannelNote: Fn<{ channel: string; share: string }>;
  kpiEffectiveChannels: Text;
  kpiEffectiveChannelsNote: Fn<{ hhi: string; band: string }>;
  kpiEffectiveMarkets: Text;
  kpiAtStake: Text;
  kpiAtStakeNote: Fn<{ count: string; threshold: string }>;
  kpiLockedStock: Text;
  kpiLockedStockNote: Fn<{ units: string }>;
  kpiCommitted: Text;
  kpiCommittedNote: Fn<{ locked: string }>;
  alertsTitle: Text;
  noAlerts: Text;
  alertShareAboveBand: Fn<{ channel: string; share: string; threshold: string }>;
  alertShareRising: Fn<{ channel: string; prior: string; share: string; points: string }>;
  unknownsTitle: Text;
  profitUnknown: Text;
  stockUnknown: Text;
  commitmentsUnknown: Text;
  haloUnknown: Text;

  // Channels and markets
  channelsTitle: Text;
  channelsLead: Text;
  channelShareChart: Fn<{ from: string; to: string }>;
  channelTrendChart: Text;
  marketsTitle: Text;
  marketsLead: Text;
  marketShareChart: Fn<{ from: string; to: string }>;
  marketTrendChart: Text;
  trendPartialMonth: Fn<{ date: string }>;
  trendNone: Text;
  monthlyTable: Text;
  cellsTitle: Text;
  cellsLead: Text;

  // Concentration
  concentrationTitle: Text;
  concentrationLead: Text;
  concentrationBands: Text;
  concentrationChart: Text;
  bandLow: Text;
  bandModerate: Text;
  bandHigh: Text;
  gaugeChannels: Text;
  gaugeMarkets: Text;
  effectiveChannels: Fn<{ n: string }>;
  effectiveMarkets: Fn<{ n: string }>;
  concentrationReading: Fn<{ channels: string; markets: string; channelBand: string; marketBand: string }>;

  // SKU dependency
  dependencyTitle: Text;
  dependencyLead: Fn<{ threshold: string }>;
  dependencyChart: Text;
  dependencyOnlyHere: Text;
  dependencyAlsoElsewhere: Text;
  dependencyNone: Fn<{ threshold: string }>;
  dependencyShowing: Fn<{ shown: string; total: string }>;
  dependencyNever: Fn<{ count: string; total: string }>;

  // Locked stock
  stockTitle: Text;
  stockLead: Text;
  stockChartValue: Text;
  stockChartUnits: Text;
  stockOnly: Fn<{ channel: string }>;
  stockSeveral: Text;
  stockNobody: Text;
  stockInboundNote: Text;
  stockLockedLine: Fn<{ channel: string; units: string; value: string; locations: string }>;
  kindNames: Record<LocationKind, string>;

  // Commitments
  commitmentsTitle: Text;
  commitmentsLead: Fn<{ date: string }>;
  commitmentsChart: Text;
  commitmentsLocked: Text;
  commitmentsCancellable: Text;
  commitmentsReading: Fn<{ remaining: string; locked: string; fees: string }>;

  // Halo
  haloTitle: Text;
  haloLead: Text;
  haloChart: Text;
  haloPair: Fn<{ driver: string; channel: string }>;
  haloUncharted: Fn<{ count: string }>;
  haloClearTitle: Text;
  haloClearPositive: Fn<{ driver: string; channel: string; share: string; low: string; high: string }>;
  haloClearNegative: Fn<{ driver: string; channel: string; share: string; low: string; high: string }>;
  haloNoClear: Text;
  haloNotIdentifiedTitle: Text;
  haloNone: Text;
  haloReasonHistory: Fn<{ days: string; min: string }>;
  haloReasonNoSales: Text;
  haloReasonFlat: Fn<{ driver: string }>;
  haloReasonCollinear: Fn<{ driver: string }>;
  haloReasonUnstable: Text;
  haloReasonFewDays: Fn<{ min: string }>;
  haloReasonNoLead: Fn<{ driver: string; channel: string }>;

  // Simulated risk (docs/simulation.md)
  riskTitle: Text;
  riskLead: Fn<{ paths: string; days: string; basis: string }>;
  riskNoRun: Text;
  riskBasisProfit: Text;
  riskBasisRevenue: Text;
  riskScenarioTitle: Text;
  riskScenarioName: Text;
  riskScenarioPeriod: Text;
  riskScenarioPeriodValue: Fn<{ from: string; to: string; days: string }>;
  riskScenarioRun: Text;
  riskScenarioRunValue: Fn<{ paths: string; seed: string; run: string }>;
  riskScenarioStored: Fn<{ date: string }>;
  riskDescriptionIntro: Text;
  riskReading: Fn<{ basis: string; mean: string; days: string; cvar95: string }>;
  riskKpiExpected: Text;
  riskKpiExpectedNote: Fn<{ stderr: string }>;
  riskKpiVar95: Text;
  riskKpiVar95Note: Text;
  riskKpiCvar95: Text;
  riskKpiCvar95Note: Fn<{ paths: string }>;
  riskKpiCvar99: Text;
  riskKpiCvar99Note: Fn<{ paths: string }>;
  riskKpiAbove: Fn<{ threshold: string }>;
  riskKpiAnyLoss: Text;
  riskKpiShareOfPaths: Text;
  riskKpiCash: Text;
  riskKpiCashNote: Text;
  riskKpiStranded: Text;
  riskKpiStrandedNote: Fn<{ p95: string }>;
  riskKpiStrandedUnknown: Text;
  riskUnits: Fn<{ units: string }>;
  riskHistogramChart: Fn<{ basis: string; paths: string }>;
  riskHistogramNote: Text;
  riskHistogramPaths: Text;
  riskHistogramTail: Text;
  riskHistogramMissing: Text;
  riskHistogramEmptyLeftOut: Text;
  riskMarkerMean: Fn<{ value: string }>;
  riskMarkerVar95: Fn<{ value: string }>;
  riskMarkerCvar95: Fn<{ value: string }>;
  riskStatsTitle: Text;
  riskStatsLead: Text;
  riskStatMean: Text;
  riskStatStdev: Text;
  riskStatStderr: Text;
  riskStatP5: Text;
  riskStatP50: Text;
  riskStatP95: Text;
  riskStatVar: Fn<{ level: string }>;
  riskStatCvar: Fn<{ level: string }>;
  riskFanChart: Fn<{ from: string; to: string }>;
  riskFanBand90: Text;
  riskFanBand50: Text;
  riskFanMedian: Text;
  riskFanExpected: Text;
  riskFanNote: Text;
  riskFanWeekly: Text;
  riskTornadoChart: Fn<{ basis: string }>;
  riskTornadoNote: Text;
  riskTornadoLow: Text;
  riskTornadoHigh: Text;
  riskTornadoBase: Fn<{ value: string }>;
  riskTornadoLabel: Fn<{ event: string; setting: string }>;
  riskTornadoNone: Text;
  riskTornadoShowing: Fn<{ shown: string; total: string }>;
  riskFactor: Fn<{ factor: string }>;
  riskFactorCapped: Fn<{ factor: string }>;
  riskFactorTotalCapped: Fn<{ factor: string }>;
  tornadoSettings: Record<TornadoSetting, string>;
  riskEventsTitle: Text;
  riskEventsLead: Text;
  riskNoEvents: Text;
  riskUnitsTitle: Text;
  riskUnitsLead: Text;
  riskUnitsNone: Text;
  riskUnknownsTitle: Text;
  riskProfitUnknown: Text;
  riskSomeCostsUnknown: Text;
  riskStockUnknown: Text;
  riskCashUnknown: Text;
  colLossFrom: Text;
  colLossTo: Text;
  colPaths: Text;
  colShareOfPaths: Text;
  colMeasure: Text;
  colRevenueLoss: Text;
  colProfitLoss: Text;
  colRevenueWithEvents: Text;
  colProfitWithEvents: Text;
  colDate: Text;
  colP5: Text;
  colP25: Text;
  colMedian: Text;
  colP75: Text;
  colP95: Text;
  colWithoutEvents: Text;
  colEvent: Text;
  colSetting: Text;
  colLowSetting: Text;
  colHighSetting: Text;
  colLossAtLow: Text;
  colLossAtHigh: Text;
  colSwing: Text;
  colHappened: Text;
  colTailShare: Text;
  colUnitsLost: Text;
  colUnitsDiverted: Text;

  // Plan (docs/formulation.md)
  planTitle: Text;
  planNoRun: Text;
  planObjectiveLambda: Fn<{ lambda: string; level: string; tail: string }>;
  planObjectiveLimit: Fn<{ limit: string; level: string; tail: string }>;
  planPlusMinus: Fn<{ value: string; stderr: string }>;
  planLead: Fn<{ name: string; date: string; objective: string; paths: string; fresh: string }>;
  planKpiProfit: Text;
  planKpiVersus: Fn<{ value: string }>;
  planKpiCvar: Fn<{ level: string }>;
  planKpiBeats: Text;
  planKpiBeatsNote: Fn<{ gain: string }>;
  planKpiOptimism: Text;
  planKpiOptimismNote: Text;
  planActionsTitle: Text;
  planNoActions: Text;
  planColAction: Text;
  planColCost: Text;
  planColGain: Text;
  planColTail: Fn<{ tail: string }>;
  planActionTransfer: Fn<{ units: string; sku: string; from: string; to: string; date: string }>;
  planActionRedirect: Fn<{
    units: string;
    sku: string;
    shipment: string;
    from: string;
    to: string;
    date: string;
  }>;
  planActionOpen: Fn<{ channel: string; market: string; from: string; full: string }>;
  planActionBudget: Fn<{ spend: string; channel: string; uplift: string }>;
  planActionCancel: Fn<{ commitment: string }>;
  planMeasuredTitle: Text;
  planMeasuredLead: Fn<{ paths: string; seed: string }>;
  planColProfit: Text;
  planColCvar: Fn<{ level: string }>;
  planDoNothing: Text;
  planChosen: Text;
  planInSample: Text;
  planFrontierChart: Text;
  planFrontierNote: Text;
  planFrontierX: Fn<{ level: string }>;
  planFrontierInSample: Text;
  planFrontierFresh: Text;
  planColActions: Text;
  planColFreshProfit: Text;
  planColFreshCvar: Fn<{ level: string }>;
  planAssumedTransfer: Fn<{ cost: string; days: string }>;
  planAssumedRedirect: Fn<{ cost: string; days: string }>;
  planCompareTitle: Text;
  planCompareLead: Fn<{ paths: string; level: string; lambda: string }>;
  planCompareColPlan: Text;
  planCompareColObjective: Text;
  planCompareColBeats: Text;
  planCompareColVersus: Text;
  planCompareOptimiser: Text;
  planCompareBetter: Text;
  planCompareFile: Fn<{ name: string }>;
  planRuleMoveAll: Fn<{ from: string; to: string }>;
  planRuleMoveHalf: Fn<{ from: string; to: string }>;
  planRuleRedirectAll: Text;
  planRuleOpen: Fn<{ channel: string; market: string }>;
  planRuleBudget: Fn<{ channel: string; spend: string }>;
  planRuleCancel: Fn<{ commitment: string }>;
  planStabilityTitle: Text;
  planStabilityLead: Fn<{ resamples: string }>;
  planStabilityColChosen: Text;
  planStabilityColQuantity: Text;
  planStabilityInPlan: Text;
  planStabilityCoinToss: Text;
  planStabilityNoToss: Text;
  planStabilityTosses: Fn<{ actions: string }>;

  // Brand names
  channelNames: Record<KnownChannel, string>;
}
