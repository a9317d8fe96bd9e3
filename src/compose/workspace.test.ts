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
