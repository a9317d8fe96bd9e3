import { describe, expect, test } from 'vitest';
import { BallastError } from '../errors.js';
import { listEvents, parseScenario, type Scenario, type WorkspaceFacts } from './index.js';
import { present } from '../errors.js';

/** Facts that hold every channel, market and location the library names. */
const ALL: WorkspaceFacts = {
  channels: ['tiktok-shop', 'amazon', 'temu', 'shein', 'shopify'],
  markets: ['US', 'IN', 'ID'],
  locations: ['FBA-US', 'FBT-US'],
  lastOrderDate: '2025-01-09',
};

const parse = (text: string, facts: WorkspaceFacts = ALL): Scenario => parseScenario(text, facts, 'lib.yaml');

function problemOf(text: string, facts: WorkspaceFacts): BallastError {
  try {
    parse(text, facts);
  } catch (error) {
    if (error instanceof BallastError) return error;
    throw error;
  }
  throw new Error('parsed without a problem');
}

/** Facts holding exactly what one entry names: the seller sells where the event hit, nothing more. */
function factsFor(id: string): WorkspaceFacts {
  const { target, stranded } = present(
    listEvents().find((e) => e.id === id),
    `library entry ${id}`,
  ).event;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
  return {
    channels: list(target.channel).filter((c) => c !== 'all'),
    markets: list(target.market).filter((m) => m !== 'all'),
    locations: (stranded ?? []).map((s) => s.location),
    lastOrderDate: '2025-01-09',
  };
}

describe('the library', () => {
  test('holds the five entries of docs/scenarios.md', () => {
    expect(
      listEvents()
        .map((e) => e.id)
        .sort(),
    ).toEqual(['amazon-2021', 'india-2020', 'indonesia-2023', 'tiktok-us-2025', 'us-de-minimis-2025'].sort());
  });

  test.each(listEvents().map((e) => [e.id, e] as const))(
    '%s is documented and parses against its own channels',
    (id, entry) => {
      expect(entry.title.length).toBeGreaterThan(10);
      expect(entry.summary.length).toBeGreaterThan(50);
      expect(entry.calibratedOn.length).toBeGreaterThan(50);
      expect(entry.sources.length).toBeGreaterThan(0);
      for (const url of entry.sources) expect(url).toMatch(/^https?:\/\/\S+$/);
      const before = structuredClone(entry.event);
      const [event] = parse(`events:\n  - use: ${id}\n`, factsFor(id)).events;
      expect(event.id).toBe(id);
      expect(event.source).toBe(id);
      expect(event.label).toBe(entry.event.label);
      expect(event.probability).toBe(entry.event.probability);
      if (event.branches.length > 0)
        expect(event.branches.reduce((s, b) => s + b.weight, 0)).toBeCloseTo(1, 12);
      expect(entry.event).toEqual(before); // merging never writes into the library
    },
  );

  test('tiktok-us-2025 resolves its branches over the base outcome', () => {
    const [event] = parse('events:\n  - use: tiktok-us-2025\n').events;
    expect(event.onset).toEqual({ fromDay: 9, toDay: 9 });
    expect(event.preOnset).toEqual({ days: 7, uplift: 0.15 });
    const byId = Object.fromEntries(event.branches.map((b) => [b.id, b]));
    expect(byId.blackout).toMatchObject({
      weight: 0.25,
      severity: 1,
      duration: { permanent: 0, days: { kind: 'uniform', min: 0.5, max: 0.6 } },
      recovery: { days: 1.2, level: 1 },
    });
    expect(byId['app-store-removal']).toMatchObject({
      severity: 0.1,
      duration: { days: { kind: 'fixed', days: 26 } },
      recovery: { days: 30, level: 1 },
    });
    expect(byId.deferral).toMatchObject({ severity: 0, duration: { days: { kind: 'fixed', days: 75 } } });
    expect(byId['permanent-ban']).toMatchObject({ severity: 1, duration: { permanent: 1, days: null } });
  });
});

