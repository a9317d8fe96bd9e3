/**
 * The dashboard in server mode: sign-in first, then the organisation's pages (sellers, users, API
 * tokens) and, for the seller chosen in the switch, every single-seller page working on
 * `/api/v1/sellers/{id}/…`. The seller rides in the address (`?seller=`), so a reload keeps it.
 * Loaded only when index.html says it is in server mode, so single-seller users never download it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { account, enterServerMode, getJson, setSeller } from '../api.ts';
import { VIEWS } from '../app.tsx';
import { ErrorBox } from '../components/job.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { useLoad } from '../components/load.ts';
import { Loading } from '../components/page.tsx';
import { I18nContext, LANG_KEY, i18n, initialLang, useI18n, type Lang } from '../i18n/index.ts';
import { useAgencyI18n } from './i18n.ts';
import { PAGES, href, linkSeller, navigate, pageOf, type Page } from '../router.ts';
import type { StatusReport } from '../types.ts';
import { WorkspaceContext } from '../workspace.ts';
import { AlertRulesPage } from './alert-rules.tsx';
import { JobsPage } from './jobs.tsx';
import { OrganisationPage } from './organisation.tsx';
import { agencyHref, agencyPageOf, sellerHref, type AgencyPage } from './routes.ts';
import { can, SessionContext, type AgencySession, type Me, type SellerSummary } from './session.ts';
import { SignInPage } from './sign-in.tsx';
import { TokensPage } from './tokens.tsx';
import { UsersPage } from './users.tsx';

const AGENCY_VIEWS: Record<AgencyPage, () => preact.JSX.Element> = {
  organisation: OrganisationPage,
  jobs: JobsPage,
  'alert-rules': AlertRulesPage,
  users: UsersPage,
  tokens: TokensPage,
};

const isAgencyPage = (page: AgencyPage | Page): page is AgencyPage => Object.hasOwn(AGENCY_VIEWS, page);

/** The address's path and query, read again on every navigation. */
function useWhere(): { pathname: string; search: string } {
  const read = () => ({ pathname: location.pathname, search: location.search });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return where;
}

