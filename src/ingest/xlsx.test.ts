import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/workspace.js';
import { xlsxToCsv } from './xlsx.js';

const dir = tempDir('ballast-xlsx-');

/** exceljs stores the sheet before the shared strings and xl/workbook.xml last, as some channel tools do. */
async function writeWorkbook(path: string, sheets: Array<{ name: string; rows: unknown[][]; tab: number }>) {
  const workbook = new ExcelJS.Workbook();
  for (const { name, rows, tab } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    // Tab order; not in exceljs's type declarations.
    (sheet as ExcelJS.Worksheet & { orderNo: number }).orderNo = tab;
  }
  await workbook.xlsx.writeFile(path);
}

const rows = Array.from({ length: 3000 }, (_, i) => [`order-${i}`, i * 0.5, `item ${i % 37}`]);
const expectedCsv = rows.map((r) => r.join(',') + '\n').join('');

describe('xlsxToCsv', () => {
  it('writes every row and every shared string, read after read, with xl/workbook.xml stored last', async () => {
    const source = join(dir, 'last-part-workbook.xlsx');
    await writeWorkbook(source, [{ name: 'Orders', rows, tab: 0 }]);
    // exceljs's one-pass reader could drop the parts it had not reached yet (exceljs#3064); read in parallel
    // so slow and fast reads interleave.
    const targets = Array.from({ length: 12 }, (_, i) => join(dir, `out-${i}.csv`));
    await Promise.all(targets.map((target) => xlsxToCsv(source, target, 'last-part-workbook.xlsx')));
    for (const target of targets) expect(readFileSync(target, 'utf8')).toBe(expectedCsv);
  });

  it('reads the first tab, not the first sheet part in the archive', async () => {
    const source = join(dir, 'tabs.xlsx');
    await writeWorkbook(source, [
      { name: 'Notes', rows: [['read me first']], tab: 1 },
      { name: 'Ventas', rows: [['# de venta'], [2000001000000001]], tab: 0 },
    ]);
    const target = join(dir, 'tabs.csv');
    await xlsxToCsv(source, target, 'tabs.xlsx');
    expect(readFileSync(target, 'utf8')).toBe('# de venta\n2000001000000001\n');
  });

  it('names the missing part of a damaged workbook and what to do', async () => {
    const source = join(dir, 'damaged.xlsx');
    await writeWorkbook(source, [{ name: 'Orders', rows: rows.slice(0, 5), tab: 0 }]);
    // Rename the part in the local header and the central directory alike (same length, so offsets hold).
    const bytes = readFileSync(source);
    writeFileSync(
      source,
      Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xm_'), 'latin1'),
    );
    await expect(xlsxToCsv(source, join(dir, 'damaged.csv'), 'damaged.xlsx')).rejects.toThrow(
      /damaged\.xlsx: cannot read the workbook \(xl\/workbook\.xml is missing\)/,
    );
  });

  it('refuses a workbook cut off halfway through the download', async () => {
    const source = join(dir, 'cut.xlsx');
    await writeWorkbook(source, [{ name: 'Orders', rows, tab: 0 }]);
    const bytes = readFileSync(source);
    writeFileSync(source, bytes.subarray(0, bytes.length >> 1));
    await expect(xlsxToCsv(source, join(dir, 'cut.csv'), 'cut.xlsx')).rejects.toThrow(
      'cut.xlsx: cannot read the workbook (it is not a complete XLSX archive)',
    );
  });

  it('refuses a file that is not a zip archive', async () => {
    const source = join(dir, 'not-a-zip.xlsx');
    writeFileSync(source, 'Order ID,Amount\n1,2\n');
    await expect(xlsxToCsv(source, join(dir, 'not-a-zip.csv'), 'not-a-zip.xlsx')).rejects.toMatchObject({
      message: expect.stringMatching(/^not-a-zip\.xlsx: cannot read the workbook/),
      hint: expect.stringMatching(/download it again/),
    });
  });
});
