/**
 * The one override rule, used for `use:` (library entry ← the file's fields) and for branches
 * (event ← branch fields): mappings merge key by key, everything else — lists, numbers, text —
 * replaces. `onset` and `days` replace whole, because their forms (a date or { between }, a
 * number or { uniform } or { lognormal }) would otherwise mix into a value that is neither.
 */
const WHOLE = new Set(['onset', 'days']);

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: Mapping, override: Mapping): Mapping {
  const out: Mapping = {};
  for (const [key, value] of Object.entries(base)) define(out, key, value);
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    const merged =
      !WHOLE.has(key) && isMapping(current) && isMapping(value) ? deepMerge(current, value) : value;
    define(out, key, merged);
  }
  return out;
}

/** Own data property even for a key named `__proto__`, so the strict schema sees and refuses it. */
function define(target: Mapping, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether `path` exists in `value` (used to tell the file's own keys from a library entry's). */
export function hasPath(value: unknown, path: ReadonlyArray<string | number>): boolean {
  let at: unknown = value;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(at) || part >= at.length) return false;
      at = at[part];
    } else {
      if (!isMapping(at) || !Object.hasOwn(at, part)) return false;
      at = at[part];
    }
  }
  return true;
}
