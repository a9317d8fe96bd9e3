import { chartedHalo, haloIntervals, identifiedHalo } from '../charts/halo.js';
import { html, table } from '../html.js';
import type { HaloFigures } from '../types.js';
import { figure, paragraph, type Section, type SectionContext } from './section.js';

/** Effects under one percent of a channel's units change no decision, however certain they are. */
const MIN_CLEAR_SHARE = 0.01;

export function haloSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const halo = ctx.data.exposure.halo;
  const head = { id: 'halo', title: t.haloTitle };
  if (halo.length === 0)
    return { ...head, body: html`${paragraph(t.haloLead, 'lead')}${paragraph(t.haloNone, 'note')}` };
  const found = identifiedHalo(halo);
  const charted = chartedHalo(halo);
  // The table follows the chart, then lists the estimates too uncertain to draw.
  const ordered = [...charted, ...found.filter((h) => !charted.includes(h))];
  const missing = halo.filter((h) => !h.identified);
  const pair = (h: HaloFigures) =>
    t.haloPair({ driver: fmt.channel(h.driver), channel: fmt.channel(h.channel) });
  const columns = [
    { label: t.colDriver },
    { label: t.colChannel },
    { label: t.colHalo, numeric: true },
    { label: t.colLow, numeric: true },
    { label: t.colHigh, numeric: true },
    { label: t.colDays, numeric: true },
  ];
  const rows = ordered.map((h) => [
    fmt.channel(h.driver),
    fmt.channel(h.channel),
    fmt.percent(h.share),
    fmt.percent(h.low),
    fmt.percent(h.high),
    fmt.integer(h.days),
  ]);
  const clear = charted.filter((h) => (h.low > 0 || h.high < 0) && Math.abs(h.share) >= MIN_CLEAR_SHARE);
  const findings = clear.map((h) => {
    const words = {
      driver: fmt.channel(h.driver),
      channel: fmt.channel(h.channel),
      share: fmt.percent(h.share),
      low: fmt.percent(h.low),
      high: fmt.percent(h.high),
    };
    return h.low > 0 ? t.haloClearPositive(words) : t.haloClearNegative(words);
  });
  const uncharted = found.length - charted.length;
  return {
    ...head,
    body: html`${paragraph(t.haloLead, 'lead')}
    ${
      found.length > 0
        ? html`<h3>${t.haloClearTitle}</h3>
            ${
              clear.length > 0
                ? html`<ul class="findings">
                    ${findings.map((f) => html`<li>${f}</li>`)}
                  </ul>`
                : paragraph(t.haloNoClear)
            }`
        : ''
    }
    ${charted.length > 0 ? figure(haloIntervals(halo, ctx), t.haloChart, table(columns, rows), ctx, uncharted > 0 ? t.haloUncharted({ count: fmt.integer(uncharted) }) : undefined) : found.length > 0 ? table(columns, rows) : ''}
    ${
      missing.length > 0
        ? html`<h3>${t.haloNotIdentifiedTitle}</h3>
            <ul class="not-identified">
              ${missing.map((h) => html`<li><strong>${pair(h)}</strong>: ${haloReason(h, ctx)}</li>`)}
            </ul>`
        : ''
    }`,
  };
}

/**
 * The exposure domain words its reasons in English; the report recognises the known ones to say them
 * in the reader's language and passes any other through as given.
 */
export function haloReason(h: HaloFigures, ctx: SectionContext): string {
  const { t, fmt } = ctx;
  const reason = h.reason ?? '';
  const history = /^only (\d+) days of history; at least (\d+) are needed$/.exec(reason);
  if (history)
    return t.haloReasonHistory({
      days: fmt.integer(Number(history[1])),
      min: fmt.integer(Number(history[2])),
    });
  if (reason === 'one of the channels has no sales in the period') return t.haloReasonNoSales;
  if (reason.endsWith(' sales barely vary, so their effect cannot be told apart from the trend'))
    return t.haloReasonFlat({ driver: fmt.channel(h.driver) });
  if (reason.endsWith(' sales move too closely with the trend and weekday pattern to separate their effect'))
    return t.haloReasonCollinear({ driver: fmt.channel(h.driver) });
  if (reason === 'the estimate is unstable') return t.haloReasonUnstable;
  const few = /^one of the channels sold on fewer than (\d+) days$/.exec(reason);
  if (few) return t.haloReasonFewDays({ min: fmt.integer(Number(few[1])) });
  if (reason.endsWith(`: no sign that ${h.driver} leads`))
    return t.haloReasonNoLead({ driver: fmt.channel(h.driver), channel: fmt.channel(h.channel) });
  return reason || t.unknown;
}
