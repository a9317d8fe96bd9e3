/**
 * Webhook delivery: one POST per alert, JSON, signed with HMAC-SHA256 over the exact body bytes
 * (`X-Ballast-Signature: sha256=HEX`, the scheme GitHub and Stripe receivers already verify), retried
 * with exponential backoff on a network error or a 5xx. The delivery id stays the same across
 * retries so a receiver can drop a repeat it has already processed.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface RetryPolicy {
  attempts: number;
  /** The wait before the second attempt; each later wait doubles. */
  firstDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 1_000, timeoutMs: 10_000 };

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** The last failure, when not delivered. */
  error?: string;
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postSigned(
  target: WebhookTarget,
  deliveryId: string,
  payload: unknown,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'ballast-alerts',
    'x-ballast-delivery': deliveryId,
    'x-ballast-signature': signature(target.secret, body),
  };
  let error = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (attempt > 1) await sleep(retry.firstDelayMs * 2 ** (attempt - 2));
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt };
      error = `${target.url} answered ${response.status}`;
      // A 4xx will not change on a retry (a wrong secret, a moved endpoint): stop here.
      if (response.status < 500 && response.status !== 429) return { ok: false, attempts: attempt, error };
    } catch (cause) {
      error = `${target.url}: ${(cause as Error).message}`;
    }
  }
  return { ok: false, attempts: retry.attempts, error };
}
