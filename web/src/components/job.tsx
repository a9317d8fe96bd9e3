import { useRef, useState } from 'preact/hooks';
import { ApiError, followJob, sendJson } from '../api.ts';
import { useI18n } from '../i18n/index.ts';
import type { Job } from '../types.ts';

export interface JobRunner {
  job: Job | null;
  running: boolean;
  error: ApiError | Error | null;
  /** POSTs `body` to `path`, follows the job to its end and resolves with it (failed jobs too). */
  start(path: string, body?: unknown): Promise<Job | null>;
  cancel(): void;
}

export function useJob(): JobRunner {
  const [job, setJob] = useState<Job | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const current = useRef<Job | null>(null);
  return {
    job,
    running,
    error,
    async start(path, body) {
      setError(null);
      setRunning(true);
      try {
        const { job: queued } = await sendJson<{ job: Job }>('POST', path, body ?? {});
        current.current = queued;
        setJob(queued);
        const finished = await followJob(queued, (progress) =>
          setJob({ ...queued, state: 'running', progress }),
        );
        setJob(finished);
        if (finished.state === 'failed' && finished.error) {
          setError(new ApiError(500, finished.error.code, finished.error.message, finished.error.hint));
        }
        return finished;
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
        return null;
      } finally {
        setRunning(false);
        current.current = null;
      }
    },
    cancel() {
      const id = current.current?.id;
      if (id) sendJson('DELETE', `/jobs/${encodeURIComponent(id)}`).catch(() => undefined);
    },
  };
}

/** The progress bar of a running job, named for a screen reader, with its stage in words. */
export function JobProgress({ runner, label }: { runner: JobRunner; label: string }) {
  const { w, fmt } = useI18n();
  const { job, running } = runner;
  if (!running || !job) return null;
  const p = job.progress;
  const stage = p ? (w.stages[p.stage as keyof typeof w.stages] ?? w.stageWorking) : w.stageQueued;
  return (
    <div class="job" role="status" aria-live="polite">
      <label>
        <span>
          {label} · {stage}
          {p && p.total > 0 ? ` · ${fmt.integer(p.done)} / ${fmt.integer(p.total)}` : ''}
        </span>
        <progress
          max={p && p.total > 0 ? p.total : undefined}
          value={p && p.total > 0 ? p.done : undefined}
        />
      </label>
      <button type="button" class="small secondary" onClick={() => runner.cancel()}>
        {w.cancel}
      </button>
    </div>
  );
}

/** An error from the API in words, with the server's hint. */
export function ErrorBox({ error }: { error: unknown }) {
  const { w } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ApiError ? error.hint : undefined;
  return (
    <div class="error-box" role="alert">
      <p>
        <strong>{w.errorTitle}</strong> <span lang="en">{message}</span>
      </p>
      {hint && (
        <p class="hint" lang="en">
          {hint}
        </p>
      )}
    </div>
  );
}
