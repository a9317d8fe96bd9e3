import type { LibraryEntry } from './types.js';

/** Indonesia's social-commerce ban and TikTok Shop's return through Tokopedia. Facts: shared/EVENTS.md §4. */
export const indonesia2023: LibraryEntry = {
  id: 'indonesia-2023',
  title: 'Indonesia closes TikTok Shop, October–December 2023',
  summary:
    'Trade Regulation 31/2023 banned transactions inside social-media apps; TikTok Shop Indonesia closed on ' +
    '4 October 2023, cutting off about 6M sellers and 7M affiliates. It reopened on 12 December 2023 (69 days) ' +
    'as a supervised pilot run with Tokopedia, which TikTok took control of.',
  calibratedOn:
    'The closure and reopening dates (EVENTS.md §4); recovery level between TikTok Shop Indonesia 2024 GMV ' +
    '($5.5B, Tabcut, EVENTS.md §5) and the pace before the ban ($4.4B in 2022, on track for $6B in 2023, ' +
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
    // Level 0.8: 2024 GMV of $5.5B is 0.92 of the 2023 pace before the ban ($6B) and about 0.67 of that pace
    // grown as 2022→2023 ($4.4B → $6B, ×1.36); 0.8 sits between. Days 90: sellers re-onboarded through
    // Tokopedia during the supervised pilot, the first quarter of 2024 (judgement).
    recovery: { days: 90, level: 0.8 },
  },
};
