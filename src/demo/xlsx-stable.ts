/**
 * ExcelJS zips the workbook with JSZip, which stamps every entry with the time of writing, so two
 * runs give different bytes. The demo promises the same bytes for the same seed: this sets each
 * entry's DOS date and time, in its local header and in the central directory, to a fixed moment.
 * Nothing else in the archive depends on them (CRCs cover the data only).
 */
import { BallastError } from '../errors.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function stableZip(zip: Buffer, when: Date): Buffer {
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new BallastError('internal', 'stableZip: not a ZIP archive (no end of central directory)');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL)
      throw new BallastError('internal', `stableZip: bad central directory entry at ${at}`);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL)
      throw new BallastError('internal', `stableZip: bad local header at ${local}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
