/**
 * `npm run crash -- [--kills K] [--lines N] [--seed S] [--commands import,simulate,plan]`: SIGKILLs
 * real `ballast import` (a large file), `simulate` and `plan` processes at random moments, K times
 * each; a third of the import kills are timed inside the commit (0–50 ms after the write-ahead log
 * appears: measured whole imports end 56–400 ms after it). After each kill the workspace must
 * open, `ballast check` must pass, the import must have landed whole or not at all, and the next
 * command must work.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../src/random.js';
import { bigOrdersCsv, planScenario, planWorkspaceFiles } from './workloads.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'ballast.js');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const KILLS = flag('kills', 20);
const LINES = flag('lines', 1_000_000);
const random = mulberry32(flag('seed', 1));
const commandsAt = process.argv.indexOf('--commands');
const COMMANDS = (commandsAt === -1 ? 'import,simulate,plan' : (process.argv[commandsAt + 1] ?? '')).split(
  ',',
);
/** Kills timed from the write-ahead log's appearance land within this many ms of it. */
const WAL_WINDOW_MS = 50;

function ballast(db: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync('node', [BIN, '--db', db, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Starts a command and SIGKILLs it after `afterMs`, or `afterMs` after `db`.wal appears. */
function killed(db: string, args: string[], afterMs: number, atWal: boolean): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('node', [BIN, '--db', db, ...args], { stdio: 'ignore' });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => (timer = setTimeout(() => child.kill('SIGKILL'), afterMs));
    let poll: NodeJS.Timeout | undefined;
    if (atWal)
      poll = setInterval(() => {
        if (existsSync(`${db}.wal`)) {
          clearInterval(poll);
          kill();
        }
      }, 2);
    else kill();
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
}

interface Trial {
  command: string;
  moment: string;
  ended: string;
  check: boolean;
  state: string;
  next: boolean;
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), `ballast-crash-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const baseline = join(dir, 'baseline.duckdb');
  const setup = ballast(baseline, 'import', ...planWorkspaceFiles(dir));
  if (setup.code !== 0) throw new Error(`baseline import failed: ${setup.err}`);
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, planScenario);
  const big = join(dir, 'big.csv');
  bigOrdersCsv(big, LINES);
  const lines = (db: string) =>
    (JSON.parse(ballast(db, '--json', 'status').out) as { totals: Array<{ lines: number }> }).totals.reduce(
      (s, t) => s + t.lines,
      0,
    );
  const before = lines(baseline);
  // How long each whole command takes here, so random kills spread over all of it.
  const all: Array<{ name: string; args: string[]; ms: number }> = [
    { name: 'import', args: ['import', big], ms: 0 },
    { name: 'simulate', args: ['simulate', scenario, '--paths', '20000'], ms: 0 },
    { name: 'plan', args: ['plan', scenario, '--eval-paths', '20000'], ms: 0 },
  ].filter((c) => COMMANDS.includes(c.name));
  for (const command of all) {
    const timing = join(dir, `timing-${command.name}.duckdb`);
    copyFileSync(baseline, timing);
    const t0 = Date.now();
    ballast(timing, ...command.args);
    command.ms = Date.now() - t0;
  }
  console.log(
    `${LINES.toLocaleString('en-US')}-line file ${(statSync(big).size / 1e6).toFixed(0)} MB; whole runs: ${all.map((c) => `${c.name} ${c.ms} ms`).join(', ')}`,
  );

  const trials: Trial[] = [];
  for (const { name, args, ms } of all) {
    for (let k = 0; k < KILLS; k++) {
      const db = join(dir, `${name}-${k}.duckdb`);
      copyFileSync(baseline, db);
      const atWal = name === 'import' && k % 3 === 0;
      const afterMs = Math.round(atWal ? random() * WAL_WINDOW_MS : random() * ms * 1.05);
      const ended = await killed(db, args, afterMs, atWal);
      const check = ballast(db, 'check');
      const after = check.code === 0 ? lines(db) : -1;
      const state =
        after === before
          ? 'before'
          : name === 'import' && after === before + LINES
            ? 'after'
            : `torn (${after} lines)`;
      const next = ballast(db, 'status').code === 0;
      const trial = {
        command: name,
        moment: `${atWal ? 'wal+' : ''}${afterMs} ms`,
        ended,
        check: check.code === 0,
        state,
        next,
      };
      trials.push(trial);
      console.log(JSON.stringify(trial), check.code === 0 ? '' : check.out);
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
  }
  const failed = trials.filter((t) => !t.check || !t.next || t.state.startsWith('torn'));
  const killedCount = trials.filter((t) => t.ended === 'SIGKILL').length;
  console.log(
    JSON.stringify({
      trials: trials.length,
      killed: killedCount,
      survived: trials.length - failed.length,
      failed: failed.length,
      states: Object.fromEntries(
        ['before', 'after'].map((s) => [
          s,
          trials.filter((t) => t.command === 'import' && t.state === s).length,
        ]),
      ),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed.length === 0 ? 0 : 1;
}

await main();
