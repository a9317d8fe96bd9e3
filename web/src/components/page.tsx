import type { ComponentChildren } from 'preact';
import { href, navigate, type Page } from '../router.ts';
import { useI18n } from '../i18n/index.ts';

/** The page's title (focused after navigation, so it is announced) and its one-line purpose. */
export function PageHeader({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="page-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p class="lead">{lead}</p>}
      </div>
      {children && <div class="page-tools">{children}</div>}
    </div>
  );
}

/** A link to another page of the dashboard, in the current language, without a reload. */
export function PageLink({
  page,
  children,
  button,
}: {
  page: Page;
  children: ComponentChildren;
  button?: boolean;
}) {
  const { lang } = useI18n();
  const to = href(page, lang);
  return (
    <a
      href={to}
      class={button ? 'button' : undefined}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A titled part of a page; its heading names the region for a screen reader. */
export function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`h-${id}`} id={id}>
      <h2 id={`h-${id}`}>{title}</h2>
      {lead && <p class="muted">{lead}</p>}
      {children}
    </section>
  );
}

export function Loading() {
  const { w } = useI18n();
  return (
    <p class="muted" role="status">
      {w.loading}
    </p>
  );
}
