import { describe, expect, test } from 'vitest';
import { baseScenario, ev, problemOf, type Case } from '../../test/fixtures/scenarios/malformed-kit.js';

// Event fields: ranges, names the workspace knows, shares that add up, duration forms.
const CASES: Case[] = [
  ['misspelt event key', (d) => (ev(d).severty = 1), 'events[0].severty: unknown key', '`severity`'],
  [
    'misspelt key inside a union form',
    (d) => (ev(d).duration.days = { lognormal: { median: 30, p95: 90 } }),
    'events[0].duration.days.lognormal.p95: unknown key',
    '`p90`',
  ],
  [
    'probability above 1',
    (d) => (ev(d, 1).probability = 1.5),
    'events[1].probability: 1.5 is outside [0, 1]',
    'chance',
  ],
  [
    'probability below 0',
    (d) => (ev(d).probability = -0.1),
    'events[0].probability: -0.1 is outside [0, 1]',
    'chance',
  ],
  ['probability missing', (d) => delete ev(d).probability, 'events[0].probability: missing', 'chance'],
  [
    'probability as text',
    (d) => (ev(d).probability = 'high'),
    'events[0].probability: "high" is not a number',
    'chance',
  ],
  ['severity above 1', (d) => (ev(d).severity = 1.2), 'events[0].severity: 1.2 is outside [0, 1]', 'dark'],
  [
    'diversion over 1',
    (d) => (ev(d).diversion = { shopify: { share: 0.3 }, amazon: { share: 0.9 } }),
    'events[0].diversion.amazon.share: shares add up to 1.2, more than 1',
    'at most 1',
  ],
  [
    'diversion share above 1',
    (d) => (ev(d).diversion.amazon.share = 1.5),
    'events[0].diversion.amazon.share: 1.5 is outside [0, 1]',
    'lost demand',
  ],
  [
    'diversion to a channel not sold on',
    (d) => (ev(d).diversion.walmart = { share: 0.1 }),
    'events[0].diversion.walmart: "walmart" is not a channel in this workspace',
    'decisions',
  ],
  [
    'diversion to the target itself',
    (d) => (ev(d).diversion['tiktok-shop'] = { share: 0.1 }),
    'events[0].diversion.tiktok-shop: diversion to tiktok-shop, but the event hits this channel itself',
    'other channels',
  ],
  [
    'diversion when every channel is hit',
    (d) => delete ev(d).target.channel,
    'events[0].diversion.amazon: diversion to amazon, but the event hits every channel',
    'other channels',
  ],
  [
    'unknown target channel',
    (d) => (ev(d).target.channel = 'tiktokshop'),
    'events[0].target.channel: "tiktokshop" is not a channel in this workspace',
    'Did you mean tiktok-shop?',
  ],
  [
    'unknown channel in a list',
    (d) => (ev(d, 1).target.channel = ['temu', 'sheen']),
    'events[1].target.channel[1]: "sheen" is not a channel in this workspace',
    'shein',
  ],
  [
    'unknown market',
    (d) => (ev(d).target.market = 'UK'),
    'events[0].target.market: "UK" is not a market in this workspace',
    'Markets in this workspace: US',
  ],
  ['empty target', (d) => (ev(d).target = {}), 'events[0].target: names no channel or market', 'all'],
  [
    'unknown halo channel',
    (d) => (ev(d).halo = { etsy: 0.1 }),
    'events[0].halo.etsy: "etsy" is not a channel in this workspace',
    'Channels in this workspace',
  ],
  [
    'halo share above 1',
    (d) => (ev(d).halo.amazon = 2),
    'events[0].halo.amazon: 2 is outside [0, 1]',
    'halo',
  ],
  [
    'unknown location',
    (d) => (ev(d).stranded[0].location = 'FBA-EU'),
    'events[0].stranded[0].location: "FBA-EU" is not a location in this workspace',
    'FBT-US',
  ],
  [
    'location listed twice',
    (d) => ev(d).stranded.push({ location: 'FBT-US', release_after_days: 5 }),
    'events[0].stranded[1].location: FBT-US is already listed in stranded[0]',
    'once',
  ],
  [
    'lognormal p90 below median',
    (d) => (ev(d).duration.days.lognormal.p90 = 20),
    'events[0].duration.days.lognormal.p90: 20 is below the median 30',
    'median',
  ],
  [
    'uniform reversed',
    (d) => (ev(d).duration.days = { uniform: [7, 3] }),
    'events[0].duration.days.uniform: 7 is more than 3',
    'MIN, MAX',
  ],
  [
    'uniform with text',
    (d) => (ev(d).duration.days = { uniform: [1, 'x'] }),
    'events[0].duration.days.uniform[1]: "x" is not a number',
    'docs/scenarios.md',
  ],
  [
    'days in no known form',
    (d) => (ev(d).duration.days = { normal: 3 }),
    'events[0].duration.days: a mapping is not a number of days, { uniform: [MIN, MAX] } or { lognormal: { median: M, p90: P } }',
    'docs/scenarios.md',
  ],
  [
    'negative days',
    (d) => (ev(d).duration.days = -3),
    'events[0].duration.days: -3 is outside [0, 36500]',
    'docs/scenarios.md',
  ],
  [
    'days missing when not permanent',
    (d) => delete ev(d).duration.days,
    'events[0].duration.days: missing: the event is not surely permanent (permanent: 0.4)',
    'permanent: 1',
  ],
  ['duration missing', (d) => delete ev(d).duration, 'events[0].duration: missing', 'permanent'],
];

describe('a malformed event is refused with the exact key path', () => {
  test.each(CASES)('%s', (_why, breakIt, message, hintWord) => {
    const doc = baseScenario();
    breakIt(doc);
    const error = problemOf(doc);
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(`test.yaml: ${message}`);
    expect(error.hint).toContain(hintWord);
  });
});
