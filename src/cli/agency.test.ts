/** Server mode's commands: their flags checked once, and `org create` against a real Postgres. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as agencyEngine from '../engine-agency.js';
import { runCli } from '../../test/cli.js';
import { startPostgres } from '../../test/services.js';
import { tempDir } from '../../test/workspace.js';

describe('server mode commands', () => {
  const dir = tempDir('ballast-cli-agency-');
  const password = process.env.BALLAST_PASSWORD;
  afterEach(() => {
    if (password === undefined) delete process.env.BALLAST_PASSWORD;
    else process.env.BALLAST_PASSWORD = password;
  });

  it('refuses server-mode flags without --postgres, and URLs that are not URLs', async () => {
    const serve = await runCli('serve', '--redis', 'redis://127.0.0.1:1', '--port', '0');
    expect(serve.code).toBe(1);
    expect(serve.err).toMatch(/--postgres/);
    const worker = await runCli('worker', '--postgres', 'not-a-url', '--redis', 'redis://x', '--data', dir);
    expect(worker.code).toBe(1);
    expect(worker.err).toMatch(/postgres:\/\//);
    const every = await runCli(
      'worker',
      ...['--postgres', 'postgres://x@127.0.0.1:1/b', '--redis', 'redis://x', '--data', dir],
      ...['--alerts-every', '90 minutes'],
    );
    expect(every.code).toBe(1);
    expect(every.err).toMatch(/--alerts-every: a duration like 30s, 15m or 1h, or off/);
  });

  it('makes an organisation and its owner, who can then sign in; a short password is refused', async () => {
    const pg = await startPostgres();
    const data = join(dir, 'data');
    process.env.BALLAST_PASSWORD = 'short';
    const refused = await runCli(
      'org',
      'create',
      '--postgres',
      pg.url,
      '--data',
      data,
      '--name',
      'A',
      '--email',
      'o@a.test',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/BALLAST_PASSWORD/);

    process.env.BALLAST_PASSWORD = 'correct horse battery staple';
    const made = await runCli(
      '--json',
      'org',
      'create',
      '--postgres',
      pg.url,
      '--data',
      data,
      '--name',
      'A',
      '--email',
      'o@a.test',
    );
    expect(made.code).toBe(0);
    const { orgId } = JSON.parse(made.out) as { orgId: string };
    const agency = await agencyEngine.openAgency({ postgres: pg.url, dataDir: data });
    try {
      const session = await agency.signIn('O@A.test', 'correct horse battery staple');
      expect(session.principal.orgId).toBe(orgId);
      expect([...session.principal.permissions]).toEqual(['read', 'run', 'manage']);
    } finally {
      await agency.close();
    }
  });
});
