import { describe, expect, it } from 'vitest';
import { newDb, tempDir } from '../../test/workspace.js';
import { freeRunId, latestRun, readRun, saveRun } from './runs.js';
import { Workspace } from './workspace.js';

const run = (runId: string) => ({
  runId,
  scenarioName: 'ban',
  scenarioSha256: 'sha',
  settings: {},
  summary: { runId },
});

describe('stored runs', () => {
  const dir = tempDir();

  it('calls the last run stored the latest, even when two share a timestamp', async () => {
    const ws = await Workspace.open(newDb(dir));
    try {
      // One transaction gives both rows the same now(); the run ids sort against the order stored,
      // so a tie broken by id (as before) would pick the first run.
      await ws.transaction(async () => {
        await saveRun(ws, 'plan', run('run-b'));
        await saveRun(ws, 'plan', run('run-a'));
      });
      expect((await latestRun(ws, 'plan'))?.runId).toBe('run-a');
      await saveRun(ws, 'plan', run('run-0'));
      expect((await latestRun(ws, 'plan'))?.runId).toBe('run-0');
      expect(await latestRun(ws, 'simulation')).toBeNull();
    } finally {
      ws.close();
    }
  });

  it('gives a run whose id is taken (same scenario, same second) the next free suffix', async () => {
    const ws = await Workspace.open(newDb(dir));
    try {
      const id = 'sim-20261208045000-0123abcd';
      for (let i = 0; i < 3; i++) await saveRun(ws, 'simulation', run(await freeRunId(ws, 'simulation', id)));
      expect((await latestRun(ws, 'simulation'))?.runId).toBe(`${id}-3`);
      expect((await readRun(ws, `${id}-2`))?.runId).toBe(`${id}-2`);
      // Ids are per kind, and another scenario's id that merely starts the same is not a clash.
      expect(await freeRunId(ws, 'plan', id)).toBe(id);
      expect(await freeRunId(ws, 'simulation', 'sim-20261208045000')).toBe('sim-20261208045000');
    } finally {
      ws.close();
    }
  });
});
