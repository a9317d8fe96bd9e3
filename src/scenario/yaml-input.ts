/**
 * Any YAML input file of Ballast's own (scenarios, alert rules, plan files) read the same way:
 * hostile-safe YAML, then a zod schema, refusing with the first problem at its exact key path.
 */
import type { z } from 'zod';
import { scenarioProblem } from './problem.js';
import { readYaml } from './read-yaml.js';
import { describeIssue, errorMap, GENERIC_HINT, pickIssue } from './zod-issues.js';

/**
 * @throws BallastError('bad-input') naming the file, the key path and what is wrong, with a hint.
 * @example
 *   const rules = parseYamlInput(text, 'alerts.yaml', alertRulesSchema, 'docs/alerts.md');
 */
export function parseYamlInput<T extends z.ZodType>(
  text: string,
  fileName: string,
  schema: T,
  /** The file's documentation, named in hints: `docs/alerts.md`. */
  docs: string,
): z.output<T> {
  return parseInputValue(readYaml(text, fileName), fileName, schema, docs);
}

/**
 * The same checks on a value already read (a JSON request body), with the same messages and key paths.
 * @example
 *   const rules = parseInputValue(await c.req.json(), 'the request body', alertRulesSchema, 'docs/alerts.md');
 */
export function parseInputValue<T extends z.ZodType>(
  data: unknown,
  fileName: string,
  schema: T,
  docs: string,
): z.output<T> {
  if (data === null || data === undefined)
    scenarioProblem(fileName, [], 'is empty', `See ${docs} for its layout.`);
  const parsed = schema.safeParse(data, { error: errorMap, reportInput: true });
  if (!parsed.success) {
    const { path, what, hint } = describeIssue(pickIssue(parsed.error.issues));
    scenarioProblem(fileName, path, what, hint === GENERIC_HINT ? `See ${docs} for this key.` : hint);
  }
  return parsed.data;
}
