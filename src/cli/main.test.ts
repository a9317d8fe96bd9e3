import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDb, tempDir } from '../../test/workspace.js';
import { runCli } from '../../test/cli.js';

describe('ballast CLI', () => {
  const dir = tempDir();
  let db: string;
  const orders = join(dir, 'orders.csv');
  writeFileSync(
    orders,
    'order_id,order_date,sku,quantity,unit_price,currency,channel,market\nC-1,2024-02-01,MUG,2,10,USD,etsy,US\nC-2,2024-02-03,MUG,1,abc,USD,etsy,US\n',
  );
  beforeEach(() => {
    db = newDb(dir);
  });
  afterEach(() => {
    delete process.env.BALLAST_DB;
  });

  it('imports with a summary and exit code 0', async () => {
    const { code, out } = await runCli('--db', db, 'import', orders);
    expect(code).toBe(0);
    expect(out).toMatch(/1 lines added, 0 updated, 1 rows rejected/);
    expect(out).toMatch(/ballast rejects/);
  });

  it('prints the status contract as JSON', async () => {
    await runCli('--db', db, 'import', orders);
    const { code, out } = await runCli('--db', db, '--json', 'status');
    expect(code).toBe(0);
    const status = JSON.parse(out);
    expect(status.files[0]).toMatchObject({ name: 'orders.csv', format: 'generic', rows: 1 });
    expect(status.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(status.totals).toEqual([
      expect.objectContaining({
        channel: 'etsy',
        market: 'US',
        currency: 'USD',
        orders: 1,
        lines: 1,
        units: 2,
        gross: 20,
        from: '2024-02-01',
        to: '2024-02-01',
      }),
    ]);
    expect(status.rejects).toBe(1);
  });

  it('lists rejects with line, column, value and reason', async () => {
    await runCli('--db', db, 'import', orders);
    const { out } = await runCli('--db', db, '--json', 'rejects');
    expect(JSON.parse(out).rejects).toEqual([
      {
        file: 'orders.csv',
        line: 3,
        column: 'unit_price',
        value: 'abc',
        reason: 'expected an amount like 12.34',
      },
    ]);
  });

  it('takes the workspace from BALLAST_DB', async () => {
    process.env.BALLAST_DB = db;
    await runCli('import', orders);
    const { out } = await runCli('--json', 'status');
    expect(JSON.parse(out).workspace).toBe(db);
  });

  it('exits 1 with the message and what to do for a user error', async () => {
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'a,b,c\n1,2,3\n');
    const { code, err } = await runCli('--db', db, 'import', unknown);
    expect(code).toBe(1);
    expect(err).toMatch(/unknown\.csv: no reader recognises this file's header/);
    expect(err).toMatch(/generic CSV/);
  });

  it('prints the error as JSON too with --json', async () => {
    const { code, out } = await runCli('--db', db, '--json', 'import', join(dir, 'missing.csv'));
    expect(code).toBe(1);
    expect(JSON.parse(out).error).toMatchObject({ code: 'not-found' });
  });

  it('validates flags', async () => {
    const { code, err } = await runCli('--db', db, 'import', '--market', 'USA', orders);
    expect(code).toBe(1);
    expect(err).toMatch(/--market: an ISO 3166 country code/);
  });

  it('exits 1 on a missing argument and 0 on --help', async () => {
    expect((await runCli('import')).code).toBe(1);
    const help = await runCli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/import/);
    expect(help.out).toMatch(/status/);
  });

  it('runs as the installed bin', () => {
    const out = execFileSync(
      process.execPath,
      [join(import.meta.dirname, '../../bin/ballast.js'), '--help'],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/Usage: ballast/);
  });

  describe('scenarios and simulation', () => {
    const history = join(dir, 'history.csv');
    const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
    for (let d = 0; d < 60; d++)
      rows.push(
        `H-${d},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},MUG,5,10,USD,tiktok-shop,US`,
      );
    writeFileSync(history, rows.join('\n') + '\n');
    const yaml = (events: string) => `name: t\nhorizon_days: 20\npaths: 100\nnoise: none\nevents:\n${events}`;
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    it('exits 1 with the key path for a malformed scenario', async () => {
      await runCli('--db', db, 'import', history);
      const bad = file(
        'bad.yaml',
        yaml(
          '  - id: x\n    target: { channel: tiktok-shop }\n    probability: 1.5\n    onset: 2024-03-05\n',
        ),
      );
      const { code, err } = await runCli('--db', db, 'scenario', 'check', bad);
      expect(code).toBe(1);
      expect(err).toMatch(/events\[0\]\.probability/);
    });

    it('checks, simulates and prints JSON for a valid one', async () => {
      await runCli('--db', db, 'import', history);
      const good = file(
        'good.yaml',
        yaml(
          '  - id: ban\n    target: { channel: tiktok-shop }\n    probability: 1\n    onset: 2024-03-05\n    duration: { permanent: 1 }\n',
        ),
      );
      expect((await runCli('--db', db, 'scenario', 'check', good)).code).toBe(0);
      const { code, out } = await runCli('--db', db, '--json', 'simulate', good, '--workers', '1');
      expect(code).toBe(0);
      // History ends 2024-02-29, so day 0 is 2024-03-01 and the ban takes days 4–19: 16 × 5 × 10.
      expect(JSON.parse(out).revenueLoss.mean).toBe(800);
    });

    it('lists the event library', async () => {
      const { out } = await runCli('--json', 'events');
      expect(JSON.parse(out).map((e: { id: string }) => e.id)).toEqual(
        expect.arrayContaining([
          'tiktok-us-2025',
          'india-2020',
          'indonesia-2023',
          'amazon-2021',
          'us-de-minimis-2025',
        ]),
      );
    });

    it('plans: refuses bad flags, needs costs, and prints the plan contract as JSON', async () => {
      await runCli('--db', db, 'import', history);
      const good = file(
        'plan.yaml',
        yaml(
          '  - id: ban\n    target: { channel: tiktok-shop }\n    probability: 1\n    onset: 2024-03-05\n    duration: { permanent: 1 }\n',
        ),
      );
      const both = await runCli('--db', db, 'plan', good, '--lambda', '1', '--cvar-limit', '5');
      expect(both.code).toBe(1);
      expect(both.err).toMatch(/either --lambda or --cvar-limit/);
      expect((await runCli('--db', db, 'plan', good, '--alpha', '1.2')).err).toMatch(
        /--alpha: a level from 0.5 to 0.999/,
      );
      expect((await runCli('--db', db, 'plan', good, '--paths', '0')).err).toMatch(/--paths: at least 1/);
      const noCosts = await runCli(
        '--db',
        db,
        'plan',
        good,
        '--workers',
        '1',
        '--paths',
        '50',
        '--eval-paths',
        '50',
      );
      expect(noCosts.code).toBe(1);
      expect(noCosts.err).toMatch(/planning needs unit costs/);
      await runCli('--db', db, 'import', file('costs.csv', 'sku,unit_cost,currency\nMUG,4,USD\n'));
      const lp = join(dir, 'plan.lp');
      const { code, out } = await runCli(
        '--db',
        db,
        '--json',
        'plan',
        good,
        '--workers',
        '1',
        '--paths',
        '50',
        '--eval-paths',
        '50',
        '--export-lp',
        lp,
      );
      expect(code).toBe(0);
      const json = JSON.parse(out);
      // Nothing to decide without stock or a decisions block: the plan is to do nothing.
      expect(json.actions).toEqual([]);
      expect(json.notes.join(' ')).toMatch(/Nothing to decide/);
      expect(json.outOfSample.doNothing.expectedProfit).toBe(json.outOfSample.expectedProfit);
      expect(json.frontier).toHaveLength(7);
      const unwritable = await runCli(
        '--db',
        db,
        'plan',
        good,
        '--workers',
        '1',
        '--paths',
        '50',
        '--export-lp',
        join(dir, 'missing', 'x.lp'),
      );
      expect(unwritable.err).toMatch(/--export-lp: cannot write/);
    });

    it('writes a starter scenario that checks', async () => {
      await runCli('--db', db, 'import', history);
      const out = join(dir, `starter-${Math.random().toString(36).slice(2)}.yaml`);
      expect((await runCli('--db', db, 'scenario', 'new', '--out', out)).code).toBe(0);
      expect((await runCli('--db', db, 'scenario', 'check', out)).code).toBe(0);
      expect((await runCli('--db', db, 'scenario', 'new', '--out', out)).code).toBe(1);
    });
  });
});
