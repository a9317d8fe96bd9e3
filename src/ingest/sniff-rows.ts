/**
 * Splits the head of a delimited file into rows, quotes respected, so a header can be found below a
 * preamble. Only the sniffed prefix goes through here; bulk rows are parsed by DuckDB.
 */
export interface SniffedRow {
  /** 1-based physical line where the row starts. */
  line: number;
  cells: string[];
}

export const DELIMITERS = [',', '\t', ';'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function splitRows(text: string, delimiter: Delimiter, maxRows = 60): SniffedRow[] {
  const rows: SniffedRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  // A tab-separated Amazon report does not quote, so a stray `"` in a product name must not open a cell.
  const quoting = delimiter !== '\t';
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && quoting && cell === '') {
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if ((cell !== '' || cells.length > 0) && rows.length < maxRows) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** Header names are matched case- and space-insensitively, with a TikTok-style trailing TAB dropped. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
