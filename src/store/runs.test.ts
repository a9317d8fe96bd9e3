import { describe, expect, it } from 'vitest';
import { newDb, tempDir } from '../../test/workspace.js';
import { latestRun, saveRun } from './runs.js';
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
});
