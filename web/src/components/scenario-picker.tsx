import { getJson } from '../api.ts';
import { useI18n } from '../i18n/index.ts';
import { DRAFT_KEY } from '../pages/scenario.tsx';
import type { SavedScenario } from '../types.ts';
import { useLoad } from './load.ts';

/** Which scenario a run uses: a saved one by name, or the text in the Scenario page's editor. */
export type ScenarioChoice = { name: string } | { scenario: string } | null;

const DRAFT = '\u0000draft';

export function ScenarioPicker({
  value,
  onChange,
}: {
  value: ScenarioChoice;
  onChange: (c: ScenarioChoice) => void;
}) {
  const { w } = useI18n();
  const saved = useLoad(() => getJson<SavedScenario[]>('/scenarios'), []);
  const draft = sessionStorage.getItem(DRAFT_KEY) ?? '';
  const names = saved.data ?? [];
  // Until the user picks, the first saved scenario (the demo saves `tiktok-ban`), else the draft.
  const current = value ?? (names[0] ? { name: names[0].name } : draft ? { scenario: draft } : null);
  if (value === null && current !== null && saved.data) queueMicrotask(() => onChange(current));
  const selected = current === null ? '' : 'name' in current ? current.name : DRAFT;
  return (
    <label>
      <span>{w.scenarioLabel}</span>
      <select
        value={selected}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === DRAFT ? { scenario: draft } : v ? { name: v } : null);
        }}
      >
        {names.length === 0 && !draft && <option value="">{w.noScenarios}</option>}
        {names.map((s) => (
          <option value={s.name}>{s.name}</option>
        ))}
        {draft && <option value={DRAFT}>{w.editorDraft}</option>}
      </select>
    </label>
  );
}
