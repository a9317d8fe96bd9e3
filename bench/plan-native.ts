import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

/**
 * Debian's native solvers on the LP file HiGHS writes: `glpsol` (glpk-utils) and `cbc` (coinor-cbc),
 * each timed in wall and CPU seconds by /usr/bin/time, with its objective read back at full precision.
 */
export const NATIVE_SOLVERS = ['glpsol', 'cbc'] as const;
export type NativeSolver = (typeof NATIVE_SOLVERS)[number];

export interface NativeRun {
  solver: NativeSolver;
  /** Solver's own word for the outcome: `INTEGER OPTIMAL`, `Optimal`, `Stopped on time`, … */
  status: string;
  optimal: boolean;
  objective: number;
  seconds: number;
  /** User + system CPU of the solver process (NaN when /usr/bin/time is missing). */
  cpuSeconds: number;
  peakRssMB: number;
  /** Killed by the bench's own watchdog after the time limit plus a grace period. */
  killed: boolean;
}

const TIME = '/usr/bin/time';

export { readerLp } from '../src/plan/lp-text.js';

/** Whether `name` is on PATH (a missing solver is reported and skipped, never an error). */
export function installed(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Arguments of each solver: its time limit, a readable report `out` and a full-precision solution. */
function command(solver: NativeSolver, lp: string, out: string, timeLimitSeconds: number): string[] {
  if (solver === 'glpsol')
    return ['glpsol', '--lp', lp, '--tmlim', String(timeLimitSeconds), '-o', out, '-w', `${out}.raw`];
  // cbc counts CPU seconds by default; elapsed, like glpsol's --tmlim, so a loaded machine cannot stretch a run.
  return ['cbc', lp, 'timeMode', 'elapsed', 'sec', String(timeLimitSeconds), 'solve', 'solution', out];
}

/** Runs one solver on `lp`, writing its report next to it (`<lp>.<solver>.txt`). */
export async function runNative(
  solver: NativeSolver,
  lp: string,
  timeLimitSeconds: number,
): Promise<NativeRun> {
  const out = `${lp}.${solver}.txt`;
  const timeFile = `${out}.time`;
  await Promise.all([out, `${out}.raw`, timeFile].map((f) => rm(f, { force: true })));
  const args = command(solver, lp, out, timeLimitSeconds);
  const timed = existsSync(TIME);
  const argv = timed ? [TIME, '-f', '%e %U %S %M', '-o', timeFile, ...args] : args;
  const wall = performance.now();
  const killed = await new Promise<boolean>((resolve, reject) => {
    // A process group of its own, so the watchdog stops the solver and not only /usr/bin/time above it.
    const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore', detached: true });
    // The solver's own limit should stop it; this is for a reader still busy with the file at the limit.
    // No pid: the spawn failed, and its 'error' below ends the wait.
    const { pid } = child;
    const watchdog = setTimeout(
      () => pid !== undefined && process.kill(-pid, 'SIGKILL'),
      (timeLimitSeconds + 120) * 1000,
    );
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog);
      resolve(signal === 'SIGKILL');
    });
  });
  const seconds = (performance.now() - wall) / 1000;
  // The last line is `%e %U %S %M`; a killed run leaves `Command terminated by signal 9` or nothing.
  const last =
    timed && existsSync(timeFile) ? ((await readFile(timeFile, 'utf8')).trim().split('\n').pop() ?? '') : '';
  const [e, user, system, kb] = /^[\d.]+ [\d.]+ [\d.]+ \d+$/.test(last) ? last.split(' ').map(Number) : [];
  const result = solver === 'glpsol' ? await glpsolResult(out) : await cbcResult(out);
  return {
    solver,
    ...result,
    seconds: e ?? seconds,
    cpuSeconds: user !== undefined && system !== undefined ? user + system : NaN,
    peakRssMB: kb !== undefined ? kb / 1024 : NaN,
    killed,
  };
}

async function readIfThere(path: string): Promise<string> {
  return existsSync(path) ? readFile(path, 'utf8') : '';
}

/** `-o`: `Status:     INTEGER OPTIMAL`; `-w`: `s mip ROWS COLS STATUS OBJ` or `s bas ROWS COLS PST DST OBJ`, OBJ at full precision. */
async function glpsolResult(out: string): Promise<{ status: string; optimal: boolean; objective: number }> {
  const status = /^Status:\s+(.+)$/m.exec(await readIfThere(out))?.[1]?.trim() ?? 'no solution written';
  const line = (await readIfThere(`${out}.raw`)).split('\n').find((l) => l.startsWith('s '));
  const objective = line ? Number(line.trim().split(/\s+/).pop()) : NaN;
  return { status, optimal: status === 'OPTIMAL' || status === 'INTEGER OPTIMAL', objective };
}

/** First line of cbc's solution file: `Optimal - objective value 1393989.93857410` (or `Stopped on time - …`). */
async function cbcResult(out: string): Promise<{ status: string; optimal: boolean; objective: number }> {
  const first = (await readIfThere(out)).split('\n')[0] ?? '';
  const match = /^(.*?)\s+-\s+objective value\s+(\S+)/.exec(first);
  const status = match?.[1]?.trim() ?? (first.trim() || 'no solution written');
  return { status, optimal: status === 'Optimal', objective: match ? Number(match[2]) : NaN };
}
