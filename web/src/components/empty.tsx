import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { href, navigate } from '../router.ts';
import { useWorkspace } from '../workspace.ts';
import { ErrorBox, JobProgress, useJob } from './job.tsx';

/** What a new user sees on an empty workspace: import their own files, or load the demo seller. */
export function EmptyWorkspace({ compact = false }: { compact?: boolean }) {
  const { w, lang } = useI18n();
  const { reload, canRun } = useWorkspace();
  const demo = useJob();
  const [loaded, setLoaded] = useState(false);
  const load = async () => {
    const job = await demo.start('/demo');
    if (job?.state === 'done') {
      setLoaded(true);
      reload();
    }
  };
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{w.emptyTitle}</h2>
      {!compact && <p>{w.emptyLead}</p>}
      <ol class="steps">
        <li>{w.emptyStepImport}</li>
        <li>{w.emptyStepExposure}</li>
        <li>{w.emptyStepScenario}</li>
      </ol>
      {!canRun && <p class="note">{w.readOnly}</p>}
      <div class="actions" hidden={!canRun}>
        <a
          class="button"
          href={href('import', lang)}
          onClick={(e) => {
            e.preventDefault();
            navigate(href('import', lang));
          }}
        >
          {w.emptyImport}
        </a>
        <button type="button" class="secondary" disabled={demo.running} onClick={() => void load()}>
          {w.loadDemo}
        </button>
      </div>
      <p class="muted">{w.demoAbout}</p>
      <JobProgress runner={demo} label={w.loadingDemo} />
      <ErrorBox error={demo.error} />
      {loaded && <p role="status">{w.demoLoaded}</p>}
    </section>
  );
}