describe('use: with overrides', () => {
  test('fields beside use: override; mappings merge; lists and onset replace', () => {
    const text = [
      'events:',
      '  - use: amazon-2021',
      '    id: my-suspension',
      '    probability: 0.05',
      '    onset: 2025-03-01',
      '    target: { market: US }',
      '    stranded: [{ location: FBT-US, release_after_days: 10 }]',
    ].join('\n');
    const [event] = parse(text).events;
    expect(event).toMatchObject({
      id: 'my-suspension',
      source: 'amazon-2021',
      probability: 0.05,
      severity: 1,
    });
    expect(event.onset).toEqual({ fromDay: 50, toDay: 50 });
    expect(event.target).toEqual({ channels: ['amazon'], markets: ['US'] }); // channel kept from the library
    expect(event.stranded).toEqual([{ location: 'FBT-US', releaseAfterDays: 10, costPerUnit: 0 }]);
  });

  test('duration.days replaces whole; recovery merges key by key; branches: [] drops them', () => {
    const text = [
      'events:',
      '  - use: indonesia-2023',
      '    onset: 2025-02-01',
      '    duration: { days: { uniform: [30, 90] } }',
      '    recovery: { level: 0.5 }',
      '  - use: tiktok-us-2025',
      '    branches: []',
    ].join('\n');
    const [indonesia, tiktok] = parse(text).events;
    expect(indonesia.duration).toEqual({ permanent: 0, days: { kind: 'uniform', min: 30, max: 90 } });
    expect(indonesia.recovery).toEqual({ days: 90, level: 0.5 });
    expect(tiktok.branches).toEqual([]);
    expect(tiktok.severity).toBe(0.1);
  });

  test('a library channel the seller does not sell on is refused, with a hint to override target', () => {
    const error = problemOf('events:\n  - use: tiktok-us-2025\n', { ...ALL, channels: ['amazon'] });
    expect(error.message).toBe(
      'lib.yaml: events[0].target.channel: "tiktok-shop" is not a channel in this workspace (from library entry tiktok-us-2025)',
    );
    expect(error.hint).toContain('Override `target` beside `use: tiktok-us-2025`');
  });

  test('de minimis on a Temu-only seller: refused until target is narrowed', () => {
    const facts = { ...ALL, channels: ['temu'] };
    expect(problemOf('events:\n  - use: us-de-minimis-2025\n', facts).message).toBe(
      'lib.yaml: events[0].target.channel[1]: "shein" is not a channel in this workspace (from library entry us-de-minimis-2025)',
    );
    const [event] = parse(
      'events:\n  - use: us-de-minimis-2025\n    target: { channel: temu }\n',
      facts,
    ).events;
    expect(event.target).toEqual({ channels: ['temu'], markets: ['US'] });
    expect(event.costs.landedCostPct).toBe(0.3);
  });

  test('a library location the workspace lacks points at stranded', () => {
    const error = problemOf('events:\n  - use: amazon-2021\n', { ...ALL, locations: ['AMZ-1'] });
    expect(error.message).toBe(
      'lib.yaml: events[0].stranded[0].location: "FBA-US" is not a location in this workspace (from library entry amazon-2021)',
    );
    expect(error.hint).toContain('Override `stranded`');
  });

  test('the same entry twice needs ids of its own', () => {
    const error = problemOf('events:\n  - use: india-2020\n  - use: india-2020\n', ALL);
    expect(error.message).toBe(
      'lib.yaml: events[1].id: "india-2020" is already used by events[0] (from library entry india-2020)',
    );
  });

  test('a problem in an overriding field is the file’s own, without the library note', () => {
    const error = problemOf('events:\n  - use: india-2020\n    probability: 1.5\n', ALL);
    expect(error.message).toBe('lib.yaml: events[0].probability: 1.5 is outside [0, 1]');
  });
});
