/**
 * Rules across the whole file: a start day to count from, unique event ids, correlations that
 * name real events and fit together, cash settings for known channels. Events in file order.
 */
import { checkName, fail, type CheckContext } from './check-context.js';
import { checkEvent } from './check-event.js';
import type { RawScenario } from './schema.js';

export function checkScenario(ctx: CheckContext, raw: RawScenario): void {
  if (raw.start === undefined && ctx.facts.lastOrderDate === null) {
    fail(
      ctx,
      ['start'],
      'missing, and the workspace has no orders to start after',
      'Add `start: YYYY-MM-DD`, or import orders first.',
    );
  }
  const events = raw.events ?? [];
  const ids = new Map<string, number>();
  events.forEach((event, i) => {
    const first = ids.get(event.id);
    if (first !== undefined) {
      fail(
        ctx,
        ['events', i, 'id'],
        `"${event.id}" is already used by events[${first}]`,
        'Give each event its own id; correlations refer to events by id.',
      );
    }
    ids.set(event.id, i);
    checkEvent(ctx, event, i);
  });
  checkCorrelations(ctx, raw.correlations ?? [], ids);
  for (const channel of Object.keys(raw.cash?.payout_delay_days ?? {})) {
    checkName(ctx, 'channel', channel, ['cash', 'payout_delay_days', channel]);
  }
}

function checkCorrelations(
  ctx: CheckContext,
  rows: Array<[string, string, number]>,
  ids: Map<string, number>,
): void {
  const pairs = new Map<string, number>();
  const hint = `Correlations name events by id: ${[...ids.keys()].join(', ') || 'this file has none'}.`;
  rows.forEach(([a, b], k) => {
    if (!ids.has(a)) fail(ctx, ['correlations', k, 0], `"${a}" is not an event in this file`, hint);
    if (!ids.has(b)) fail(ctx, ['correlations', k, 1], `"${b}" is not an event in this file`, hint);
    if (a === b)
      fail(
        ctx,
        ['correlations', k, 1],
        'an event cannot be correlated with itself',
        'Name two different events.',
      );
    const key = [a, b].sort().join('\u0000');
    const first = pairs.get(key);
    if (first !== undefined) {
      fail(
        ctx,
        ['correlations', k],
        `${a} and ${b} are already correlated in correlations[${first}]`,
        'Give each pair once.',
      );
    }
    pairs.set(key, k);
  });
  if (!positiveSemidefinite(rows)) {
    fail(
      ctx,
      ['correlations'],
      'the coefficients contradict each other (no joint distribution has them all)',
      'Make them smaller in size, e.g. a and b at 0.9 and b and c at 0.9 force a and c well above 0.',
    );
  }
}

/**
 * Whether the correlation matrix of the named events (1 on the diagonal, 0 where unnamed) is
 * positive semidefinite — the condition for any joint model, e.g. a Gaussian copula, to exist.
 * Cholesky with zero pivots allowed, so perfectly correlated events (rho = 1) pass.
 */
export function positiveSemidefinite(rows: ReadonlyArray<readonly [string, string, number]>): boolean {
  const names = [...new Set(rows.flatMap(([a, b]) => [a, b]))];
  const n = names.length;
  const m = names.map((_, i) => names.map((__, j): number => (i === j ? 1 : 0)));
  for (const [a, b, rho] of rows) {
    const [i, j] = [names.indexOf(a), names.indexOf(b)];
    m[i][j] = rho;
    m[j][i] = rho;
  }
  const l = names.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = m[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] ** 2;
    if (d < -1e-9) return false;
    const pivot = d > 1e-12 ? Math.sqrt(d) : 0;
    l[j][j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (pivot === 0) {
        if (Math.abs(s) > 1e-9) return false;
      } else l[i][j] = s / pivot;
    }
  }
  return true;
}
