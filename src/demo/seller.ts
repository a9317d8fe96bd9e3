/**
 * Every parameter of the demo seller (docs/demo.md), in one place. The seller is invented: "Lumora Home",
 * a Shenzhen brand of small home and beauty goods selling to the US on TikTok Shop, Amazon, its own
 * Shopify site and Temu, plus a small Mercado Livre business in Brazil.
 *
 * Tags on the numbers:
 *   [events §n]  echoes a public figure in docs/events.md §n, which names its source;
 *   [public]     a public rate card, calendar date or market rate, not in docs/events.md (approximate);
 *   [invented]   made up to look like a mid-size seller; change freely.
 * docs/demo.md says the same in prose. Everything random is drawn from a seeded generator.
 */
import type {
  ChannelId,
  ChannelPlan,
  CommitmentPlan,
  HaloPlan,
  LocationPlan,
  ShipmentPlan,
  SkuPlan,
  SpikePlan,
} from './model.js';

/** History: two years of orders up to the day the Supreme Court upheld the law [events §1]. */
export const HISTORY = {
  firstDay: '2023-01-18',
  lastDay: '2025-01-17',
  /** Exports downloaded at 4 pm Pacific on the last day, so no order is later than that. */
  lastDayUntilSeconds: 16 * 3600,
  /** Stock counted and shipments listed as of this day. */
  stockDay: '2025-01-17',
} as const;

type W = Record<ChannelId, number>;
const w = (tiktok: number, amazon: number, shopify: number, temu: number, ml: number): W => ({
  'tiktok-shop': tiktok,
  amazon,
  shopify,
  temu,
  mercadolibre: ml,
});

/**
 * The catalogue, 36 SKUs in six families [invented]. Prices USD; factory cost CNY; landed cost =
 * factory cost at ~7.2 CNY/USD × ~1.45 for sea freight, US duty (Section 301 on most of these goods)
 * and inbound handling. Weights: relative demand per channel (0 = not listed there).
 */
