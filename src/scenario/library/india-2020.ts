import type { LibraryEntry } from './types.js';

/** India's June 2020 ban of TikTok and 58 other Chinese apps. Facts: docs/events.md §4. */
export const india2020: LibraryEntry = {
  id: 'india-2020',
  title: 'India bans TikTok, June 2020',
  summary:
    'On 29 June 2020 India blocked TikTok and 58 other Chinese apps, cutting off about 200 million users ' +
    'overnight. The ban was made final in January 2021 and ByteDance cut about 1,800 of its 2,000+ India staff.',
  calibratedOn:
    'The dated order and its outcome (docs/events.md §4). TikTok had no Shop in India, so this is the template for ' +
    'a sudden, permanent national ban of a channel. Diversion is left to you: Instagram Reels arrived within ' +
    'about 10 days and YouTube Shorts in September 2020, and a year later Instagram India MAU was +20 %, but no ' +
    'sales diversion was measured.',
  sources: [
    'https://connectgujarat.com/world/tiktoks-possible-us-exit-evokes-chaos-of-indias-2020-ban-for-content-creators-8631932',
    'https://techcrunch.com/2021/01/26/bytedance-to-cut-jobs-in-india-amid-tiktok-ban/',
    'https://www.news18.com/news/tech/instagram-reels-now-testing-in-india-perfect-time-to-own-the-space-vacated-by-tiktok-2706289.html',
  ],
  event: {
    label: 'National ban, permanent (India 2020)',
    target: { channel: 'tiktok-shop', market: 'IN' },
    // It happened; for a forward-looking scenario, set your own chance.
    probability: 1,
    // Announced and enforced the same evening, so there is no farewell surge (pre_onset left at 0).
    onset: '2020-06-29',
    // Made final in January 2021; never lifted.
    duration: { permanent: 1 },
    // App blocked nationwide: none of its ~200M users could reach it.
    severity: 1,
  },
  facts: [
    {
      name: 'permanent: the block was made final in January 2021 and never lifted',
      observed: 1,
      quantity: { kind: 'permanent' },
      source: 'https://techcrunch.com/2021/01/26/bytedance-to-cut-jobs-in-india-amid-tiktok-ban/',
    },
    {
      name: 'demand reachable in the first month (app blocked nationwide)',
      observed: -1,
      quantity: { kind: 'change-mean', from: 0, days: 30 },
      source:
        'https://connectgujarat.com/world/tiktoks-possible-us-exit-evokes-chaos-of-indias-2020-ban-for-content-creators-8631932',
    },
  ],
};
