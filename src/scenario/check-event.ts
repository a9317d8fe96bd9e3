/**
 * Rules on one event that the schema cannot state: names the workspace knows, date order,
 * distribution parameters that fit together, shares and weights that add up. Branches are
 * checked on their merged outcome, each problem reported where the offending value was written.
 */
import { checkName, fail, namesAt, type CheckContext } from './check-context.js';
import { epochDay } from '../dates.js';
import { deepMerge, type Mapping } from './merge.js';
import { showNumber, type KeyPath } from './problem.js';
import type { RawBranch, RawEvent } from './schema.js';

type Outcome = Pick<RawEvent, 'duration' | 'severity' | 'recovery' | 'diversion' | 'halo' | 'stranded'>;

const DIVERT_HINT =
  'Diversion can only go to channels you sell on. Opening a new channel will be a plan decision ' +
  '(`decisions:`), which is not supported yet: remove this channel, or import its orders first.';
const EPSILON = 1e-9;

/** The channels an event hits; 'all' when the target names none. */
export function hitChannels(event: RawEvent): Set<string> | 'all' {
  const channel = event.target.channel;
  if (channel === undefined) return 'all';
  const list = typeof channel === 'string' ? [channel] : channel;
  return list.includes('all') ? 'all' : new Set(list);
}

export function checkEvent(ctx: CheckContext, event: RawEvent, index: number): void {
  const at: KeyPath = ['events', index];
  const { channel, market } = event.target;
  if (channel === undefined && market === undefined) {
    fail(
      ctx,
      [...at, 'target'],
      'names no channel or market',
      'Give `channel:`, `market:` or both; `all` means every one.',
    );
  }
  for (const [name, path] of namesAt(channel, [...at, 'target', 'channel'])) {
    if (name !== 'all') checkName(ctx, 'channel', name, path);
  }
  for (const [name, path] of namesAt(market, [...at, 'target', 'market'])) {
    if (name !== 'all') checkName(ctx, 'market', name, path);
  }
  if (typeof event.onset === 'object') {
    const [from, to] = event.onset.between;
    const [fromDay, toDay] = [epochDay(from), epochDay(to)];
    // The schema has already refused anything that is not a date; null cannot reach here.
    if (fromDay !== null && toDay !== null && fromDay > toDay) {
      fail(
        ctx,
        [...at, 'onset', 'between'],
        `${from} is after ${to}`,
        'Write the window as [EARLIER, LATER].',
      );
    }
  }
  if (event.duration === undefined) {
    fail(
      ctx,
      [...at, 'duration'],
      'missing',
      'Say how long it lasts: { days: 30 }, { permanent: 0.4, days: 30 } or { permanent: 1 }.',
    );
  }
  const hit = hitChannels(event);
  checkOutcome(ctx, event, event, at, at, hit, undefined);
  checkBranches(ctx, event, at, hit);
}

function checkBranches(ctx: CheckContext, event: RawEvent, at: KeyPath, hit: Set<string> | 'all'): void {
  const branches = event.branches ?? [];
  if (branches.length === 0) return;
  const seen = new Map<string, number>();
  let total = 0;
  branches.forEach((branch, j) => {
    const first = seen.get(branch.id);
    if (first !== undefined) {
      fail(
        ctx,
        [...at, 'branches', j, 'id'],
        `"${branch.id}" is already used by branches[${first}]`,
        'Give each branch its own id.',
      );
    }
    seen.set(branch.id, j);
    total += branch.weight;
    const merged = deepMerge(outcomeOf(event), outcomeOf(branch)) as Outcome;
    checkOutcome(ctx, merged, branch, [...at, 'branches', j], at, hit, branch.id);
  });
  if (Math.abs(total - 1) > 1e-6) {
    fail(
      ctx,
      [...at, 'branches'],
      `weights add up to ${showNumber(total)}, not 1`,
      'Branches are the outcomes given that the event happens: their weights must add up to 1.',
    );
  }
}

function outcomeOf(value: RawEvent | RawBranch): Mapping {
  const { duration, severity, recovery, diversion, halo, stranded } = value;
  const out: Mapping = { duration, severity, recovery, diversion, halo, stranded };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * `merged` is the outcome in force (event ⊕ branch); `own` is what this level wrote, whose entries
 * are checked at `at`. Values the branch inherited were checked with the event.
 */
function checkOutcome(
  ctx: CheckContext,
  merged: Outcome,
  own: Outcome,
  at: KeyPath,
  eventAt: KeyPath,
  hit: Set<string> | 'all',
  branch: string | undefined,
): void {
  const inBranch = branch === undefined ? '' : ` in branch ${branch}`;
  if (own.duration !== undefined) {
    const permanent = merged.duration?.permanent ?? 0;
    if (permanent < 1 && merged.duration?.days === undefined) {
      fail(
        ctx,
        [...at, 'duration', 'days'],
        `missing${inBranch}: the event is not surely permanent (permanent: ${permanent})`,
        'Give days (14, { uniform: [1, 7] } or { lognormal: { median: 30, p90: 120 } }), or set permanent: 1.',
      );
    }
    const days = own.duration.days;
    if (typeof days === 'object' && 'uniform' in days && days.uniform[0] > days.uniform[1]) {
      fail(
        ctx,
        [...at, 'duration', 'days', 'uniform'],
        `${days.uniform[0]} is more than ${days.uniform[1]}`,
        'Write it as [MIN, MAX].',
      );
    }
    if (typeof days === 'object' && 'lognormal' in days && days.lognormal.p90 < days.lognormal.median) {
      const { median, p90 } = days.lognormal;
      fail(
        ctx,
        [...at, 'duration', 'days', 'lognormal', 'p90'],
        `${p90} is below the median ${median}`,
        'p90 is the duration that 90 % of outcomes stay under: at least the median.',
      );
    }
  }
  const notHit = (channel: string, path: KeyPath, key: string) => {
    if (hit === 'all' || hit.has(channel)) {
      const why = hit === 'all' ? 'the event hits every channel' : 'the event hits this channel itself';
      fail(
        ctx,
        path,
        `${key} to ${channel}, but ${why}`,
        `${key} names other channels, still selling, that gain or lose with the target.`,
      );
    }
  };
  for (const channel of Object.keys(own.diversion ?? {})) {
    const path = [...at, 'diversion', channel];
    checkName(ctx, 'channel', channel, path, DIVERT_HINT);
    notHit(channel, path, 'diversion');
  }
  let total = 0;
  for (const [channel, { share }] of Object.entries(merged.diversion ?? {})) {
    total += share;
    if (total > 1 + EPSILON) {
      const where = own.diversion && channel in own.diversion ? at : eventAt;
      const sum = Object.values(merged.diversion ?? {}).reduce((s, d) => s + d.share, 0);
      fail(
        ctx,
        [...where, 'diversion', channel, 'share'],
        `shares add up to ${showNumber(sum)}${inBranch}, more than 1`,
        'Diversion shares are parts of the same lost demand: together at most 1.',
      );
    }
  }
  for (const channel of Object.keys(own.halo ?? {})) {
    const path = [...at, 'halo', channel];
    checkName(ctx, 'channel', channel, path);
    notHit(channel, path, 'halo');
  }
  const locations = new Map<string, number>();
  (own.stranded ?? []).forEach(({ location }, k) => {
    const path = [...at, 'stranded', k, 'location'];
    checkName(ctx, 'location', location, path);
    const first = locations.get(location);
    if (first !== undefined)
      fail(ctx, path, `${location} is already listed in stranded[${first}]`, 'List each location once.');
    locations.set(location, k);
  });
}
