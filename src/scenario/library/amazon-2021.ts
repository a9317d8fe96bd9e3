import type { LibraryEntry } from './types.js';

/** Amazon's 2021 purge of review-abusing cross-border sellers. Facts: docs/events.md §4. */
export const amazon2021: LibraryEntry = {
  id: 'amazon-2021',
  title: 'Amazon suspends cross-border seller accounts, 2021',
  summary:
    'From late April 2021 Amazon suspended about 3,000 seller accounts of about 600 mostly Chinese brands ' +
    '(Aukey, Mpow, later RAVPower) for review abuse, in the US and its other marketplaces. Suspensions were ' +
    'permanent; stock sat in FBA and balances were frozen (Youkeshu RMB130M, Tomtop $6.3M).',
  calibratedOn:
    'The purge dates and scale (docs/events.md §4); Amazon Seller Central for removal-order timing and the 2021 ' +
    'per-unit removal fee. The location is named FBA-US: override `stranded` with your own FBA location(s). ' +
    'Frozen payouts are the simulator’s cash rule for a channel that goes dark (docs/scenarios.md).',
  sources: [
    'https://smartmileco.com/amazon-reportedly-kicks-3000-chinese-merchant-accounts-off-its-platform/',
    'https://www.marketplacepulse.com/articles/amazon-suspends-amazon-native-brands-mpow-and-aukey',
    'http://www.newschinamag.com/newschina/articleDetail.do?article_id=6808&section_id=5&magazine_id=70',
    'https://www.scmp.com/tech/policy/article/3144053/another-made-china-sold-amazon-merchant-loses-54-stores-us6-million',
    'https://www.tech360.tv/340-chinese-e-commerce-stores-banned-on-amazon-for-manipulating-reviews-other-violations',
    'https://sellercentral.amazon.com/gp/help/external/help.html?itemID=200685050&language=en-US&ref=efph_200685050_relt_5P3CDUHZWSZLXLB',
    'https://sellercentral.amazon.com/gp/help/external/help.html?itemID=Z5Q2VW5WF4JWRGC&language=en_US&ref=efph_Z5Q2VW5WF4JWRGC_relt_G201411300',
  ],
  event: {
    label: 'Account suspension (Amazon 2021)',
    // A suspension closes the seller account, so every marketplace it sells in; Marketplace Pulse reports the
    // same sellers suspended on Amazon's international marketplaces.
    target: { channel: 'amazon', market: 'all' },
    // It happened to the sellers it hit; for your own account, set your own chance.
    probability: 1,
    // Suspensions began at the end of April 2021 (Marketplace Pulse); RAVPower's seller followed in June.
    onset: { between: ['2021-04-26', '2021-06-30'] },
    // Permanent per account (docs/events.md §4).
    duration: { permanent: 1 },
    // Listings removed: no sales at all on the channel.
    severity: 1,
    stranded: [
      {
        location: 'FBA-US',
        // Removal orders are fulfilled in about 14 business days, 30 or more at peak (Seller Central): about
        // 20 calendar days, plus about 10 days of freight to your next warehouse.
        release_after_days: 30,
        // 2021 US removal fee for standard-size units: $0.32–$0.67 per unit (Seller Central, before the
        // January 2022 change); freight to your next warehouse is not included, add it.
        cost_per_unit: 0.5,
      },
    ],
  },
  facts: [
    {
      name: 'suspensions permanent per account',
      observed: 1,
      quantity: { kind: 'permanent' },
      source: 'https://www.marketplacepulse.com/articles/amazon-suspends-amazon-native-brands-mpow-and-aukey',
    },
    {
      name: 'sales on the channel once suspended (listings removed)',
      observed: -1,
      quantity: { kind: 'change-mean', from: 0, days: 30 },
      source:
        'https://smartmileco.com/amazon-reportedly-kicks-3000-chinese-merchant-accounts-off-its-platform/',
    },
    {
      name: 'suspended by the end of June 2021 (from late April; RAVPower in June)',
      observed: 1,
      quantity: { kind: 'begun-by', date: '2021-06-30' },
      source: 'https://www.marketplacepulse.com/articles/amazon-suspends-amazon-native-brands-mpow-and-aukey',
    },
  ],
};
