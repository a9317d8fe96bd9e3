/**
 * The chosen seller's alert rules and alert history, against `/sellers/{id}/alert-rules` (GET the
 * rules as the alerts.yaml schema in JSON, `rules: null` when none are saved; PUT to save, a 400
 * naming the refused key) and `/sellers/{id}/alerts` (the history, open ones with `closedAt: null`).
 */
import { useState } from 'preact/hooks';
import { ApiError, getJson, sendJson } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useAgencyI18n } from './i18n.ts';
import { useWorkspace } from '../workspace.ts';

import { clean, RuleRow, type Rule } from './alert-rule.tsx';

const WINDOWS = [30, 90, 365] as const;

interface AlertRules {
  language: 'en' | 'zh-CN';
  window: (typeof WINDOWS)[number];
  rules: Rule[];
  /** Webhook and e-mail delivery: kept as the server gave it (set in alerts.yaml). */
  deliver: Record<string, unknown>;
}

/** What GET and PUT `/alert-rules` answer. */
interface StoredRules {
  rules: AlertRules | null;
}

interface AlertRecord {
  rule: string;
  subject: string;
  message: string;
  openedAt: string;
  closedAt: string | null;
}

const STARTER: AlertRules = {
  language: 'en',
  window: 90,
  rules: [
    { id: 'channel-share', when: 'share-above', above: 0.5 },
    { id: 'channel-rise', when: 'share-rise', by: 'channel', points: 0.1 },
  ],
  deliver: {},
};

type Loaded = { state: 'saved' | 'new'; rules: AlertRules };

export function AlertRulesPage() {
  const { a } = useAgencyI18n();
  const loaded = useLoad(async (): Promise<Loaded> => {
    const { rules } = await getJson<StoredRules>('/alert-rules');
    return rules ? { state: 'saved', rules } : { state: 'new', rules: STARTER };
  }, []);
  return (
    <>
      <PageHeader title={a.pages['alert-rules']} lead={a.alertRulesLead} />
      {loaded.error ? (
        <ErrorBox error={loaded.error} />
      ) : !loaded.data ? (
        <Loading />
      ) : (
        <>
          <RulesEditor initial={loaded.data.rules} saved={loaded.data.state === 'saved'} />
          <History />
        </>
      )}
    </>
  );
}

function RulesEditor({ initial, saved }: { initial: AlertRules; saved: boolean }) {
  const { a } = useAgencyI18n();
  const { canRun } = useWorkspace();
  const [doc, setDoc] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const setRule = (i: number, rule: Rule) =>
    setDoc({ ...doc, rules: doc.rules.map((r, j) => (j === i ? rule : r)) });
  const save = async () => {
    setError(null);
    setDone(false);
    try {
      const stored = await sendJson<StoredRules>('PUT', '/alert-rules', {
        ...doc,
        rules: doc.rules.map(clean),
      });
      if (stored.rules) setDoc(stored.rules);
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Section id="rules" title={a.rulesTitle} lead={saved ? undefined : a.rulesStarter}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={!canRun} class="rules-form">
          <legend class="visually-hidden">{a.rulesTitle}</legend>
          <div class="toolbar">
            <label>
              <span>{a.alertLanguage}</span>
              <select
                value={doc.language}
                onChange={(e) =>
                  setDoc({ ...doc, language: e.currentTarget.value === 'zh-CN' ? 'zh-CN' : 'en' })
                }
              >
                <option value="en">English</option>
                <option value="zh-CN">中文</option>
              </select>
            </label>
            <label>
              <span>{a.alertWindow}</span>
              <select
                value={String(doc.window)}
                onChange={(e) =>
                  setDoc({ ...doc, window: WINDOWS.find((d) => String(d) === e.currentTarget.value) ?? 90 })
                }
              >
                {WINDOWS.map((d) => (
                  <option value={String(d)}>{a.days({ days: String(d) })}</option>
                ))}
              </select>
            </label>
          </div>
          <ol class="rules">
            {doc.rules.map((rule, i) => (
              <li>
                <RuleRow
                  rule={rule}
                  index={i}
                  onChange={(r) => setRule(i, r)}
                  onRemove={() => setDoc({ ...doc, rules: doc.rules.filter((_, j) => j !== i) })}
                />
              </li>
            ))}
          </ol>
          {canRun && (
            <div class="actions">
              <button
                type="button"
                class="secondary small"
                onClick={() => setDoc({ ...doc, rules: [...doc.rules, { when: 'share-above', above: 0.5 }] })}
              >
                {a.addRule}
              </button>
              <button type="submit" disabled={doc.rules.length === 0}>
                {a.saveRules}
              </button>
            </div>
          )}
        </fieldset>
      </form>
      {Object.keys(doc.deliver).length > 0 && (
        <p class="muted small-text">{a.deliverKept({ ways: Object.keys(doc.deliver).join(', ') })}</p>
      )}
      <ErrorBox error={error} />
      {issues.length > 0 && (
        <ul class="issues" lang="en">
          {issues.map((issue) => (
            <li class="issue">
              {issue.path?.length ? <code>{issue.path.join('.')}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {done && <p role="status">{a.rulesSaved}</p>}
    </Section>
  );
}

function History() {
  const { fmt, a } = useAgencyI18n();
  const alerts = useLoad(async () => (await getJson<{ history: AlertRecord[] }>('/alerts')).history, []);
  const date = (iso: string) => fmt.date(iso.slice(0, 10));
  return (
    <Section id="alerts" title={a.historyTitle}>
      {alerts.error ? (
        <ErrorBox error={alerts.error} />
      ) : alerts.data === undefined ? (
        <Loading />
      ) : (
        <DataTable
          caption={a.historyCaption}
          rows={alerts.data}
          empty={a.noAlerts}
          columns={[
            { label: a.colRule, value: (r) => r.rule },
            { label: a.colSubject, value: (r) => r.subject },
            { label: a.colMessage, value: (r) => r.message },
            { label: a.colOpened, value: (r) => date(r.openedAt) },
            {
              label: a.colClosed,
              value: (r) => (r.closedAt ? date(r.closedAt) : <strong>{a.stillOpen}</strong>),
            },
          ]}
        />
      )}
    </Section>
  );
}
