import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';

/**
 * Asks for the server's access token once, when the API answers 401 (the server was started on a
 * non-local address). A modal dialog: focus moves into it and back where it was when it closes.
 */
export function TokenPrompt({ onDone }: { onDone: (token: string | null) => void }) {
  const { w } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="token-dialog" aria-labelledby="token-title" onCancel={() => onDone(null)}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onDone(value.trim() || null);
        }}
      >
        <h2 id="token-title">{w.tokenTitle}</h2>
        <p>{w.tokenLead}</p>
        <label for="token-input">{w.tokenLabel}</label>
        <input
          id="token-input"
          type="password"
          autoComplete="off"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit">{w.tokenSave}</button>
          <button type="button" class="secondary" onClick={() => onDone(null)}>
            {w.cancel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
