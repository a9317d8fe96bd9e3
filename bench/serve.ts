import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import * as engine from '../src/engine.js';
import { startServer } from '../src/server/serve.js';
import { benchOptions, median, printTable } from './common.js';

export const SERVE_USAGE =
  'npm run bench -- serve [--calls 20] [--paths 20000]   (the demo seller behind `ballast serve`)';

const Options = z.object({
  calls: z.coerce.number().int().min(3).max(1000).default(20),
  paths: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
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

/**
 * `ballast serve` on the demo seller, over real HTTP: median latency of the dashboard's reads, first
 * call apart (it sets up a connection), and of `GET /status` while a simulation runs in the same
 * process. The reference is `GET /health`, which touches no workspace: the cost of HTTP and Hono alone.
 */
export async function runServeBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { calls: { type: 'string' }, paths: { type: 'string' } },
    strict: true,
  });
  const o = benchOptions('serve', Options, values, SERVE_USAGE);
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
      const started = await fetch(`${api}/simulations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'tiktok-ban', paths: o.paths }),
      });
      const { job } = (await started.json()) as { job: { id: string } };
      const during: number[] = [];
      let state = 'running';
      const simStart = performance.now();
      while (state === 'running' || state === 'queued') {
        // A dashboard polls; a tight loop would measure the loop, not the server.
        await new Promise((resolve) => setTimeout(resolve, 100));
        during.push(await timedGet(`${api}/status`));
        const polled = (await (await fetch(`${api}/jobs/${job.id}`)).json()) as { state: string };
        state = polled.state;
      }
      const simSeconds = (performance.now() - simStart) / 1000;
      row(`GET /status during a ${o.paths}-path simulation`, during);
      printTable(['call', 'first ms', 'median ms', 'max ms'], rows);
      console.log(
        `\nsimulation ${state} in ${simSeconds.toFixed(1)} s; ${during.length} status calls meanwhile; ` +
          `${o.calls} calls each after the first; load average ${loadavg()[0]!.toFixed(2)}`,
      );
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
