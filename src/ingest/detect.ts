import { BallastError } from '../errors.js';
import type { ReaderSpec } from './reader.js';
import { DELIMITERS, normaliseHeader, splitRows, type Delimiter } from './sniff-rows.js';

export interface Detected {
  reader: ReaderSpec;
  delimiter: Delimiter;
  header: string[];
  /** 1-based physical line of the header; data starts on the next line. */
  headerLine: number;
}

/** Preambles seen in real exports are under 12 lines; 40 leaves room without reading into data. */
const MAX_HEADER_ROW = 40;

/** The widest channel export known has under 200 columns; past this a file is not an export. */
export const MAX_COLUMNS = 2_000;

/**
 * Finds the format from the header alone (never the file name or column positions): the first row,
 * within the preamble allowance, that holds every column of a reader's signature. When several
 * readers match, the most specific signature wins.
 */
export function detectFormat(text: string, readers: readonly ReaderSpec[], fileName: string): Detected {
  let best: { detected: Detected; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const rows = splitRows(text, delimiter, MAX_HEADER_ROW);
    for (const row of rows) {
      const names = new Set(row.cells.map(normaliseHeader));
      if (names.size < 2) continue;
      for (const reader of readers) {
        if (reader.delimiters && !reader.delimiters.includes(delimiter)) continue;
        if (!reader.signature.every((name) => names.has(name))) continue;
        if (reader.exclude?.some((name) => names.has(name))) continue;
        // Earlier header rows and more specific signatures win.
        const score = (reader.priority ?? reader.signature.length) * 1000 - row.line;
        if (!best || score > best.score) {
          best = { detected: { reader, delimiter, header: row.cells, headerLine: row.line }, score };
        }
      }
    }
  }
  if (best) {
    const columns = best.detected.header.length;
    if (columns > MAX_COLUMNS) {
      throw new BallastError(
        'bad-file',
        `${fileName} line ${best.detected.headerLine}: the header has ${columns.toLocaleString('en-US')} columns; Ballast reads at most ${MAX_COLUMNS.toLocaleString('en-US')}`,
        {
          hint: 'Export the report from the channel unchanged, or keep only the columns docs/formats.md lists.',
        },
      );
    }
    return best.detected;
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (text.slice(0, 4096).includes('\u0000')) {
    // NUL bytes between the letters: UTF-16 that did not say so, or not text at all.
    throw new BallastError(
      'unknown-format',
      `${fileName}: the header holds NUL bytes, so the file is not UTF-8 text`,
      {
        hint: 'If it was saved as UTF-16 (Excel "Unicode text"), pass --encoding utf-16le (or utf-16be); otherwise export the report again as CSV.',
      },
    );
  }
  const shown = firstLine.length > 120 ? `${firstLine.slice(0, 120)}…` : firstLine;
  throw new BallastError(
    'unknown-format',
    `${fileName}: no reader recognises this file's header (first line: \`${shown}\`)`,
    {
      hint: `Ballast reads ${readers.map((r) => r.label).join(', ')}. Export the report from the channel unchanged, or convert it to the generic CSV (docs/formats.md).`,
    },
  );
}
