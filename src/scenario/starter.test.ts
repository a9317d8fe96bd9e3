import { describe, expect, test } from 'vitest';
import { parseScenario, starterScenario, type WorkspaceFacts } from './index.js';

const SELLER: WorkspaceFacts = {
  channels: ['tiktok-shop', 'amazon', 'shopify', 'temu', 'shein'],
  markets: ['US', 'BR'],
  locations: ['FBT-US', 'FBA-US'],
  lastOrderDate: '2025-01-09',
};

/** The starter must parse against the facts it was written for: that is its whole contract. */
const roundTrip = (facts: WorkspaceFacts, today?: string) =>
  parseScenario(starterScenario(facts, { today }), facts, 'starter.yaml');

describe('starterScenario', () => {
  test('a typical seller: a ban on TikTok Shop US diverting to the other channels', () => {
    const s = roundTrip(SELLER);
    expect(s.start).toBe('2025-01-10');
    const [event] = s.events;
    expect(event).toMatchObject({
      id: 'tiktok-shop-ban',
      target: { channels: ['tiktok-shop'], markets: ['US'] },
    });
    expect(event.onset).toEqual({ fromDay: 14, toDay: 90 });
    expect(event.diversion.map((d) => d.channel)).toEqual(['amazon', 'shopify']);
  });

  test('every key carries a comment', () => {
    const lines = starterScenario(SELLER).split('\n');
    for (const key of [
      'horizon_days',
      'paths',
      'seed',
      'noise',
      'dispersion',
      'probability',
      'severity',
      'permanent',
    ]) {
      expect(lines.find((l) => l.trimStart().startsWith(`${key}:`))).toMatch(/ # \S/);
    }
  });

  test('each suggested library event parses once uncommented', () => {
    const text = starterScenario(SELLER);
    const ids = [...text.matchAll(/# - use: (\S+)/g)].map((m) => m[1]);
    expect(ids).toEqual(['amazon-2021', 'tiktok-us-2025', 'us-de-minimis-2025']);
    for (const id of ids) {
      const uncommented = text.replace(new RegExp(`  # - use: ${id}(.*\\n)  #   `), `  - use: ${id}$1    `);
      expect(parseScenario(uncommented, SELLER, 'starter.yaml').events.map((e) => e.id)).toContain(id);
    }
  });

  test('no orders yet: start is written out, so the file still parses', () => {
    const s = roundTrip({ ...SELLER, lastOrderDate: null }, '2025-06-01');
    expect(s.start).toBe('2025-06-01');
  });

  test('no channels: an empty event list', () => {
    expect(
      roundTrip({ channels: [], markets: [], locations: [], lastOrderDate: null }, '2025-06-01').events,
    ).toEqual([]);
  });

  test('one channel, no markets: no diversion, target the channel everywhere', () => {
    const [event] = roundTrip({
      channels: ['etsy'],
      markets: [],
      locations: [],
      lastOrderDate: '2025-01-09',
    }).events;
    expect(event).toMatchObject({
      id: 'etsy-ban',
      target: { channels: ['etsy'], markets: 'all' },
      diversion: [],
    });
  });

  test('names YAML would misread (yes, numbers, spaces) are quoted', () => {
    const facts = {
      channels: ['yes', 'my shop', '123'],
      markets: ['NO'],
      locations: ['on'],
      lastOrderDate: '2025-01-09',
    };
    const [event] = roundTrip(facts).events;
    expect(event.target).toEqual({ channels: ['yes'], markets: ['NO'] });
    // Sorted: JavaScript orders integer-like keys ('123') first in a mapping, whatever the YAML order.
    expect(event.diversion.map((d) => d.channel).sort()).toEqual(['123', 'my shop']);
  });
});
