/**
 * Alert history. An alert is open from the first check that finds it until the first that does not;
 * delivery times are kept per channel so an alert whose webhook was down is sent again on the next
 * check instead of being lost, and an alert still open is never sent twice.
 */
import type { Workspace } from './workspace.js';

export interface AlertRecord {
  seq: number;
  key: string;
  ruleId: string;
  kind: string;
  subject: string;
  value: number;
  threshold: number;
  message: string;
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  webhookAt: string | null;
  emailAt: string | null;
  details: Record<string, unknown>;
}

export interface AlertInput {
  key: string;
  ruleId: string;
  kind: string;
  subject: string;
  value: number;
  threshold: number;
  message: string;
  details: Record<string, unknown>;
}

export type DeliveryChannel = 'webhook' | 'email';

const ISO = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;
const SELECT = `SELECT seq, alert_key AS key, rule_id AS "ruleId", kind, subject, value, threshold, message,
  ${ISO('opened_at')} AS "openedAt", ${ISO('last_seen_at')} AS "lastSeenAt", ${ISO('closed_at')} AS "closedAt",
  ${ISO('webhook_at')} AS "webhookAt", ${ISO('email_at')} AS "emailAt", details::VARCHAR AS details
  FROM alert_history`;

async function select(ws: Workspace, where: string, params = {}): Promise<AlertRecord[]> {
  const rows = await ws.rows<Omit<AlertRecord, 'details'> & { details: string }>(
    `${SELECT} ${where}`,
    params,
  );
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/**
 * Records one check: alerts not open yet are opened, open ones seen again are updated, open ones not
 * seen are closed. Returns every alert open after the check (oldest first), the keys it opened and
 * the alerts it closed.
 */
export async function recordCheck(
  ws: Workspace,
  alerts: readonly AlertInput[],
  now: Date,
): Promise<{ open: AlertRecord[]; opened: Set<string>; closed: AlertRecord[] }> {
  return ws.transaction(async () => {
    const at = now.toISOString();
    const wasOpen = await select(ws, 'WHERE closed_at IS NULL');
    const seen = new Set(alerts.map((a) => a.key));
    const closed = wasOpen.filter((r) => !seen.has(r.key));
    for (const r of closed) {
      await ws.run(`UPDATE alert_history SET closed_at = $at::TIMESTAMP WHERE seq = $seq`, {
        at,
        seq: r.seq,
      });
    }
    const openKeys = new Map(wasOpen.map((r) => [r.key, r.seq]));
    const opened = new Set<string>();
    for (const a of alerts) {
      const values = {
        at,
        value: a.value,
        threshold: a.threshold,
        message: a.message,
        details: JSON.stringify(a.details),
      };
      const seq = openKeys.get(a.key);
      if (seq !== undefined) {
        await ws.run(
          `UPDATE alert_history SET last_seen_at = $at::TIMESTAMP, value = $value, threshold = $threshold,
             message = $message, details = $details WHERE seq = $seq`,
          { ...values, seq },
        );
      } else {
        opened.add(a.key);
        await ws.run(
          `INSERT INTO alert_history
           SELECT coalesce(max(seq), 0) + 1, $key, $rule, $kind, $subject, $value, $threshold, $message,
                  $at::TIMESTAMP, $at::TIMESTAMP, NULL, NULL, NULL, $details FROM alert_history`,
          { ...values, key: a.key, rule: a.ruleId, kind: a.kind, subject: a.subject },
        );
      }
    }
    return { open: await select(ws, 'WHERE closed_at IS NULL ORDER BY seq'), opened, closed };
  });
}

export async function markDelivered(
  ws: Workspace,
  seqs: readonly number[],
  channel: DeliveryChannel,
  now: Date,
) {
  const column = channel === 'webhook' ? 'webhook_at' : 'email_at';
  for (const seq of seqs) {
    await ws.run(`UPDATE alert_history SET ${column} = $at::TIMESTAMP WHERE seq = $seq`, {
      at: now.toISOString(),
      seq,
    });
  }
}

/** The newest alerts first, open or closed. */
export async function alertHistory(ws: Workspace, limit: number): Promise<AlertRecord[]> {
  return select(ws, 'ORDER BY seq DESC LIMIT $limit', { limit });
}

/** The seller's alert rules file, kept in the workspace so every later check and import uses it. */
export async function saveAlertRules(ws: Workspace, text: string): Promise<void> {
  await ws.run(`INSERT OR REPLACE INTO settings VALUES ('alert_rules', $text)`, { text });
}

export async function savedAlertRules(ws: Workspace): Promise<string | null> {
  return (await ws.value<string | undefined>(`SELECT value FROM settings WHERE key = 'alert_rules'`)) ?? null;
}
