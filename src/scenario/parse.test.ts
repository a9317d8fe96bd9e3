import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeScenario, eventOutcomes, parseScenario, type WorkspaceFacts } from './index.js';

const EXAMPLE_FACTS: WorkspaceFacts = {
  channels: ['tiktok-shop', 'amazon', 'shopify', 'temu', 'shein'],
  markets: ['US'],
  locations: ['FBT-US'],
  lastOrderDate: '2025-01-09',
};
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../test/fixtures/scenarios', name), 'utf8');

describe('the example of docs/scenarios.md', () => {
  const scenario = parseScenario(fixture('spec-example.yaml'), EXAMPLE_FACTS, 'spec-example.yaml');

  test('run settings', () => {
    expect(scenario).toMatchObject({
      name: 'TikTok US ban, January 2025',
      start: '2025-01-10',
      horizonDays: 180,
      paths: 20000,
      seed: 42,
      noise: 'negbin',
      dispersion: 10,
      warnings: [],
    });
  });

  test('the ban event, with dates as day indexes from start', () => {
    const ban = scenario.events[0];
    expect(ban).toMatchObject({
      id: 'tiktok-ban',
      target: { channels: ['tiktok-shop'], markets: ['US'] },
      probability: 0.7,
      onset: { fromDay: 9, toDay: 9 },
      duration: { permanent: 0.4, days: { kind: 'lognormal', median: 30, p90: 120 } },
      severity: 1,
      recovery: { days: 14, level: 0.8 },
      preOnset: { days: 3, uplift: 0.4 },
      branches: [],
    });
    expect(ban.diversion).toEqual([
      { channel: 'amazon', share: 0.25, rampDays: 14 },
      { channel: 'shopify', share: 0.05, rampDays: 30 },
    ]);
    expect(ban.halo).toEqual([{ channel: 'amazon', share: 0.15 }]);
    expect(ban.stranded).toEqual([{ location: 'FBT-US', releaseAfterDays: 30, costPerUnit: 1.2 }]);
  });

  test('the de-minimis event: a window, permanent, a pure cost shock (severity defaults to 0)', () => {
    expect(scenario.events[1]).toMatchObject({
      target: { channels: ['temu', 'shein'], markets: ['US'] },
      onset: { fromDay: 22, toDay: 111 },
      duration: { permanent: 1, days: null },
      severity: 0,
      costs: { landedCostPct: 0.3, feePct: 0, feePerUnit: 0 },
    });
    expect(scenario.correlations).toEqual([{ a: 'tiktok-ban', b: 'de-minimis', rho: 0.5 }]);
  });

  test('described in plain English', () => {
    const lines = describeScenario(scenario);
    expect(lines[0]).toBe(
      'TikTok US ban, January 2025: 180 days from 2025-01-10, 20,000 paths, seed 42, negative-binomial noise (k = 10).',
    );
    expect(lines).toContain('tiktok-ban: Hits tiktok-shop in US; 70% chance, on 2025-01-19 (day 9).');
    expect(lines).toContain(
      '  40% chance permanent, else lasts typically 30 days, 90% under 120 days; 100% of demand lost; then back to 80% of baseline over 14 days.',
    );
    expect(lines).toContain('tiktok-ban and de-minimis are correlated at 0.5.');
  });
});

