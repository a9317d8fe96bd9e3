import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, sendJson, sendYaml } from '../api.ts';
import { EmptyWorkspace } from '../components/empty.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { PageHeader, PageLink, Section } from '../components/page.tsx';
import { useI18n } from '../i18n/index.ts';
import type { LibraryEntry, SavedScenario, ScenarioCheck, ScenarioIssue } from '../types.ts';
import { isEmpty, useWorkspace } from '../workspace.ts';
import { addLibraryEvent, applyEdit, readEvents, type EventFields, type FieldEdit } from './scenario-form.ts';

/** The editor's text survives moving to Risk or Plan and back (this tab only). */
export const DRAFT_KEY = 'ballast.scenario.draft';
export const DRAFT_NAME_KEY = 'ballast.scenario.name';

type Check =
  | { state: 'idle' | 'checking' }
  | { state: 'ok'; result: ScenarioCheck }
  | { state: 'invalid'; issues: ScenarioIssue[]; message: string };

export function ScenarioPage() {
  const { w } = useI18n();
  const { status, canRun } = useWorkspace();
  const saved = useLoad(() => getJson<SavedScenario[]>('/scenarios'), [status]);
  const library = useLoad(() => getJson<LibraryEntry[]>('/events'), []);
  const [text, setText] = useState(() => sessionStorage.getItem(DRAFT_KEY) ?? '');
  const [name, setName] = useState(() => sessionStorage.getItem(DRAFT_NAME_KEY) ?? '');
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, text);
    sessionStorage.setItem(DRAFT_NAME_KEY, name);
  }, [text, name]);

  // The first visit opens the first saved scenario, else the starter for the workspace's channels.
  useEffect(() => {
    if (text || !saved.data || !status || isEmpty(status)) return;
    const first = saved.data[0];
    (first ? open(first.name) : starter()).catch(setError);
  }, [saved.data, status]);

  // Checked as the user types, half a second after the last key.
  useEffect(() => {
    if (!text.trim()) {
      setCheck({ state: 'idle' });
      return;
    }
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      sendYaml<ScenarioCheck>('POST', '/scenarios/check', text).then(
        (result) => setCheck({ state: 'ok', result }),
        (e: unknown) =>
          e instanceof ApiError && e.status === 422
            ? setCheck({
                state: 'invalid',
                issues: e.issues.length > 0 ? e.issues : [{ message: e.message }],
                message: e.message,
              })
            : setError(e),
      );
    }, 500);
    return () => clearTimeout(timer);
  }, [text]);

  async function open(scenario: string) {
    const s = await getJson<{ name: string; yaml: string }>(`/scenarios/${encodeURIComponent(scenario)}`);
    setText(s.yaml);
    setName(s.name);
  }
  async function starter() {
    const s = await getJson<{ yaml: string }>('/scenarios/starter');
    setText(s.yaml);
    setName('');
  }
  async function save() {
    setError(null);
    setMessage('');
    try {
      const r = await sendYaml<SavedScenario>('PUT', `/scenarios/${encodeURIComponent(name)}`, text);
      setMessage(w.scenarioSaved({ name: r.name }));
      saved.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setCheck({ state: 'invalid', issues: e.issues, message: e.message });
      else setError(e);
    }
  }
  async function remove() {
    if (!name) return;
    await sendJson('DELETE', `/scenarios/${encodeURIComponent(name)}`).catch(setError);
    setMessage(w.scenarioDeleted({ name }));
    saved.reload();
  }

  if (status && isEmpty(status))
    return (
      <>
        <PageHeader title={w.pages.scenario} lead={w.scenarioLead} />
        <EmptyWorkspace compact />
      </>
    );
  const validName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
  return (
    <>
      <PageHeader title={w.pages.scenario} lead={w.scenarioLead} />
      <section class="card" aria-labelledby="h-editor">
        <h2 id="h-editor">{w.editorTitle}</h2>
        <div class="toolbar">
          <label>
            <span>{w.savedScenarios}</span>
            <select
              value=""
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (v) open(v).catch(setError);
              }}
            >
              <option value="">{w.openSaved}</option>
              {(saved.data ?? []).map((s) => (
                <option value={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
          <button type="button" class="secondary small" onClick={() => starter().catch(setError)}>
            {w.newFromStarter}
          </button>
        </div>
        <div class="editor-layout">
          <YamlEditor text={text} onChange={setText} issues={check.state === 'invalid' ? check.issues : []} />
          <div class="editor-side">
            <CheckResult check={check} />
            <EventForm text={text} onChange={setText} />
          </div>
        </div>
        <div class="toolbar">
          <label>
            <span>{w.scenarioName}</span>
            <input
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              aria-invalid={name !== '' && !validName}
              aria-describedby="name-help"
            />
          </label>
          {canRun && (
            <button
              type="button"
              disabled={!validName || check.state === 'invalid'}
              onClick={() => void save()}
            >
              {w.save}
            </button>
          )}
          {canRun && (
            <button type="button" class="secondary small" disabled={!name} onClick={() => void remove()}>
              {w.delete}
            </button>
          )}
          <span id="name-help" class="muted small-text">
            {w.scenarioNameHelp}
          </span>
        </div>
        {message && (
          <p role="status" class="ok">
            {message} <PageLink page="risk">{w.goToRisk}</PageLink>
          </p>
        )}
        <ErrorBox error={error} />
      </section>
      <Section id="library" title={w.libraryTitle} lead={w.libraryLead}>
        <ErrorBox error={library.error} />
        <ul class="library">
          {(library.data ?? []).map((e) => (
            <LibraryCard entry={e} onAdd={() => setText(addLibraryEvent(text, e.id))} />
          ))}
        </ul>
      </Section>
    </>
  );
}

function YamlEditor({
  text,
  onChange,
  issues,
}: {
  text: string;
  onChange: (t: string) => void;
  issues: ScenarioIssue[];
}) {
  const { w, fmt } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = Math.max(1, text.split('\n').length);
  const byLine = useMemo(() => {
    const m = new Map<number, string>();
    for (const i of issues) if (i.line) m.set(i.line, i.message);
    return m;
  }, [issues]);
  const jump = (line: number, column = 1) => {
    const el = area.current;
    if (!el) return;
    const starts = text
      .split('\n')
      .slice(0, line - 1)
      .reduce((s, l) => s + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(starts + column - 1, starts + column - 1);
    el.scrollTop = Math.max(0, (line - 5) * 20);
  };
  return (
    <div class="yaml-editor-wrap">
      <label for="scenario-yaml" class="label">
        {w.yamlLabel}
      </label>
      <div class={issues.length > 0 ? 'yaml-editor invalid' : 'yaml-editor'}>
        <div class="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <div class={byLine.has(i + 1) ? 'ln err' : 'ln'} title={byLine.get(i + 1)}>
              {byLine.has(i + 1) ? '● ' : ''}
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id="scenario-yaml"
          ref={area}
          spellcheck={false}
          wrap="off"
          value={text}
          aria-invalid={issues.length > 0}
          aria-describedby="scenario-errors"
          onInput={(e) => onChange(e.currentTarget.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            // Tab inserts two spaces (YAML indentation); Escape then Tab leaves the editor.
            if (e.key === 'Tab' && !e.shiftKey && !e.altKey && e.currentTarget.dataset.escaped !== '1') {
              e.preventDefault();
              const el = e.currentTarget;
              const { selectionStart: a, selectionEnd: b } = el;
              onChange(text.slice(0, a) + '  ' + text.slice(b));
              requestAnimationFrame(() => el.setSelectionRange(a + 2, a + 2));
            }
            e.currentTarget.dataset.escaped = e.key === 'Escape' ? '1' : '';
          }}
        />
      </div>
      <p class="muted small-text">{w.editorKeys}</p>
      <ul id="scenario-errors" class="issues" aria-live="polite">
        {issues.map((i) => (
          <li class="issue">
            {i.line ? (
              <button type="button" class="link" onClick={() => jump(i.line ?? 1, i.column ?? 1)}>
                {w.atLine({ line: fmt.integer(i.line), column: i.column ? fmt.integer(i.column) : null })}
              </button>
            ) : null}{' '}
            {i.path && i.path.length > 0 && <code>{i.path.join('.')}</code>}{' '}
            <span lang="en">{i.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CheckResult({ check }: { check: Check }) {
  const { w, fmt } = useI18n();
  return (
    <div class="check" role="status" aria-live="polite">
      {check.state === 'checking' && <p class="muted">{w.checking}</p>}
      {check.state === 'idle' && <p class="muted">{w.checkIdle}</p>}
      {check.state === 'invalid' && (
        <p class="error-text">{w.checkInvalid({ count: fmt.integer(check.issues.length) })}</p>
      )}
      {check.state === 'ok' && (
        <>
          <p class="ok">{w.checkOk({ name: check.result.name, start: fmt.date(check.result.start) })}</p>
          {check.result.warnings.length > 0 && (
            <ul class="warnings" aria-label={w.warnings} lang="en">
              {check.result.warnings.map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function EventForm({ text, onChange }: { text: string; onChange: (t: string) => void }) {
  const { w, fmt } = useI18n();
  const { status } = useWorkspace();
  const parsed = useMemo(() => readEvents(text), [text]);
  const [selected, setSelected] = useState(0);
  const events = parsed?.events ?? [];
  const event: EventFields | undefined = events[Math.min(selected, events.length - 1)];
  const channels = [...new Set(status?.totals.map((r) => r.channel) ?? [])];
  const edit = (e: FieldEdit) => event && onChange(applyEdit(text, event.index, e));
  const number = (raw: string, min: number, max: number) => {
    const v = Number(raw);
    return raw !== '' && Number.isFinite(v) && v >= min && v <= max ? v : null;
  };
  return (
    <fieldset class="event-form" disabled={!parsed || events.length === 0}>
      <legend>{w.formTitle}</legend>
      {!parsed ? (
        <p class="muted">{w.formYamlBroken}</p>
      ) : events.length === 0 ? (
        <p class="muted">{w.formNoEvents}</p>
      ) : (
        event && (
          <>
            <label>
              <span>{w.formEvent}</span>
              <select value={String(selected)} onChange={(e) => setSelected(Number(e.currentTarget.value))}>
                {events.map((ev, i) => (
                  <option value={String(i)}>{ev.id}</option>
                ))}
              </select>
            </label>
            <label>
              <span>{w.formProbability}</span>
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={event.probability ?? ''}
                placeholder={w.formFromLibrary}
                onChange={(e) => {
                  const v = number(e.currentTarget.value, 0, 1);
                  if (v !== null) edit({ field: 'probability', value: v });
                }}
              />
            </label>
            <label>
              <span>{w.formDuration}</span>
              <input
                type="number"
                min={1}
                max={3650}
                step={1}
                value={event.durationDays ?? ''}
                placeholder={w.formFromLibrary}
                onChange={(e) => {
                  const v = number(e.currentTarget.value, 1, 3650);
                  if (v !== null) edit({ field: 'durationDays', value: Math.round(v) });
                }}
              />
            </label>
            <label>
              <span>{w.formSeverity}</span>
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={event.severity ?? ''}
                placeholder={w.formFromLibrary}
                onChange={(e) => {
                  const v = number(e.currentTarget.value, 0, 1);
                  if (v !== null) edit({ field: 'severity', value: v });
                }}
              />
            </label>
            <fieldset class="diversion">
              <legend>{w.formDiversion}</legend>
              {channels.map((c) => (
                <label>
                  <span>{fmt.channel(c)}</span>
                  <input
                    type="number"
                    min={0}
                    max={1}
                    step={0.01}
                    value={event.diversion[c] ?? ''}
                    placeholder="0"
                    onChange={(e) => {
                      const v = number(e.currentTarget.value, 0, 1);
                      if (v !== null) edit({ field: 'diversion', channel: c, value: v });
                    }}
                  />
                </label>
              ))}
            </fieldset>
            <p class="muted small-text">{w.formNote}</p>
          </>
        )
      )}
    </fieldset>
  );
}

function LibraryCard({ entry, onAdd }: { entry: LibraryEntry; onAdd: () => void }) {
  const { w } = useI18n();
  const words = w.library[entry.id as keyof typeof w.library] as
    { title: string; summary: string } | undefined;
  return (
    <li class="library-card">
      <h3 id={`lib-${entry.id}`}>{words?.title ?? entry.title}</h3>
      <p>{words?.summary ?? entry.summary}</p>
      <p class="muted small-text">
        <code>{entry.id}</code> · {w.sourcesCount({ count: entry.sources.length })}
      </p>
      <button type="button" class="small secondary" onClick={onAdd} aria-describedby={`lib-${entry.id}`}>
        {w.addEvent}
      </button>
    </li>
  );
}
