/**
 * Pages live at real paths (the server answers index.html for any of them), and every link carries
 * `?lang=` so a copied link opens in the language it was copied from.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from './i18n/index.ts';

export const PAGES = ['overview', 'import', 'exposure', 'scenario', 'risk', 'plan', 'reports'] as const;
export type Page = (typeof PAGES)[number];

export function pageOf(pathname: string): Page {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

/** Server mode: the seller every page works on, carried in every link so a reload keeps it. */
let sellerInLinks: string | null = null;
export function linkSeller(sellerId: string | null): void {
  sellerInLinks = sellerId;
}

/** `?seller=…&lang=…`: the chosen seller (server mode only) and the language. */
export function linkQuery(lang: Lang): string {
  return `?${sellerInLinks ? `seller=${encodeURIComponent(sellerInLinks)}&` : ''}lang=${lang}`;
}

export function href(page: Page, lang: Lang): string {
  return `${page === 'overview' ? '/' : `/${page}`}${linkQuery(lang)}`;
}

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePage(): Page {
  const [page, setPage] = useState(() => pageOf(location.pathname));
  useEffect(() => {
    const update = () => setPage(pageOf(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return page;
}
