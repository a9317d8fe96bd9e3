import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import * as engine from '../src/engine.js';
import * as agencyEngine from '../src/engine-agency.js';
import { createAgencyApp } from '../src/server/agencies/app.js';
import { headline, riskOf } from '../src/server/agencies/figures.js';
import { launchPostgres } from '../test/servers.js';
import { benchOptions, median, printTable } from './common.js';

export const AGENCY_SUMMARY_USAGE =
  'npm run bench -- agency-summary [--sellers 200,1000] [--calls 25] [--reference 5]';

const Options = z.object({
  sellers: z
    .string()
    .default('200,1000')
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(20_000)).min(1)),
  calls: z.coerce.number().int().min(1).max(1000).default(25),
  /** Sellers whose workspace is opened and read, as the summary did before its figures were stored. */
  reference: z.coerce.number().int().min(1).max(50).default(5),
});

const PASSWORD = 'bench-password-123';
const HISTORY_DAYS = 90;
const SCENARIO = `name: ban
horizon_days: 30
paths: 500
events:
  - id: ban
    target: { channel: tiktok-shop }
    probability: 0.5
    onset: 2024-04-05
    duration: { permanent: 1 }
`;

/**
 * `npm run bench -- agency-summary`: `GET /orgs/{id}/summary` for organisations of growing size, each
 * seller's figures stored as its jobs store them (figures.ts), through the app against a throwaway
 * Postgres; the reference is what the summary did per seller before: open the seller's workspace and
 * read its exposure and newest simulation (small 90-day workspaces, so a lower bound of that cost).
 */
export async function runAgencySummaryBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { sellers: { type: 'string' }, calls: { type: 'string' }, reference: { type: 'string' } },
  });
  const options = benchOptions('agency-summary', Options, values, AGENCY_SUMMARY_USAGE);
  const root = mkdtempSync(join(tmpdir(), 'ballast-bench-summary-'));
  const postgres = await launchPostgres();
  const agency = await agencyEngine.openAgency({
    postgres: postgres.url,
    dataDir: join(root, 'data'),
    log: () => {},
  });
  const server = createAgencyApp({ agency, webDir: null, log: () => {} });
  try {
    console.log(
      `agency-summary benchmark: ${availableParallelism()} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const { orgId } = await agency.createOrganisation('Bench', {
      email: 'o@bench.example',
      name: 'O',
      password: PASSWORD,
    });
    const session = await agency.signIn('o@bench.example', PASSWORD);
    const tenant = agency.tenant(session.principal);
    const history = join(root, 'history.csv');
    writeFileSync(history, orders());

    // The reference: each seller's figures read from its own workspace, as the summary once did.
    const perSeller: number[] = [];
    let stored: { headline?: agencyEngine.ExposureFigures; risk?: agencyEngine.RiskFigures } = {};
    for (let i = 0; i < options.reference; i++) {
      const seller = await tenant.createSeller(`Seller ${i}`);
      const path = await tenant.workspacePath(seller.id);
      await engine.importFiles(path, [history]);
      await engine.simulate(path, { text: SCENARIO, name: 'ban.yaml' });
      const t = performance.now();
      const ws = await engine.openWorkspace(path);
      try {
        const [report, status, run] = [await ws.exposure({}), await ws.status(), await ws.latestSimulation()];
        stored = { headline: headline(report, status), ...(run ? { risk: riskOf(run) } : {}) };
      } finally {
        ws.close();
      }
      perSeller.push(performance.now() - t);
    }
    const referenceMs = median(perSeller);
    console.log(
      `reference: opening a workspace and reading its figures, median ${referenceMs.toFixed(0)} ms a seller`,
    );

    const rows: string[][] = [];
    let made = options.reference;
    for (const count of options.sellers) {
      for (; made < count; made++) {
        const seller = await tenant.createSeller(`Seller ${made}`);
        const at = new Date().toISOString();
        const job = {
          id: `job-bench-${made}`,
          kind: 'import',
          state: 'done' as const,
          createdAt: at,
          finishedAt: at,
        };
        await agency.recordServerJob(seller.id, job, 'bench', stored);
      }
      const times: number[] = [];
      for (let i = 0; i < options.calls; i++) {
        const t = performance.now();
        const response = await server.app.request(`/api/v1/orgs/${orgId}/summary`, {
          headers: { Cookie: `ballast_session=${session.secret}` },
        });
        const body = (await response.json()) as { sellers: unknown[] };
        times.push(performance.now() - t);
        if (body.sellers.length !== Math.max(count, made))
          throw new Error(`the summary listed ${body.sellers.length} sellers`);
      }
      const summaryMs = median(times);
      rows.push([
        String(Math.max(count, made)),
        `${summaryMs.toFixed(1)} ms`,
        `${((referenceMs * Math.max(count, made)) / 1000).toFixed(1)} s`,
        `${((referenceMs * Math.max(count, made)) / summaryMs).toFixed(0)}×`,
      ]);
    }
    printTable(['sellers', 'summary p50', 'opening each (reference)', 'ratio'], rows);
    console.log(
      `load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await server.close();
    await agency.close();
    await postgres.remove();
    rmSync(root, { recursive: true, force: true });
  }
}

/** 90 days of two SKUs on two channels: a small seller. */
function orders(): string {
  const rows = ['order_id,order_date,sku,quantity,unit_price,currency,channel,market'];
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    rows.push(`T-${d},${day},MUG,5,10,USD,tiktok-shop,US`, `S-${d},${day},CUP,3,12,USD,shopify,US`);
  }
  return rows.join('\n') + '\n';
}