describe('defaults', () => {
  test('an empty event list: every run setting defaulted, start the day after the last order', () => {
    const s = parseScenario(
      'events: []\n',
      { ...EXAMPLE_FACTS, lastOrderDate: '2025-01-31T23:10:00Z' },
      'plans/what-if.yaml',
    );
    expect(s).toEqual({
      name: 'what-if',
      start: '2025-02-01',
      horizonDays: 180,
      paths: 10000,
      seed: 1,
      noise: 'negbin',
      dispersion: 10,
      events: [],
      correlations: [],
      warnings: [],
    });
  });

  test('a minimal event', () => {
    const text =
      'events:\n  - { id: e, target: { channel: amazon }, probability: 1, onset: 2025-01-10, duration: { days: 5 } }\n';
    const [event] = parseScenario(text, EXAMPLE_FACTS, 'x.yaml').events;
    expect(event).toEqual({
      id: 'e',
      label: 'e',
      target: { channels: ['amazon'], markets: 'all' },
      probability: 1,
      onset: { fromDay: 0, toDay: 0 },
      duration: { permanent: 0, days: { kind: 'fixed', days: 5 } },
      severity: 1,
      recovery: { days: 0, level: 1 },
      diversion: [],
      halo: [],
      stranded: [],
      preOnset: { days: 0, uplift: 0 },
      costs: { landedCostPct: 0, feePct: 0, feePerUnit: 0 },
      branches: [],
    });
    expect(eventOutcomes(event)).toEqual([
      {
        id: 'e',
        label: 'e',
        weight: 1,
        duration: event.duration,
        severity: 1,
        recovery: event.recovery,
        diversion: [],
        halo: [],
        stranded: [],
      },
    ]);
  });

  test('optional settings are kept; decisions stay raw', () => {
    const text = [
      'start: 2025-01-10',
      'noise: none',
      'dispersion: 4',
      'market_shocks: { probability: 0.1, severity: 0.3, days: 7 }',
      'cash: { opening: 50000, payout_delay_days: { amazon: 14 } }',
      'loss_threshold: 20000',
      'decisions: { open: [walmart] }',
    ].join('\n');
    expect(parseScenario(text, EXAMPLE_FACTS, 'x.yaml')).toMatchObject({
      noise: 'none',
      dispersion: 4,
      marketShocks: { probability: 0.1, severity: 0.3, days: 7 },
      cash: { opening: 50000, payoutDelayDays: { amazon: 14 } },
      lossThreshold: 20000,
      decisions: { open: ['walmart'] },
    });
  });

  test('target all; a list with all is all; repeated names collapse', () => {
    const text =
      'events:\n  - { id: e, target: { channel: [amazon, amazon], market: [all, US] }, probability: 1, onset: 2025-01-10, duration: { permanent: 1 } }\n';
    expect(parseScenario(text, EXAMPLE_FACTS, 'x.yaml').events[0].target).toEqual({
      channels: ['amazon'],
      markets: 'all',
    });
  });
});

describe('onset outside the horizon: kept as is, with a warning', () => {
  const at = (onset: string) =>
    parseScenario(
      `start: 2025-01-10\nhorizon_days: 30\nevents:\n  - { id: e, target: { market: US }, probability: 1, onset: ${onset}, duration: { days: 5 } }\n`,
      EXAMPLE_FACTS,
      'x.yaml',
    );

  test('before start: negative day index', () => {
    const s = at('2025-01-01');
    expect(s.events[0].onset).toEqual({ fromDay: -9, toDay: -9 });
    expect(s.warnings).toEqual([
      'e: onset 2025-01-01 is before start 2025-01-10; it counts as under way on day 0 (and may be over).',
    ]);
  });

  test('after the horizon: cannot happen in this run', () => {
    const s = at('2025-03-01');
    expect(s.events[0].onset.fromDay).toBe(50);
    expect(s.warnings).toEqual([
      'e: onset 2025-03-01 is after the last simulated day; it cannot happen in this run.',
    ]);
  });

  test('the last simulated day is day horizon − 1, without a warning', () => {
    expect(at('2025-02-08').warnings).toEqual([]);
  });
});

test('a few YAML aliases are fine (repeating a block is what they are for)', () => {
  const text = [
    'start: 2025-01-10',
    'events:',
    '  - { id: a, target: &us { market: US }, probability: 1, onset: 2025-01-10, duration: &d { days: 5 } }',
    '  - { id: b, target: *us, probability: 1, onset: 2025-01-20, duration: *d }',
  ].join('\n');
  expect(parseScenario(text, EXAMPLE_FACTS, 'x.yaml').events[1].target).toEqual({
    channels: 'all',
    markets: ['US'],
  });
});
