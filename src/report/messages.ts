/**
 * The shape of a language catalogue. Parameters arrive already formatted (amounts, percentages,
 * dates, names), so a catalogue only orders words; it never formats a number itself.
 */

/** Channels Ballast reads natively; their brand names are translated where sellers use a local name. */
export const KNOWN_CHANNELS = [
  'amazon',
  'tiktok-shop',
  'shopify',
  'temu',
  'shein',
  'ebay',
  'etsy',
  'walmart',
  'woocommerce',
  'mercadolibre',
] as const;
export type KnownChannel = (typeof KNOWN_CHANNELS)[number];

export const LOCATION_KINDS = ['fba', 'fbt', 'wfs', '3pl', 'own', 'supplier', 'unknown'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

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

  // Brand names
  channelNames: Record<KnownChannel, string>;
}
