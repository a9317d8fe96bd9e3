import { describe, expect, test } from 'vitest';
import { baseScenario, ev, problemOf, type Doc } from '../../test/fixtures/scenarios/malformed-kit.js';

describe('branches', () => {
  const branched = (branches: Doc[]): Doc => {
    const doc = baseScenario();
    ev(doc).branches = branches;
    return doc;
  };
  const ok = { id: 'short', weight: 0.6, duration: { permanent: 0, days: 3 } };

  test('weights must add up to 1', () => {
    expect(problemOf(branched([ok, { id: 'long', weight: 0.3 }])).message).toBe(
      'test.yaml: events[0].branches: weights add up to 0.9, not 1',
    );
  });
  test('ids must differ', () => {
    expect(problemOf(branched([ok, { ...ok, weight: 0.4 }])).message).toBe(
      'test.yaml: events[0].branches[1].id: "short" is already used by branches[0]',
    );
  });
  test('a branch override is range-checked at its own path', () => {
    expect(problemOf(branched([ok, { id: 'long', weight: 0.4, severity: 2 }])).message).toBe(
      'test.yaml: events[0].branches[1].severity: 2 is outside [0, 1]',
    );
  });
  test('a branch diversion to an unknown channel', () => {
    const error = problemOf(
      branched([ok, { id: 'long', weight: 0.4, diversion: { walmart: { share: 0.1 } } }]),
    );
    expect(error.message).toBe(
      'test.yaml: events[0].branches[1].diversion.walmart: "walmart" is not a channel in this workspace',
    );
  });
  test('a branch that merges diversion over 1 names the branch', () => {
    const error = problemOf(
      branched([ok, { id: 'long', weight: 0.4, diversion: { shopify: { share: 0.8 } } }]),
    );
    expect(error.message).toBe(
      'test.yaml: events[0].branches[1].diversion.shopify.share: shares add up to 1.05 in branch long, more than 1',
    );
  });
  test('a branch that turns off permanence needs days from somewhere', () => {
    const doc = baseScenario();
    ev(doc).duration = { permanent: 1 };
    ev(doc).branches = [{ id: 'short', weight: 1, duration: { permanent: 0.5 } }];
    expect(problemOf(doc).message).toBe(
      'test.yaml: events[0].branches[0].duration.days: missing in branch short: the event is not surely permanent (permanent: 0.5)',
    );
  });
});
