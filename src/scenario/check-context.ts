/**
 * What the rule checks share: the file name, the workspace facts and, per event, the fields the
 * file itself wrote — so a problem in a value that came from a library entry says so, and the
 * hint says to override it beside `use:` rather than to fix a line the user never wrote.
 */
import { hasPath, isMapping } from './merge.js';
import { closest, scenarioProblem, showValue, type KeyPath } from './problem.js';
import type { WorkspaceFacts } from './types.js';

export interface CheckContext {
  fileName: string;
  facts: WorkspaceFacts;
  /** Each event as the file wrote it, before the library entry was merged in. */
  fileEvents: readonly unknown[];
}

/** The library entry a value at `path` came from, if the file did not write it itself. */
export function librarySource(ctx: CheckContext, path: KeyPath): string | undefined {
  if (path[0] !== 'events' || typeof path[1] !== 'number') return undefined;
  const written = ctx.fileEvents[path[1]];
  if (!isMapping(written) || typeof written.use !== 'string') return undefined;
  return hasPath(written, path.slice(2)) ? undefined : written.use;
}

export function fail(ctx: CheckContext, path: KeyPath, what: string, hint: string): never {
  const source = librarySource(ctx, path);
  return scenarioProblem(ctx.fileName, path, source ? `${what} (from library entry ${source})` : what, hint);
}

const KNOWN: Record<NameKind, { facts: keyof WorkspaceFacts; override: string; plural: string }> = {
  channel: { facts: 'channels', override: 'target', plural: 'Channels' },
  market: { facts: 'markets', override: 'target', plural: 'Markets' },
  location: { facts: 'locations', override: 'stranded', plural: 'Locations' },
};

export type NameKind = 'channel' | 'market' | 'location';

/** Refuses a channel, market or location the workspace does not know. */
export function checkName(
  ctx: CheckContext,
  kind: NameKind,
  value: string,
  path: KeyPath,
  why?: string,
): void {
  const { facts: key, override, plural } = KNOWN[kind];
  const known = ctx.facts[key] as string[];
  if (known.includes(value)) return;
  const list =
    known.length > 0
      ? `${plural} in this workspace: ${known.join(', ')}.`
      : `This workspace has no ${key} yet.`;
  const source = librarySource(ctx, path);
  const guess = closest(value, known);
  const hint = source
    ? `${list} Override \`${override}\` beside \`use: ${source}\` with your own.`
    : (why ??
      `${guess ? `Did you mean ${guess}? ` : ''}${list} Fix the name, or import that ${kind}'s data first.`);
  fail(ctx, path, `${showValue(value)} is not a ${kind} in this workspace`, hint);
}

/** A name-or-list value as entries with their exact paths (`channel` or `channel[1]`). */
export function namesAt(value: string | string[] | undefined, path: KeyPath): Array<[string, KeyPath]> {
  if (value === undefined) return [];
  if (typeof value === 'string') return [[value, path]];
  return value.map((name, i) => [name, [...path, i]]);
}
