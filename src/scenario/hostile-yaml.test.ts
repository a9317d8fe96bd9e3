import { describe, expect, test } from 'vitest';
import { BallastError } from '../errors.js';
import { parseScenario, type WorkspaceFacts } from './index.js';

const FACTS: WorkspaceFacts = {
  channels: ['amazon'],
  markets: ['US'],
  locations: [],
  lastOrderDate: '2025-01-09',
};

function problemOf(text: string): BallastError {
  try {
    parseScenario(text, FACTS, 'test.yaml');
  } catch (error) {
    if (error instanceof BallastError) return error;
    throw error;
  }
  throw new Error('parsed without a problem');
}

describe('hostile or odd YAML is refused, never executed or expanded', () => {
  test('billion laughs: nested aliases would expand to billions of nodes', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`,
      );
    }
    const error = problemOf(`${levels.join('\n')}\n`);
    expect(error.message).toBe('test.yaml: aliases expand to too much data');
  });

  test('a 5 MB file is refused before parsing', () => {
    const error = problemOf(`name: "${'x'.repeat(5 * 1024 * 1024)}"\n`);
    expect(error.message).toBe('test.yaml: is 5,242,889 characters long');
    expect(error.hint).toContain('at most 1,000,000');
  });

  test('a long string under the cap is data, refused by the schema', () => {
    expect(problemOf(`name: "${'x'.repeat(600_000)}"\n`).message).toBe(
      'test.yaml: name: is longer than 500 characters',
    );
  });

  test('!!js/function is not a type here: refused, not run', () => {
    const error = problemOf('name: !!js/function "function () { process.exit(1) }"\n');
    expect(error.message).toBe('test.yaml: line 1, column 7: unresolved tag: tag:yaml.org,2002:js/function');
    expect(error.hint).toContain('tags');
  });

  test('custom local tags are refused too', () => {
    expect(problemOf('name: !shell "rm -rf /"\n').message).toBe(
      'test.yaml: line 1, column 7: unresolved tag: !shell',
    );
  });

  test('duplicate keys', () => {
    const error = problemOf('name: a\nname: b\n');
    expect(error.message).toBe('test.yaml: line 2, column 1: map keys must be unique');
    expect(error.hint).toContain('once');
  });

  test('merge keys are not YAML 1.2: `<<` is an unknown key', () => {
    const text = [
      'events:',
      '  - &base { id: a, target: { market: US }, probability: 1, onset: 2025-01-10, duration: { days: 5 } }',
      '  - { <<: *base, id: b }',
    ].join('\n');
    const error = problemOf(text);
    expect(error.message).toBe('test.yaml: events[1]["<<"]: unknown key');
    expect(error.hint).toContain('merge keys are not supported');
  });

  test('__proto__ is an unknown key and pollutes nothing', () => {
    const error = problemOf('events:\n  - { use: india-2020, __proto__: { polluted: true } }\n');
    expect(error.message).toBe('test.yaml: events[0].__proto__: unknown key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('deep nesting fails cleanly', () => {
    const error = problemOf(`name: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    expect(error.code).toBe('bad-input');
  });

  test.each([
    ['a list', '- a\n- b\n', 'test.yaml: is a list, not a mapping of keys'],
    ['a scalar', 'hello\n', 'test.yaml: is "hello", not a mapping of keys'],
    ['empty', '', 'test.yaml: is empty'],
    ['only comments', '# nothing yet\n', 'test.yaml: is empty'],
  ])('%s at the top', (_why, text, message) => {
    expect(problemOf(text).message).toBe(message);
  });

  test('NaN and infinity are not numbers', () => {
    const event = (p: string) =>
      `events:\n  - { id: a, target: { market: US }, probability: ${p}, onset: 2025-01-10, duration: { days: 5 } }\n`;
    expect(problemOf(event('.nan')).message).toBe('test.yaml: events[0].probability: NaN is not a number');
    expect(problemOf(event('.inf')).message).toBe(
      'test.yaml: events[0].probability: Infinity is not a number',
    );
  });

  test('a syntax error names the line and column', () => {
    const error = problemOf('name: a\n  start: b\n');
    expect(error.message).toBe(
      'test.yaml: line 1, column 7: nested mappings are not allowed in compact mappings',
    );
    expect(error.hint).toContain('indentation');
  });

  test('YAML 1.1 habits stay plain data: a %YAML 1.1 directive does not turn dates into Dates or yes into true', () => {
    const s = parseScenario('%YAML 1.1\n---\nname: yes\nstart: 2025-01-10\n', FACTS, 'x.yaml');
    expect(s).toMatchObject({ name: 'yes', start: '2025-01-10' });
  });

  test('a UTF-8 byte-order mark is ignored', () => {
    expect(parseScenario('\uFEFFname: bom\n', FACTS, 'x.yaml').name).toBe('bom');
  });
});
