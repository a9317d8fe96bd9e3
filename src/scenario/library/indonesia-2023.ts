import type { LibraryEntry } from './types.js';

/** Indonesia's social-commerce ban and TikTok Shop's return through Tokopedia. Facts: docs/events.md §4. */
export const indonesia2023: LibraryEntry = {
  id: 'indonesia-2023',
  title: 'Indonesia closes TikTok Shop, October–December 2023',
  summary:
    'Trade Regulation 31/2023 banned transactions inside social-media apps; TikTok Shop Indonesia closed on ' +
    '4 October 2023, cutting off about 6M sellers and 7M affiliates. It reopened on 12 December 2023 (69 days) ' +
    'as a supervised pilot run with Tokopedia, which TikTok took control of.',
  calibratedOn:
    'The closure and reopening dates (docs/events.md §4); recovery level between TikTok Shop Indonesia 2024 GMV ' +
    '($5.5B, Tabcut, docs/events.md §5) and the pace before the ban ($4.4B in 2022, on track for $6B in 2023, ' +
    'DAO Insights). Diversion is left to you: Shopee, Tokopedia and Lazada took the demand, but no split was measured.',
  sources: [
    'https://voi.id/en/economy/316520',
    'https://techviral.id/tag/tiktok-shop/',
    'https://www.businesstimes.com.sg/startups-tech/startups/indonesias-ban-tiktok-shop-fails-stunt-its-growth-2023-momentum-works',
    'https://www.tktk.com/en/shichang/2800.html',
    'https://daoinsights.com/news/tiktok-shop-cant-afford-to-lose-indonesia-now-it-doesnt-have-to',
  ],
  event: {
    label: 'Social-commerce closure, re-entry via a local partner (Indonesia 2023)',
    target: { channel: 'tiktok-shop', market: 'ID' },
    // It happened; for a forward-looking scenario, set your own chance.
    probability: 1,
    // Regulation in force; Shop closed at 17:00 WIB that day.
    onset: '2023-10-04',
    // Closed 4 October, reopened 12 December 2023.
    duration: { permanent: 0, days: 69 },
    // Transactions inside the app were banned outright; sellers could promote but not sell.
    severity: 1,
    // Days 90: sellers re-onboarded through Tokopedia during the supervised pilot, the first quarter of 2024
    // (judgement). The level it came back to is carried by the branches.
    recovery: { days: 90, level: 0.8 },
    branches: [
      {
        id: 'back-to-pace',
        label: 'Back to the pace before the ban',
        // 2024 GMV of $5.5B (Tabcut) is 0.92 of the 2023 pace before the ban ($6B, DAO Insights): what
        // was observed. One level of 0.8 left it outside the event's range (`ballast events --check`).
        weight: 0.5,
        recovery: { days: 90, level: 0.92 },
      },
      {
        id: 'growth-lost',
        label: 'Back, but a year of growth lost',
        // 0.92 measured against the 2023 pace grown as 2022→2023 ($4.4B → $6B, ×1.36) is about 0.67: the
        // level if the closure cost the growth the market would have had (judgement, equal weight).
        weight: 0.5,
        recovery: { days: 90, level: 0.67 },
      },
    ],
  },
  facts: [
    {
      name: 'days closed (4 October to 12 December 2023)',
      observed: 69,
      quantity: { kind: 'length-days' },
      source: 'https://voi.id/en/economy/316520',
    },
    {
      name: 'level it came back to: 2024 GMV $5.5B against the $6B 2023 pace before the ban',
      observed: 5.5 / 6,
      quantity: { kind: 'level-after' },
      source: 'https://www.tktk.com/en/shichang/2800.html',
    },
    {
      name: 'sales inside the app while closed (transactions banned outright)',
      observed: -1,
      quantity: { kind: 'change-mean', from: 0, days: 30 },
      source: 'https://techviral.id/tag/tiktok-shop/',
    },
  ],
};
