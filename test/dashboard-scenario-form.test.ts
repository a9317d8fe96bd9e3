import { describe, expect, it } from 'vitest';
import { addLibraryEvent, applyEdit, readEvents } from '../web/src/pages/scenario-form.js';

/** The dashboard's scenario form writes YAML through the yaml Document API: the user's comments stay. */
const SCENARIO = `# Lumora Home, January 2025
name: ban
start: 2025-01-18
events:
  - id: tiktok-ban
    use: tiktok-us-2025   # the library's branches
    diversion:
      amazon: { share: 0.25, ramp_days: 14 }
  - id: de-minimis
    use: us-de-minimis-2025
    probability: 0.6      # proposed in Congress
    duration: { days: { uniform: [7, 30] } }
`;

describe('the scenario form', () => {
  it('reads each event’s common settings, unknown where the library supplies them', () => {
    expect(readEvents(SCENARIO)?.events).toEqual([
      {
        index: 0,
        id: 'tiktok-ban',
        probability: null,
        durationDays: null,
        severity: null,
        diversion: { amazon: 0.25 },
      },
      { index: 1, id: 'de-minimis', probability: 0.6, durationDays: null, severity: null, diversion: {} },
    ]);
    expect(readEvents('events: [\n')).toBeNull(); // broken YAML: the form waits for a readable file
  });

  it('changes one setting and keeps every comment and the flow style', () => {
    const edited = applyEdit(SCENARIO, 1, { field: 'probability', value: 0.5 });
    expect(edited).toContain('probability: 0.5 # proposed in Congress');
    expect(edited).toContain('# Lumora Home, January 2025');
    expect(edited).toContain('use: tiktok-us-2025 # the library');

    const shares = applyEdit(
      applyEdit(SCENARIO, 0, { field: 'diversion', channel: 'amazon', value: 0.3 }),
      0,
      { field: 'diversion', channel: 'temu', value: 0.05 },
    );
    expect(shares).toContain('amazon: { share: 0.3, ramp_days: 14 }');
    expect(shares).toContain('temu: { share: 0.05 }');

    // A fixed duration replaces the distribution it had.
    const days = applyEdit(SCENARIO, 1, { field: 'durationDays', value: 45 });
    expect(readEvents(days)?.events[1]?.durationDays).toBe(45);
    expect(days).not.toContain('uniform');
  });

  it('adds a library event under a free id', () => {
    const once = addLibraryEvent(SCENARIO, 'india-2020');
    const twice = addLibraryEvent(once, 'india-2020');
    expect(readEvents(twice)?.events.map((e) => e.id)).toEqual([
      'tiktok-ban',
      'de-minimis',
      'india-2020',
      'india-2020-2',
    ]);
    expect(twice).toContain('# proposed in Congress');
    expect(readEvents(addLibraryEvent('name: new\n', 'amazon-2021'))?.events.map((e) => e.id)).toEqual([
      'amazon-2021',
    ]);
  });
});
