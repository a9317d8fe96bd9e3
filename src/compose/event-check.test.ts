import { describe, expect, it } from 'vitest';
import { listEvents } from '../scenario/index.js';
import { present } from '../errors.js';
import { checkEntry, checkEvents } from './event-check.js';

const entry = (id: string) =>
  present(
    listEvents().find((e) => e.id === id),
    `library entry ${id}`,
  );

describe('events --check', () => {
  it('covers every observed fact of every library entry', () => {
    const { events } = checkEvents();
    expect(events.map((e) => e.id)).toEqual(listEvents().map((e) => e.id));
    const missed = events.flatMap((e) =>
      e.facts.filter((f) => !f.covered).map((f) => `${e.id}: ${f.name} ${f.observed} ∉ [${f.p5}, ${f.p95}]`),
    );
    expect(missed).toEqual([]);
    for (const e of events) expect(e.facts.length).toBeGreaterThan(0);
  });

  it('reads the quantities off the simulated paths as worked by hand', () => {
    const india = checkEntry(entry('india-2020'));
    // Permanent with severity 1: always permanent, all demand lost in the first month.
    expect(india.facts.map((f) => [f.p5, f.p95])).toEqual([
      [1, 1],
      [-1, -1],
    ]);
    const tiktok = checkEntry(entry('tiktok-us-2025'));
    const pull = tiktok.facts.find((f) => f.name.startsWith('Shop sales pulled forward'));
    expect([pull?.p5, pull?.p95]).toEqual([0.15, 0.15]); // pre_onset: 7 days at +15 % on every branch
  });

  it('flags a fact outside the range', () => {
    const indonesia = entry('indonesia-2023');
    const shorter = { ...indonesia, event: { ...indonesia.event, duration: { permanent: 0, days: 30 } } };
    const length = checkEntry(shorter).facts.find((f) => f.name.startsWith('days closed'));
    expect([length?.p5, length?.p95, length?.covered]).toEqual([30, 30, false]);
  });
});
