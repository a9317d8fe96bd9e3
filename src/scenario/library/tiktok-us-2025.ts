import type { LibraryEntry } from './types.js';

/**
 * The January 2025 US ban (PAFACA). The base outcome is the one that happened to Shop: 26 days off
 * the app stores at partial severity; branches cover the other outcomes a seller faced on
 * 17 January 2025. Facts: docs/events.md §1 (timeline) and §3 (measured effects).
 */
export const tiktokUs2025: LibraryEntry = {
  id: 'tiktok-us-2025',
  title: 'TikTok US ban, January 2025',
  summary:
    'PAFACA barred distributing or hosting TikTok in the US from 19 January 2025 unless it was divested. ' +
    'The app went dark for about 14 hours, stayed off the Apple and Google stores for 26 days, and the ban ' +
    'was then deferred five times until a US joint venture closed in January 2026.',
  calibratedOn:
    'Charm daily TikTok Shop sales, Similarweb daily users, Cloudflare DNS traffic and MikMak commerce-traffic ' +
    'shares around the blackout (docs/events.md §3); the dated timeline (§1). Branch weights are judgement, stated ' +
    'below. No sales diversion or halo was measured (§3), so none is set: add your own for your channels.',
  sources: [
    'https://wikimili.com/en/TikTok_v._Garland',
    'https://ahsthenest.com/news/2025/01/31/the-tiktok-ban-aftermath',
    'http://techbeatph.com/wproot/tiktok-returns-to-the-u-s-what-happened',
    'https://ppc.land/tiktok-returns-to-app-stores-after-26-day-ban-in-the-united-states',
    'https://www.coinlive.com/news/trump-s-executive-order-ensuring-tiktok-s-us-operations-while-taking-national',
    'https://adtechsolutions.net/the-tiktok-outage-caused-tiktok-shop-sales-to-spike-not-sink/',
    'https://info.charm.io/charm-in-the-press/how-tiktok-is-faring-one-month-after-shutdown-0?hs_amp=true',
    'https://unanswered.io/guide/tiktok-traffic-back-despite-app-store-removal',
    'https://www.emarketer.com/content/industry-kpis-tiktok-commerce-growth-slows',
  ],
  event: {
    label: 'TikTok US ban (January 2025)',
    target: { channel: 'tiktok-shop', market: 'US' },
    // The deadline was fixed in law and upheld 9–0 on 17 Jan; what followed is carried by the branches.
    probability: 1,
    // Service went dark at 22:30 ET on 18 Jan, so the 19th is the first whole day hit.
    onset: '2025-01-19',
    // Charm: Shop sales rose ~14–16 % week on week before the ban ($27.54M on 12 Jan, $31.43M on 18 Jan).
    pre_onset: { days: 7, uplift: 0.15 },
    // Off the Apple and Google stores from 18 Jan to 13 Feb: 26 days.
    duration: { permanent: 0, days: 26 },
    // Users who had the app kept it: 7-day DAU −9 % against early January (Similarweb), DNS traffic about
    // −10 % at end-January (Cloudflare), commerce-traffic share 12.5 % → 11.5 % from January to February (MikMak).
    severity: 0.1,
    // MikMak share back to 14.8 % in March, above January: full recovery within a month of the return.
    recovery: { days: 30, level: 1 },
    branches: [
      {
        id: 'blackout',
        label: 'Dark for hours, then restored',
        // Judgement: the outage the law forced first; restored within 14 hours on a political pledge.
        weight: 0.25,
        // Dark from 22:30 ET on 18 Jan to about 12:00–12:30 ET on 19 Jan: 12–14 hours (techbeatph.com,
        // internationalfinancialnews.com). Was one whole day at severity 0.6, which `ballast events
        // --check` found longer than the outage observed.
        duration: { days: { uniform: [0.5, 0.6] } },
        // Dark while it lasted: DNS traffic −85 %, ByteDance network −95 % (Cloudflare). Charm saw no drop
        // of Shop sales at daily resolution ($32.06M on 19 Jan), thanks to the surge, which pre_onset carries.
        severity: 1,
        // DNS traffic −27 % to −18 % on 20 Jan and −7 % on 21 Jan (Cloudflare): a linear ramp over 1.2 days
        // gives −21 % on 20 Jan. Was 3 days (−62 % on 20 Jan).
        recovery: { days: 1.2, level: 1 },
      },
      {
        id: 'app-store-removal',
        label: 'Off the app stores for weeks',
        // Judgement, the highest weight: the law's penalties fall on Apple and Google directly, so they had
        // the most reason to comply while TikTok itself ran; this is what happened (26 days).
        weight: 0.3,
      },
      {
        id: 'deferral',
        label: 'Enforcement deferred, no outage',
        // Judgement: the outcome from 13 Feb 2025 on; five deferrals followed (75, 75, 90, 90, 120 days).
        weight: 0.25,
        // EO 14166: the first deferral, 75 days.
        duration: { days: 75 },
        // No measured demand effect: commerce-traffic share rose from 12.5 % to 14.8 % (MikMak).
        severity: 0,
        recovery: { days: 0, level: 1 },
      },
      {
        id: 'permanent-ban',
        label: 'Permanent ban',
        // Judgement: of the three analogous platform shutdowns in docs/events.md §4 (India, Indonesia, Wish France)
        // one stayed permanent; set below a third because the law itself offered a way out (divestiture,
        // a 90-day extension).
        weight: 0.2,
        duration: { permanent: 1 },
        // The law bars distribution and hosting: app and Shop dark, as in India in 2020.
        severity: 1,
      },
    ],
  },
  facts: [
    {
      name: 'blackout length, days (22:30 ET 18 Jan to about 12:30 ET 19 Jan 2025)',
      observed: 14 / 24,
      quantity: { kind: 'length-days' },
      source: 'http://techbeatph.com/wproot/tiktok-returns-to-the-u-s-what-happened',
    },
    {
      name: 'traffic on 20 Jan, the first day after the return (DNS −27 % to −18 %)',
      observed: -0.225,
      quantity: { kind: 'change-after-end', day: 1 },
      source: 'https://unanswered.io/guide/tiktok-traffic-back-despite-app-store-removal',
    },
    {
      name: 'traffic on 21 Jan, the second day after the return (DNS −7 %)',
      observed: -0.07,
      quantity: { kind: 'change-after-end', day: 2 },
      source:
        'https://www.pymnts.com/news/social-commerce/2025/tiktok-traffic-ramps-back-up-as-creators-look-elsewhere/',
    },
    {
      name: 'days off the Apple and Google app stores (18 Jan to 13 Feb 2025)',
      observed: 26,
      quantity: { kind: 'length-days' },
      source: 'https://ppc.land/tiktok-returns-to-app-stores-after-26-day-ban-in-the-united-states',
    },
    {
      name: 'daily users while off the stores, 7-day average against early January (Similarweb −9 %)',
      observed: -0.09,
      quantity: { kind: 'change-mean', from: 1, days: 7 },
      source:
        'https://info.charm.io/charm-in-the-press/how-tiktok-is-faring-one-month-after-shutdown-0?hs_amp=true',
    },
    {
      name: 'Shop sales pulled forward in the week before the ban (Charm, +14 % to +16 % week on week)',
      observed: 0.15,
      quantity: { kind: 'change-mean', from: -7, days: 7 },
      source: 'https://adtechsolutions.net/the-tiktok-outage-caused-tiktok-shop-sales-to-spike-not-sink/',
    },
  ],
};
