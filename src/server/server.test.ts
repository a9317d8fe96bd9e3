import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { fixture, newDb, tempDir } from '../../test/workspace.js';
import { createApp, type Server } from './app.js';

/** 60 days of one SKU on TikTok Shop US: enough history for a small simulation. */
function history(dir: string): string {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let d = 0; d < 60; d++)
    rows.push(
      `H-${d},${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},MUG,5,10,USD,tiktok-shop,US`,
    );
  const path = join(dir, 'history.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

const SCENARIO = `name: ban
horizon_days: 20
paths: 200
noise: none
events:
  - id: ban
    target: { channel: tiktok-shop }
    probability: 0.5
    onset: 2024-03-05
    duration: { permanent: 1 }
`;
const yaml = (body: string) => ({
  method: 'POST',
  body,
  headers: { 'Content-Type': 'application/yaml' },
});
const json = (body: unknown, method = 'POST') => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});
const upload = (...files: Array<[string, string | Uint8Array]>) => {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new File([content], name));
  return { method: 'POST', body: form };
};

/** The events of a finished job's stream, parsed. */
async function events(server: Server, id: string): Promise<Array<{ event: string; data: unknown }>> {
  const text = await (await server.app.request(`/api/v1/jobs/${id}/events`)).text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? '',
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown,
    }));
}