// prettier-ignore
export const SKUS: readonly SkuPlan[] = [
  // sku, name, family, variant, kg, list USD, factory CNY, landed US USD, FBA tier, weights tiktok/amazon/shopify/temu/ml
  sku('BLEND-12-SAGE', 'Go portable blender 12 oz, sage', 'blender', '12 oz', 0.62, 29.99, 58, 11.7, 'large', w(6, 5, 3, 0, 3)),
  sku('BLEND-12-BLUSH', 'Go portable blender 12 oz, blush', 'blender', '12 oz', 0.62, 29.99, 58, 11.7, 'large', w(8, 4, 3, 0, 2)),
  sku('BLEND-12-BLACK', 'Go portable blender 12 oz, black', 'blender', '12 oz', 0.62, 29.99, 58, 11.7, 'large', w(4, 6, 2, 0, 2)),
  sku('BLEND-16-SAGE', 'Go portable blender 16 oz, sage', 'blender', '16 oz', 0.74, 34.99, 66, 13.3, 'large', w(3, 4, 2, 0, 1)),
  sku('BLEND-16-BLUSH', 'Go portable blender 16 oz, blush', 'blender', '16 oz', 0.74, 34.99, 66, 13.3, 'large', w(4, 3, 2, 0, 1)),
  sku('BLEND-16-BLACK', 'Go portable blender 16 oz, black', 'blender', '16 oz', 0.74, 34.99, 66, 13.3, 'large', w(2, 5, 2, 0, 1)),
  sku('LAMP-CLASSIC-USB', 'Sunset projection lamp, classic, USB', 'lamp', 'classic', 0.45, 19.99, 28, 5.6, 'small', w(9, 3, 1, 4, 3)),
  sku('LAMP-CLASSIC-RMT', 'Sunset projection lamp, classic, remote', 'lamp', 'classic remote', 0.48, 24.99, 34, 6.8, 'small', w(6, 3, 1, 2, 2)),
  sku('LAMP-RAINBOW-USB', 'Sunset projection lamp, rainbow, USB', 'lamp', 'rainbow', 0.45, 21.99, 30, 6.0, 'small', w(7, 2, 1, 3, 2)),
  sku('LAMP-RAINBOW-RMT', 'Sunset projection lamp, rainbow, remote', 'lamp', 'rainbow remote', 0.48, 26.99, 36, 7.2, 'small', w(4, 2, 1, 1, 1)),
  sku('LAMP-MINI-USB', 'Sunset projection lamp, mini, USB', 'lamp', 'mini', 0.25, 14.99, 18, 3.6, 'small', w(3, 2, 0.5, 8, 2)),
  sku('LAMP-XL-RMT', 'Sunset projection lamp XL, remote', 'lamp', 'XL', 0.9, 39.99, 55, 11.1, 'large', w(0, 0, 3, 0, 0)),
  sku('CURL-STD-PINK', 'Heatless curling rod set, pink satin', 'curler', 'standard', 0.18, 16.99, 12, 2.4, 'small', w(10, 3, 2, 6, 2)),
  sku('CURL-STD-CHAMP', 'Heatless curling rod set, champagne satin', 'curler', 'standard', 0.18, 16.99, 12, 2.4, 'small', w(8, 2, 2, 4, 1)),
  sku('CURL-STD-BLACK', 'Heatless curling rod set, black satin', 'curler', 'standard', 0.18, 16.99, 12, 2.4, 'small', w(5, 2, 1, 4, 1)),
  sku('CURL-LONG-PINK', 'Heatless curling rod, long hair, pink', 'curler', 'long', 0.22, 19.99, 15, 3.0, 'small', w(6, 2, 1, 2, 1)),
  sku('CURL-LONG-CHAMP', 'Heatless curling rod, long hair, champagne', 'curler', 'long', 0.22, 19.99, 15, 3.0, 'small', w(4, 1, 1, 1, 0.5)),
  sku('CURL-KIT-DELUXE', 'Heatless curl kit deluxe (TikTok bundle)', 'curler', 'kit', 0.35, 29.99, 24, 4.8, 'small', w(7, 0, 0, 0, 0)),
  sku('SILK-STD-IVORY', 'Mulberry silk pillowcase, standard, ivory', 'silk', 'standard', 0.15, 25.99, 45, 9.0, 'small', w(3, 5, 5, 0, 1)),
  sku('SILK-STD-TAUPE', 'Mulberry silk pillowcase, standard, taupe', 'silk', 'standard', 0.15, 25.99, 45, 9.0, 'small', w(2, 4, 4, 0, 1)),
  sku('SILK-QUEEN-IVORY', 'Mulberry silk pillowcase, queen, ivory', 'silk', 'queen', 0.17, 29.99, 52, 10.4, 'small', w(3, 5, 5, 0, 0.5)),
  sku('SILK-QUEEN-TAUPE', 'Mulberry silk pillowcase, queen, taupe', 'silk', 'queen', 0.17, 29.99, 52, 10.4, 'small', w(2, 3, 3, 0, 0.5)),
  sku('SILK-KING-IVORY', 'Mulberry silk pillowcase, king, ivory', 'silk', 'king', 0.19, 34.99, 60, 12.0, 'small', w(1, 3, 3, 0, 0.5)),
  sku('SILK-KING-TAUPE', 'Mulberry silk pillowcase, king, taupe', 'silk', 'king', 0.19, 34.99, 60, 12.0, 'small', w(1, 2, 2, 0, 0.5)),
  sku('MOUNT-VENT-BLK', 'Magnetic phone mount, vent, black', 'mount', 'vent', 0.12, 17.99, 16, 3.2, 'small', w(3, 6, 1, 6, 2)),
  sku('MOUNT-VENT-SLV', 'Magnetic phone mount, vent, silver', 'mount', 'vent', 0.12, 17.99, 16, 3.2, 'small', w(2, 4, 1, 4, 1)),
  sku('MOUNT-DASH-BLK', 'Magnetic phone mount, dashboard, black', 'mount', 'dash', 0.16, 21.99, 20, 4.0, 'small', w(2, 5, 1, 3, 1)),
  sku('MOUNT-DASH-SLV', 'Magnetic phone mount, dashboard, silver', 'mount', 'dash', 0.16, 21.99, 20, 4.0, 'small', w(1, 3, 1, 2, 0.5)),
  sku('MOUNT-RING-2PK', 'Magnetic ring, 2-pack', 'mount', 'ring', 0.05, 9.99, 5, 1.0, 'small', w(1, 4, 0.5, 9, 1)),
  sku('MOUNT-TRIPOD-BLK', 'Magnetic tripod mount', 'mount', 'tripod', 0.4, 32.99, 38, 7.7, 'large', w(0, 3, 0, 0, 0)),
  sku('TMBL-20-SAND', 'Insulated tumbler 20 oz, sand', 'tumbler', '20 oz', 0.45, 24.99, 30, 6.0, 'large', w(3, 5, 3, 2, 2)),
  sku('TMBL-20-OCEAN', 'Insulated tumbler 20 oz, ocean', 'tumbler', '20 oz', 0.45, 24.99, 30, 6.0, 'large', w(3, 4, 3, 2, 2)),
  sku('TMBL-30-SAND', 'Insulated tumbler 30 oz, sand', 'tumbler', '30 oz', 0.55, 29.99, 36, 7.3, 'large', w(2, 5, 3, 1, 1)),
  sku('TMBL-30-OCEAN', 'Insulated tumbler 30 oz, ocean', 'tumbler', '30 oz', 0.55, 29.99, 36, 7.3, 'large', w(2, 4, 2, 1, 1)),
  sku('TMBL-40-SAND', 'Insulated tumbler 40 oz, sand', 'tumbler', '40 oz', 0.7, 34.99, 44, 8.9, 'large', w(4, 6, 3, 1, 1)),
  sku('TMBL-40-OCEAN', 'Insulated tumbler 40 oz, ocean', 'tumbler', '40 oz', 0.7, 34.99, 44, 8.9, 'large', w(3, 5, 2, 1, 1)),
];

