import type { AlertCheck, AlertRecord } from '../engine.js';
import { table } from './output.js';

export function renderAlerts(check: AlertCheck): string {
  const lines: string[] = [];
  const window = check.from ? ` (${check.from} – ${check.to})` : '';
  if (check.alerts.length === 0)
    lines.push(`No alerts: ${check.rules} rule${check.rules === 1 ? '' : 's'} checked${window}.`);
  else {
    lines.push(`${check.alerts.length} alert${check.alerts.length === 1 ? '' : 's'} open${window}:`);
    for (const a of check.alerts) lines.push(`  ${a.isNew ? 'new ' : '    '} ${a.message}`);
  }
  for (const c of check.closed) lines.push(`  closed ${c.message}`);
  for (const d of check.deliveries) {
    const what = `${d.channel}: ${d.keys.length} alert${d.keys.length === 1 ? '' : 's'}`;
    lines.push(
      d.ok ? `Delivered ${what}.` : `Not delivered ${what} (${d.error}); the next check tries again.`,
    );
  }
  return lines.join('\n');
}

export function renderAlertHistory(records: readonly AlertRecord[]): string {
  if (records.length === 0) return 'No alerts yet.';
  return table(
    ['opened', 'closed', 'rule', 'subject', 'webhook', 'email', 'alert'],
    records.map((r) => [
      r.openedAt,
      r.closedAt ?? 'open',
      r.ruleId,
      r.subject,
      r.webhookAt ?? '',
      r.emailAt ?? '',
      r.message,
    ]),
  );
}
