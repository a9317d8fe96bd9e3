import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { fixture, newDb, tempDir } from '../../test/workspace.js';

/**
 * A workspace held open (the server's) remembers its status and exposure answers and keeps read
 * connections ready: what it answers must still be what the file holds after every write.
 */
describe('a workspace held open', () => {
  const dir = tempDir();

  it('answers status and exposure from what the file holds after each import', async () => {
    const ws = await engine.openWorkspace(newDb(dir));
    try {
      expect((await ws.status()).files).toEqual([]);
      expect((await ws.exposure()).byChannel).toEqual([]);
      await ws.importFiles([fixture('generic/optional-columns-crlf.csv')]);
      expect((await ws.status()).files.map((f) => f.name)).toEqual(['optional-columns-crlf.csv']);
      const before = await ws.exposure({ window: 365 });
      expect(before.byChannel.length).toBeGreaterThan(0);
      await ws.importFiles([fixture('generic/country-names-spanish.csv')]);
      expect((await ws.status()).files).toHaveLength(2);
      const exposure = await ws.exposure({ window: 365 });
      expect(exposure).not.toEqual(before);
      expect(exposure).toEqual(await engine.exposure(ws.path, { window: 365 }));
      // The same question twice: equal answers, and neither caller can change the other's.
      const again = await ws.exposure({ window: 365 });
      expect(again).toEqual(exposure);
      again.byChannel.length = 0;
      expect((await ws.exposure({ window: 365 })).byChannel).toEqual(exposure.byChannel);
      // Concurrent reads share nothing that breaks them.
      const many = await Promise.all(Array.from({ length: 8 }, (_, i) => ws.exposure({ window: 30 + i })));
      expect(many.map((r) => r.to)).toEqual(Array(8).fill(exposure.to));
    } finally {
      ws.close();
    }
  });
});

/**
 * Readers during a write (the dashboard polling while an upload imports): each answer is the workspace
 * before the import or after it, never a state between, since the import is one transaction and each
 * read runs on a connection of its own.
 */
describe('reads during an import', () => {
  const dir = tempDir();

  it('see the state before or after it, never between', { timeout: 300_000 }, async () => {
    const big = join(dir, 'row-groups.csv');
    const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
    // More than one DuckDB row group (122,880 rows), so the import appends in several pieces.
    for (let i = 0; i < 150_000; i++) rows.push(`C-${i},2024-03-01,SKU-${i % 40},1,9.50,USD,etsy,US`);
    writeFileSync(big, rows.join('\n') + '\n');
    const ws = await engine.openWorkspace(newDb(dir));
    try {
      await ws.importFiles([fixture('generic/optional-columns-crlf.csv')]);
      const lines = async () => (await ws.status()).totals.reduce((sum, t) => sum + t.lines, 0);
      const before = await lines();
      let done = false;
      const importing = ws.importFiles([big]).finally(() => (done = true));
      const seen = new Set<number>();
      while (!done) {
        seen.add(await lines());
        // A remembered answer resolves at once: let the import's own callbacks run between reads.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await importing;
      const after = await lines();
      expect(after).toBe(before + 150_000);
      expect([...seen].filter((n) => n !== before && n !== after)).toEqual([]);
      expect(seen.has(before)).toBe(true);
    } finally {
      ws.close();
    }
  });
});
