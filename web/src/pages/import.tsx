import { useMemo, useRef, useState } from 'preact/hooks';
import { getJson, importResult, upload, type QueuedJob } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { PageHeader, Section } from '../components/page.tsx';
import { useI18n } from '../i18n/index.ts';
import type { ImportSummary, RejectsReport, StatusReport } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';

const ENCODINGS = ['', 'utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;

export function ImportPage() {
  const { w } = useI18n();
  const { status, reload, canRun } = useWorkspace();
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [options, setOptions] = useState({ channel: '', market: '', currency: '', encoding: '' });
  const input = useRef<HTMLInputElement>(null);
  const rejects = useLoad(() => getJson<RejectsReport>('/rejects?limit=1000'), [status]);

  const send = async (files: readonly File[]) => {
    if (files.length === 0) return;
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    for (const [k, v] of Object.entries(options)) if (v) form.append(k, v);
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      setSummary(await importResult(await upload<ImportSummary | QueuedJob>('/imports', form)));
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <PageHeader title={w.pages.import} lead={w.importLead} />
      {!canRun && <p class="card note">{w.readOnly}</p>}
      <section class="card" aria-labelledby="h-drop" hidden={!canRun}>
        <h2 id="h-drop">{w.importDropTitle}</h2>
        <div
          class={dragging ? 'dropzone dragging' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void send([...(e.dataTransfer?.files ?? [])]);
          }}
        >
          <p>{w.importDropHere}</p>
          <label class="button" for="import-files">
            {w.importChoose}
          </label>
          <input
            id="import-files"
            ref={input}
            class="visually-hidden"
            type="file"
            multiple
            disabled={busy}
            onChange={(e) => void send([...(e.currentTarget.files ?? [])])}
          />
          <p class="muted small-text">{w.importPrivacy}</p>
        </div>
        <details class="options">
          <summary>{w.importOptions}</summary>
          <p class="muted">{w.importOptionsLead}</p>
          <div class="form-grid">
            {(['channel', 'market', 'currency'] as const).map((k) => (
              <label>
                <span>{w.importOption[k]}</span>
                <input
                  value={options[k]}
                  onInput={(e) => setOptions({ ...options, [k]: e.currentTarget.value.trim() })}
                  placeholder={w.importOptionPlaceholder[k]}
                />
              </label>
            ))}
            <label>
              <span>{w.importOption.encoding}</span>
              <select
                value={options.encoding}
                onChange={(e) => setOptions({ ...options, encoding: e.currentTarget.value })}
              >
                {ENCODINGS.map((enc) => (
                  <option value={enc}>{enc || w.importEncodingAuto}</option>
                ))}
              </select>
            </label>
          </div>
        </details>
        {busy && (
          <p role="status" class="job">
            {w.importing}
          </p>
        )}
        <ErrorBox error={error} />
        {summary && <Outcome summary={summary} />}
      </section>
      {status && isEmpty(status) && !summary && <EmptyWorkspace compact />}
      <Rejects report={rejects.data} />
      {status && <Files status={status} />}
      <Section id="formats" title={w.formatsTitle} lead={w.formatsLead}>
        <ul class="formats">
          {w.formats.map((f) => (
            <li>{f}</li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function Outcome({ summary }: { summary: ImportSummary }) {
  const { w, fmt } = useI18n();
  return (
    <div class="outcome" role="status">
      <p class="ok">
        {w.importDone({
          files: fmt.integer(summary.files.length),
          added: fmt.integer(summary.added),
          updated: fmt.integer(summary.updated),
          rejects: fmt.integer(summary.rejects),
        })}
      </p>
      <DataTable
        caption={w.importOutcomeCaption}
        rows={summary.files}
        columns={[
          { label: w.colFile, value: (f) => f.name },
          { label: w.colFormat, value: (f) => f.format },
          { label: w.colKind, value: (f) => w.kinds[f.kind as keyof typeof w.kinds] ?? f.kind },
          { label: w.colOutcome, value: (f) => (f.status === 'imported' ? w.imported : w.alreadyImported) },
          { label: w.colRows, value: (f) => fmt.integer(f.rows), numeric: true },
          { label: w.colAdded, value: (f) => fmt.integer(f.added), numeric: true },
          { label: w.colUpdated, value: (f) => fmt.integer(f.updated), numeric: true },
          { label: w.colRejects, value: (f) => fmt.integer(f.rejects), numeric: true },
        ]}
      />
      {summary.warnings.length > 0 && (
        <ul class="warnings" aria-label={w.warnings} lang="en">
          {summary.warnings.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Rejects({ report }: { report: RejectsReport | undefined }) {
  const { w, fmt } = useI18n();
  const [file, setFile] = useState('');
  const [text, setText] = useState('');
  const files = useMemo(() => [...new Set(report?.rejects.map((r) => r.file) ?? [])].sort(), [report]);
  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (report?.rejects ?? []).filter(
      (r) =>
        (!file || r.file === file) &&
        (!needle || [r.reason, r.column ?? '', r.value ?? ''].some((v) => v.toLowerCase().includes(needle))),
    );
  }, [report, file, text]);
  if (!report) return null;
  return (
    <Section
      id="rejects"
      title={w.rejectsTitle}
      lead={report.total === 0 ? w.rejectsNone : w.rejectsLead({ total: fmt.integer(report.total) })}
    >
      {report.total > 0 && (
        <>
          <div class="filters" role="search" aria-label={w.rejectsFilters}>
            <label>
              <span>{w.colFile}</span>
              <select value={file} onChange={(e) => setFile(e.currentTarget.value)}>
                <option value="">{w.allFiles}</option>
                {files.map((f) => (
                  <option value={f}>{f}</option>
                ))}
              </select>
            </label>
            <label>
              <span>{w.rejectsSearch}</span>
              <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            <p class="muted" aria-live="polite">
              {w.showingRows({ shown: fmt.integer(rows.length), total: fmt.integer(report.total) })}
            </p>
          </div>
          <DataTable
            caption={w.rejectsTitle}
            table="rejects"
            rows={rows.slice(0, 300)}
            columns={[
              { label: w.colFile, value: (r) => r.file },
              { label: w.colLine, value: (r) => (r.line === null ? '' : fmt.integer(r.line)), numeric: true },
              { label: w.colColumn, value: (r) => r.column ?? '' },
              { label: w.colValue, value: (r) => r.value ?? '' },
              { label: w.colReason, value: (r) => <span lang="en">{r.reason}</span> },
            ]}
          />
        </>
      )}
    </Section>
  );
}

function Files({ status }: { status: StatusReport }) {
  const { w, t, fmt } = useI18n();
  return (
    <Section id="files" title={w.filesTitle} lead={w.filesLead}>
      <DataTable
        caption={w.filesTitle}
        table="status-files"
        rows={status.files}
        empty={w.filesNone}
        columns={[
          { label: w.colFile, value: (f) => f.name },
          { label: w.colFormat, value: (f) => f.format },
          { label: w.colKind, value: (f) => w.kinds[f.kind as keyof typeof w.kinds] ?? f.kind },
          { label: w.colRows, value: (f) => fmt.integer(f.rows), numeric: true },
          { label: w.colRejects, value: (f) => fmt.integer(f.rejects), numeric: true },
          { label: w.colImportedAt, value: (f) => fmt.date(f.importedAt.slice(0, 10)) },
        ]}
      />
      <DataTable
        caption={w.totalsTitle}
        table="status-totals"
        rows={status.totals}
        empty={w.filesNone}
        columns={[
          { label: t.colChannel, value: (r) => fmt.channel(r.channel) },
          { label: t.colMarket, value: (r) => fmt.market(r.market) },
          { label: w.colCurrency, value: (r) => r.currency },
          { label: w.colOrders, value: (r) => fmt.integer(r.orders), numeric: true },
          { label: t.colUnits, value: (r) => fmt.integer(r.units), numeric: true },
          { label: w.colGross, value: (r) => fmt.decimal(r.gross, 2), numeric: true },
          { label: w.colRefunds, value: (r) => fmt.decimal(r.refunds, 2), numeric: true },
          { label: w.colPeriod, value: (r) => `${fmt.date(r.from)} – ${fmt.date(r.to)}` },
        ]}
      />
    </Section>
  );
}
