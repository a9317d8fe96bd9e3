import { commitmentBars } from '../charts/commitments.js';
import { html, table } from '../html.js';
import { figure, paragraph, type Section, type SectionContext } from './section.js';

export function commitmentsSection(ctx: SectionContext): Section {
  const { t, fmt } = ctx;
  const x = ctx.data.exposure;
  const lead = t.commitmentsLead({ date: fmt.date(x.to) });
  const head = { id: 'commitments', title: t.commitmentsTitle };
  if (x.commitments === null)
    return {
      ...head,
      body: html`${paragraph(lead, 'lead')}${paragraph(t.commitmentsUnknown, 'unknown-box')}`,
    };
  const rows = x.commitments.map((c) => [
    fmt.channel(c.channel),
    fmt.money(c.remaining),
    fmt.money(c.remaining - c.cancellable),
    fmt.money(c.cancellable),
    fmt.money(c.cancelFees),
    fmt.integer(c.commitments),
  ]);
  const columns = [
    { label: t.colChannel },
    { label: t.colRemaining, numeric: true },
    { label: t.commitmentsLocked, numeric: true },
    { label: t.colCancellable, numeric: true },
    { label: t.colCancelFees, numeric: true },
    { label: t.colCommitments, numeric: true },
  ];
  const commitments = x.commitments;
  const sum = (pick: (c: (typeof commitments)[number]) => number) =>
    commitments.reduce((s, c) => s + pick(c), 0);
  const reading = t.commitmentsReading({
    remaining: fmt.money(sum((c) => c.remaining)),
    locked: fmt.money(sum((c) => c.remaining - c.cancellable)),
    fees: fmt.money(sum((c) => c.cancelFees)),
  });
  return {
    ...head,
    body: html`${paragraph(lead, 'lead')} ${paragraph(reading, 'reading')}
    ${figure(commitmentBars(x.commitments, ctx), t.commitmentsChart, table(columns, rows), ctx)}`,
  };
}
