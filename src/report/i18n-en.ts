import type { Messages } from './messages.js';

export const en: Messages = {
  title: 'Channel exposure report',
  subtitle: ({ from, to, currency }) => `Net revenue from ${from} to ${to}, in ${currency}`,
  generated: ({ date }) => `Prepared with Ballast on ${date}`,
  contents: 'Contents',
  noData:
    'There are no orders in this workspace yet. Import your channel exports with `ballast import FILE…`, then run `ballast report` again.',
  fxApproximate:
    'Some amounts were converted at approximate reference exchange rates. Import an FX file (date,currency,rate) for exact figures.',
  netRevenueDefinition: ({ currency }) =>
    `All amounts are net revenue in ${currency}: gross sales less discounts and refunds; cancelled orders count as zero. Growth compares with the window of the same length just before.`,
  points: (value) => `${value} pts`,

  unknown: 'unknown',
  none: 'none',
  yes: 'yes',
  never: 'never',
  other: 'Other',
  noPrior: 'no prior sales',
  valueUnknown: 'unknown (no cost)',

  colChannel: 'Channel',
  colMarket: 'Market',
  colMonth: 'Month',
  colRevenue: 'Net revenue',
  colShare: 'Share',
  colUnits: 'Units',
  colGrossProfit: 'Gross profit',
  colGrowth: 'Growth',
  colPriorRevenue: 'Prior window',
  colTotal: 'Total',
  colSku: 'SKU',
  colSkuCount: 'SKUs',
  colShareOnChannel: 'Share on channel',
  colRevenueAtStake: 'Revenue at stake',
  colSkuRevenue: 'SKU revenue',
  colSoldElsewhere: 'Sold elsewhere',
  colLocation: 'Location',
  colKind: 'Type',
  colSellableBy: 'Can be sold by',
  colValue: 'Value at cost',
  colInboundUnits: 'Inbound units',
  colInboundValue: 'Inbound value',
  colRemaining: 'Still to pay',
  colCancellable: 'Can be cancelled',
  colCancelFees: 'Cancellation fees',
  colCommitments: 'Contracts',
  colDriver: 'Driving channel',
  colHalo: 'Halo',
  colLow: 'Low (95 %)',
  colHigh: 'High (95 %)',
  colDays: 'Days of history',
  colReason: 'Why not',
  colIndex: 'HHI',
  colEffective: 'Effective number',
  colBand: 'Band',
  numbersBehind: 'The numbers behind the chart',

  summaryTitle: 'At a glance',
  kpiRevenue: 'Net revenue',
  kpiRevenueNote: ({ growth, days }) => `${growth} on the previous ${days} days`,
  kpiRevenueNoPrior: 'no earlier window to compare with',
  kpiTopChannel: 'Largest channel',
  kpiTopChannelNote: ({ channel, share }) => `${channel} brings ${share} of revenue`,
  kpiEffectiveChannels: 'Effective number of channels',
  kpiEffectiveChannelsNote: ({ hhi, band }) => `HHI ${hhi} · ${band}`,
  kpiEffectiveMarkets: 'Effective number of markets',
  kpiAtStake: 'Revenue on single-channel SKUs',
  kpiAtStakeNote: ({ count, threshold }) => `${count} SKUs with ${threshold} or more on one channel`,
  kpiLockedStock: 'Stock only one channel can sell',
  kpiLockedStockNote: ({ units }) => `${units} units`,
  kpiCommitted: 'Committed spend still to pay',
  kpiCommittedNote: ({ locked }) => `${locked} cannot be cancelled`,
  alertsTitle: 'Alerts',
  noAlerts: 'No alerts: no channel is above the share band or rising fast.',
  alertShareAboveBand: ({ channel, share, threshold }) =>
    `${channel} brings ${share} of net revenue, above the ${threshold} band. A ban or suspension there would take that much at once.`,
  alertShareRising: ({ channel, prior, share, points }) =>
    `${channel} rose from ${prior} to ${share} of net revenue (${points}) against the previous window: exposure is growing.`,
  unknownsTitle: 'What this report cannot tell yet',
  profitUnknown:
    'Gross profit is unknown wherever a product cost is missing (an unknown cost is not a zero cost), so those rows show revenue only. Import a costs file (sku,unit_cost,currency) that covers every SKU to see it.',
  stockUnknown:
    'Stock is unknown, not zero: no locations or inventory were imported. Import locations and inventory files to see stock that only one channel can sell.',
  commitmentsUnknown:
    'Committed spend is unknown, not zero: no commitments were imported (creator retainers, ad budgets, warehouse contracts).',
  haloUnknown:
    'The halo of one channel on another could not be estimated from this history (see the halo section).',

  channelsTitle: 'Channels',
  channelsLead:
    'How net revenue splits across sales channels. The larger one channel’s share, the more a ban, an account suspension or a fee change on it would hurt.',
  channelShareChart: ({ from, to }) => `Share of net revenue by channel, ${from} – ${to}`,
  channelTrendChart: 'Share of net revenue by channel, month by month',
  marketsTitle: 'Markets',
  marketsLead:
    'How net revenue splits across the buyers’ countries. A tariff change or a national ban hits one market at a time.',
  marketShareChart: ({ from, to }) => `Share of net revenue by market, ${from} – ${to}`,
  marketTrendChart: 'Share of net revenue by market, month by month',
  trendPartialMonth: ({ date }) => `The last month counts orders up to ${date}.`,
  trendNone: 'Not enough history for a monthly trend.',
  monthlyTable: 'Net revenue by month',
  cellsTitle: 'Channel × market',
  cellsLead: 'Each channel in each market: the unit that a ban actually switches off.',

  concentrationTitle: 'Concentration',
  concentrationLead:
    'The Herfindahl–Hirschman index (HHI) adds up the squared shares: 1 means everything on one channel, and lower means more spread. Its inverse, the effective number, reads as “as concentrated as this many equal channels”.',
  concentrationBands:
    'Bands: below 0.15 unconcentrated, 0.15 to 0.25 moderately concentrated, above 0.25 highly concentrated. They are the US Department of Justice’s thresholds for markets (2010 Horizontal Merger Guidelines), used here as a rule of thumb for one seller’s sales.',
  concentrationChart: 'Herfindahl–Hirschman index of channels and of markets',
  bandLow: 'unconcentrated',
  bandModerate: 'moderately concentrated',
  bandHigh: 'highly concentrated',
  gaugeChannels: 'Channels',
  gaugeMarkets: 'Markets',
  effectiveChannels: ({ n }) => `as spread as ${n} equal channels`,
  effectiveMarkets: ({ n }) => `as spread as ${n} equal markets`,
  concentrationReading: ({ channels, markets, channelBand, marketBand }) =>
    `Sales are as spread as ${channels} equal channels (${channelBand}) and ${markets} equal markets (${marketBand}).`,

  dependencyTitle: 'SKUs that live on one channel',
  dependencyLead: ({ threshold }) =>
    `Products with ${threshold} or more of their net revenue on a single channel. If that channel went dark, this revenue is at stake unless buyers follow the product elsewhere; SKUs never sold anywhere else are the most exposed.`,
  dependencyChart: 'Revenue at stake on single-channel SKUs, by channel',
  dependencyOnlyHere: 'Never sold on another channel',
  dependencyAlsoElsewhere: 'Also sold elsewhere at some point',
  dependencyNone: ({ threshold }) => `No SKU has ${threshold} or more of its revenue on one channel.`,
  dependencyShowing: ({ shown, total }) => `The ${shown} largest of ${total} SKUs.`,
  dependencyNever: ({ count, total }) =>
    `${count} of these ${total} SKUs have never sold on any other channel.`,

  stockTitle: 'Stock and who can sell it',
  stockLead:
    'Stock by location, coloured by the channels allowed to sell from it. Stock that only one channel can sell (an FBA or FBT warehouse, for example) is stranded if that channel goes dark, and getting it out takes time and money.',
  stockChartValue: 'Stock by location, value at cost (lighter: inbound, still on its way)',
  stockChartUnits: 'Stock by location, units (lighter: inbound, still on its way)',
  stockOnly: ({ channel }) => `Only ${channel} can sell`,
  stockSeveral: 'Several channels can sell',
  stockNobody: 'No channel listed',
  stockInboundNote:
    'Values use each SKU’s unit cost; a location holding a SKU without a cost has no value shown.',
  stockLockedLine: ({ channel, units, value, locations }) =>
    `Only ${channel} can sell ${units} units (${value}) held at ${locations}.`,
  kindNames: {
    fba: 'Amazon FBA',
    fbt: 'TikTok FBT',
    wfs: 'Walmart WFS',
    '3pl': '3PL warehouse',
    own: 'Own warehouse',
    supplier: 'Supplier',
    unknown: 'Not described',
  },

  commitmentsTitle: 'Committed spend',
  commitmentsLead: ({ date }) =>
    `Money still to be paid after ${date} on each channel (creator retainers, ad budgets, warehouse contracts) and how much of it could be cancelled. Spend that cannot be cancelled keeps running even if the channel goes dark.`,
  commitmentsChart: 'Committed spend still to pay, by channel',
  commitmentsLocked: 'Cannot be cancelled',
  commitmentsCancellable: 'Can be cancelled',
  commitmentsReading: ({ remaining, locked, fees }) =>
    `${remaining} is still to pay, of which ${locked} cannot be cancelled. Cancelling the rest would cost ${fees} in fees.`,

  haloTitle: 'Halo between channels',
  haloLead:
    'How much of one channel’s unit sales rise and fall with another channel’s, after trend and weekday effects, e.g. a creator video on TikTok that also sells on Amazon. Losing the driving channel would take this share of the other with it. The dot is the estimate; the whiskers are its 95 % interval. An interval that crosses zero means no clear effect.',
  haloChart: 'Share of a channel’s units that move with the driving channel',
  haloPair: ({ driver, channel }) => `${driver} → ${channel}`,
  haloUncharted: ({ count }) =>
    `${count} pairs with a 95 % interval wider than 100 percentage points are too uncertain to draw; they are listed in the table.`,
  haloClearTitle: 'Clear effects (the 95 % interval does not cross zero)',
  haloClearPositive: ({ driver, channel, share, low, high }) =>
    `${share} of ${channel}’s units move with ${driver}’s sales (95 % interval ${low} to ${high}). Losing ${driver} would likely cost ${channel} about this share too.`,
  haloClearNegative: ({ driver, channel, share, low, high }) =>
    `${channel} sells less when ${driver} sells more (${share}, 95 % interval ${low} to ${high}): buyers seem to shift between them, so some of ${driver}’s sales could move to ${channel}.`,
  haloNoClear: 'No pair of channels shows a clear halo: every interval crosses zero.',
  haloNotIdentifiedTitle: 'Not identified (no number is better than a wrong one):',
  haloNone: 'No two channels sell in the same market, so there is no halo to estimate.',
  haloReasonHistory: ({ days, min }) => `only ${days} days of history; at least ${min} are needed`,
  haloReasonNoSales: 'one of the two channels had no sales in the period',
  haloReasonFlat: ({ driver }) =>
    `${driver} sales barely vary, so their effect cannot be told apart from the trend`,
  haloReasonCollinear: ({ driver }) =>
    `${driver} sales move too closely with the trend and weekday pattern to separate their effect`,
  haloReasonUnstable: 'the estimate is unstable',

  channelNames: {
    amazon: 'Amazon',
    'tiktok-shop': 'TikTok Shop',
    shopify: 'Shopify',
    temu: 'Temu',
    shein: 'SHEIN',
    ebay: 'eBay',
    etsy: 'Etsy',
    walmart: 'Walmart',
    woocommerce: 'WooCommerce',
    mercadolibre: 'Mercado Libre',
  },
};
