/**
 * The one door to the server: every call goes through `api`, which adds the access token when the
 * server asked for one, turns the contract's error shape into an ApiError, and, on a 401, asks the
 * user for the token once and retries. In server mode (many sellers behind sign-in) the session
 * cookie authenticates instead, a 401 returns to sign-in, and a seller's calls go under
 * `/sellers/{id}` (the `account` calls, for sign-in and the organisation, do not).
 */
import type { ImportSummary, Job, RunListing, ScenarioIssue, TableId } from './types.ts';

export const TOKEN_KEY = 'ballast.token';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly issues: ScenarioIssue[] = [],
  ) {
    super(message);
  }
}

/** Set by the shell: shows the token prompt and resolves with what the user typed (null: cancelled). */
let askToken: (() => Promise<string | null>) | null = null;
export function onTokenNeeded(ask: () => Promise<string | null>): void {
  askToken = ask;
}

/** Server mode: set by the agency shell; a 401 calls `signedOut` (back to the sign-in page). */
let agency: { signedOut: () => void } | null = null;
/** The chosen seller's prefix in server mode (`/sellers/{id}`); empty in single-seller mode. */
let sellerPrefix = '';

export function enterServerMode(signedOut: () => void): void {
  agency = { signedOut };
}

/** Every seller call from now on goes to this seller (null: none chosen). */
export function setSeller(sellerId: string | null): void {
  sellerPrefix = sellerId ? `/sellers/${encodeURIComponent(sellerId)}` : '';
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  // A token saved for a single-seller server must not stand in for the session cookie.
  const token = agency ? null : localStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return call(BASE + sellerPrefix + path, init, false);
}

async function call(url: string, init: RequestInit, retried: boolean): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    headers: headers((init.headers as Record<string, string> | undefined) ?? {}),
  });
  if (response.status === 401 && agency && !url.endsWith('/auth/sign-in')) agency.signedOut();
  else if (response.status === 401 && !retried && askToken) {
    const token = await askToken();
    if (token) {
      localStorage.setItem(TOKEN_KEY, token);
      return call(url, init, true);
    }
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; hint?: string } & Partial<ScenarioIssue>;
      errors?: ScenarioIssue[];
    };
    const e: { code?: string; message?: string; hint?: string } & Partial<ScenarioIssue> = body.error ?? {};
    const issues = body.errors ?? (e.line !== undefined ? [{ ...e, message: e.message ?? '' }] : []);
    return new ApiError(response.status, e.code ?? 'http', e.message ?? response.statusText, e.hint, issues);
  } catch {
    return new ApiError(response.status, 'http', `${response.status} ${response.statusText}`);
  }
}

/** Server mode's calls outside any seller: sign-in, the caller, the organisation. */
export const account = {
  async get<T>(path: string): Promise<T> {
    return (await call(BASE + path, {}, false)).json() as Promise<T>;
  },
  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(BASE + path, jsonInit(method, body), false);
    return response.json() as Promise<T>;
  },
};

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  ...(body === undefined
    ? {}
    : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
});

export async function getJson<T>(path: string): Promise<T> {
  return (await request(path)).json() as Promise<T>;
}

/**
 * The newest stored run of a kind, or null. Read through the run listing rather than
 * `/runs/latest`, so an empty workspace asks nothing that answers 404 (a browser logs every 4xx).
 */
export async function latestRun<T>(kind: 'simulation' | 'plan'): Promise<T | null> {
  const [newest] = await getJson<RunListing[]>(`/runs?kind=${kind}`);
  return newest ? getJson<T>(`/runs/${encodeURIComponent(newest.runId)}`) : null;
}

/** GET that answers null on 404 (no such scenario). */
export async function getOptional<T>(path: string): Promise<T | null> {
  try {
    return await getJson<T>(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(path, jsonInit(method, body));
  return (response.status === 204 ? null : await response.json()) as T;
}

export async function sendYaml<T>(method: string, path: string, yaml: string): Promise<T> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': 'application/yaml' },
    body: yaml,
  });
  return response.json() as Promise<T>;
}

export async function upload<T>(path: string, form: FormData): Promise<T> {
  return (await request(path, { method: 'POST', body: form })).json() as Promise<T>;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads a file through fetch (so the token goes with it) and hands it to the browser as a
 * download, under the name the server gives in Content-Disposition.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function tablePath(
  table: TableId,
  format: 'csv' | 'xlsx',
  params: Record<string, string | number | undefined | null> = {},
): string {
  return `/tables/${table}${query({ ...params, format })}`;
}

/**
 * Follows a job to its end over its server-sent event stream, read with fetch rather than
 * EventSource because EventSource cannot send the Authorization header. Falls back to polling
 * `GET /jobs/{id}` if the stream breaks.
 */
export async function followJob(
  job: Job,
  onProgress: (progress: NonNullable<Job['progress']>) => void,
  signal?: AbortSignal,
): Promise<Job> {
  if (isFinished(job)) return job;
  try {
    const response = await request(`/jobs/${encodeURIComponent(job.id)}/events`, {
      headers: { Accept: 'text/event-stream' },
      ...(signal ? { signal } : {}),
    });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (reader) {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const event = /^event: ?(.*)$/m.exec(block)?.[1]?.trim() ?? 'message';
          const data = block
            .split(/\r?\n/)
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).replace(/^ /, ''))
            .join('\n');
          if (!data) continue;
          if (event === 'progress') onProgress(JSON.parse(data) as NonNullable<Job['progress']>);
          else if (event === 'done' || event === 'failed' || event === 'cancelled') {
            await reader.cancel();
            return JSON.parse(data) as Job;
          }
        }
      }
    }
  } catch (e) {
    if (signal?.aborted) throw e;
  }
  return pollJob(job.id, onProgress, signal);
}

async function pollJob(
  id: string,
  onProgress: (progress: NonNullable<Job['progress']>) => void,
  signal?: AbortSignal,
): Promise<Job> {
  for (;;) {
    const job = await getJson<Job>(`/jobs/${encodeURIComponent(id)}`);
    if (job.progress) onProgress(job.progress);
    if (isFinished(job)) return job;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Server mode with workers: work is queued, and the job's `result` holds what the work returned. */
export interface QueuedJob {
  job: Job & { result?: unknown };
}

/**
 * An import's summary: the server's answer itself, or, when workers run the import (server mode
 * with `--redis`), the queued job's result once the job is done.
 */
export async function importResult(answer: ImportSummary | QueuedJob): Promise<ImportSummary> {
  if (!('job' in answer)) return answer;
  const job: QueuedJob['job'] = await followJob(answer.job, () => {});
  if (job.state === 'done') return job.result as ImportSummary;
  throw new ApiError(
    409,
    job.error?.code ?? job.state,
    job.error?.message ?? `the import job ended ${job.state}`,
    job.error?.hint,
  );
}

export function isFinished(job: Job): boolean {
  return job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
}