function sku(
  code: string,
  name: string,
  family: string,
  variant: string,
  weightKg: number,
  listPriceUsd: number,
  factoryCostCny: number,
  landedUsUsd: number,
  sizeTier: 'small' | 'large',
  weights: W,
): SkuPlan {
  return {
    sku: code,
    name,
    family,
    variant,
    weightKg,
    listPriceUsd,
    factoryCostCny,
    landedUsUsd,
    sizeTier,
    weights,
  };
}

/** Shopping-hour weights, local time 0 … 23 [invented]: TikTok buyers scroll late. */
const EVENING = [2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 6, 7, 8, 9, 10, 10, 8, 4] as const;
const DAYTIME = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 4, 2] as const;

/** Black Friday each year [public]: 24 Nov 2023, 29 Nov 2024. */
export const BLACK_FRIDAYS = ['2023-11-24', '2024-11-29'] as const;

const HOLIDAYS = [
  ['12-16', '12-24', 0.95],
  ['12-25', '12-25', 0.6],
  ['12-26', '12-31', 0.9],
  ['01-01', '01-10', 0.9],
] as const;

/**
 * The channels [invented unless tagged]. `level` is the everyday demand in units per day before
 * weekday, season and creator spikes.
 */
export const CHANNEL_PLANS: Record<ChannelId, ChannelPlan> = {
  'tiktok-shop': {
    market: 'US',
    currency: 'USD',
    // Joined during TikTok Shop US's invitation phase; US GMV was $15.1M in July 2023 [events §2].
    firstDay: '2023-05-01',
    // Several-fold through 2024 (×5.4 from January to December). The market grew faster: US GMV
    // $9B in 2024, +650 % year on year, from a $3B run-rate in January 2024 [events §2].
    level: [
      ['2023-05-01', 1.5],
      ['2023-09-12', 9], // public launch of TikTok Shop US [public]
      ['2023-12-31', 26],
      ['2024-03-31', 40],
      ['2024-06-30', 62],
      ['2024-09-30', 95],
      ['2024-12-31', 140],
      ['2025-01-17', 148],
    ],
    weekday: [1.08, 0.95, 0.95, 0.97, 0.98, 1.0, 1.07],
    aroundBlackFriday: [
      [-28, -8, 1.25],
      [-7, -1, 1.5],
      [0, 0, 2.4],
      [1, 2, 1.85],
      [3, 3, 2.2],
      [4, 10, 1.35],
      [11, 20, 1.15],
    ],
    everyYear: HOLIDAYS,
    // Charm: Shop sales rose 14–16 % week on week before the ban ($27.54M on 12 Jan, $31.43M on 18 Jan) [events §3].
    dated: [['2025-01-11', '2025-01-17', 1.15, 'buyers stock up before the ban']],
    linesPerOrder: [
      [1, 0.88],
      [2, 0.1],
      [3, 0.02],
    ],
    unitsPerLine: [
      [1, 0.82],
      [2, 0.14],
      [3, 0.04],
    ],
    cancelRate: 0.04,
    returnRate: 0.03,
    hours: EVENING,
  },
  amazon: {
    market: 'US',
    currency: 'USD',
    firstDay: HISTORY.firstDay,
    level: [
      ['2023-01-18', 38],
      ['2023-12-31', 42],
      ['2024-12-31', 46],
      ['2025-01-17', 45],
    ],
    weekday: [1.04, 1.05, 1.01, 0.99, 0.97, 0.95, 0.99],
    // Amazon's own seasonal peaks are its own events. Its Black Friday rise comes mostly through the
    // halo of TikTok's: a seasonal peak two channels share and the others do not is read as halo
    // (tried, before the exposure regression had the other channels as a control, with Amazon ×1.6 on
    // Black Friday and TikTok's holiday calendar: estimates of 0.17–0.24 against a planted 0.12).
    aroundBlackFriday: [
      [0, 0, 1.25],
      [3, 3, 1.2],
    ],
    everyYear: [],
    // Prime Day and Prime Big Deal Days [public dates].
    dated: [
      ['2023-07-11', '2023-07-12', 2.3, 'Prime Day'],
      ['2023-10-10', '2023-10-11', 1.6, 'Prime Big Deal Days'],
      ['2024-07-16', '2024-07-17', 2.3, 'Prime Day'],
      ['2024-10-08', '2024-10-09', 1.6, 'Prime Big Deal Days'],
    ],
    linesPerOrder: [
      [1, 0.92],
      [2, 0.07],
      [3, 0.01],
    ],
    unitsPerLine: [
      [1, 0.88],
      [2, 0.1],
      [3, 0.02],
    ],
    cancelRate: 0.02,
    returnRate: 0.03,
    hours: DAYTIME,
  },
  shopify: {
    market: 'US',
    currency: 'USD',
    firstDay: HISTORY.firstDay,
    level: [
      ['2023-01-18', 20],
      ['2024-12-31', 27],
      ['2025-01-17', 26],
    ],
    weekday: [1.1, 1.05, 1.0, 0.98, 0.97, 0.93, 0.97],
    // The site's own Black Friday e-mail campaign (code BFCM25).
    aroundBlackFriday: [
      [-7, -1, 1.2],
      [0, 0, 2.6],
      [1, 2, 1.8],
      [3, 3, 2.4],
      [4, 10, 1.2],
    ],
    everyYear: HOLIDAYS,
    dated: [],
    linesPerOrder: [
      [1, 0.7],
      [2, 0.22],
      [3, 0.08],
    ],
    unitsPerLine: [
      [1, 0.85],
      [2, 0.12],
      [3, 0.03],
    ],
    cancelRate: 0.01,
    returnRate: 0.02,
    hours: DAYTIME,
  },
  temu: {
    market: 'US',
    currency: 'USD',
    // Temu's fully-managed model: the seller ships to Temu's warehouse in China and is paid a base price.
    firstDay: '2023-07-01',
    level: [
      ['2023-07-01', 6],
      ['2024-03-31', 30],
      ['2024-12-31', 60],
      ['2025-01-17', 58],
    ],
    weekday: [1.02, 1.0, 1.0, 1.0, 1.0, 0.98, 1.0],
    aroundBlackFriday: [
      [-7, -1, 1.15],
      [0, 3, 1.5],
    ],
    everyYear: HOLIDAYS,
    dated: [],
    linesPerOrder: [[1, 1]],
    unitsPerLine: [
      [1, 0.8],
      [2, 0.15],
      [3, 0.05],
    ],
    cancelRate: 0.03,
    returnRate: 0.015,
    hours: DAYTIME,
  },
  mercadolibre: {
    market: 'BR',
    currency: 'BRL',
    // Opened in July 2024 to test South America, shipping from Mercado Livre's Full warehouse; Mercado
    // Libre's Brazil GMV grew 34 % in Q3 2024 [events §5].
    firstDay: '2024-07-01',
    level: [
      ['2024-07-01', 3],
      ['2024-12-31', 5.5],
      ['2025-01-17', 5.5],
    ],
    weekday: [0.9, 1.05, 1.05, 1.02, 1.0, 0.98, 0.95],
    aroundBlackFriday: [
      [0, 0, 2.2],
      [1, 3, 1.4],
    ],
    everyYear: [['12-24', '12-25', 0.5]],
    dated: [],
    // An order of two products is a package row followed by its items in the Vendas report.
    linesPerOrder: [
      [1, 0.95],
      [2, 0.05],
    ],
    unitsPerLine: [
      [1, 0.9],
      [2, 0.1],
    ],
    cancelRate: 0.04,
    returnRate: 0.02,
    hours: DAYTIME,
  },
};

