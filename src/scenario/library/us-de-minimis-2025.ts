import type { LibraryEntry } from './types.js';

/** The end of US duty-free de minimis for parcels from China. Facts: docs/events.md §4. */
export const usDeMinimis2025: LibraryEntry = {
  id: 'us-de-minimis-2025',
  title: 'US ends de minimis for China, May 2025',
  summary:
    'From 2 May 2025 parcels of $800 or less from China and Hong Kong no longer entered the US duty-free; ' +
    'all other countries followed on 29 August 2025. Cross-border platforms that ship parcels direct from ' +
    'China (Temu, Shein, TikTok Shop cross-border) lost users and sales.',
  calibratedOn:
    'Shein and Temu sales and usage after the change (Bloomberg Second Measure, Sensor Tower; docs/events.md §4) ' +
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
    // Measure). Temu's −52 % in daily users is left out: it also cut US ad spend by 95 %. One severity of 0.2
    // left Shein's −11 % (May) and −8 % (September) outside the event's range (`ballast events --check`);
    // the branches span what was measured.
    severity: 0.2,
    branches: [
      {
        id: 'shein-like',
        label: 'Sales dip, as Shein (−8 % to −11 %)',
        // Shein −11 % in May, −8 % year on year in September (Bloomberg Second Measure); judgement, equal weight.
        weight: 0.5,
        severity: 0.08,
      },
      {
        id: 'temu-like',
        label: 'Sales slump, as Temu (below −25 %)',
        // Temu weekly sales more than −25 % year on year, 11 May to 8 June 2025 (Bloomberg Second Measure).
        weight: 0.5,
        severity: 0.27,
      },
    ],
    // The IEEPA tariffs on Chinese goods stood at 30 % (10 % reciprocal + 20 % fentanyl) after the 14 May truce,
    // now due on parcels entered formally; postal parcels paid 54 % or $100 per item instead. MFN and Section
    // 301 duties come on top and vary by product: add them for your goods.
    costs: { landed_cost_pct: 0.3 },
  },
  facts: [
    {
      name: 'permanent: no sunset in the executive orders',
      observed: 1,
      quantity: { kind: 'permanent' },
      source:
        'https://www.thompsonhinesmartrade.com/2025/04/trump-signs-eo-prohibiting-duty-free-de-minimis-treatment-for-goods-from-china/',
    },
    {
      name: 'Shein US sales in May 2025 (−11 %)',
      observed: -0.11,
      quantity: { kind: 'change-mean', from: 0, days: 30 },
      source: 'https://www.emarketer.com/content/shein-us-sales-drop-after-de-minimis-loophole-ends',
    },
    {
      name: 'Shein US sales in September 2025, year on year (−8 %)',
      observed: -0.08,
      quantity: { kind: 'change-mean', from: 122, days: 30 },
      source: 'https://www.emarketer.com/content/shein-us-sales-drop-after-de-minimis-loophole-ends',
    },
    {
      name: 'Temu weekly US sales, 11 May to 8 June 2025, year on year (below −25 %)',
      observed: -0.25,
      quantity: { kind: 'change-mean', from: 9, days: 28 },
      source: 'https://www.emarketer.com/content/temu-sales-slump-continues-ad-spend-dwindles',
    },
  ],
};
