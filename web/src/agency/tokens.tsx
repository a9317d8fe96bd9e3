/**
 * An owner's page: the organisation's API tokens. A new token's secret is shown once, right after it
 * is made (the server keeps only its hash); revoking one takes effect on its next call.
 */
import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { useAgencyI18n } from './i18n.ts';
import { useSession } from './session.ts';

const SCOPES = ['read', 'run', 'manage'] as const;
type Scope = (typeof SCOPES)[number];

interface Token {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  revokedAt: string | null;
}

export function TokensPage() {
  const { fmt, a } = useAgencyI18n();
  const { me } = useSession();
  const base = `/orgs/${encodeURIComponent(me.orgId)}/tokens`;
  const tokens = useLoad(() => account.get<Token[]>(base), [me]);
  const [error, setError] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const revoke = async (token: Token) => {
    setError(null);
    setRevoked(null);
    try {
      await account.send('DELETE', `${base}/${encodeURIComponent(token.id)}`);
      setRevoked(token.name);
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title={a.pages.tokens} lead={a.tokensLead} />
      <NewToken base={base} onMade={tokens.reload} />
      <Section id="tokens" title={a.tokensTitle}>
        {tokens.error ? (
          <ErrorBox error={tokens.error} />
        ) : !tokens.data ? (
          <Loading />
        ) : (
          <DataTable
            caption={a.tokensCaption}
            rows={tokens.data}
            empty={a.noTokens}
            columns={[
              { label: a.tokenName, value: (t) => t.name },
              { label: a.scopes, value: (t) => fmt.list(t.scopes.map((s) => a.scopeNames[s])) },
              { label: a.created, value: (t) => fmt.date(t.createdAt.slice(0, 10)) },
              {
                label: a.tokenState,
                value: (t) =>
                  t.revokedAt ? (
                    a.revokedOn({ date: fmt.date(t.revokedAt.slice(0, 10)) })
                  ) : (
                    <button
                      type="button"
                      class="small secondary"
                      aria-label={a.revokeNamed({ name: t.name })}
                      onClick={() => void revoke(t)}
                    >
                      {a.revoke}
                    </button>
                  ),
              },
            ]}
          />
        )}
        <ErrorBox error={error} />
        {revoked && <p role="status">{a.tokenRevoked({ name: revoked })}</p>}
      </Section>
    </>
  );
}

function NewToken({ base, onMade }: { base: string; onMade: () => void }) {
  const { a } = useAgencyI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(new Set(['read']));
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const make = async () => {
    setError(null);
    setSecret(null);
    try {
      const made = await account.send<{ secret: string }>('POST', base, {
        name: name.trim(),
        scopes: SCOPES.filter((s) => scopes.has(s)),
      });
      setSecret(made.secret);
      setName('');
      onMade();
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (scope: Scope, on: boolean) => {
    const next = new Set(scopes);
    if (on) next.add(scope);
    else next.delete(scope);
    setScopes(next);
  };
  return (
    <Section id="new-token" title={a.newTokenTitle}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void make();
        }}
      >
        <div class="toolbar">
          <label>
            <span>{a.tokenName}</span>
            <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <fieldset class="scopes">
            <legend>{a.scopes}</legend>
            {SCOPES.map((s) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={scopes.has(s)}
                  onChange={(e) => toggle(s, e.currentTarget.checked)}
                />{' '}
                {a.scopeNames[s]}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={name.trim() === '' || scopes.size === 0}>
            {a.makeToken}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {secret && (
        <div class="note secret" role="status">
          <p>{a.secretOnce}</p>
          <p>
            <code class="token-secret" lang="en">
              {secret}
            </code>
          </p>
        </div>
      )}
    </Section>
  );
}
