/**
 * The normal suite's fast subset of `npm run fuzz` and `npm run crash` (docs/reliability.md): a few
 * dozen mutated exports, and one real `ballast import` process SIGKILLed while it works. The full
 * runs (10,000 files, 75 kills) are scripts, not tests: they take hours here.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../src/engine.js';
import { asBallastError } from '../src/errors.js';
import { mulberry32 } from '../src/random.js';
import { mutate } from '../reliability/mutate.js';
import { bigOrdersCsv } from '../reliability/workloads.js';
import { fixture, newDb, tempDir } from './workspace.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'ballast.js');
const dir = tempDir('ballast-reliability-');

/** Every CSV fixture of these readers, in name order (the mutations depend on nothing else). */
function sources(): string[] {
  return ['generic', 'shopify', 'amazon', 'etsy', 'tiktok', 'ebay'].flatMap((reader) =>
    readdirSync(fixture(reader))
      .filter((name) => name.endsWith('.csv'))
      .sort()
      .map((name) => fixture(reader, name)),
  );
}

describe('mutated exports (a fast subset of npm run fuzz)', () => {
  it('imports each of 30 or refuses it with a message, leaving the totals as they were', async () => {
    const ws = await engine.openWorkspace(newDb(dir));
    try {
      await ws.importFiles([fixture('generic', 'optional-columns-crlf.csv')]);
      const totals = async () => JSON.stringify((await ws.status()).totals);
      const files = sources();
      const random = mulberry32(17);
      for (let i = 0; i < 30; i++) {
        const source = files[Math.floor(random() * files.length)];
        const { bytes, names } = mutate(readFileSync(source), false, random);
        const path = join(dir, `mutated-${i}${extname(source)}`);
        writeFileSync(path, bytes);
        const before = await totals();
        try {
          await ws.importFiles([path]);
        } catch (error) {
          const e = asBallastError(error);
          // A bug (exit 2) names the mutation so the failure can be rebuilt.
          expect(e.isUserError, `${source} with ${names.join(', ')}: ${e.message}`).toBe(true);
          expect(await totals()).toBe(before);
        }
      }
    } finally {
      ws.close();
    }
  });
});

describe('a killed import (a fast subset of npm run crash)', () => {
  it('leaves a workspace that passes its check and holds the lines from before, or all of the new ones', async () => {
    const db = newDb(dir);
    await engine.importFiles(db, [fixture('generic', 'optional-columns-crlf.csv')]);
    const linesBefore = (await engine.status(db)).totals.reduce((n, t) => n + t.lines, 0);
    const big = join(dir, 'big.csv');
    bigOrdersCsv(big, 300_000);
    const child = spawn(process.execPath, [BIN, '--db', db, 'import', big], { stdio: 'ignore' });
    // Killed when the write-ahead log appears (inside the commit) or after 1.5 s, whichever is first:
    // either way the workspace must be whole, so the test does not depend on which came first.
    const started = Date.now();
    const poll = setInterval(() => {
      if (existsSync(`${db}.wal`) || Date.now() - started > 1_500) child.kill('SIGKILL');
    }, 5);
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_, s) => resolve(s)),
    );
    clearInterval(poll);
    expect([null, 'SIGKILL']).toContain(signal);

    const report = await engine.check(db);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    const lines = (await engine.status(db)).totals.reduce((n, t) => n + t.lines, 0);
    expect([linesBefore, linesBefore + 300_000]).toContain(lines);
    // And the next command works: the same file imports whole (or is recognised as imported).
    await engine.importFiles(db, [big]);
    expect((await engine.status(db)).totals.reduce((n, t) => n + t.lines, 0)).toBe(linesBefore + 300_000);
  });
});
