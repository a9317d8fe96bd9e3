/**
 * The one place an error becomes an HTTP response. Every error body has the same shape:
 * `{"error": {code, message, hint?, path?, line?, column?, id?}}`; a scenario error also lists its
 * problems under `errors`. A 500 is a bug: it carries an id that is also in the server's log, and
 * never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asBallastError, type ErrorCode } from '../errors.js';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  usage: 400,
  'not-found': 404,
  'unknown-format': 422,
  'bad-file': 422,
  'missing-rate': 422,
  'bad-input': 422,
  'workspace-version': 409,
  // Not bugs, but nothing the caller can change in the request: the server's disk or file.
  'workspace-damaged': 503,
  'disk-full': 507,
  infeasible: 422,
  busy: 409,
  cancelled: 409,
  unauthorized: 401,
  forbidden: 403,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    hint?: string;
    path?: Array<string | number>;
    line?: number;
    column?: number;
    id?: string;
  };
  errors?: Array<{ message: string; path?: Array<string | number>; line?: number; column?: number }>;
}

/** Codes the HTTP layer itself answers with, beside the engine's. */
export type HttpErrorCode = 'unauthorized' | 'too-large';

export function httpError(
  status: ContentfulStatusCode,
  code: HttpErrorCode | ErrorCode,
  message: string,
  hint?: string,
): { status: ContentfulStatusCode; body: ErrorBody } {
  return { status, body: { error: { code, message, ...(hint ? { hint } : {}) } } };
}

export function errorResponse(
  thrown: unknown,
  log: (line: string) => void,
): { status: ContentfulStatusCode; body: ErrorBody } {
  const e = asBallastError(thrown);
  const status = STATUS[e.code];
  if (status === 500) {
    const id = randomUUID().slice(0, 8);
    const cause = e.cause instanceof Error ? e.cause : e;
    log(`error ${id}: ${cause.stack ?? cause.message}`);
    return {
      status,
      body: {
        error: {
          code: e.code,
          message: `something went wrong inside Ballast (error ${id})`,
          hint: 'This is a bug; please report it with the error id, which is also in the server log.',
          id,
        },
      },
    };
  }
  const { path, line, column } = e.place;
  const place = {
    ...(path ? { path: [...path] } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
  return {
    status,
    body: {
      error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...place },
      ...(path ? { errors: [{ message: e.message, ...place }] } : {}),
    },
  };
}
