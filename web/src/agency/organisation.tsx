/**
 * The organisation at a glance: every seller with its headline exposure (top channel and its share),
 * the newest simulation's CVaR95 and expected loss, and its open alerts, from one call
 * (GET /orgs/{orgId}/summary, which reads the figures each seller's jobs stored);
 * an owner adds sellers here.
 */
import { useState } from 'preact/hooks';
import { account } from '../api.ts';
import { DataTable } from '../components/data-table.tsx';
import { ErrorBox } from '../components/job.tsx';
import { useLoad } from '../components/load.ts';
import { Loading, PageHeader, Section } from '../components/page.tsx';
import { i18n } from '../i18n/index.ts';
import { useAgencyI18n } from './i18n.ts';
import { navigate } from '../router.ts';
import { sellerHref } from './routes.ts';
import { can, useSession, type SellerSummary } from './session.ts';

export function OrganisationPage() {
  const { lang, a } = useAgencyI18n();
  const session = useSession();
  const { me } = session;
  const summary = useLoad(
    async () =>
      (await account.get<{ sellers: SellerSummary[] }>(`/orgs/${encodeURIComponent(me.orgId)}/summary`))
        .sellers,
    [me],
  );
  const rows = summary.data ?? [];
  const unknown = <span class="muted">{a.none}</span>;
  // No job has finished for this seller yet: said in words, never shown as zeros.
  const notComputed = <span class="muted">{a.notComputed}</span>;
  /** Each seller's amounts in its own base currency. */
  const fmtOf = (currency: string) => i18n(lang, currency).fmt;
  return (
    <>
      <PageHeader title={session.orgName || a.pages.organisation} lead={a.orgLead} />
      <Section id="sellers" title={a.sellersTitle}>
        {summary.error ? (
          <ErrorBox error={summary.error} />
        ) : !summary.data ? (
          <Loading />
        ) : (
          <DataTable
            caption={a.sellersCaption}
            rows={rows}
            empty={a.noSellers}
            columns={[
              {
                label: a.colSeller,
                value: (s) => {
                  const to = sellerHref(s.id, lang);
                  return (
                    <a
                      href={to}
                      onClick={(e) => {
                        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                        e.preventDefault();
                        navigate(to);
                      }}
                    >
                      {s.name}
                    </a>
                  );
                },
              },
              {
                label: a.colTopChannel,
                value: (s) =>
                  !s.headline
                    ? notComputed
                    : s.headline.topChannel
                      ? fmtOf(s.headline.baseCurrency).channel(s.headline.topChannel.channel)
                      : unknown,
              },
              {
                label: a.colShare,
                numeric: true,
                value: (s) =>
                  s.headline?.topChannel
                    ? fmtOf(s.headline.baseCurrency).percent(s.headline.topChannel.share)
                    : unknown,
              },
              {
                label: a.colCvar,
                numeric: true,
                value: (s) =>
                  !s.risk
                    ? notComputed
                    : s.risk.cvar95 !== null
                      ? fmtOf(s.risk.baseCurrency).money(s.risk.cvar95)
                      : unknown,
              },
              {
                label: a.colExpectedLoss,
                numeric: true,
                value: (s) =>
                  s.risk && s.risk.expectedLoss !== null
                    ? fmtOf(s.risk.baseCurrency).money(s.risk.expectedLoss)
                    : unknown,
              },
              {
                label: a.colAlerts,
                numeric: true,
                value: (s) => fmtOf('USD').integer(s.openAlerts),
              },
            ]}
          />
        )}
        {summary.data && <p class="muted small-text">{a.cvarNote}</p>}
      </Section>
      {can(me, 'manage') && (
        <AddSeller
          onAdded={() => {
            summary.reload();
            session.reloadSellers();
          }}
        />
      )}
    </>
  );
}

function AddSeller({ onAdded }: { onAdded: () => void }) {
  const { a } = useAgencyI18n();
  const { me } = useSession();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    setAdded(null);
    try {
      const seller = await account.send<{ name: string }>(
        'POST',
        `/orgs/${encodeURIComponent(me.orgId)}/sellers`,
        { name: name.trim() },
      );
      setAdded(seller.name);
      setName('');
      onAdded();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section id="add-seller" title={a.addSellerTitle}>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          <span>{a.sellerName}</span>
          <input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={name.trim() === ''}>
          {a.addSeller}
        </button>
      </form>
      <ErrorBox error={error} />
      {added && <p role="status">{a.sellerAdded({ name: added })}</p>}
    </Section>
  );
}
