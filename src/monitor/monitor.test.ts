import { describe, expect, it } from 'vitest';
import { BallastError } from '../errors.js';
import {
  alertMessage,
  DEFAULT_RULES,
  evaluateRules,
  parseAlertRules,
  signature,
  type MonitorFacts,
} from './index.js';

const row = (revenue: number, share: number, priorRevenue: number) => ({
  revenue,
  share,
  units: 0,
  grossProfit: null,
  growth: null,
  priorRevenue,
});

// A seller whose TikTok Shop share went from 25 % to 75 % of net revenue.
const facts: MonitorFacts = {
  exposure: {
    from: '2024-10-20',
    to: '2025-01-17',
    baseCurrency: 'USD',
    byChannel: [
      { channel: 'tiktok-shop', ...row(300, 0.75, 100) },
      { channel: 'amazon', ...row(100, 0.25, 300) },
    ],
    byMarket: [{ market: 'US', ...row(400, 1, 400) }],
    lockedStock: [
      stock('TTS-US', 'tiktok-shop', 1000, 200),
      stock('FBA-US', 'amazon', 4000, 0),
      stock('3PL', null, 9000, 0),
      stock('TTS-UK', 'tiktok-shop', 10, 0),
    ],
  },
  simulations: [
    { runId: 'r2', scenarioName: 'de minimis', cvar95: 1200 },
    { runId: 'r1', scenarioName: 'TikTok ban', cvar95: 90_000 },
  ],
};

function stock(location: string, onlyChannel: string | null, units: number, inboundUnits: number) {
  return {
    location,
    kind: 'platform',
    market: 'US',
    channels: [],
    units,
    value: null,
    onlyChannel,
    inboundUnits,
    inboundValue: null,
  };
}

function rules(text: string) {
  return parseAlertRules(text, 'alerts.yaml');
}

function problem(text: string): BallastError {
  try {
    rules(text);
  } catch (error) {
    if (error instanceof BallastError) return error;
    throw error;
  }
  throw new Error('expected the rules to be refused');
}

describe('alert rules', () => {
  it('finds each kind of alert, worked by hand', () => {
    const fired = evaluateRules(
      rules(`
rules:
  - { when: share-above, above: 0.5 }
  - { id: amazon-band, when: share-above, channel: amazon, above: 0.2 }
  - { when: share-above, market: us, above: 0.99 }
  - { when: share-rise, points: 0.4 }
  - { when: locked-stock-above, units: 1100 }
  - { when: cvar-above, scenario: TikTok ban, limit: 50000 }
  - { when: cvar-above, limit: 5000 }
`),
      facts,
    );
    expect(fired.map((a) => [a.key, a.value, a.threshold, a.previous])).toEqual([
      ['share-above-1:tiktok-shop', 0.75, 0.5, null],
      ['amazon-band:amazon', 0.25, 0.2, null],
      ['share-above-3:US', 1, 0.99, null],
      // 100 of 400 before: 25 % → 75 %, 50 points above the 40-point limit; amazon fell.
      ['share-rise-4:tiktok-shop', 0.75, 0.4, 0.25],
      // Stock only TikTok Shop can sell: 1,000 + 200 inbound + 10 in the UK; amazon's 4,000 too.
      ['locked-stock-above-5:amazon', 4000, 1100, null],
      ['locked-stock-above-5:tiktok-shop', 1210, 1100, null],
      ['cvar-above-6:TikTok ban', 90_000, 50_000, null],
    ]);
  });

  it('checks the exposure defaults without a rules file', () => {
    expect(evaluateRules(DEFAULT_RULES, facts).map((a) => a.key)).toEqual([
      'channel-share:tiktok-shop',
      'channel-rise:tiktok-shop',
    ]);
  });

  it('words alerts in English and Chinese', () => {
    const [share, rise] = evaluateRules(DEFAULT_RULES, facts);
    expect(share && alertMessage(share, 'en')).toBe(
      'tiktok-shop brought 75 % of net revenue from 2024-10-20 to 2025-01-17, above the 50 % band.',
    );
    expect(rise && alertMessage(rise, 'zh-CN')).toBe(
      'tiktok-shop 的净收入占比从 25% 升至 75%（上升 50 个百分点，上限为 10）。',
    );
    const [cvar] = evaluateRules(
      rules('rules: [{ when: cvar-above, scenario: TikTok ban, limit: 50000 }]'),
      facts,
    );
    expect(cvar && alertMessage(cvar, 'en')).toBe(
      'In the worst 5 % of simulated futures, "TikTok ban" costs $90,000 (CVaR95), above the $50,000 limit.',
    );
  });

  it('refuses a misspelt key at its path, with the likely key', () => {
    const error = problem('rules:\n  - when: share-above\n    abve: 0.5\n');
    expect(error.message).toBe('alerts.yaml: rules[0].abve: unknown key');
    expect(error.hint).toMatch(/Did you mean `above`\?/);
  });

  it('refuses an unknown kind, a share above 1 and a secret written into the file', () => {
    expect(problem('rules: [{ when: share-falls, above: 0.5 }]').message).toMatch(/^alerts.yaml: rules\[0\]/);
    expect(problem('rules: [{ when: share-above, above: 1.5 }]').message).toMatch(/rules\[0\]\.above/);
    const secret = problem(
      'rules: [{ when: share-above, above: 0.5 }]\ndeliver:\n  webhook: { url: "https://h.example/x", secret_env: "s3cr3t!" }\n',
    );
    expect(secret.message).toMatch(/deliver\.webhook\.secret_env: is not an environment variable name/);
    expect(problem('').message).toBe('alerts.yaml: is empty');
  });

  it('signs the body with HMAC-SHA256', () => {
    // RFC 4231 test case 2.
    expect(signature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
