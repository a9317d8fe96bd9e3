import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { BallastError } from '../errors.js';

/**
 * Streams the first worksheet of an XLSX export (Mercado Libre, Shein, Temu) into a UTF-8 CSV so the
 * same DuckDB path reads it. Cells are written as their displayed values: a formula contributes its
 * cached result (never evaluated), a date its ISO text, a hyperlink its text.
 */
export async function xlsxToCsv(source: string, target: string, fileName: string): Promise<void> {
  const out = createWriteStream(target);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      let nextRow = 1;
      for await (const row of sheet) {
        // Blank rows are omitted by the stream; keep them so preamble line counts stay true.
        for (; nextRow < row.number; nextRow++) await write('\n');
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        await write(values.map((v) => quote(cellText(v))).join(',') + '\n');
        nextRow = row.number + 1;
      }
      break;
    }
  } catch (cause) {
    throw new BallastError('bad-file', `${fileName}: cannot read the workbook (${(cause as Error).message})`, {
      hint: 'The file may be truncated or not an XLSX export; download it again from the channel.',
      cause,
    });
  } finally {
    out.end();
    await once(out, 'close');
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: Array<{ text: string }>; error?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
    return '';
  }
  return String(value);
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
