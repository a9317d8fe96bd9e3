import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJson, onTokenNeeded } from './api.ts';
import { useLoad } from './components/load.ts';
import { LangSwitch } from './components/lang-switch.tsx';
import { TokenPrompt } from './components/token-prompt.tsx';
import { I18nContext, LANG_KEY, i18n, initialLang, type Lang } from './i18n/index.ts';
import { ExposurePage } from './pages/exposure.tsx';
import { ImportPage } from './pages/import.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PlanPage } from './pages/plan.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { RiskPage } from './pages/risk.tsx';
import { ScenarioPage } from './pages/scenario.tsx';
import { PAGES, href, navigate, usePage, type Page } from './router.ts';
import type { StatusReport } from './types.ts';
import { WorkspaceContext } from './workspace.ts';

/** Each seller page's view; server mode's shell draws the same ones for the chosen seller. */
export const VIEWS: Record<Page, () => preact.JSX.Element> = {
  overview: OverviewPage,
  import: ImportPage,
  exposure: ExposurePage,
  scenario: ScenarioPage,
  risk: RiskPage,
  plan: PlanPage,
  reports: ReportsPage,
};

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const page = usePage();
  const status = useLoad(() => getJson<StatusReport>('/status'), []);
  const ctx = useMemo(
    () => i18n(lang, status.data?.baseCurrency ?? 'USD'),
    [lang, status.data?.baseCurrency],
  );
  const { w } = ctx;
  const [tokenAsk, setTokenAsk] = useState<((token: string | null) => void) | null>(null);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    onTokenNeeded(
      () =>
        new Promise((resolve) =>
          setTokenAsk(() => (token: string | null) => {
            setTokenAsk(null);
            resolve(token);
          }),
        ),
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${w.pages[page]} · Ballast`;
    // The address shows the language, so copying it keeps it.
    const url = new URL(location.href);
    if (url.searchParams.get('lang') !== lang) {
      url.searchParams.set('lang', lang);
      history.replaceState(null, '', url);
    }
  }, [lang, page, w]);

  // After a page change, focus goes to the page's heading so a screen reader announces where it is.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page]);

  const switchLang = (next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const View = VIEWS[page];
  return (
    <I18nContext.Provider value={ctx}>
      <WorkspaceContext.Provider value={{ status: status.data, reload: status.reload, canRun: true }}>
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
          <nav aria-label={w.navLabel}>
            <ul>
              {PAGES.map((p) => (
                <li>
                  <a
                    href={href(p, lang)}
                    aria-current={p === page ? 'page' : undefined}
                    onClick={(e) => {
                      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                      e.preventDefault();
                      navigate(href(p, lang));
                    }}
                  >
                    {w.pages[p]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <LangSwitch onSwitch={switchLang} />
        </header>
        <main id="main" ref={main}>
          <View />
        </main>
        <footer class="bottom">
          <p>
            {status.data
              ? w.footerWorkspace({ path: status.data.workspace, currency: status.data.baseCurrency })
              : ''}{' '}
            <a href="/api/v1/docs">{w.apiDocs}</a>
          </p>
        </footer>
        {tokenAsk && <TokenPrompt onDone={tokenAsk} />}
      </WorkspaceContext.Provider>
    </I18nContext.Provider>
  );
}