export function AgencyApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  // undefined: still asking who is signed in; null: nobody (the sign-in page).
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const where = useWhere();
  const sellerId = me ? new URLSearchParams(where.search).get('seller') : null;
  // Set while drawing, before any page's effect calls the server: every seller call and every link
  // follows the address.
  setSeller(sellerId);
  linkSeller(sellerId);

  useEffect(() => {
    enterServerMode(() => setMe(null));
    account.get<Me>('/auth/me').then(setMe, () => setMe(null));
  }, []);

  const status = useLoad(
    () => (sellerId ? getJson<StatusReport>('/status') : Promise.resolve(undefined)),
    [sellerId, me],
  );
  const ctx = useMemo(
    () => i18n(lang, status.data?.baseCurrency ?? 'USD'),
    [lang, status.data?.baseCurrency],
  );
  const switchLang = (next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    const url = new URL(location.href);
    if (url.searchParams.get('lang') !== lang) {
      url.searchParams.set('lang', lang);
      history.replaceState(null, '', url);
    }
  }, [lang, where]);

  return (
    <I18nContext.Provider value={ctx}>
      {me === undefined ? (
        <Loading />
      ) : me === null ? (
        <>
          <Header onLang={switchLang} />
          <SignInPage
            onSignedIn={(who) => {
              setMe(who);
              if (agencyPageOf(location.pathname) === null && !location.search.includes('seller='))
                navigate(agencyHref('organisation', lang));
            }}
          />
        </>
      ) : (
        <WorkspaceContext.Provider
          value={{ status: status.data, reload: status.reload, canRun: can(me, 'run') }}
        >
          <SignedIn
            me={me}
            sellerId={sellerId}
            pathname={where.pathname}
            onLang={switchLang}
            onSignedOut={() => setMe(null)}
          />
        </WorkspaceContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

function SignedIn({
  me,
  sellerId,
  pathname,
  onLang,
  onSignedOut,
}: {
  me: Me;
  sellerId: string | null;
  pathname: string;
  onLang: (lang: Lang) => void;
  onSignedOut: () => void;
}) {
  const { w, lang, a } = useAgencyI18n();
  const org = useLoad(
    async () => ({
      org: await account.get<{ id: string; name: string }>(`/orgs/${encodeURIComponent(me.orgId)}`),
      sellers: (
        await account.get<{ sellers: SellerSummary[] }>(
          `/orgs/${encodeURIComponent(me.orgId)}/summary?figures=none`,
        )
      ).sellers,
    }),
    [me],
  );
  const sellers = org.data?.sellers ?? [];
  const seller = sellers.find((s) => s.id === sellerId) ?? null;
  const agencyPage = agencyPageOf(pathname);
  // A seller page needs a seller: without one (or with one no longer listed) the organisation shows.
  const page: AgencyPage | Page = agencyPage ?? (seller ? pageOf(pathname) : 'organisation');
  const title = isAgencyPage(page) ? a.pages[page] : w.pages[page];
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${title} · ${seller?.name ?? org.data?.org.name ?? ''} · Ballast`;
  }, [title, seller, org.data]);
  // After a page change, focus goes to the page's heading so a screen reader announces where it is.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page, sellerId]);

  const signOut = () => {
    account
      .send('POST', '/auth/sign-out')
      .catch(() => {})
      .finally(() => {
        onSignedOut();
        navigate(`/?lang=${lang}`);
      });
  };
  const session: AgencySession = {
    me,
    orgName: org.data?.org.name ?? '',
    sellers,
    reloadSellers: org.reload,
    sellerId: seller?.id ?? null,
    signOut,
  };
  const go = (to: string) => (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    navigate(to);
  };
  const link = (to: string, label: string, current: boolean) => (
    <li>
      <a href={to} aria-current={current ? 'page' : undefined} onClick={go(to)}>
        {label}
      </a>
    </li>
  );
  const View = isAgencyPage(page) ? AGENCY_VIEWS[page] : VIEWS[page];
  return (
    <SessionContext.Provider value={session}>
      <Header onLang={onLang}>
        <nav aria-label={w.navLabel}>
          <ul>
            {link(agencyHref('organisation', lang), a.pages.organisation, page === 'organisation')}
            {seller && PAGES.map((p) => link(href(p, lang), w.pages[p], page === p))}
            {seller && link(agencyHref('alert-rules', lang), a.pages['alert-rules'], page === 'alert-rules')}
            {link(agencyHref('jobs', lang), a.pages.jobs, page === 'jobs')}
            {can(me, 'manage') &&
              (['users', 'tokens'] as const).map((p) => link(agencyHref(p, lang), a.pages[p], page === p))}
          </ul>
        </nav>
        <div class="account">
          <label>
            <span>{a.sellerSwitch}</span>
            <select
              value={seller?.id ?? ''}
              onChange={(e) => {
                const next = e.currentTarget.value;
                const keep =
                  agencyPage === 'alert-rules' || agencyPage === 'jobs' || agencyPage === null
                    ? pathname
                    : '/';
                navigate(next ? sellerHref(next, lang, keep) : agencyHref('organisation', lang));
              }}
            >
              <option value="">{a.noSeller}</option>
              {sellers.map((s) => (
                <option value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
          <button type="button" class="secondary small" onClick={signOut}>
            {a.signOut}
          </button>
        </div>
      </Header>
      <main id="main" ref={main}>
        {seller && (
          <p class="seller-banner" aria-live="polite">
            {a.workingOn({ seller: seller.name })}
          </p>
        )}
        {org.error ? (
          <ErrorBox error={org.error} />
        ) : org.data || page === 'organisation' ? (
          <View key={`${page}/${seller?.id ?? ''}`} />
        ) : (
          <Loading />
        )}
      </main>
      <footer class="bottom">
        <p>
          {a.footer({ org: org.data?.org.name ?? '' })}{' '}
          {seller && <a href={`/api/v1/sellers/${encodeURIComponent(seller.id)}/docs`}>{w.apiDocs}</a>}
        </p>
      </footer>
    </SessionContext.Provider>
  );
}

function Header({ onLang, children }: { onLang: (lang: Lang) => void; children?: preact.ComponentChildren }) {
  const { w } = useI18n();
  return (
    <>
      <a class="skip" href="#main">
        {w.skipToContent}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ◆
          </span>
          Ballast
        </div>
        {children}
        <LangSwitch onSwitch={onLang} />
      </header>
    </>
  );
}
