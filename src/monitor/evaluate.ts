/**
 * Rules against the workspace's figures → the alerts that hold now. Pure: the same figures and
 * rules give the same alerts, so history and delivery can key on them.
 */
import type { ExposureReport } from '../exposure/index.js';
import { ruleId, type AlertRule, type AlertRules, type RuleKind } from './rules.js';

/** What the rules look at, read by the engine from the workspace. */
export interface MonitorFacts {
  exposure: Pick<ExposureReport, 'from' | 'to' | 'baseCurrency' | 'byChannel' | 'byMarket' | 'lockedStock'>;
  /** The newest stored simulation of each scenario, newest first. */
  simulations: ReadonlyArray<{ runId: string; scenarioName: string; cvar95: number | null }>;
}

export interface FiredAlert {
  /** Rule and subject: the same alert on the next check has the same key. */
  key: string;
  ruleId: string;
  when: RuleKind;
  /** The channel, market or scenario the alert is about. */
  subject: string;
  value: number;
  threshold: number;
  /** share-rise: the share in the previous window. */
  previous: number | null;
  from: string | null;
  to: string | null;
  currency: string;
}

export function evaluateRules(rules: AlertRules, facts: MonitorFacts): FiredAlert[] {
  return rules.rules.flatMap((rule, index) => fired(rule, ruleId(rule, index), facts));
}

function fired(rule: AlertRule, id: string, facts: MonitorFacts): FiredAlert[] {
  const x = facts.exposure;
  const alert = (subject: string, value: number, threshold: number, previous: number | null = null) => ({
    key: `${id}:${subject}`,
    ruleId: id,
    when: rule.when,
    subject,
    value,
    threshold,
    previous,
    from: x.from,
    to: x.to,
    currency: x.baseCurrency,
  });
  switch (rule.when) {
    case 'share-above': {
      const rows = rule.market
        ? x.byMarket
            .filter((r) => r.market === rule.market?.toUpperCase())
            .map((r) => [r.market, r.share] as const)
        : x.byChannel
            .filter((r) => !rule.channel || r.channel === rule.channel)
            .map((r) => [r.channel, r.share] as const);
      return rows.filter(([, s]) => s > rule.above).map(([subject, s]) => alert(subject, s, rule.above));
    }
    case 'share-rise': {
      const rows =
        rule.by === 'market'
          ? x.byMarket.map((r) => ({ ...r, key: r.market }))
          : x.byChannel.map((r) => ({ ...r, key: r.channel }));
      const priorTotal = rows.reduce((s, r) => s + r.priorRevenue, 0);
      // Without revenue in the previous window there is nothing to rise from.
      if (priorTotal <= 0) return [];
      return rows
        .map((r) => ({ key: r.key, share: r.share, prior: r.priorRevenue / priorTotal }))
        .filter((r) => r.share - r.prior > rule.points)
        .map((r) => alert(r.key, r.share, rule.points, r.prior));
    }
    case 'locked-stock-above': {
      const byChannel = new Map<string, number>();
      for (const s of x.lockedStock ?? []) {
        if (s.onlyChannel)
          byChannel.set(s.onlyChannel, (byChannel.get(s.onlyChannel) ?? 0) + s.units + s.inboundUnits);
      }
      return [...byChannel]
        .filter(([, units]) => units > rule.units)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([channel, units]) => alert(channel, units, rule.units));
    }
    case 'cvar-above': {
      const run = rule.scenario
        ? facts.simulations.find((s) => s.scenarioName === rule.scenario)
        : facts.simulations[0];
      if (!run || run.cvar95 === null || run.cvar95 <= rule.limit) return [];
      return [alert(run.scenarioName, run.cvar95, rule.limit)];
    }
  }
}
