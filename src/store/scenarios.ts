import type { Workspace } from './workspace.js';

/** A scenario saved in the workspace by name: its YAML text as written, checked before saving. */
export interface SavedScenario {
  name: string;
  yaml: string;
  updatedAt: string;
}

const STAMP = `strftime(updated_at, '%Y-%m-%dT%H:%M:%S.%gZ')`;

export async function listScenarios(ws: Workspace): Promise<Array<Omit<SavedScenario, 'yaml'>>> {
  return ws.rows(`SELECT name, ${STAMP} AS "updatedAt" FROM saved_scenarios ORDER BY name`);
}

export async function readSavedScenario(ws: Workspace, name: string): Promise<SavedScenario | null> {
  const [row] = await ws.rows<SavedScenario>(
    `SELECT name, yaml, ${STAMP} AS "updatedAt" FROM saved_scenarios WHERE name = $name`,
    { name },
  );
  return row ?? null;
}

export async function saveScenario(
  ws: Workspace,
  name: string,
  yaml: string,
): Promise<Omit<SavedScenario, 'yaml'>> {
  await ws.run(`INSERT OR REPLACE INTO saved_scenarios VALUES ($name, $yaml, now()::TIMESTAMP)`, {
    name,
    yaml,
  });
  const [row] = await ws.rows<Omit<SavedScenario, 'yaml'>>(
    `SELECT name, ${STAMP} AS "updatedAt" FROM saved_scenarios WHERE name = $name`,
    { name },
  );
  return row ?? { name, updatedAt: new Date().toISOString() };
}

/** True when there was such a scenario. */
export async function deleteScenario(ws: Workspace, name: string): Promise<boolean> {
  const existed = (await readSavedScenario(ws, name)) !== null;
  await ws.run(`DELETE FROM saved_scenarios WHERE name = $name`, { name });
  return existed;
}
