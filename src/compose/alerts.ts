/**
 * One alert check: the workspace's exposure and newest simulations against the seller's rules, the
 * history brought up to date, and every open alert not yet delivered sent to the webhook and by mail.
 * A delivery that fails is reported and tried again on the next check; it never fails the check.
 */
import { BallastError } from '../errors.js';
import { computeExposure } from '../exposure/index.js';
import {
  alertMessage,
  evaluateRules,
  mailSubject,
  postSigned,
  sendMail,
  type AlertRules,
  type DeliveryResult,
  type FiredAlert,
  type RetryPolicy,
} from '../monitor/index.js';
import type { SimulationSummary } from '../simulate/index.js';
import {
  latestRunPerScenario,
  markDelivered,
  recordCheck,
  type AlertRecord,
  type Workspace,
} from '../store/index.js';

export interface AlertCheckSettings {
  rules: AlertRules;
  /** Send undelivered alerts (default true); false only records and reports. */
  deliver: boolean;
  now: Date;
  /** Where the webhook secret and SMTP URL are read (the process environment). */
  env: Readonly<Record<string, string | undefined>>;
  retry?: RetryPolicy;
}

export interface AlertCheck {
  checkedAt: string;
  language: AlertRules['language'];
  from: string | null;
  to: string | null;
  rules: number;
  /** Every alert open after this check, oldest first; `isNew` when this check opened it. */
  alerts: Array<Omit<AlertRecord, 'details'> & { isNew: boolean; previous: number | null }>;
  /** Alerts open before this check that no longer hold. */
  closed: Array<Pick<AlertRecord, 'key' | 'ruleId' | 'subject' | 'message' | 'openedAt'>>;
  deliveries: Array<DeliveryResult & { channel: 'webhook' | 'email'; keys: string[] }>;
}

export async function checkAlerts(ws: Workspace, settings: AlertCheckSettings): Promise<AlertCheck> {
  const { rules, now } = settings;
  const targets = settings.deliver ? deliveryTargets(rules, settings.env) : {};
  const exposure = await computeExposure(ws, { window: rules.window });
  const runs = await latestRunPerScenario<SimulationSummary>(ws, 'simulation');
  const simulations = runs.map((r) => ({
    runId: r.runId,
    scenarioName: r.scenarioName,
    cvar95: (r.summary.profitLoss ?? r.summary.revenueLoss)?.cvar95 ?? null,
  }));
  const fired = evaluateRules(rules, { exposure, simulations });
  const { open, opened, closed } = await recordCheck(
    ws,
    fired.map((a) => ({
      ...a,
      kind: a.when,
      message: alertMessage(a, rules.language),
      details: detailsOf(a),
    })),
    now,
  );
  const deliveries: AlertCheck['deliveries'] = [];
  // What the workspace now says of each delivery, so the result shows the state after this check.
  const deliveredAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (targets.webhook) {
    for (const record of open.filter((r) => r.webhookAt === null)) {
      const result = await postSigned(
        targets.webhook,
        `${record.key}@${record.openedAt}`,
        { alert: payloadOf(record, rules.language) },
        settings.retry,
      );
      if (result.ok) {
        await markDelivered(ws, [record.seq], 'webhook', now);
        record.webhookAt = deliveredAt;
      }
      deliveries.push({ channel: 'webhook', keys: [record.key], ...result });
    }
  }
  const unsent = open.filter((r) => r.emailAt === null);
  if (targets.email && unsent.length > 0) {
    const result = await sendMail(
      targets.email,
      mailSubject(unsent.length, rules.language),
      unsent.map((r) => r.message),
    );
    if (result.ok) {
      await markDelivered(
        ws,
        unsent.map((r) => r.seq),
        'email',
        now,
      );
      for (const r of unsent) r.emailAt = deliveredAt;
    }
    deliveries.push({ channel: 'email', keys: unsent.map((r) => r.key), ...result });
  }
  return {
    checkedAt: now.toISOString(),
    language: rules.language,
    from: exposure.from,
    to: exposure.to,
    rules: rules.rules.length,
    alerts: open.map(({ details, ...r }) => ({
      ...r,
      isNew: opened.has(r.key),
      previous: typeof details.previous === 'number' ? details.previous : null,
    })),
    closed: closed.map(({ key, ruleId, subject, message, openedAt }) => ({
      key,
      ruleId,
      subject,
      message,
      openedAt,
    })),
    deliveries,
  };
}

/** The secrets a rules file names, read before anything is checked so a missing one stops early. */
function deliveryTargets(rules: AlertRules, env: AlertCheckSettings['env']) {
  const read = (name: string, key: string) => {
    const value = env[name];
    if (!value) {
      throw new BallastError('usage', `deliver.${key}: the environment variable ${name} is not set`, {
        hint: `Set ${name} before checking alerts, or check without delivering.`,
      });
    }
    return value;
  };
  const { webhook, email } = rules.deliver;
  return {
    ...(webhook
      ? { webhook: { url: webhook.url, secret: read(webhook.secret_env, 'webhook.secret_env') } }
      : {}),
    ...(email
      ? { email: { smtpUrl: read(email.smtp_env, 'email.smtp_env'), from: email.from, to: email.to } }
      : {}),
  };
}

function detailsOf(a: FiredAlert): Record<string, unknown> {
  return { previous: a.previous, from: a.from, to: a.to, currency: a.currency };
}

/** What a webhook receiver gets: the alert as data and in words. */
function payloadOf(r: AlertRecord, language: AlertRules['language']) {
  return {
    key: r.key,
    rule: r.ruleId,
    kind: r.kind,
    subject: r.subject,
    value: r.value,
    threshold: r.threshold,
    message: r.message,
    language,
    openedAt: r.openedAt,
    ...r.details,
  };
}
