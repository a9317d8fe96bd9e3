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
  'infeasible', // a plan constraint no plan can meet
  'busy', // the workspace is held by another process, or another write is running
  'cancelled', // work stopped because its caller cancelled it
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
  const message = error instanceof Error ? error.message : String(error);
  return new BallastError('internal', message, {
    hint: 'This is a bug in Ballast; please report it with the command you ran.',
    cause: error,
  });
}
