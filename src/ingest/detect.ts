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
  if (best) return best.detected;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const shown = firstLine.length > 120 ? `${firstLine.slice(0, 120)}…` : firstLine;
  throw new BallastError(
    'unknown-format',
    `${fileName}: no reader recognises this file's header (first line: \`${shown}\`)`,
    {
      hint: `Ballast reads ${readers.map((r) => r.label).join(', ')}. Export the report from the channel unchanged, or convert it to the generic CSV (docs/formats.md).`,
    },
  );
}
