import { useState } from 'preact/hooks';
import { download, query } from '../api.ts';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox } from '../components/job.tsx';
import { PageHeader, Section } from '../components/page.tsx';
import { LANGS, useI18n, type Lang } from '../i18n/index.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';
import { WindowPicker, type WindowChoice } from './exposure.tsx';

export function ReportsPage() {
  const { w } = useI18n();
  const { status } = useWorkspace();
  const [choice, setChoice] = useState<WindowChoice>({ window: 90 });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Lang | null>(null);
  const params = 'window' in choice ? { window: choice.window } : { from: choice.from, to: choice.to };
  const get = async (lang: Lang) => {
    setBusy(lang);
    setError(null);
    try {
      await download(
        `/report${query({ lang, ...params, download: 1 })}`,
        lang === 'en' ? 'ballast-report.html' : `ballast-report.${lang}.html`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <PageHeader title={w.pages.reports} lead={w.reportsLead} />
      {status && isEmpty(status) ? (
        <EmptyWorkspace compact />
      ) : (
        <Section id="report" title={w.reportTitle} lead={w.reportAbout}>
          <WindowPicker value={choice} onChange={setChoice} />
          <ul class="report-langs">
            {LANGS.map((lang) => (
              <li>
                <button type="button" disabled={busy !== null} onClick={() => void get(lang)}>
                  {w.downloadReport[lang]}
                </button>{' '}
                <a href={`/api/v1/report${query({ lang, ...params })}`} target="_blank" rel="noopener">
                  {w.openReport[lang]}
                </a>
              </li>
            ))}
          </ul>
          {busy && (
            <p role="status" class="muted">
              {w.preparingReport}
            </p>
          )}
          <ErrorBox error={error} />
        </Section>
      )}
    </>
  );
}
