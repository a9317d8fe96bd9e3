import { BallastError } from '../errors.js';
import { SCHEMA_VERSION } from './migrations.js';
import type { Workspace } from './workspace.js';

export interface CheckItem {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CheckReport {
  workspace: string;
  ok: boolean;
  checks: CheckItem[];
  /** What to do when something is off; null when the workspace is sound. */
  hint: string | null;
}

/** Tables whose every block is read once, so a damaged block shows here and not in a report. */
const TABLES = [
  'meta',
  'settings',
  'files',
  'order_lines',
  'ledger_events',
  'rejects',
  'locations',
  'inventory',
  'shipments',
  'costs',
  'commitments',
  'fx',
  'line_days',
  'sku_channels',
  'sim_data_cache',
  'simulation_runs',
  'plan_runs',
];

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Verifies a workspace: every table readable, the schema current, every order line and reject from a
 * file the workspace lists, each file's line and reject counts within what it brought, every stored
 * run readable and numbered once.
 */
export async function checkWorkspace(ws: Workspace): Promise<CheckReport> {
  const checks: CheckItem[] = [];
  const hints: string[] = [];
  const step = async (name: string, work: () => Promise<{ ok: boolean; detail: string; hint?: string }>) => {
    try {
      const { ok, detail, hint } = await work();
      checks.push({ name, ok, detail });
      if (!ok && hint) hints.push(hint);
    } catch (error) {
      const e = error instanceof BallastError ? error : undefined;
      checks.push({ name, ok: false, detail: e?.message ?? (error as Error).message.split('\n')[0] ?? '' });
      hints.push(
        e?.hint ?? 'Restore the workspace from a backup, or import your exports again into a new one.',
      );
    }
  };

  await step('tables readable', async () => {
    let rows = 0;
    // hash() of every row makes DuckDB read every block of every column, checksums included.
    for (const table of TABLES) rows += await ws.value<number>(`SELECT count(hash(t)) FROM ${table} t`);
    return { ok: true, detail: `${TABLES.length} tables, ${fmt(rows)} rows read` };
  });

  await step('schema version', async () => {
    const version = Number(await ws.value<string>(`SELECT value FROM meta WHERE key = 'schema_version'`));
    return version === SCHEMA_VERSION
      ? { ok: true, detail: `schema ${version}, as this Ballast writes` }
      : {
          ok: false,
          detail: `schema ${version}; this Ballast writes ${SCHEMA_VERSION}`,
          hint: 'Open the workspace with the Ballast that wrote it.',
        };
  });

  await step('lines without a file', async () => {
    const orphans = await ws.rows<{ sha: string; lines: number; rejects: number; events: number }>(
      `WITH o AS (
         SELECT file_sha256 AS sha, count(*) AS lines, 0 AS rejects, 0 AS events FROM order_lines GROUP BY ALL
         UNION ALL SELECT file_sha256, 0, count(*), 0 FROM rejects GROUP BY ALL
         UNION ALL SELECT file_sha256, 0, 0, count(*) FROM ledger_events GROUP BY ALL)
       SELECT sha, sum(lines)::BIGINT AS lines, sum(rejects)::BIGINT AS rejects, sum(events)::BIGINT AS events
       FROM o WHERE sha NOT IN (SELECT sha256 FROM files) GROUP BY sha ORDER BY sha`,
    );
    if (orphans.length === 0)
      return { ok: true, detail: 'every order line and reject comes from a listed file' };
    const list = orphans
      .map(
        (o) =>
          `${fmt(o.lines)} lines, ${fmt(o.rejects)} rejects, ${fmt(o.events)} events from file ${o.sha.slice(0, 12)}…`,
      )
      .join('; ');
    return {
      ok: false,
      detail: `${list}, which the workspace does not list: an import was cut off while it was being saved`,
      hint: 'Import that export again (Ballast knows it by its contents, so its lines are matched, not doubled); `ballast check` then passes.',
    };
  });

  await step('totals against provenance', async () => {
    const off = await ws.rows<{ name: string; rows: number; lines: number; rejects: number; stored: number }>(
      `SELECT f.name, f.rows, f.rejects,
         (SELECT count(*) FROM order_lines o WHERE o.file_sha256 = f.sha256) AS lines,
         (SELECT count(*) FROM rejects r WHERE r.file_sha256 = f.sha256) AS stored
       FROM files f
       WHERE (f.kind = 'orders' AND (SELECT count(*) FROM order_lines o WHERE o.file_sha256 = f.sha256) > f.rows)
          OR (SELECT count(*) FROM rejects r WHERE r.file_sha256 = f.sha256) <> f.rejects
       ORDER BY f.name`,
    );
    const files = await ws.value<number>(`SELECT count(*) FROM files`);
    if (off.length === 0)
      return { ok: true, detail: `${fmt(files)} files: lines and rejects within what each brought` };
    return {
      ok: false,
      detail: off
        .map(
          (f) =>
            `${f.name}: ${fmt(f.lines)} lines for ${fmt(f.rows)} rows read, ${fmt(f.stored)} rejects stored for ${fmt(f.rejects)} counted`,
        )
        .join('; '),
      hint: 'Import those exports again into a new workspace and compare; report the difference as a bug.',
    };
  });

  await step('runs readable', async () => {
    let runs = 0;
    const bad: string[] = [];
    for (const table of ['simulation_runs', 'plan_runs']) {
      const [row] = await ws.rows<{ runs: number; unreadable: number; unnumbered: number; numbers: number }>(
        `SELECT count(*) AS runs,
           count(*) FILTER (WHERE NOT json_valid(summary::VARCHAR) OR NOT json_valid(settings::VARCHAR)) AS unreadable,
           count(*) FILTER (WHERE seq IS NULL) AS unnumbered, count(DISTINCT seq) AS numbers
         FROM ${table}`,
      );
      if (!row) continue;
      runs += row.runs;
      if (row.unreadable > 0) bad.push(`${fmt(row.unreadable)} ${table} whose JSON does not parse`);
      if (row.unnumbered > 0 || row.numbers !== row.runs - row.unnumbered)
        bad.push(`${table} without a unique sequence number`);
    }
    return bad.length === 0
      ? { ok: true, detail: `${fmt(runs)} stored runs, each readable and numbered once` }
      : {
          ok: false,
          detail: bad.join('; '),
          hint: 'Run the simulation or plan again; the new run becomes the latest.',
        };
  });

  const ok = checks.every((c) => c.ok);
  return { workspace: ws.path, ok, checks, hint: ok ? null : hints.join(' ') };
}