describe('the HTTP API on a real workspace', () => {
  const dir = tempDir();
  const db = newDb(dir);
  const logged: string[] = [];
  let ws: engine.WorkspaceHandle;
  let server: Server;
  const get = (path: string, init?: RequestInit) => server.app.request(`/api/v1${path}`, init);

  beforeAll(async () => {
    await engine.importFiles(db, [history(dir)]);
    ws = await engine.openWorkspace(db);
    server = createApp({ ws, webDir: null, maxUploadBytes: 64 * 1024, log: (l) => logged.push(l) });
  }, 120_000);
  afterAll(async () => {
    await server.jobs.idle();
    ws.close();
  });

  it('answers health, status, rejects, exposure, events and the backtest as the engine does', async () => {
    expect(await (await get('/health')).json()).toEqual({ ok: true, version: expect.any(String) });
    expect(await (await get('/status')).json()).toEqual(await ws.status());
    expect(await (await get('/rejects?limit=5')).json()).toEqual(await ws.rejects({ limit: 5 }));
    expect(await (await get('/exposure?window=30&skuThreshold=0.5')).json()).toEqual(
      await ws.exposure({ window: 30, skuThreshold: 0.5 }),
    );
    expect(await (await get('/events')).json()).toEqual(engine.events());
    expect(await (await get('/forecast/backtest')).json()).toEqual(
      JSON.parse(JSON.stringify(await ws.forecastBacktest())),
    );
  });

  it('refuses bad query values with a 400 naming the option', async () => {
    for (const [path, option] of [
      ['/rejects?limit=-1', 'limit'],
      ['/exposure?window=abc', 'window'],
      ['/exposure?from=2024-13-45', 'from'],
      ['/exposure?skuThreshold=2', 'skuThreshold'],
      ['/runs?kind=other', 'kind'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('usage');
      expect(body.error.message).toContain(`\`${option}\``);
    }
  });

  it('checks scenario text, pointing at the line and column of a problem', async () => {
    const ok = await get('/scenarios/check', yaml(SCENARIO));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      ok: true,
      ...(await ws.checkScenario({ text: SCENARIO, name: 'scenario.yaml' })),
    });

    const malformed = await get('/scenarios/check', yaml('name: x\nevents:\n  - id: [unclosed\n'));
    expect(malformed.status).toBe(422);
    const m = (await malformed.json()) as { error: { line: number; column: number }; errors: unknown[] };
    expect(m.error.line).toBeGreaterThan(0);
    expect(m.errors).toHaveLength(1);

    const wrong = await get('/scenarios/check', yaml(SCENARIO.replace('tiktok-shop }', 'tiktok-shopp }')));
    expect(wrong.status).toBe(422);
    const w = (await wrong.json()) as {
      error: { code: string; message: string; path: unknown[]; line: number; column: number };
    };
    expect(w.error).toMatchObject({
      code: 'bad-input',
      path: ['events', 0, 'target', 'channel'],
      line: 7,
      column: 15,
    });
    expect(w.error.message).toMatch(/tiktok-shopp/);
  });

  it('saves, lists, reads and deletes scenarios; an invalid one is refused and not saved', async () => {
    const saved = await get('/scenarios/ban-test', { ...yaml(SCENARIO), method: 'PUT' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ name: 'ban-test', updatedAt: expect.any(String) });
    expect(await (await get('/scenarios')).json()).toEqual(await ws.scenarios());
    expect(await (await get('/scenarios/ban-test')).json()).toMatchObject({
      name: 'ban-test',
      yaml: SCENARIO,
    });

    const bad = await get('/scenarios/broken', { ...yaml('events: 3\n'), method: 'PUT' });
    expect(bad.status).toBe(422);
    expect((await get('/scenarios/broken')).status).toBe(404);

    expect((await get('/scenarios/gone', { ...yaml(SCENARIO), method: 'PUT' })).status).toBe(200);
    expect((await get('/scenarios/gone', { method: 'DELETE' })).status).toBe(204);
    expect((await get('/scenarios/gone')).status).toBe(404);
    expect(((await (await get('/scenarios/starter')).json()) as { yaml: string }).yaml).toBe(
      await ws.newScenario(),
    );
  });

  it('runs a simulation as a job, with progress events, and serves the stored run as the engine stored it', async () => {
    await get('/scenarios/for-sim', { ...yaml(SCENARIO), method: 'PUT' });
    const started = await get('/simulations', json({ name: 'for-sim', paths: 200, seed: 3 }));
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string; kind: string } };
    expect(job.kind).toBe('simulation');
    const stream = await events(server, job.id);
    const end = stream.at(-1) as { event: string; data: { state: string; runId: string } };
    expect(end.event).toBe('done');
    expect(end.data.state).toBe('done');
    const run = await get(`/runs/${end.data.runId}`);
    expect(await run.json()).toEqual((await ws.run(end.data.runId))?.summary);
    expect((await ws.latestSimulation())?.paths).toBe(200);
    expect(await (await get('/runs/latest?kind=simulation')).json()).toEqual(await ws.latestSimulation());
    expect(await (await get('/runs?kind=simulation')).json()).toEqual(await ws.runs('simulation'));
    expect(await (await get(`/jobs/${job.id}`)).json()).toMatchObject({ id: job.id, state: 'done' });
    expect(((await (await get('/jobs')).json()) as Array<{ id: string }>)[0]?.id).toBe(job.id);

    // Its tables, as the engine builds them.
    const csv = await get('/tables/simulation-loss?format=csv');
    expect(csv.headers.get('Content-Disposition')).toBe('attachment; filename="simulation-loss.csv"');
    const table = await ws.table('simulation-loss');
    // Bytes, not text(): a text decoder would drop the byte-order mark the file starts with.
    expect(Buffer.from(await csv.arrayBuffer())).toEqual((await engine.tableFile(table, 'csv')).body);
  });

  it('cancels a running simulation; nothing is stored', async () => {
    const before = (await ws.runs()).length;
    const started = await get('/simulations', json({ scenario: SCENARIO, paths: 400_000 }));
    const { job } = (await started.json()) as { job: { id: string } };
    const cancelled = await get(`/jobs/${job.id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    const end = (await events(server, job.id)).at(-1);
    expect(end?.event).toBe('cancelled');
    expect((await ws.runs()).length).toBe(before);
  }, 120_000);

  it('refuses a second writer with 409 saying what runs, and answers reads meanwhile', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = server.jobs.start('plan', async () => {
      await gate;
      return {};
    });
    try {
      const sim = await get('/simulations', json({ scenario: SCENARIO }));
      expect(sim.status).toBe(409);
      const body = (await sim.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('busy');
      expect(body.error.message).toContain(`plan ${held.id}`);
      expect((await get('/plans', json({ scenario: SCENARIO }))).status).toBe(409);
      expect((await get('/imports', upload(['h.csv', readFileSync(join(dir, 'history.csv'))]))).status).toBe(
        409,
      );
      expect((await get('/status')).status).toBe(200);
    } finally {
      release();
      await server.jobs.idle();
    }
  });

  it('imports uploads as the engine does; refuses empty, oversized and unknown uploads leaving the workspace as it was', async () => {
    const file = fixture('generic', 'optional-columns-crlf.csv');
    const other = newDb(dir);
    const expected = await engine.importFiles(other, [file]);
    const before = await ws.status();

    const empty = await get('/imports', { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    const big = await get('/imports', upload(['big.csv', new Uint8Array(100 * 1024).fill(65)]));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('too-large');
    const unknown = await get('/imports', upload(['unknown.csv', 'a,b,c\n1,2,3\n']));
    expect(unknown.status, await unknown.clone().text()).toBe(422);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /unknown\.csv: no reader recognises this file's header/,
    );
    const badMarket = await get(
      '/imports',
      (() => {
        const init = upload(['orders.csv', readFileSync(file)]);
        init.body.append('market', 'USA');
        return init;
      })(),
    );
    expect(badMarket.status).toBe(400);
    expect(await ws.status()).toEqual(before);

    const ok = await get('/imports', upload(['optional-columns-crlf.csv', readFileSync(file)]));
    expect(ok.status).toBe(200);
    const summary = (await ok.json()) as engine.ImportSummary;
    expect(summary.added).toBe(expected.added);
    expect(summary.files.map((f) => f.name)).toEqual(expected.files.map((f) => f.name));
  });

  it('serves the report and tables as downloads', async () => {
    const report = await get('/report?lang=zh-CN&window=30&download=1');
    expect(report.headers.get('Content-Disposition')).toBe(
      'attachment; filename="ballast-report.zh-CN.html"',
    );
    expect(await report.text()).toMatch(/<html lang="zh-CN"/);
    const xlsx = await get('/tables/exposure-channels?format=xlsx&lang=zh-CN');
    expect(xlsx.headers.get('Content-Type')).toMatch(/spreadsheetml/);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const csv = Buffer.from(await (await get('/tables/exposure-channels?window=30')).arrayBuffer());
    expect(csv.toString('utf8').split('\r\n')[0]).toBe(
      '\uFEFFChannel,Revenue,Units,Gross profit,Prior revenue,Share,Growth',
    );
    const table = await ws.table('exposure-channels', { window: 30 });
    expect(csv).toEqual((await engine.tableFile(table, 'csv')).body);
  });

  it('answers 404 for unknown jobs, runs, scenarios and routes; 503 for an unbuilt dashboard', async () => {
    for (const path of [
      '/jobs/job-none',
      '/jobs/job-none/events',
      '/runs/sim-none',
      '/scenarios/none',
      '/nope',
    ])
      expect((await get(path)).status, path).toBe(404);
    expect((await get('/runs/latest?kind=plan')).status).toBe(404);
    expect((await get('/simulations', json({ name: 'none' }))).status).toBe(404);
    const page = await server.app.request('/exposure');
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/the dashboard is not built: run npm run build/);
  });

  it('describes itself in OpenAPI 3.1 with a reference page', async () => {
    const doc = (await (await get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/imports', '/exposure', '/scenarios/{name}', '/jobs/{id}/events', '/tables/{table}'])
      expect(doc.paths, path).toHaveProperty([path]);
    expect(await (await get('/docs')).text()).toMatch(/openapi\.json/);
  });

  it('never shows a stack trace: a bug is a 500 with an id that is also logged', async () => {
    const broken = createApp({
      ws: { status: () => Promise.reject(new TypeError('boom')) } as unknown as engine.WorkspaceHandle,
      webDir: null,
      log: (l) => logged.push(l),
    });
    const res = await broken.app.request('/api/v1/status');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { id: string; message: string } };
    expect(body.error.message).not.toMatch(/boom|at /);
    expect(logged.some((l) => l.includes(body.error.id) && l.includes('boom'))).toBe(true);
  });
});

describe('an access token', () => {
  const dir = tempDir();
  let ws: engine.WorkspaceHandle;
  let server: Server;
  beforeAll(async () => {
    ws = await engine.openWorkspace(newDb(dir));
    server = createApp({ ws, token: 'secret-token', webDir: null, log: () => {} });
  });
  afterAll(() => ws.close());

  it('is needed on every route but health and the reference page', async () => {
    const ask = (path: string, token?: string) =>
      server.app.request(`/api/v1${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    expect((await ask('/status')).status).toBe(401);
    expect((await ask('/status', 'wrong')).status).toBe(401);
    expect(((await (await ask('/status')).json()) as { error: { code: string } }).error.code).toBe(
      'unauthorized',
    );
    expect((await ask('/status', 'secret-token')).status).toBe(200);
    expect((await ask('/health')).status).toBe(200);
    expect((await ask('/docs')).status).toBe(200);
    expect((await ask('/openapi.json')).status).toBe(401);
  });

  it('loads the demo seller into an empty workspace once', async () => {
    const auth = { Authorization: 'Bearer secret-token' };
    const started = await server.app.request('/api/v1/demo', { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    await server.jobs.idle();
    expect(server.jobs.get(job.id)?.state).toBe('done');
    const status = await ws.status();
    expect(status.totals.length).toBeGreaterThan(0);
    expect((await ws.savedScenario(engine.DEMO_SCENARIO_NAME))?.yaml).toMatch(/events:/);
    expect((await server.app.request('/api/v1/demo', { method: 'POST', headers: auth })).status).toBe(409);
  }, 600_000);
});
