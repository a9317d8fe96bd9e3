/**
 * Server mode's alert rules and alert history in Postgres. The rules are a seller's alerts.yaml as
 * JSON. The history is a copy of what the seller's workspace records at each check (the engine's
 * alert check decides what opens, closes and is delivered); it is kept here so the API and the
 * organisation view read it without opening a workspace. Callers have checked the seller: the
 * Tenant for a person or token, a worker for the seller of a row the server wrote.
 */
import type { Db } from './database.js';

export interface StoredAlertRules {
  sellerId: string;
  /** The alerts.yaml schema as JSON, with its defaults filled in. */
  rules: Record<string, unknown>;
  updatedBy: string;
  updatedAt: string;
}

export interface SellerAlert {
  /** The alert's number in the seller's history (the same in the workspace). */
  seq: number;
  sellerId: string;
  key: string;
  rule: string;
  kind: string;
  subject: string;
  value: number;
  threshold: number;
  message: string;
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  /** When it was delivered to the webhook and by e-mail; null until it was. */
  delivered: { webhook: string | null; email: string | null };
}

/** One alert open after a check, as the workspace reports it (ISO times). */
export interface CheckedAlert {
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
  webhookAt: string | null;
  emailAt: string | null;
}

export async function readRules(db: Db, orgId: string, sellerId: string): Promise<StoredAlertRules | null> {
  const row = await db
    .selectFrom('alert_rules')
    .select(['seller_id', 'rules', 'updated_by', 'updated_at'])
    .where('org_id', '=', orgId)
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row
    ? {
        sellerId: row.seller_id,
        rules: row.rules,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at.toISOString(),
      }
    : null;
}

export async function writeRules(
  db: Db,
  orgId: string,
  sellerId: string,
  rules: Record<string, unknown>,
  actor: string,
): Promise<void> {
  const json = JSON.stringify(rules);
  await db
    .insertInto('alert_rules')
    .values({ seller_id: sellerId, org_id: orgId, rules: json, updated_by: actor })
    .onConflict((oc) =>
      oc.column('seller_id').doUpdateSet({ rules: json, updated_by: actor, updated_at: new Date() }),
    )
    .execute();
}

/**
 * Removes a seller's rules and closes its open alerts: nothing checks them any more, so the
 * organisation view would otherwise show them open for ever. True when the seller had rules.
 */
export async function deleteRules(db: Db, orgId: string, sellerId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { numDeletedRows } = await trx
      .deleteFrom('alert_rules')
      .where('org_id', '=', orgId)
      .where('seller_id', '=', sellerId)
      .executeTakeFirst();
    await trx
      .updateTable('alerts')
      .set({ closed_at: new Date() })
      .where('org_id', '=', orgId)
      .where('seller_id', '=', sellerId)
      .where('closed_at', 'is', null)
      .execute();
    return numDeletedRows > 0n;
  });
}

const COLUMNS = [
  'seq',
  'seller_id',
  'key',
  'rule_id',
  'kind',
  'subject',
  'value',
  'threshold',
  'message',
  'opened_at',
  'last_seen_at',
  'closed_at',
  'webhook_at',
  'email_at',
] as const;

type Row = {
  seq: number;
  seller_id: string;
  key: string;
  rule_id: string;
  kind: string;
  subject: string;
  value: number;
  threshold: number;
  message: string;
  opened_at: Date;
  last_seen_at: Date;
  closed_at: Date | null;
  webhook_at: Date | null;
  email_at: Date | null;
};

const alertOf = (r: Row): SellerAlert => ({
  seq: r.seq,
  sellerId: r.seller_id,
  key: r.key,
  rule: r.rule_id,
  kind: r.kind,
  subject: r.subject,
  value: r.value,
  threshold: r.threshold,
  message: r.message,
  openedAt: r.opened_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  delivered: { webhook: r.webhook_at?.toISOString() ?? null, email: r.email_at?.toISOString() ?? null },
});

/** A seller's alerts, newest first: the open ones only, or every one up to `limit`. */
export async function listAlerts(
  db: Db,
  orgId: string,
  sellerId: string,
  options: { openOnly: boolean; limit: number },
): Promise<SellerAlert[]> {
  let query = db
    .selectFrom('alerts')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('seller_id', '=', sellerId);
  if (options.openOnly) query = query.where('closed_at', 'is', null);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  return rows.map(alertOf);
}

/** Every open alert of an organisation, oldest first within each seller. */
export async function openAlertsOfOrg(db: Db, orgId: string): Promise<SellerAlert[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('closed_at', 'is', null)
    .orderBy('seller_id')
    .orderBy('seq')
    .execute();
  return rows.map(alertOf);
}

/** The rules a worker checks for a seller, or null when it has none. */
export async function rulesOfSeller(db: Db, sellerId: string): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('alert_rules')
    .select('rules')
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row?.rules ?? null;
}

/** Every seller with alert rules, for the scheduled check. */
export async function sellersWithRules(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('alert_rules').select('seller_id').orderBy('seller_id').execute();
  return rows.map((r) => r.seller_id);
}

/**
 * Brings the copy up to date after a check: the alerts open in the workspace are written (opened or
 * updated, with their delivery times), and any alert still open here but not there is closed at
 * `checkedAt`. The copy therefore matches the workspace after every check, even one whose copy was
 * never written (a worker that died between the two). A seller without rules is left alone.
 */
export async function recordAlertCheck(
  db: Db,
  sellerId: string,
  checkedAt: string,
  open: readonly CheckedAlert[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Rules removed while the check ran: their removal closed the alerts, and this must not reopen
    // them. The share lock makes a removal wait for this copy, or this copy see the removal.
    const seller = await trx
      .selectFrom('alert_rules')
      .select('org_id')
      .where('seller_id', '=', sellerId)
      .forShare()
      .executeTakeFirst();
    if (!seller) return;
    for (const a of open) {
      const values = {
        value: a.value,
        threshold: a.threshold,
        message: a.message,
        last_seen_at: new Date(a.lastSeenAt),
        closed_at: null,
        webhook_at: a.webhookAt ? new Date(a.webhookAt) : null,
        email_at: a.emailAt ? new Date(a.emailAt) : null,
      };
      await trx
        .insertInto('alerts')
        .values({
          ...values,
          org_id: seller.org_id,
          seller_id: sellerId,
          seq: a.seq,
          key: a.key,
          rule_id: a.ruleId,
          kind: a.kind,
          subject: a.subject,
          opened_at: new Date(a.openedAt),
        })
        .onConflict((oc) => oc.columns(['seller_id', 'seq']).doUpdateSet(values))
        .execute();
    }
    let closing = trx
      .updateTable('alerts')
      .set({ closed_at: new Date(checkedAt) })
      .where('seller_id', '=', sellerId)
      .where('closed_at', 'is', null);
    if (open.length > 0)
      closing = closing.where(
        'seq',
        'not in',
        open.map((a) => a.seq),
      );
    await closing.execute();
  });
}
