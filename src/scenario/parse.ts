/**
 * Scenario text → Scenario, in four steps, each refusing with the first problem it finds:
 * YAML (hostile-safe) → `use:` library entries merged in → schema (shapes, ranges, unknown keys)
 * → rules (workspace names, sums, order) → defaults and day indexes.
 */
import { buildScenario } from './build.js';
import { librarySource, type CheckContext } from './check-context.js';
import { checkScenario } from './check-scenario.js';
import { libraryEvent, listEvents } from './library/index.js';
import { deepMerge, isMapping, type Mapping } from './merge.js';
import { closest, scenarioProblem, showValue } from './problem.js';
import { readYaml } from './read-yaml.js';
import { scenarioSchema } from './schema.js';
import type { Scenario, WorkspaceFacts } from './types.js';
import { describeIssue, errorMap, pickIssue } from './zod-issues.js';

/**
 * Parses and checks a scenario file against the workspace.
 * @throws BallastError('bad-input') naming the file, the key path and what is wrong, with a hint.
 * @example
 *   const scenario = parseScenario(text, { channels: ['tiktok-shop', 'amazon'], markets: ['US'],
 *     locations: [], lastOrderDate: '2025-01-09' }, 'ban.yaml');
 */
export function parseScenario(yamlText: string, facts: WorkspaceFacts, fileName: string): Scenario {
  const data = readYaml(yamlText, fileName);
  if (data === null || data === undefined) {
    scenarioProblem(fileName, [], 'is empty', 'Start from `ballast scenario new`, or see docs/scenarios.md.');
  }
  if (!isMapping(data)) {
    scenarioProblem(
      fileName,
      [],
      `is ${showValue(data)}, not a mapping of keys`,
      'A scenario file starts with keys such as `name:` and `events:`.',
    );
  }
  const fileEvents: unknown[] = Array.isArray(data.events) ? data.events : [];
  const expanded =
    fileEvents.length > 0 ? { ...data, events: fileEvents.map((e, i) => withLibrary(e, i, fileName)) } : data;
  const ctx: CheckContext = { fileName, facts, fileEvents };
  const parsed = scenarioSchema.safeParse(expanded, { error: errorMap, reportInput: true });
  if (!parsed.success) {
    const { path, what, hint } = describeIssue(pickIssue(parsed.error.issues));
    const source = librarySource(ctx, path);
    const fix = source
      ? `The library entry's value does not fit here; override it beside \`use: ${source}\`. `
      : '';
    scenarioProblem(fileName, path, source ? `${what} (from library entry ${source})` : what, fix + hint);
  }
  checkScenario(ctx, parsed.data);
  return buildScenario(parsed.data, facts, fileName);
}

/** An event with `use: ID`: the library entry, the file's fields merged over it, id defaulting to ID. */
function withLibrary(event: unknown, index: number, fileName: string): unknown {
  if (!isMapping(event) || event.use === undefined) return event;
  const id = event.use;
  const entry = typeof id === 'string' ? libraryEvent(id) : undefined;
  if (!entry) {
    const ids = listEvents().map((e) => e.id);
    const guess = typeof id === 'string' ? closest(id, ids) : undefined;
    scenarioProblem(
      fileName,
      ['events', index, 'use'],
      `${showValue(id)} is not a library event`,
      `${guess ? `Did you mean ${guess}? ` : ''}Library events: ${ids.join(', ')} (\`ballast events\`).`,
    );
  }
  return deepMerge({ id: entry.id, ...(entry.event as Mapping) }, event);
}
