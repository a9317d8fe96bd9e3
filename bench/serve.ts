import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import * as engine from '../src/engine.js';
import { startServer } from '../src/server/serve.js';
import { benchOptions, median, printTable } from './common.js';

export const SERVE_USAGE =
  'npm run bench -- serve [--calls 20] [--paths 20000] [--plan-paths 400]   (the demo seller behind `ballast serve`)';

const Options = z.object({
  calls: z.coerce.number().int().min(3).max(1000).default(20),
  paths: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  planPaths: z.coerce.number().int().min(50).max(100_000).default(400),
});

/** Wall milliseconds of one GET over HTTP, the body read to the end. */
async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return performance.now() - started;
}

async function latencies(url: string, calls: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) times.push(await timedGet(url));
  return times;
}

/** Starts a job and calls `GET /status` every 100 ms until it ends, as a dashboard polling would. */
async function whileRunning(
  api: string,
  kind: 'simulations' | 'plans',
  body: object,
): Promise<{ during: number[]; seconds: number; state: string }> {
  const response = await fetch(`${api}/${kind}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST /${kind}: ${response.status} ${await response.text()}`);
  const { job } = (await response.json()) as { job: { id: string } };
  const during: number[] = [];
  const started = performance.now();
  let state = 'running';
  while (state === 'running' || state === 'queued') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    during.push(await timedGet(`${api}/status`));
    state = ((await (await fetch(`${api}/jobs/${job.id}`)).json()) as { state: string }).state;
  }
  return { during, seconds: (performance.now() - started) / 1000, state };
}

/**
 * `ballast serve` on the demo seller, over real HTTP: median latency of the dashboard's reads, first
 * call apart (it sets up a connection), and of `GET /status` while a simulation, then a plan, runs in
 * the same process. The reference is `GET /health`, which touches no workspace: the cost of HTTP and Hono alone.
 */
export async function runServeBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { calls: { type: 'string' }, paths: { type: 'string' }, 'plan-paths': { type: 'string' } },
    strict: true,
  });
  const o = benchOptions(
    'serve',
    Options,
    { calls: values.calls, paths: values.paths, planPaths: values['plan-paths'] },
    SERVE_USAGE,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-serve-'));
  try {
    const db = join(dir, 'demo.duckdb');
    const ws = await engine.openWorkspace(db);
    await engine.loadDemoSeller(ws);
    ws.close();
    const server = await startServer({ db, port: 0, host: '127.0.0.1' });
    const api = `${server.url}api/v1`;
    try {
      const rows: string[][] = [];
      const row = (name: string, times: readonly number[]) => {
        const [first = NaN, ...rest] = times;
        rows.push([name, first.toFixed(0), median(rest).toFixed(1), Math.max(...rest).toFixed(1)]);
      };
      for (const path of ['/health', '/status', '/exposure', '/exposure?window=365', '/runs']) {
        row(`GET ${path}`, await latencies(api + path, o.calls + 1));
      }
      for (const [kind, body] of [
        ['simulations', { name: 'tiktok-ban', paths: o.paths }],
        ['plans', { name: 'tiktok-ban', paths: o.planPaths, evaluationPaths: 1000, frontier: false }],
      ] as const) {
        const { during, seconds, state } = await whileRunning(api, kind, body);
        const size = kind === 'plans' ? `${o.planPaths}-path plan` : `${o.paths}-path simulation`;
        row(`GET /status during a ${size} (${state} in ${seconds.toFixed(0)} s)`, during);
      }
      printTable(['call', 'first ms', 'median ms', 'max ms'], rows);
      console.log(
        `\n${o.calls} calls each after the first; during a job, one every 100 ms; ` +
          `load average ${loadavg()[0].toFixed(2)}`,
      );
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
