import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { runCli } from '../../test/cli.js';
import { fixture, importFails, tempDir } from '../../test/workspace.js';

/**
 * A full disk during an import: the workspace and the temporary copies on small RAM disks (tmpfs).
 * Mounting needs root; elsewhere the test is skipped, saying why.
 */
const dir = tempDir('ballast-full-disk-');
function mountTmpfs(name: string, size: string): string | undefined {
  const path = join(dir, name);
  mkdirSync(path);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]);
  return r.status === 0 ? path : undefined;
}
const disk = mountTmpfs('disk', '4m');
const tmp = mountTmpfs('tmp', '1m');
afterAll(() => {
  for (const path of [disk, tmp]) if (path) spawnSync('umount', [path]);
});

const lines = (report: engine.StatusReport) => report.totals.reduce((s, t) => s + t.lines, 0);
const bigCsv = (name: string, count: number) => {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let i = 0; i < count; i++) rows.push(`F-${i},2024-03-01,SKU-${i % 50},1,9.50,USD,etsy,US`);
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
};

describe.skipIf(!disk || !tmp)('a full disk (needs root to mount a tmpfs)', () => {
  it('stops an import with exit 1 naming the disk, and leaves the workspace as it was', async () => {
    const db = join(disk ?? '', 'shop.duckdb');
    await engine.importFiles(db, [
      fixture('inputs', 'fx.csv'),
      fixture('generic', 'optional-columns-crlf.csv'),
    ]);
    const before = await engine.status(db);
    const error = await importFails(db, [bigCsv('too-big-for-the-disk.csv', 150_000)]);
    expect(error.code).toBe('disk-full');
    expect(error.isUserError).toBe(true);
    expect(error.message).toMatch(new RegExp(`no space left on the disk holding ${disk}`));
    expect(error.hint).toMatch(/Free some space/);
    const after = await engine.status(db);
    expect(lines(after)).toBe(lines(before));
    expect(after.files).toEqual(before.files);
    expect((await engine.check(db)).ok).toBe(true);
  }, 300_000);

  it('names the file it was writing when the temporary copy fills the disk', async () => {
    // A UTF-16 export is transcoded into a copy in TMPDIR; 2 MB of it does not fit in 1 MB.
    const text = (await import('node:fs')).readFileSync(bigCsv('utf16-source.csv', 30_000), 'utf8');
    const source = join(dir, 'utf-16-export.csv');
    writeFileSync(source, iconv.encode(text, 'utf-16le', { addBOM: true }));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const { code, err } = await runCli('--db', join(dir, 'unused.duckdb'), 'import', source);
      expect(code).toBe(1);
      expect(err).toMatch(
        new RegExp(`no space left on the disk holding ${tmp}/ballast-import-\\d+-\\w+/0\\.csv \\(ENOSPC\\)`),
      );
    } finally {
      process.env.TMPDIR = saved;
    }
  }, 300_000);
});
