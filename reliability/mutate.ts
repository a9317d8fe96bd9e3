import iconv from 'iconv-lite';

/** Draws from a seeded generator (test/random.ts): the same seed gives the same files, so a crash can be replayed. */
export type Random = () => number;
const int = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

/** One way a file goes wrong on its way from the channel to the seller's disk. */
interface Mutation {
  name: string;
  /** Text mutations see the file as UTF-8 lines; byte mutations see bytes. */
  apply(bytes: Buffer, random: Random): Buffer;
}

const lines = (bytes: Buffer) => bytes.toString('utf8').split(/(?<=\n)/);
const join = (parts: string[]) => Buffer.from(parts.join(''), 'utf8');
const delimiterOf = (text: string) =>
  [',', '\t', ';'].reduce((best, d) => (text.split(d).length > text.split(best).length ? d : best), ',');

const TEXT: Mutation[] = [
  {
    name: 'bytes-flipped',
    apply(bytes, random) {
      const out = Buffer.from(bytes);
      for (let n = 1 + int(random, 8); n > 0 && out.length > 0; n--)
        out[int(random, out.length)] ^= 1 + int(random, 255);
      return out;
    },
  },
  { name: 'cut', apply: (bytes, random) => bytes.subarray(0, int(random, bytes.length)) },
  {
    name: 'rows-duplicated',
    apply(bytes, random) {
      const rows = lines(bytes);
      for (let n = 1 + int(random, 5); n > 0; n--) {
        const at = 1 + int(random, Math.max(1, rows.length - 1));
        rows.splice(at, 0, rows[at] ?? '');
      }
      return join(rows);
    },
  },
  {
    name: 'rows-reordered',
    apply(bytes, random) {
      const [head = '', ...rows] = lines(bytes);
      for (let i = rows.length - 1; i > 0; i--) {
        const j = int(random, i + 1);
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      return join([head, ...rows]);
    },
  },
  {
    name: 'columns-swapped',
    apply(bytes, random) {
      const text = bytes.toString('utf8');
      const d = delimiterOf(text.slice(0, 2000));
      const width = (text.split('\n')[0] ?? '').split(d).length;
      const a = int(random, width);
      const b = int(random, width);
      return join(
        lines(bytes).map((line) => {
          const cells = line.replace(/\r?\n$/, '').split(d);
          [cells[a], cells[b]] = [cells[b] ?? '', cells[a] ?? ''];
          return cells.join(d) + (line.match(/\r?\n$/)?.[0] ?? '');
        }),
      );
    },
  },
  {
    name: 'delimiter-changed',
    apply(bytes, random) {
      const text = bytes.toString('utf8');
      const from = delimiterOf(text.slice(0, 2000));
      const to = pick(
        random,
        [',', '\t', ';', '|'].filter((d) => d !== from),
      );
      return Buffer.from(text.replaceAll(from, to), 'utf8');
    },
  },
  {
    name: 'line-endings-changed',
    apply(bytes, random) {
      const text = bytes.toString('utf8').replaceAll('\r\n', '\n');
      const style = pick(random, ['crlf', 'cr', 'mixed']);
      if (style === 'crlf') return Buffer.from(text.replaceAll('\n', '\r\n'), 'utf8');
      if (style === 'cr') return Buffer.from(text.replaceAll('\n', '\r'), 'utf8');
      return join(text.split(/(?<=\n)/).map((l) => (random() < 0.3 ? l.replace(/\n$/, '\r\n') : l)));
    },
  },
  {
    name: 'bom-changed',
    apply(bytes, random) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
      return Buffer.concat([
        Buffer.from(
          pick(random, [
            [0xef, 0xbb, 0xbf],
            [0xff, 0xfe],
            [0xfe, 0xff],
          ]),
        ),
        bytes,
      ]);
    },
  },
  {
    name: 'encoding-changed',
    apply(bytes, random) {
      const encoding = pick(random, ['utf-16le', 'utf-16be', 'windows-1252', 'shift_jis', 'latin1']);
      return iconv.encode(bytes.toString('utf8'), encoding, { addBOM: random() < 0.5 });
    },
  },
  {
    name: 'cell-made-huge',
    apply(bytes, random) {
      const rows = lines(bytes);
      const at = 1 + int(random, Math.max(1, rows.length - 1));
      const size = pick(random, [70_000, 1_000_000, 20_000_000]);
      const d = delimiterOf(bytes.toString('utf8', 0, 2000));
      const cells = (rows[at] ?? '').split(d);
      cells[int(random, cells.length)] = 'x'.repeat(size);
      rows[at] = cells.join(d);
      return join(rows);
    },
  },
  {
    name: 'formulas-injected',
    apply(bytes, random) {
      const d = delimiterOf(bytes.toString('utf8', 0, 2000));
      const formulas = [
        '=1+1',
        '=HYPERLINK("http://x","y")',
        '+SUM(A1:A9)',
        '-2+3',
        '@cmd',
        "=cmd|' /C calc'!A0",
      ];
      return join(
        lines(bytes).map((line, i) =>
          i > 0 && random() < 0.3
            ? line
                .split(d)
                .map((cell) => (random() < 0.3 ? pick(random, formulas) : cell))
                .join(d)
            : line,
        ),
      );
    },
  },
  {
    name: 'control-characters',
    apply(bytes, random) {
      const out = lines(bytes).join('').split('');
      for (let n = 1 + int(random, 10); n > 0 && out.length > 0; n--) {
        out.splice(
          int(random, out.length),
          0,
          pick(random, ['\u0000', '\u0007', '\u001b[2J', '\u0008', '\u007f', '\u2028', '\ufeff', '\ufffd']),
        );
      }
      return Buffer.from(out.join(''), 'utf8');
    },
  },
];

/** Byte-level damage only: an XLSX is a ZIP, so text edits would just be more flipped bytes. */
const ARCHIVE: Mutation[] = [TEXT[0], TEXT[1]];

/** One to three mutations, chosen and applied with `random`; returns the bytes and their names. */
export function mutate(bytes: Buffer, xlsx: boolean, random: Random): { bytes: Buffer; names: string[] } {
  const pool = xlsx ? ARCHIVE : TEXT;
  const names: string[] = [];
  let out = bytes;
  for (let n = 1 + int(random, 3); n > 0; n--) {
    const mutation = pick(random, pool);
    out = mutation.apply(out, random);
    names.push(mutation.name);
  }
  return { bytes: out, names };
}
