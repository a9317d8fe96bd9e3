import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { ErrorBox } from '../components/job.tsx';
import { PageHeader } from '../components/page.tsx';
import { useAgencyI18n } from './i18n.ts';
import type { Me } from './session.ts';

/** E-mail and password → a session cookie (HttpOnly: the page never sees it), then the organisation. */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { a } = useAgencyI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await account.send<Me>('POST', '/auth/sign-in', { email: email.trim(), password }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <main id="main">
      <PageHeader title={a.signInTitle} lead={a.signInLead} />
      <form
        class="card sign-in"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          <span>{a.email}</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{a.password}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {a.signIn}
          </button>
        </div>
        <ErrorBox error={error} />
      </form>
    </main>
  );
}
