/**
 * The one error type Ballast throws on purpose. Faces map it in exactly one place each:
 * the CLI to an exit code (user errors 1, internal 2), the server to an HTTP status.
 */
export const ERROR_CODES = [
  'usage', // bad flags or arguments
  'not-found', // a file or workspace that is not there
  'unknown-format', // a file whose header matches no reader
  'bad-file', // a file that cannot be read as a whole (truncated, wrong encoding, empty)
  'missing-rate', // an amount in a currency with no FX rate
  'bad-input', // an outside value that fails validation (scenario, CSV layout, HTTP body)
  'workspace-version', // a workspace written by a newer Ballast
  'workspace-damaged', // a workspace file that is not a DuckDB file, or whose blocks fail their checksums
  'disk-full', // no room left on the disk holding the workspace or the temporary copies
  'infeasible', // a plan constraint no plan can meet
  'busy', // the workspace is held by another process, or another write is running
  'cancelled', // work stopped because its caller cancelled it
  'unauthorized', // server mode: no valid session or token
  'forbidden', // server mode: signed in, but the role or token scope does not allow it
  'rate-limited', // server mode: too many sign-in attempts
  'unavailable', // server mode: PostgreSQL or Redis is not reachable
  'internal', // a bug: anything we did not expect
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in the caller's input the problem is, for faces that can point at it. */
export interface ErrorPlace {
  /** The engine option at fault (`paths`, `skuThreshold`): each face names it its own way. */
  option?: string;
  /** The key path inside a document (a scenario's `events[0].onset` as `['events', 0, 'onset']`). */
  path?: ReadonlyArray<string | number>;
  /** 1-based line and column in the document's text. */
  line?: number;
  column?: number;
}

export class BallastError extends Error {
  readonly code: ErrorCode;
  /** What the user can do next, in one sentence. */
  readonly hint: string | undefined;
  readonly place: ErrorPlace;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; place?: ErrorPlace } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'BallastError';
    this.code = code;
    this.hint = options.hint;
    this.place = options.place ?? {};
  }

  get isUserError(): boolean {
    return this.code !== 'internal';
  }
}

/** Wraps anything thrown into a BallastError so faces only ever handle one type. */
export function asBallastError(error: unknown): BallastError {
  if (error instanceof BallastError) return error;
  const full = diskFull(error);
  if (full) return full;
  const message = error instanceof Error ? error.message : String(error);
  return new BallastError('internal', message, {
    hint: 'This is a bug in Ballast; please report it with the command you ran.',
    cause: error,
  });
}

/**
 * Node's own file writes (a transcoded copy, a workbook turned into CSV) fail with ENOSPC or EDQUOT
 * when the disk is full: the user's to fix, not a bug. The path is named when Node gives it.
 */
function diskFull(error: unknown): BallastError | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return undefined;
  const where = path ? `the disk holding ${path}` : 'the disk';
  return new BallastError('disk-full', `no space left on ${where} (${code})`, {
    hint: 'Free some space (or set TMPDIR to a disk with room for a copy of the file) and run the command again; the workspace was left as it was.',
    cause: error,
  });
}

/**
 * `value`, which the code around it has already made sure is there (a key it just set, a row it just
 * matched); a BallastError('internal') saying what was missing if that reasoning is ever wrong.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null)
    throw new BallastError('internal', `${what} is missing`, {
      hint: 'This is a bug in Ballast; please report it with the command you ran.',
    });
  return value;
}
