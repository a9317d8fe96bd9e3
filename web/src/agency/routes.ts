/**
 * Server mode's own pages, beside the seller pages of ../router.ts: the organisation, its jobs, its
 * users and API tokens, and the chosen seller's alert rules. Their links carry the chosen seller too.
 */
import type { Lang } from '../i18n/index.ts';
import { linkQuery } from '../router.ts';

export const AGENCY_PAGES = ['organisation', 'jobs', 'alert-rules', 'users', 'tokens'] as const;
export type AgencyPage = (typeof AGENCY_PAGES)[number];

export function agencyPageOf(pathname: string): AgencyPage | null {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  return (AGENCY_PAGES as readonly string[]).includes(name) ? (name as AgencyPage) : null;
}

export function agencyHref(page: AgencyPage, lang: Lang): string {
  return `/${page}${linkQuery(lang)}`;
}

/** A seller's page, opened from the organisation view or the seller switch. */
export function sellerHref(sellerId: string, lang: Lang, path = '/'): string {
  return `${path}?seller=${encodeURIComponent(sellerId)}&lang=${lang}`;
}
