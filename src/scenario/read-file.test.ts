import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BallastError } from '../errors.js';
import { readScenarioFile } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function problemOf(path: string): Promise<BallastError> {
  const error: unknown = await readScenarioFile(path).then(
    () => new Error('read without a problem'),
    (e: unknown) => e,
  );
  if (error instanceof BallastError) return error;
  throw error;
}

describe('readScenarioFile', () => {
  test('reads UTF-8 text and drops a byte-order mark', async () => {
    const path = join(dir, 'bom.yaml');
    writeFileSync(path, '\uFEFFname: café\n');
    expect(await readScenarioFile(path)).toBe('name: café\n');
  });

  test('a missing file is not-found, with a hint', async () => {
    const error = await problemOf(join(dir, 'nope.yaml'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`${join(dir, 'nope.yaml')}: no such file`);
    expect(error.hint).toContain('ballast scenario new');
  });

  test('bytes that are not UTF-8 (a GBK-encoded file) are bad-file', async () => {
    const path = join(dir, 'gbk.yaml');
    writeFileSync(path, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]));
    const error = await problemOf(path);
    expect(error.code).toBe('bad-file');
    expect(error.hint).toContain('UTF-8');
  });

  test('a directory is bad-file, not a crash', async () => {
    expect((await problemOf(dir)).code).toBe('bad-file');
  });
});
