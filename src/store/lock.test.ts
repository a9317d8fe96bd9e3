import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { newDb, tempDir } from '../../test/workspace.js';

/** Another process holding the workspace file open (as `ballast serve` would) until its stdin closes. */
async function holder(db: string): Promise<ChildProcess> {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const instance = await DuckDBInstance.create(${JSON.stringify(db)});
    process.stdout.write('ready\\n');
    process.stdin.resume();
    process.stdin.on('end', () => { instance.closeSync(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error('the holder has no stdout');
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(String(chunk)).toMatch(/ready/);
  return child;
}

describe('a workspace another process holds', () => {
  const dir = tempDir();

  it('says it is busy, naming the holder, after a bounded wait; opens once it is let go', async () => {
    const db = newDb(dir);
    (await engine.openWorkspace(db)).close();
    const child = await holder(db);
    try {
      const error = await engine.openWorkspace(db, { lockWaitMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BallastError);
      expect((error as BallastError).code).toBe('busy');
      expect((error as BallastError).message).toMatch(
        new RegExp(`is busy: another process \\(pid ${child.pid}\\)`),
      );
      expect((error as BallastError).hint).toMatch(/ballast serve/);
      // Let go while a second open is still waiting: it gets the file instead of failing.
      const waiting = engine.openWorkspace(db, { lockWaitMs: 60_000 });
      child.stdin?.end();
      const ws = await waiting;
      expect((await ws.status()).files).toEqual([]);
      ws.close();
    } finally {
      child.kill();
    }
  });
});
