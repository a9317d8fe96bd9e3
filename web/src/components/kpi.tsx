export interface Kpi {
  label: string;
  value: string | null;
  note?: string;
}

/** Headline figures as a description list: a label a screen reader reads with its value. */
export function Kpis({ items, unknown }: { items: readonly Kpi[]; unknown: string }) {
  return (
    <dl class="kpis">
      {items.map((k) => (
        <div class="kpi">
          <dt>{k.label}</dt>
          <dd class={k.value === null ? 'kpi-value unknown' : 'kpi-value'}>{k.value ?? unknown}</dd>
          {k.note && <dd class="kpi-note">{k.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