/** Creator videos on TikTok: a spike on one product family, fading over a week [invented]. */
export const SPIKES: SpikePlan = {
  rate: [
    ['2023-05-01', '2023-09-11', 0.5],
    ['2023-09-12', '2023-12-31', 1.5],
    ['2024-01-01', '2025-01-17', 3],
  ],
  peakMedian: 0.7,
  peakSigma: 0.6,
  decay: 0.55,
  days: 7,
};

/**
 * The planted halo [invented; events §3 found no measured figure]: each unit sold on TikTok Shop
 * brings 0.15 units on Amazon over the next days (buyers who saw the video and search Amazon),
 * 40 % the same day, then 30 %, 20 % and 10 %. That makes about 15 % of Amazon's units over the
 * two years and about 35 % in the last 90 days, as TikTok grew (the truth of each seed says exactly).
 */
export const HALO: HaloPlan = {
  driver: 'tiktok-shop',
  channel: 'amazon',
  unitsPerDriverUnit: 0.15,
  lagWeights: [0.4, 0.3, 0.2, 0.1],
};

/** Channel terms [invented unless tagged]. */
export const TERMS = {
  tiktok: {
    /** Share of orders shipped by Fulfilled by TikTok, by date: FBT opened to the seller in Feb 2024. */
    fbtShare: [
      ['2024-01-31', 0],
      ['2024-10-31', 0.65],
      ['2025-01-17', 0.7],
    ] as const,
    /** Orders with a seller-funded discount, and its size. */
    sellerDiscount: { share: 0.3, percents: [10, 15, 20] },
    /** Orders with a TikTok-funded discount (paid back to the seller, not the seller's cost). */
    platformDiscount: { share: 0.25, percents: [5, 10] },
    /** Seller-shipped orders reach the 3PL through Shopify's TikTok app from this day. */
    syncedToShopifyFrom: '2024-03-01',
  },
  amazon: {
    /** Share of orders fulfilled by Amazon (the rest ship from the 3PL). */
    fbaShare: 0.93,
    /** Orders with a coupon, and its size. */
    promotion: { share: 0.12, percents: [10, 15] },
  },
  shopify: {
    /** Orders using a discount code: code, share of orders, percent. */
    codes: [
      ['WELCOME10', 0.12, 10],
      ['LUMORA15', 0.05, 15],
    ] as const,
    /** Black Friday to Cyber Monday, most orders use BFCM25. */
    blackFridayCode: ['BFCM25', 0.7, 25] as const,
    freeShippingFrom: 35,
    shippingFee: 5.99,
    /** Refunded in part: share of orders, share of the subtotal refunded. */
    partialRefund: { share: 0.01, part: 0.3 },
  },
  temu: {
    /** Temu's base price (what Temu pays the seller) as a share of the US list price. */
    basePriceShare: 0.5,
  },
  mercadolibre: {
    /** List price in BRL per USD of US list price, rounded up to R$ …9,90 (import taxes included). */
    brlPerUsd: 6.2,
    /** Mercado Livre's sale fee and taxes, share of the product revenue [public, approximate]. */
    feeShare: 0.165,
    /** Orders paying for shipping (below the free-shipping threshold). */
    paidShipping: { share: 0.25, brl: 19.9 },
    /** Share of orders shipped from Mercado Livre's Full warehouse. */
    fullShare: 0.8,
  },
  /** US sales tax by buyer state: [state, name, rate, weight] [public rates, rounded]. */
  usStates: [
    ['CA', 'California', 0.0825, 12],
    ['TX', 'Texas', 0.0825, 9],
    ['FL', 'Florida', 0.07, 7],
    ['NY', 'New York', 0.08875, 6],
    ['IL', 'Illinois', 0.0875, 4],
    ['PA', 'Pennsylvania', 0.06, 4],
    ['OH', 'Ohio', 0.0725, 3],
    ['GA', 'Georgia', 0.07, 3],
    ['WA', 'Washington', 0.092, 3],
    ['AZ', 'Arizona', 0.084, 2],
  ] as const,
};

