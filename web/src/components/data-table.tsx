import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { download, tablePath } from '../api.ts';
import { useI18n } from '../i18n/index.ts';
import type { TableId } from '../types.ts';

export interface Column<T> {
  label: string;
  value: (row: T) => ComponentChildren;
  /** Numbers align right, in tabular figures. */
  numeric?: boolean;
}

/**
 * A table with a caption (its name to a screen reader), scrollable on a phone, and its CSV and XLSX
 * downloads from the API when it has a table id.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  table,
  params,
  empty,
}: {
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  table?: TableId;
  params?: Record<string, string | number | undefined | null>;
  empty?: string;
}) {
  const { w, lang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const get = (format: 'csv' | 'xlsx') => {
    if (!table) return;
    setError(null);
    download(tablePath(table, format, { ...params, lang }), `${table}.${format}`).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div class="table-block">
      {table && (
        <div class="downloads" role="group" aria-label={w.downloadTable({ table: caption })}>
          <button type="button" class="small" onClick={() => get('csv')}>
            {w.csv}
          </button>
          <button type="button" class="small" onClick={() => get('xlsx')}>
            {w.xlsx}
          </button>
          {error && (
            <span class="error-text" role="alert">
              {error}
            </span>
          )}
        </div>
      )}
      {/* Focusable so a keyboard can scroll a wide table; a group, not a landmark, named by the caption. */}
      <div class="table-scroll" tabIndex={0} role="group" aria-labelledby={id}>
        <table>
          <caption id={id}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" class={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} class="muted">
                  {empty ?? w.noRows}
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr>
                  {columns.map((c) => (
                    <td class={c.numeric ? 'num' : undefined}>{c.value(r)}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
