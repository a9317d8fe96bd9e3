import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import {
  baseScenario,
  ev,
  FACTS,
  problemOf,
  type Case,
} from '../../test/fixtures/scenarios/malformed-kit.js';
import { parseScenario } from './index.js';

// Run settings, dates, ids, library ids and correlations.
const CASES: Case[] = [
  ['unknown top-level key', (d) => (d.horizon = 90), 'horizon: unknown key', 'horizon_days'],
  [
    'impossible date',
    (d) => (ev(d).onset = '2025-02-30'),
    'events[0].onset: "2025-02-30" is not a date (YYYY-MM-DD)',
    'YYYY-MM-DD',
  ],
  [
    'date as a number',
    (d) => (ev(d).onset = 20250119),
    'events[0].onset: 20250119 is not a date (YYYY-MM-DD) or { between: [FROM, TO] }',
    'between',
  ],
  [
    'bad start',
    (d) => (d.start = '10/01/2025'),
    'start: "10/01/2025" is not a date (YYYY-MM-DD)',
    'YYYY-MM-DD',
  ],
  [
    'bad date inside between',
    (d) => (ev(d, 1).onset.between[1] = '2025-13-01'),
    'events[1].onset.between[1]: "2025-13-01" is not a date (YYYY-MM-DD)',
    'YYYY-MM-DD',
  ],
  [
    'between reversed',
    (d) => (ev(d, 1).onset.between = ['2025-05-01', '2025-02-01']),
    'events[1].onset.between: 2025-05-01 is after 2025-02-01',
    'EARLIER',
  ],
  [
    'between with one date',
    (d) => (ev(d, 1).onset.between = ['2025-05-01']),
    'events[1].onset.between: has 1 items, needs at least 2',
    'between',
  ],
  [
    'unknown library id',
    (d) => (d.events[0] = { use: 'tiktok-us-2024' }),
    'events[0].use: "tiktok-us-2024" is not a library event',
    'Did you mean tiktok-us-2025?',
  ],
  [
    'duplicate event ids',
    (d) => (ev(d, 1).id = 'ban'),
    'events[1].id: "ban" is already used by events[0]',
    'own id',
  ],
  [
    'id with a space',
    (d) => (ev(d).id = 'tiktok ban'),
    'events[0].id: "tiktok ban" is not a valid id (letters, digits, "." "_" "-", at most 64)',
    'tiktok-ban',
  ],
  [
    'correlation names an unknown event',
    (d) => (d.correlations = [['ban', 'feez', 0.5]]),
    'correlations[0][1]: "feez" is not an event in this file',
    'ban, fees',
  ],
  [
    'correlation above 1',
    (d) => (d.correlations = [['ban', 'fees', 1.5]]),
    'correlations[0][2]: 1.5 is outside [-1, 1]',
    'RHO',
  ],
  [
    'correlation with itself',
    (d) => (d.correlations = [['ban', 'ban', 0.5]]),
    'correlations[0][1]: an event cannot be correlated with itself',
    'two different',
  ],
  [
    'pair given twice',
    (d) => d.correlations.push(['fees', 'ban', 0.2]),
    'correlations[1]: fees and ban are already correlated in correlations[0]',
    'once',
  ],
  [
    'correlation too short',
    (d) => (d.correlations = [['ban', 'fees']]),
    'correlations[0]: has 2 items, needs at least 3',
    'RHO',
  ],
  ['noise unknown', (d) => (d.noise = 'poisson'), 'noise: "poisson" is not one of negbin, none', 'negbin'],
  [
    'horizon not whole',
    (d) => (d.horizon_days = 2.5),
    'horizon_days: 2.5 is not a whole number in [1, 3650]',
    '180',
  ],
  [
    'events not a list',
    (d) => (d.events = { ban: {} }),
    'events: a mapping is not a list',
    'docs/scenarios.md',
  ],
  [
    'market shock probability',
    (d) => (d.market_shocks = { probability: 2, severity: 0.1, days: 7 }),
    'market_shocks.probability: 2 is outside [0, 1]',
    'chance',
  ],
  [
    'cash for an unknown channel',
    (d) => (d.cash = { opening: 1000, payout_delay_days: { etsy: 14 } }),
    'cash.payout_delay_days.etsy: "etsy" is not a channel in this workspace',
    'Channels',
  ],
];

describe('a malformed file is refused with the exact key path', () => {
  test.each(CASES)('%s', (_why, breakIt, message, hintWord) => {
    const doc = baseScenario();
    breakIt(doc);
    const error = problemOf(doc);
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe(`test.yaml: ${message}`);
    expect(error.hint).toContain(hintWord);
  });
});

test('the base file itself parses, so each case fails for its own reason', () => {
  expect(parseScenario(stringify(baseScenario()), FACTS, 'test.yaml').events).toHaveLength(2);
});

describe('rules that need the whole file', () => {
  test('no start and no orders', () => {
    const doc = baseScenario();
    delete doc.start;
    expect(problemOf(doc, { ...FACTS, lastOrderDate: null }).message).toBe(
      'test.yaml: start: missing, and the workspace has no orders to start after',
    );
  });

  test('correlations that contradict each other (no joint distribution)', () => {
    const doc = baseScenario();
    doc.events.push({ ...ev(doc, 1), id: 'third' });
    doc.correlations = [
      ['ban', 'fees', 0.9],
      ['fees', 'third', 0.9],
      ['ban', 'third', -0.9],
    ];
    expect(problemOf(doc).message).toBe(
      'test.yaml: correlations: the coefficients contradict each other (no joint distribution has them all)',
    );
  });

  test('the first problem in the file is the one reported', () => {
    const doc = baseScenario();
    ev(doc).probability = 2;
    ev(doc, 1).probability = 3;
    expect(problemOf(doc).message).toBe('test.yaml: events[0].probability: 2 is outside [0, 1]');
  });
});
