/**
 * Turns zod's first issue into a scenario problem: the exact key path, a "what: value" message in
 * plain words, and a hint. Zod's own wording ("Too big: expected number to be <=1") is replaced
 * through a per-parse error map, so nothing global is configured.
 */
import type { z } from 'zod';
import { closest, showValue, type KeyPath } from './problem.js';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const ARTICLE: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping (key: value)',
};

/** The per-parse error map. Unknown-key issues carry the allowed keys (JSON) for the hint. */
export function errorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'missing';
      return `${showValue(iss.input)} is not ${ARTICLE[iss.expected] ?? iss.expected}`;
    case 'unrecognized_keys': {
      const def = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def;
      return JSON.stringify(Object.keys(def?.shape ?? {}));
    }
    case 'invalid_value':
      return `${showValue(iss.input)} is not one of ${iss.values.map(String).join(', ')}`;
    case 'too_small':
      if (iss.origin === 'string') return 'is empty';
      return `has ${countOf(iss.input)} items, needs at least ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'string') return `is longer than ${String(iss.maximum)} characters`;
      return `has ${countOf(iss.input)} items, at most ${String(iss.maximum)} allowed`;
    case 'invalid_key':
      return 'is not a valid name';
    default:
      return undefined;
  }
}

const countOf = (input: unknown): number => (Array.isArray(input) ? input.length : 0);

export interface ScenarioIssue {
  path: KeyPath;
  what: string;
  hint: string;
}

/**
 * The issue to report: the first, except that a missing key whose object also has an unknown key
 * is reported as the unknown key — it is almost always the missing one misspelt (`p95` for `p90`).
 */
export function pickIssue(issues: readonly Issue[]): Issue {
  const first = issues[0];
  if (first.code !== 'invalid_type' || first.input !== undefined) return first;
  const parent = JSON.stringify(first.path.slice(0, -1));
  return issues.find((i) => i.code === 'unrecognized_keys' && JSON.stringify(i.path) === parent) ?? first;
}

/** An issue as a scenario problem. */
export function describeIssue(issue: Issue, prefix: KeyPath = []): ScenarioIssue {
  const path = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  if (issue.code === 'invalid_union') return describeUnion(issue, path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const allowed = JSON.parse(issue.message) as string[];
    const guess = closest(key, allowed);
    const extra = key === '<<' ? ' YAML merge keys are not supported; write the values out.' : '';
    return {
      path: [...path, key],
      what: 'unknown key',
      hint: `${guess ? `Did you mean \`${guess}\`? ` : ''}Keys allowed here: ${allowed.join(', ')}.${extra}`,
    };
  }
  return { path, what: issue.message, hint: hintFor(path) };
}

/**
 * A value that matches none of a union's forms. A form is plausible when the value has its shape
 * at the top (right type, no stray key there); when exactly one is, its problem is the one to
 * report, with its exact path. Otherwise the value is in no known form: list the forms.
 */
function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: KeyPath): ScenarioIssue {
  const atRoot = (e: Issue) =>
    e.path.length === 0 && (e.code === 'unrecognized_keys' || e.code === 'invalid_type');
  const plausible = issue.errors.filter((errors) => errors.length > 0 && !errors.some(atRoot));
  if (plausible.length === 1) {
    return describeIssue(pickIssue(plausible[0]), path);
  }
  const form = FORMS[String(path.at(-1))] ?? 'a different form of value';
  return { path, what: `${showValue(issue.input)} is not ${form}`, hint: hintFor(path) };
}

const FORMS: Record<string, string> = {
  onset: 'a date (YYYY-MM-DD) or { between: [FROM, TO] }',
  days: 'a number of days, { uniform: [MIN, MAX] } or { lognormal: { median: M, p90: P } }',
  channel: 'a channel name or a list of them',
  market: 'a market code or a list of them',
};

/** Hints by the key the problem is at: what the value means and its range. */
const HINTS: Record<string, string> = {
  probability: 'Give the chance the event happens inside the horizon, from 0 to 1 (0.7 = 70 %).',
  severity: 'Give the share of demand lost while active, from 0 (none) to 1 (dark).',
  permanent: 'duration.permanent is the chance the event outlasts the horizon, from 0 to 1.',
  share: 'A diversion share is the part of the lost demand that reappears on that channel, from 0 to 1.',
  weight: 'A branch weight is its chance given that the event happens, from 0 to 1; weights add up to 1.',
  level: 'recovery.level is demand after recovery as a share of baseline, from 0 to 1.',
  uplift: 'pre_onset.uplift is the extra demand before onset: 0.4 = +40 %.',
  onset: 'Write a date as YYYY-MM-DD (2025-01-19) or a window as { between: [2025-01-19, 2025-03-01] }.',
  start: 'Write the first simulated day as YYYY-MM-DD, e.g. 2025-01-10.',
  id: 'Ids are short names like tiktok-ban: letters, digits, ".", "_" and "-".',
  use: 'Run `ballast events` to list the library ids.',
  noise: 'Use `noise: negbin` for realistic day-to-day noise or `noise: none` for exact baselines.',
  horizon_days: 'Give the number of days to simulate, e.g. 180.',
  paths: 'Give the number of Monte Carlo paths, e.g. 10000.',
  seed: 'Give a whole number from 0 to 4294967295.',
};

/** The hint when nothing more specific is known about a key. */
export const GENERIC_HINT = 'See docs/scenarios.md for this key.';

function hintFor(path: KeyPath): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  for (let i = keys.length - 1; i >= 0; i--) {
    const hint = HINTS[keys[i]];
    if (hint) return hint;
  }
  if (keys[0] === 'correlations')
    return 'Write each correlation as [EVENT_ID, EVENT_ID, RHO] with RHO from -1 to 1.';
  if (keys.includes('halo'))
    return 'halo maps a channel to the share of its demand the target drives, from 0 to 1.';
  return GENERIC_HINT;
}