/**
 * Where the stock is [invented]. `market` is the market a location's stock can be sold into without
 * another shipment: the China warehouse reaches US buyers only through Temu's cross-border parcels
 * (the fully-managed model), so it is a US location for Temu alone; the rest of its stock (a buffer
 * for TikTok and Amazon) leaves it by sea. FBT storage is free for 60 days [events §2], which is
 * why FBT-US holds about that much. Mercado Livre's Full warehouse in Brazil holds the Brazilian stock.
 * `serves`: the channels' demand the stock covers (and the share of it); `daysOfCover`: of that demand.
 */
// prettier-ignore
export const LOCATIONS: readonly LocationPlan[] = [
  { location: 'FBT-US', kind: 'fbt', market: 'US', channels: 'tiktok-shop', serves: [['tiktok-shop', 0.7]], daysOfCover: 55 },
  { location: 'FBA-US', kind: 'fba', market: 'US', channels: 'amazon', serves: [['amazon', 0.93]], daysOfCover: 50 },
  { location: '3PL-US', kind: '3pl', market: 'US', channels: 'shopify;tiktok-shop;amazon', serves: [['shopify', 1], ['tiktok-shop', 0.3], ['amazon', 0.07]], daysOfCover: 40 },
  { location: 'CN-WH', kind: 'own', market: 'US', channels: 'temu', serves: [['temu', 1], ['tiktok-shop', 0.5], ['amazon', 0.5]], daysOfCover: 75 },
  { location: 'FULL-BR', kind: '3pl', market: 'BR', channels: 'mercadolibre', serves: [['mercadolibre', 1]], daysOfCover: 60 },
];

