/**
 * The organisation's recent jobs (GET /orgs/{orgId}/jobs, or one seller's when one is chosen): each
 * seller's imports, simulations and plans with their state, attempts and times. Failed ones are marked
 * and show their error, so a refused upload or a scenario a worker could not run is seen here rather
 * than in a worker's log. A filter shows the failed ones alone.
 */
import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useAgencyI18n } from './i18n.ts';
import { useSession } from './session.ts';

/** One row of the job lists (src/agency/jobs.ts JobRecord). */
interface JobRow {
  id: string;
  sellerId: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  error: { code: string; message: string; hint?: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const SHOWN = 200;

export function JobsPage() {
  const { fmt, a } = useAgencyI18n();
  const { me, sellers, sellerId } = useSession();
  const [failedOnly, setFailedOnly] = useState(false);
  const query = `?limit=${SHOWN}${failedOnly ? '&state=failed' : ''}`;
  const path = sellerId
    ? `/sellers/${encodeURIComponent(sellerId)}/jobs${query}`
    : `/orgs/${encodeURIComponent(me.orgId)}/jobs${query}`;
  const jobs = useLoad(() => account.get<JobRow[]>(path), [path]);
  const names = new Map(sellers.map((s) => [s.id, s.name]));
  /** ISO time → the day in the language and the time of day in UTC (workers and sellers span zones). */
  const when = (iso: string | null) =>
    iso ? `${fmt.date(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC` : a.none;
  return (
    <>
      <PageHeader title={a.pages.jobs} lead={a.jobsLead} />
      <Section id="jobs" title={a.jobsTitle}>
        <div class="toolbar">
          <label>
            <span>{a.jobsShow}</span>
            <select
              value={failedOnly ? 'failed' : 'all'}
              onChange={(e) => setFailedOnly(e.currentTarget.value === 'failed')}
            >
              <option value="all">{a.jobsAll}</option>
              <option value="failed">{a.jobsFailedOnly}</option>
            </select>
          </label>
          <button type="button" class="secondary small" onClick={jobs.reload}>
            {a.refresh}
          </button>
        </div>
        {jobs.error ? (
          <ErrorBox error={jobs.error} />
        ) : !jobs.data ? (
          <Loading />
        ) : (
          <DataTable
            caption={a.jobsCaption}
            rows={jobs.data}
            empty={failedOnly ? a.noFailedJobs : a.noJobs}
            columns={[
              { label: a.colSeller, value: (j) => names.get(j.sellerId) ?? j.sellerId },
              { label: a.colKind, value: (j) => a.jobKinds[j.kind as keyof typeof a.jobKinds] ?? j.kind },
              {
                label: a.colState,
                value: (j) =>
                  j.state === 'failed' ? (
                    <strong class="error-text">{a.jobStates.failed}</strong>
                  ) : (
                    a.jobStates[j.state]
                  ),
              },
              { label: a.colAttempts, numeric: true, value: (j) => fmt.integer(j.attempts) },
              { label: a.colQueued, value: (j) => when(j.createdAt) },
              { label: a.colFinished, value: (j) => when(j.finishedAt) },
              {
                label: a.colError,
                value: (j) =>
                  j.error ? (
                    <span class="error-text">
                      {/* The engine's messages are in English, whatever the page's language. */}
                      <span lang="en">{j.error.message}</span> <code>{j.error.code}</code>
                    </span>
                  ) : (
                    a.none
                  ),
              },
            ]}
          />
        )}
      </Section>
    </>
  );
}
