/**
 * `npm run fuzz -- --files N --seed S [--workers W] [--timeout-ms T] [--out DIR]`: mutates every
 * reader's fixtures (bytes flipped, cut, rows duplicated and reordered, columns swapped, delimiters,
 * line endings, BOMs and encodings changed, huge cells, formulas and control characters; workbooks
 * damaged inside and out) and imports each into a workspace holding a known baseline. Every outcome
 * must be an import (exit 0) or a refusal with a message (exit 1), never a bug (exit 2) or a hang,
 * and a refused import must leave the workspace's totals as they were. Files that break a promise
 * are kept in DIR.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as engine from '../src/engine.js';
import type { FuzzJob, FuzzResult } from './fuzz-worker.js';
import { mulberry32 } from '../src/random.js';
import { mutate, type Random } from './mutate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const outFlag = process.argv.indexOf('--out');
const OUT = outFlag === -1 ? join(ROOT, 'scratch', 'fuzz') : (process.argv[outFlag + 1] ?? 'fuzz');
const FILES = flag('files', 200);
const SEED = flag('seed', 1);
const TIMEOUT_MS = flag('timeout-ms', 120_000);
/** Worker processes importing side by side; which mutated files are made does not depend on it. */
const WORKERS = flag('workers', 1);
/** A fresh workspace every so often keeps each import's cost flat. */
const FILES_PER_WORKSPACE = 100;

async function sources(work: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    // Scenarios are not exports; loose files (a fixture builder script) are not fixtures; what the
    // fuzzer found is already damaged (and a workbook there breaks the mutator's own zip library).
    if (!folder.isDirectory() || folder.name === 'scenarios' || folder.name === 'fuzz-found') continue;
    for (const name of readdirSync(join(FIXTURES, folder.name)))
      found.push(join(FIXTURES, folder.name, name));
  }
  // XLSX readers have no committed workbooks: build some from CSV fixtures, as the reader tests do.
  for (const csv of found.filter((f) => /generic|temu|mercadolibre/.test(f)).slice(0, 4)) {
    const text = readFileSync(csv, 'utf8').replaceAll('\r\n', '\n').trimEnd();
    const delimiter = text.split('\n')[0]?.includes(';') ? ';' : ',';
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Orders');
    for (const line of text.split('\n')) sheet.addRow(line.split(delimiter));
    const path = join(work, `${csv.split('/').pop()}.xlsx`);
    await book.xlsx.writeFile(path);
    found.push(path);
  }
  return found;
}

/** Damage inside a workbook: one part cut off or given text mutations, the archive rebuilt. */
async function mutateWorkbook(bytes: Buffer, random: Random): Promise<{ bytes: Buffer; names: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((p) => p.endsWith('.xml') || p.endsWith('.rels'));
  const part = parts[Math.floor(random() * parts.length)] ?? '';
  const content = Buffer.from(await (zip.file(part)?.async('nodebuffer') ?? Buffer.alloc(0)));
  const mutated = mutate(content, false, random);
  zip.file(part, mutated.bytes);
  return {
    bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    names: mutated.names.map((n) => `${part}:${n}`),
  };
}

class Worker {
  private child: ChildProcess = this.start();
  private start(): ChildProcess {
    const child = fork(join(import.meta.dirname, 'fuzz-worker.js'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    // A worker that died between jobs makes the next send fail; `run` starts a new one instead.
    child.on('error', () => undefined);
    return child;
  }
  /** 'hang': no answer within the timeout; 'died': the worker process ended (an uncaught error). */
  run(job: FuzzJob): Promise<FuzzResult | 'hang' | 'died'> {
    if (!this.child.connected) this.child = this.start();
    return new Promise((resolve) => {
      const child = this.child;
      const settle = (outcome: FuzzResult | 'hang' | 'died') => {
        clearTimeout(timer);
        child.removeAllListeners('message');
        child.removeAllListeners('exit');
        if (outcome === 'hang' || outcome === 'died') {
          child.kill('SIGKILL');
          this.child = this.start();
        }
        resolve(outcome);
      };
      const timer = setTimeout(() => settle('hang'), TIMEOUT_MS);
      child.once('message', (result: FuzzResult) => settle(result));
      child.once('exit', () => settle('died'));
      child.send(job);
    });
  }
  stop(): void {
    this.child.kill();
  }
}

/** One file's mutation depends only on the seed and its number, so lanes may take files in any order. */
const randomFor = (i: number) => mulberry32((SEED * 1_000_003 + i) >>> 0);

async function main(): Promise<void> {
  const work = join(tmpdir(), `ballast-fuzz-${process.pid}`);
  mkdirSync(work, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  const all = await sources(work);
  const baseline = all.filter((f) => f.includes('/inputs/fx.csv') || f.includes('generic/optional-columns'));
  const tally = { imported: 0, refused: 0, bug: 0, hang: 0, died: 0, changed: 0 };
  const broken: string[] = [];
  const started = Date.now();
  let finished = 0;

  /** Lane `lane` takes files lane, lane + WORKERS, …, each into its own worker and workspace. */
  async function runLane(lane: number): Promise<void> {
    const worker = new Worker();
    let db = '';
    for (let i = lane, n = 0; i < FILES; i += WORKERS, n++) {
      if (n % FILES_PER_WORKSPACE === 0) {
        db = join(work, `ws-${i}.duckdb`);
        await engine.importFiles(db, baseline);
      }
      const random = randomFor(i);
      const source = all[Math.floor(random() * all.length)] ?? '';
      const xlsx = source.endsWith('.xlsx');
      const original = readFileSync(source);
      const { bytes, names } =
        xlsx && random() < 0.6 ? await mutateWorkbook(original, random) : mutate(original, xlsx, random);
      const path = join(work, `${i}${extname(source) || '.csv'}`);
      writeFileSync(path, bytes);
      const result = await worker.run({ db, path });
      const label = `${i} ${source.replace(`${FIXTURES}/`, '')} [${names.join(', ')}]`;
      let keep = '';
      if (result === 'hang' || result === 'died') {
        tally[result]++;
        keep = result;
        db = join(work, `ws-${i}-after-${result}.duckdb`);
        await engine.importFiles(db, baseline);
      } else if (result.exit === 0) tally.imported++;
      else if (result.exit === 1) tally.refused++;
      else {
        tally.bug++;
        keep = 'bug';
      }
      if (typeof result === 'object' && result.unchanged === false) {
        tally.changed++;
        keep ||= 'changed';
      }
      if (keep) {
        const name = `${keep}-${i}-${names.join('+').replace(/[^a-z0-9+.-]/gi, '_')}${extname(path)}`;
        copyFileSync(path, join(OUT, name));
        broken.push(
          `${keep}: ${label}\n  ${result === 'hang' ? `no answer in ${TIMEOUT_MS} ms` : result === 'died' ? 'the worker process died (its stderr is above)' : result.message}`,
        );
        console.log(broken[broken.length - 1]);
      }
      rmSync(path, { force: true });
      if (++finished % 50 === 0 || finished === FILES)
        console.log(
          `${finished}/${FILES} files, ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(tally)}`,
        );
    }
    worker.stop();
  }

  await Promise.all(Array.from({ length: WORKERS }, (_, lane) => runLane(lane)));
  rmSync(work, { recursive: true, force: true });
  console.log(JSON.stringify({ seed: SEED, files: FILES, workers: WORKERS, ...tally }));
  process.exitCode = broken.length === 0 ? 0 : 1;
}

await main();
