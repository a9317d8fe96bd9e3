import type { LibraryEntry } from './types.js';

/** The end of US duty-free de minimis for parcels from China. Facts: shared/EVENTS.md §4. */
export const usDeMinimis2025: LibraryEntry = {
  id: 'us-de-minimis-2025',
  title: 'US ends de minimis for China, May 2025',
  summary:
    'From 2 May 2025 parcels of $800 or less from China and Hong Kong no longer entered the US duty-free; ' +
    'all other countries followed on 29 August 2025. Cross-border platforms that ship parcels direct from ' +
    'China (Temu, Shein, TikTok Shop cross-border) lost users and sales.',
  calibratedOn:
    'Shein and Temu sales and usage after the change (Bloomberg Second Measure, Sensor Tower; EVENTS.md §4) ' +
    'and the duty on Chinese goods after the 14 May 2025 truce (ST&R). It applies to parcels sent from ' +
    'abroad: stock already in US warehouses paid duty on import, so narrow `target` if only part of your sales ' +
    'ship cross-border.',
  sources: [
    'https://www.thompsonhinesmartrade.com/2025/04/trump-signs-eo-prohibiting-duty-free-de-minimis-treatment-for-goods-from-china/',
    'https://www.strtrade.com/trade-news-resources/str-trade-report/trade-report/may/u-s-lowers-tariffs-on-low-value-shipments-from-china',
    'https://sedac.site/2025/06/shein-and-temu-experience-drop-in-u-s-demand-after-closure-of-de-minimis-trade-loophole',
    'https://www.staradvertiser.com/2025/06/02/breaking-news/temus-u-s-users-plunge-58-after-tariff-loophole-closes/',
    'https://www.emarketer.com/content/temu-sales-slump-continues-ad-spend-dwindles',
    'https://www.emarketer.com/content/shein-us-sales-drop-after-de-minimis-loophole-ends',
  ],
  event: {
    label: 'Duty-free threshold removed (US de minimis 2025)',
    target: { channel: ['temu', 'shein', 'tiktok-shop'], market: 'US' },
    // It happened; for a forward-looking scenario (another country, another threshold), set your own chance.
    probability: 1,
    // China and Hong Kong from 2 May 2025; set 2025-08-29 for goods from other countries.
    onset: '2025-05-02',
    // No sunset in the executive orders.
    duration: { permanent: 1 },
    // Sales, not users: Shein −8 % to −23 %, Temu weekly sales more than −25 % year on year (Bloomberg Second
    // Measure). Temu's −52 % in daily users is left out: it also cut US ad spend by 95 %.
    severity: 0.2,
    // The IEEPA tariffs on Chinese goods stood at 30 % (10 % reciprocal + 20 % fentanyl) after the 14 May truce,
    // now due on parcels entered formally; postal parcels paid 54 % or $100 per item instead. MFN and Section
    // 301 duties come on top and vary by product: add them for your goods.
    costs: { landed_cost_pct: 0.3 },
  },
};
