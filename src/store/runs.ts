import type { Workspace } from './workspace.js';

/** A stored result (simulation or plan): what ran, on which scenario, and its summary as JSON. */
export interface StoredRun<S = unknown> {
  runId: string;
  createdAt: string;
  scenarioName: string;
  scenarioSha256: string;
  settings: Record<string, unknown>;
  summary: S;
}

/** Stored results by kind, each in its own table of the same shape. */
const TABLES = { simulation: 'simulation_runs', plan: 'plan_runs' } as const;
export type RunKind = keyof typeof TABLES;

/**
 * `id`, or `id-2`, `id-3`… when a run of that kind already has it. A run id is the scenario's hash and
 * the second it finished, so two what-ifs of one scenario finishing in the same second (a slider
 * moved twice on the dashboard) would otherwise share it, and the second could not be stored.
 */
export async function freeRunId(ws: Workspace, kind: RunKind, id: string): Promise<string> {
  const taken = new Set(
    (
      await ws.rows<{ id: string }>(
        `SELECT run_id AS id FROM ${TABLES[kind]} WHERE run_id = $id OR starts_with(run_id, $id || '-')`,
        { id },
      )
    ).map((r) => r.id),
  );
  let free = id;
  for (let n = 2; taken.has(free); n++) free = `${id}-${n}`;
  return free;
}

export async function saveRun(
  ws: Workspace,
  kind: RunKind,
  run: Omit<StoredRun, 'createdAt'>,
): Promise<void> {
  await ws.run(
    // seq, not the timestamp, says which run is the latest: two runs stored in the same
    // microsecond would otherwise tie, and a random run id would break the tie.
    `INSERT INTO ${TABLES[kind]}
     SELECT $id, now()::TIMESTAMP, $name, $sha, $settings, $summary, coalesce(max(seq), 0) + 1 FROM ${TABLES[kind]}`,
    {
      id: run.runId,
      name: run.scenarioName,
      sha: run.scenarioSha256,
      settings: JSON.stringify(run.settings),
      summary: JSON.stringify(run.summary),
    },
  );
}

interface RunRow {
  run_id: string;
  created_at: string;
  scenario_name: string;
  scenario_sha256: string;
  settings: string;
  summary: string;
}

async function readRuns<S>(ws: Workspace, kind: RunKind, tail: string): Promise<StoredRun<S>[]> {
  const rows = await ws.rows<RunRow>(
    `SELECT run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, scenario_name, scenario_sha256,
       settings::VARCHAR AS settings, summary::VARCHAR AS summary
     FROM ${TABLES[kind]} ${tail}`,
  );
  return rows.map((row) => ({
    runId: row.run_id,
    createdAt: row.created_at,
    scenarioName: row.scenario_name,
    scenarioSha256: row.scenario_sha256,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    summary: JSON.parse(row.summary) as S,
  }));
}

/** The newest stored run of a kind, or null. */
export async function latestRun<S>(ws: Workspace, kind: RunKind): Promise<StoredRun<S> | null> {
  const [run] = await readRuns<S>(ws, kind, 'ORDER BY seq DESC LIMIT 1');
  return run ?? null;
}

/** The newest stored run of each scenario name, newest first. */
export async function latestRunPerScenario<S>(ws: Workspace, kind: RunKind): Promise<StoredRun<S>[]> {
  return readRuns<S>(
    ws,
    kind,
    'QUALIFY row_number() OVER (PARTITION BY scenario_name ORDER BY seq DESC) = 1 ORDER BY seq DESC',
  );
}

/** A stored run without its summary, for listings. */
export interface RunListing {
  runId: string;
  kind: RunKind;
  createdAt: string;
  scenarioName: string;
  settings: Record<string, unknown>;
}

/** Stored runs, newest first: of one kind, or of both (interleaved by time). */
export async function listRuns(ws: Workspace, kind?: RunKind): Promise<RunListing[]> {
  const kinds = kind ? [kind] : (Object.keys(TABLES) as RunKind[]);
  const rows = await ws.rows<{
    run_id: string;
    kind: RunKind;
    created_at: string;
    scenario_name: string;
    settings: string;
  }>(
    kinds
      .map(
        (k) =>
          `SELECT run_id, '${k}' AS kind, created_at AS stored_at, seq, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, scenario_name, settings::VARCHAR AS settings FROM ${TABLES[k]}`,
      )
      .join(' UNION ALL ') + ' ORDER BY stored_at DESC, seq DESC',
  );
  return rows.map((r) => ({
    runId: r.run_id,
    kind: r.kind,
    createdAt: r.created_at,
    scenarioName: r.scenario_name,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
  }));
}

/** One stored run by id, of either kind, or null. */
export async function readRun<S>(
  ws: Workspace,
  runId: string,
): Promise<(StoredRun<S> & { kind: RunKind }) | null> {
  for (const kind of Object.keys(TABLES) as RunKind[]) {
    const [row] = await ws.rows<{
      summary: string;
      created_at: string;
      scenario_name: string;
      scenario_sha256: string;
      settings: string;
    }>(
      `SELECT strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, scenario_name, scenario_sha256, settings::VARCHAR AS settings, summary::VARCHAR AS summary
       FROM ${TABLES[kind]} WHERE run_id = $id`,
      { id: runId },
    );
    if (row)
      return {
        kind,
        runId,
        createdAt: row.created_at,
        scenarioName: row.scenario_name,
        scenarioSha256: row.scenario_sha256,
        settings: JSON.parse(row.settings) as Record<string, unknown>,
        summary: JSON.parse(row.summary) as S,
      };
  }
  return null;
}
