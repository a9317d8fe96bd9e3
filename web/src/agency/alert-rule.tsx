/**
 * One alert rule in the editor of the alert-rules page: its kind and the fields that kind takes,
 * shares typed as percentages. `clean` keeps only the kind's own fields, since the schema is strict.
 */
import { useWorkspace } from '../workspace.ts';
import { useAgencyI18n } from './i18n.ts';

export const KINDS = ['share-above', 'share-rise', 'locked-stock-above', 'cvar-above'] as const;
export type Kind = (typeof KINDS)[number];

/** One rule as the server's schema has it; fields a kind does not use are left out when saved. */
export interface Rule {
  id?: string;
  when: Kind;
  channel?: string;
  market?: string;
  above?: number;
  by?: 'channel' | 'market';
  points?: number;
  units?: number;
  scenario?: string;
  limit?: number;
}

/** Shares are stored 0–1 and typed as percentages. */
const pct = (share: number | undefined) => (share === undefined ? '' : String(Math.round(share * 1000) / 10));
const fromPct = (text: string) => Number(text) / 100;

export function RuleRow({
  rule,
  index,
  onChange,
  onRemove,
}: {
  rule: Rule;
  index: number;
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}) {
  const { a } = useAgencyI18n();
  const { canRun } = useWorkspace();
  const field = (label: string, input: preact.JSX.Element) => (
    <label>
      <span>{label}</span>
      {input}
    </label>
  );
  const text = (key: 'channel' | 'market' | 'scenario' | 'id', placeholder = '') => (
    <input
      value={rule[key] ?? ''}
      placeholder={placeholder}
      onInput={(e) => onChange({ ...rule, [key]: e.currentTarget.value.trim() || undefined })}
    />
  );
  const number = (value: string, set: (text: string) => void, step = 'any') => (
    <input
      type="number"
      min={0}
      step={step}
      required
      value={value}
      onInput={(e) => set(e.currentTarget.value)}
    />
  );
  return (
    <fieldset class="rule">
      <legend>{a.ruleNumber({ n: String(index + 1) })}</legend>
      <div class="toolbar">
        {field(
          a.ruleKind,
          <select
            value={rule.when}
            onChange={(e) =>
              onChange({ id: rule.id, when: KINDS.find((k) => k === e.currentTarget.value) ?? 'share-above' })
            }
          >
            {KINDS.map((k) => (
              <option value={k}>{a.kinds[k]}</option>
            ))}
          </select>,
        )}
        {rule.when === 'share-above' && (
          <>
            {field(a.ruleChannel, text('channel', a.anyChannel))}
            {field(a.ruleMarket, text('market', 'US'))}
            {field(
              a.ruleAbovePct,
              number(pct(rule.above), (v) => onChange({ ...rule, above: fromPct(v) })),
            )}
          </>
        )}
        {rule.when === 'share-rise' && (
          <>
            {field(
              a.ruleBy,
              <select
                value={rule.by ?? 'channel'}
                onChange={(e) =>
                  onChange({ ...rule, by: e.currentTarget.value === 'market' ? 'market' : 'channel' })
                }
              >
                <option value="channel">{a.byChannel}</option>
                <option value="market">{a.byMarket}</option>
              </select>,
            )}
            {field(
              a.rulePoints,
              number(pct(rule.points), (v) => onChange({ ...rule, points: fromPct(v) })),
            )}
          </>
        )}
        {rule.when === 'locked-stock-above' &&
          field(
            a.ruleUnits,
            number(String(rule.units ?? ''), (v) => onChange({ ...rule, units: Number(v) }), '1'),
          )}
        {rule.when === 'cvar-above' && (
          <>
            {field(a.ruleScenario, text('scenario', a.newestRun))}
            {field(
              a.ruleLimit,
              number(String(rule.limit ?? ''), (v) => onChange({ ...rule, limit: Number(v) })),
            )}
          </>
        )}
        {field(a.ruleId, text('id'))}
        {canRun && (
          <button type="button" class="secondary small" onClick={onRemove}>
            {a.removeRule}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** Only the fields the rule's kind has: the schema is strict and refuses the others. */
export function clean(rule: Rule): Rule {
  const keep: Record<Kind, ReadonlyArray<keyof Rule>> = {
    'share-above': ['channel', 'market', 'above'],
    'share-rise': ['by', 'points'],
    'locked-stock-above': ['units'],
    'cvar-above': ['scenario', 'limit'],
  };
  const out: Rule = { when: rule.when, ...(rule.id ? { id: rule.id } : {}) };
  for (const key of keep[rule.when]) if (rule[key] !== undefined) Object.assign(out, { [key]: rule[key] });
  return out;
}