/**
 * Inbound shipments from CN-WH on 17 January 2025 [invented], each sized in days of its destination's
 * demand. The first five are on the water (ETAs late January and February; some already too close
 * to port to redirect); the later ones are booked for spring, the seller's usual pipeline, and can
 * still be held or redirected. In January 2025 many sellers paused shipments to US warehouses.
 */
// prettier-ignore
export const SHIPMENTS: readonly ShipmentPlan[] = [
  { id: 'SEA-2412-FBT1', to: 'FBT-US', eta: '2025-01-27', status: 'in_transit', canRedirect: false, daysOfCover: 30 },
  { id: 'SEA-2412-FBA1', to: 'FBA-US', eta: '2025-01-30', status: 'in_transit', canRedirect: false, daysOfCover: 30 },
  { id: 'AIR-2501-BR1', to: 'FULL-BR', eta: '2025-02-03', status: 'in_transit', canRedirect: false, daysOfCover: 30 },
  { id: 'SEA-2501-3PL1', to: '3PL-US', eta: '2025-02-05', status: 'in_transit', canRedirect: true, daysOfCover: 30 },
  { id: 'SEA-2501-FBT2', to: 'FBT-US', eta: '2025-02-12', status: 'in_transit', canRedirect: true, daysOfCover: 35 },
  { id: 'SEA-2501-FBA2', to: 'FBA-US', eta: '2025-02-20', status: 'in_transit', canRedirect: true, daysOfCover: 30 },
  { id: 'SEA-2503-FBT3', to: 'FBT-US', eta: '2025-03-20', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'SEA-2503-FBA3', to: 'FBA-US', eta: '2025-03-25', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'SEA-2503-3PL2', to: '3PL-US', eta: '2025-03-28', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'AIR-2503-BR2', to: 'FULL-BR', eta: '2025-03-15', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'SEA-2505-FBT4', to: 'FBT-US', eta: '2025-05-05', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'SEA-2505-FBA4', to: 'FBA-US', eta: '2025-05-10', status: 'booked', canRedirect: true, daysOfCover: 45 },
  { id: 'SEA-2505-3PL3', to: '3PL-US', eta: '2025-05-12', status: 'booked', canRedirect: true, daysOfCover: 45 },
];

