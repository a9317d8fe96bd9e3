/**
 * A commented starter scenario for the workspace's own channels (`ballast scenario new`). It is
 * written as text, not serialised, so each key keeps a comment saying what it means; a test
 * parses it against the same facts.
 */
import { addDays } from '../dates.js';
import { ID_PATTERN } from './schema.js';
import { listEvents } from './library/index.js';
import type { WorkspaceFacts } from './types.js';

const PLAIN = /^[A-Za-z][A-Za-z0-9._-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

/** A name as a YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML). */
const scalar = (value: string): string =>
  PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);

export function starterScenario(facts: WorkspaceFacts, options: { today?: string } = {}): string {
  const last = facts.lastOrderDate?.slice(0, 10) ?? null;
  const start = last ? addDays(last, 1) : (options.today ?? new Date().toISOString().slice(0, 10));
  const channel = facts.channels.includes('tiktok-shop') ? 'tiktok-shop' : facts.channels[0];
  const market = facts.markets.includes('US') ? 'US' : facts.markets[0];
  const others = facts.channels.filter((c) => c !== channel);
  const lines = [
    '# Ballast scenario. Every key is explained in docs/scenarios.md; `ballast events` lists the library.',
    `name: ${channel ? `What if ${scalar(channel)} goes dark` : 'My scenario'}`,
    '',
    last
      ? `# start: ${start}            # first simulated day; default: the day after the last order (${last})`
      : `start: ${start}              # first simulated day (the workspace has no orders to count from)`,
    'horizon_days: 180             # days to simulate',
    'paths: 10000                  # Monte Carlo paths',
    'seed: 1                       # same seed, same numbers',
    'noise: negbin                 # negbin: day-to-day noise; none: demand exactly the baseline',
    'dispersion: 10                # negative-binomial size k: variance = mean + mean²/k',
    '',
  ];
  if (channel === undefined) {
    lines.push('# Import orders first, then describe events on your channels here.', 'events: []');
  } else {
    lines.push('events:', ...eventLines(channel, market, others, start, facts.locations[0]));
  }
  lines.push('', ...libraryLines(facts), ...tailLines(channel, others));
  return `${lines.join('\n')}\n`;
}

function eventLines(
  channel: string,
  market: string | undefined,
  others: string[],
  start: string,
  location?: string,
): string[] {
  const slug = `${channel
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}-ban`;
  const id = ID_PATTERN.test(slug) ? slug : 'channel-ban';
  const where = market ? `${scalar(channel)} in ${scalar(market)}` : scalar(channel);
  const target = market
    ? `{ channel: ${scalar(channel)}, market: ${scalar(market)} }`
    : `{ channel: ${scalar(channel)} }`;
  const lines = [
    `  - id: ${id}`,
    `    label: ${JSON.stringify(`${where.replace(/"/g, '')} goes dark`)}`,
    `    target: ${target}   # channel(s) and/or market(s); omit one for all`,
    '    probability: 0.3            # chance it happens inside the horizon, 0–1',
    `    onset: { between: [${addDays(start, 14)}, ${addDays(start, 90)}] }   # or one date: ${addDays(start, 14)}`,
    '    duration:',
    '      permanent: 0.3            # chance it outlasts the horizon',
    '      days: { lognormal: { median: 30, p90: 120 } }   # or 14, or { uniform: [1, 7] }',
    '    severity: 1                 # share of demand lost while active: 1 = dark, 0.1 = off the app stores',
    '    recovery: { days: 14, level: 0.9 }   # afterwards, back to 90 % of baseline over 14 days',
    '    pre_onset: { days: 3, uplift: 0.2 }  # farewell surge: +20 % on the 3 days before onset',
  ];
  if (others.length > 0) {
    lines.push(
      '    diversion:                  # share of the lost demand that reappears on your other channels',
    );
    others
      .slice(0, 2)
      .forEach((other, i) =>
        lines.push(`      ${scalar(other)}: { share: ${i === 0 ? 0.2 : 0.05}, ramp_days: 14 }`),
      );
    lines.push(
      "    # halo:                     # share of another channel's demand this channel drives",
      `    #   ${scalar(others[0])}: 0.1`,
    );
  }
  lines.push(
    '    # stranded:                 # stock frozen while active, and the cost and delay of getting it out',
    `    #   - { location: ${scalar(location ?? 'FBT-US')}, release_after_days: 30, cost_per_unit: 1.0 }`,
    '    # costs: { landed_cost_pct: 0.3 }   # fee or duty changes while active',
  );
  return lines;
}

/** Library entries whose channels, markets and locations this workspace has, as `use:` examples. */
function libraryLines(facts: WorkspaceFacts): string[] {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
  const known = (values: string[], names: string[]) => values.every((v) => v === 'all' || names.includes(v));
  const fits = listEvents().filter(
    ({ event }) =>
      known(list(event.target.channel), facts.channels) &&
      known(list(event.target.market), facts.markets) &&
      known(
        (event.stranded ?? []).map((s) => s.location),
        facts.locations,
      ),
  );
  const lines = [
    '  # A historical event from the library; fields beside `use:` override it (mappings merge, lists replace).',
  ];
  if (fits.length === 0)
    return [...lines, '  # None fits your channels as is: override `target` beside `use:`.'];
  return [
    ...lines,
    ...fits.flatMap((entry) => [`  # - use: ${entry.id}       # ${entry.title}`, '  #   probability: 0.5']),
  ];
}

function tailLines(channel: string | undefined, others: string[]): string[] {
  const delays = [channel, ...others].filter((c): c is string => c !== undefined).slice(0, 3);
  return [
    '',
    '# correlations:                # [event id, event id, rho], rho from -1 to 1',
    '#   - [first-event, second-event, 0.5]',
    '# cash:                        # for the chance that cash falls below zero',
    '#   opening: 50000',
    `#   payout_delay_days: { ${delays.map((c) => `${scalar(c)}: 14`).join(', ') || 'amazon: 14'} }`,
    '# loss_threshold: 10000        # report the chance that loss exceeds this (base currency)',
  ];
}
