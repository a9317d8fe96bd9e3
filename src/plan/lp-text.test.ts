import { describe, expect, it } from 'vitest';
import { readerLp } from './lp-text.js';

describe('LP text in the dialect every reader knows', () => {
  const highs = [
    'max',
    ' obj: +1 x +2 y',
    'st',
    ' c1: +1 x +1 y <= +3',
    'bounds',
    ' x <= 4',
    ' y <= 1',
    'bin',
    ' y',
    'gen',
    'semi',
    'end',
    '',
  ].join('\n');

  it('spells bin and gen out (cbc reads the short ones as column names) and drops empty sections (glpsol misreads semi)', () => {
    expect(readerLp(highs)).toBe(
      [
        'max',
        ' obj: +1 x +2 y',
        'st',
        ' c1: +1 x +1 y <= +3',
        'bounds',
        ' x <= 4',
        ' y <= 1',
        'binary',
        ' y',
        'end',
        '',
      ].join('\n'),
    );
  });

  it('leaves a file in the long spelling as it is, and refuses semi-continuous columns rather than drop them', () => {
    expect(readerLp(readerLp(highs))).toBe(readerLp(highs));
    expect(() => readerLp(highs.replace('semi\nend', 'semi\n z\nend'))).toThrow(/semi-continuous/);
  });
});