/**
 * Channel fees per unit sold, for the costs file. Fees Mercado Livre charges are in its export, so
 * its row carries none.
 */
export const FEES = {
  // TikTok Shop US referral fee, 8 % from April 2024 [public]; FBT fulfilment per unit [invented].
  'tiktok-shop': { feePct: 0.08, feePerUnit: 3.1, shipPerUnit: 0 },
  // Amazon's 15 % referral fee and the 2024 FBA fee for small / large standard items [public, approximate].
  amazon: { feePct: 0.15, feePerUnitSmall: 3.22, feePerUnitLarge: 4.75, shipPerUnit: 0 },
  // Shopify Payments 2.9 % + 30 ¢ [public]; 3PL pick, pack and postage [invented].
  shopify: { feePct: 0.029, feePerUnit: 0.3, shipPerUnit: 6.5 },
  // Fully managed: no fee, domestic freight to Temu's warehouse in CNY [invented].
  temu: { feePct: 0, feePerUnit: 0, shipPerUnitCny: 4 },
  // Landed in Brazil (air freight and import taxes): factory cost × this, in USD [invented].
  mercadolibre: { landedBrPerFactoryUsd: 2.1 },
} as const;

/** Creator and advertising commitments running on 17 January 2025 [invented]. */
// prettier-ignore
export const COMMITMENTS: readonly CommitmentPlan[] = [
  { id: 'TT-CREATORS-2025H1', channel: 'tiktok-shop', kind: 'creator', amount: 90000, currency: 'USD', start: '2025-01-01', end: '2025-06-30', cancellable: false, cancelFee: 0, why: 'six creator retainers at $2,500 a month' },
  { id: 'TT-AGENCY-2025', channel: 'tiktok-shop', kind: 'agency', amount: 360000, currency: 'CNY', start: '2025-01-01', end: '2025-12-31', cancellable: true, cancelFee: 60000, why: 'Shenzhen TikTok Shop partner agency, CNY 30,000 a month, two months to cancel' },
  { id: 'TT-ADS-2025Q1', channel: 'tiktok-shop', kind: 'ads', amount: 45000, currency: 'USD', start: '2025-01-01', end: '2025-03-31', cancellable: true, cancelFee: 0, why: 'Shop ads budget' },
  { id: 'AMZ-PPC-2025Q1', channel: 'amazon', kind: 'ads', amount: 60000, currency: 'USD', start: '2025-01-01', end: '2025-03-31', cancellable: true, cancelFee: 0, why: 'Sponsored Products' },
  { id: 'AMZ-DSP-2024Q4', channel: 'amazon', kind: 'ads', amount: 24000, currency: 'USD', start: '2024-10-01', end: '2025-03-31', cancellable: false, cancelFee: 0, why: 'DSP insertion order' },
  { id: 'ML-ADS-2025H1', channel: 'mercadolibre', kind: 'ads', amount: 18000, currency: 'BRL', start: '2025-01-01', end: '2025-06-30', cancellable: true, cancelFee: 0, why: 'Mercado Ads' },
];

/**
 * Monthly rates, USD per unit, on the first of each month from January 2023 [public: monthly averages
 * of the market rates, rounded; approximate].
 */
// prettier-ignore
export const FX = {
  // Rows: 2023 January … December, 2024 January … December, 2025 January.
  BRL: [
    0.192, 0.193, 0.191, 0.198, 0.201, 0.207, 0.21, 0.204, 0.203, 0.198, 0.203, 0.204,
    0.203, 0.202, 0.201, 0.195, 0.194, 0.184, 0.18, 0.179, 0.18, 0.178, 0.172, 0.164,
    0.165,
  ],
  CNY: [
    0.1475, 0.146, 0.145, 0.145, 0.143, 0.139, 0.1392, 0.1375, 0.137, 0.1368, 0.1385, 0.1405,
    0.1395, 0.139, 0.1388, 0.1382, 0.1381, 0.1377, 0.1377, 0.1398, 0.1416, 0.1407, 0.1385, 0.1371,
    0.1365,
  ],
} as const;
