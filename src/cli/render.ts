import type { ImportSummary, RejectsReport, StatusReport } from '../engine.js';
import { formatNumber, table } from './output.js';

export function renderImport(s: ImportSummary): string {
  const rows = s.files.map((f) => [f.name, f.format, f.status, f.rows, f.added, f.updated, f.rejects]);
  const lines = [
    table(['file', 'format', 'status', 'rows', 'added', 'updated', 'rejected'], rows),
    '',
    `${formatNumber(s.added)} lines added, ${formatNumber(s.updated)} updated, ${formatNumber(s.rejects)} rows rejected.`,
  ];
  if (s.rejects > 0) lines.push('Rejected rows are kept for review: ballast rejects');
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export function renderStatus(r: StatusReport): string {
  if (r.files.length === 0) return `${r.workspace}: empty. Import exports with: ballast import FILE…`;
  const files = table(
    ['file', 'format', 'rows', 'rejected', 'imported', 'sha256'],
    r.files.map((f) => [f.name, f.format, f.rows, f.rejects, f.importedAt, f.sha256.slice(0, 12)]),
  );
  // The store column only when some file said its store (import --store).
  const stores = r.totals.some((t) => t.store !== '');
  const totals = table(
    [
      'channel',
      ...(stores ? ['store'] : []),
      'market',
      'currency',
      'orders',
      'lines',
      'units',
      'gross',
      'refunds',
      'from',
      'to',
    ],
    r.totals.map((t) => [
      t.channel,
      ...(stores ? [t.store] : []),
      t.market,
      t.currency,
      t.orders,
      t.lines,
      t.units,
      t.gross,
      t.refunds,
      t.from,
      t.to,
    ]),
  );
  const inputs = Object.entries(r.inputs)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
  return [
    `Workspace ${r.workspace} (base currency ${r.baseCurrency})`,
    '',
    files,
    '',
    totals,
    '',
    `Orders from ${r.from ?? '–'} to ${r.to ?? '–'}. Inputs: ${inputs}.`,
    r.rejects > 0 ? `${formatNumber(r.rejects)} rejected rows waiting: ballast rejects` : 'No rejected rows.',
  ].join('\n');
}

export function renderRejects(r: RejectsReport): string {
  if (r.total === 0) return 'No rejected rows.';
  const rows = r.rejects.map((x) => [x.file, x.line, x.column ?? '', truncate(x.value ?? ''), x.reason]);
  const more =
    r.total > r.rejects.length
      ? `\n… and ${formatNumber(r.total - r.rejects.length)} more (--limit, --json)`
      : '';
  return table(['file', 'line', 'column', 'value', 'reason'], rows) + more;
}

function truncate(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
