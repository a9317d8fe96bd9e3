import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BallastError } from '../src/errors.js';
import { median, printTable } from './common.js';

/**
 * The simulator against the NumPy peer (`../shared/peers/peer_sim.py`), in the same run, on the peers'
 * speed case: 200 cells × 180 days × 20,000 paths, three correlated events, negative binomial.
 * Ballast is timed as the whole `ballast simulate --workers 2` command (Node start-up, workspace,
 * forecast, simulation, tornado, tail shares, storing the run); the peer by the seconds it reports
 * (model building, sampling and summaries; reading its files left out).
 */
export interface PeerOptions {
  peers: string;
  repeat: number;
  workers: number;
}

interface Timed {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  load: number;
  stdout: string;
}

const TIME = '/usr/bin/time';
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a command under /usr/bin/time (wall, user + system CPU, peak RSS of the whole process tree). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const load = loadavg()[0];
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', '%e %U %S %M', command, ...args], { env, cwd: root });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString();
      const last = stderr.trim().split('\n').at(-1) ?? '';
      const [wall, user, system, rssKB] = last.split(' ').map(Number);
      if (code !== 0 || wall === undefined || Number.isNaN(wall)) {
        reject(
          new BallastError('internal', `\`${command} ${args.join(' ')}\` failed (exit ${code})`, {
            hint: stderr.slice(-2000),
          }),
        );
        return;
      }
      resolve({
        wallSeconds: wall,
        cpuSeconds: (user ?? NaN) + (system ?? NaN),
        peakRssMB: (rssKB ?? NaN) / 1024,
        load,
        stdout: Buffer.concat(out).toString(),
      });
    });
  });
}

interface LossBlock {
  mean: number;
  stderr: number;
}

export async function runPeerComparison(options: PeerOptions): Promise<Record<string, unknown>> {
  const peerSim = join(options.peers, 'peer_sim.py');
  const speedCase = join(options.peers, 'peer_speed_case.py');
  if (!existsSync(peerSim) || !existsSync(speedCase) || !existsSync(TIME)) {
    throw new BallastError('bad-input', `the peer comparison needs ${peerSim}, ${speedCase} and ${TIME}`, {
      hint: 'Pass --peers DIR (the folder holding peer_sim.py), install GNU time, or run with --skip-peer.',
    });
  }
  const dir = join(root, '.bench', 'speed');
  await mkdir(dir, { recursive: true });
  const history = join(dir, 'history.csv');
  const scenario = join(dir, 'scenario.yaml');
  const db = join(dir, 'ws.duckdb');
  await timed('python3', [speedCase, dir], process.env);
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const ballast = join(root, 'bin', 'ballast.js');
  await timed(process.execPath, [ballast, '--db', db, 'import', history], process.env);

  // The machine sets OPENBLAS_CORETYPE, which slows a current numpy: unset for the peer alone.
  const peerEnv = { ...process.env };
  delete peerEnv.OPENBLAS_CORETYPE;
  delete peerEnv.OPENBLAS_L2_SIZE;
  const peerArgs = [peerSim, history, scenario, '--json', '--threads', String(options.workers)];
  const ballastArgs = [
    ballast,
    '--db',
    db,
    'simulate',
    scenario,
    '--json',
    '--workers',
    String(options.workers),
  ];
  console.log(
    `\npeer comparison on the speed case (${dir}), ${options.repeat} round(s), peer first in each:`,
  );
  console.log(`  peer:    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 ${peerArgs.join(' ')}`);
  console.log(`  Ballast: node ${ballastArgs.join(' ')}`);

  const rounds: Array<{
    peer: Timed & { rate: number; seconds: number };
    ballast: Timed & { rate: number };
  }> = [];
  let peerLoss: LossBlock | undefined;
  let ballastLoss: LossBlock | undefined;
  for (let round = 1; round <= options.repeat; round++) {
    const peerRun = await timed('python3', peerArgs, peerEnv);
    const peer = JSON.parse(peerRun.stdout) as {
      cellDaysPerSecond: number;
      seconds: number;
      revenueLoss: LossBlock;
    };
    const ballastRun = await timed(process.execPath, ballastArgs, process.env);
    const run = JSON.parse(ballastRun.stdout) as {
      paths: number;
      horizonDays: number;
      cells: number;
      revenueLoss: LossBlock;
    };
    peerLoss = peer.revenueLoss;
    ballastLoss = run.revenueLoss;
    const cellDays = run.cells * run.horizonDays * run.paths;
    rounds.push({
      peer: { ...peerRun, rate: peer.cellDaysPerSecond, seconds: peer.seconds },
      ballast: { ...ballastRun, rate: cellDays / ballastRun.wallSeconds },
    });
    const last = rounds[rounds.length - 1];
    console.log(
      `  round ${round}: peer ${(last.peer.rate / 1e6).toFixed(1)} M cell-days/s (load ${last.peer.load.toFixed(1)}), ` +
        `Ballast ${(last.ballast.rate / 1e6).toFixed(1)} M (load ${last.ballast.load.toFixed(1)}), ratio ${(last.ballast.rate / last.peer.rate).toFixed(2)}`,
    );
  }
  const m = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const ratio = m((r) => r.ballast.rate / r.peer.rate);
  const cpuRatio = m((r) => r.peer.cpuSeconds / r.ballast.cpuSeconds);
  console.log('');
  printTable(
    ['speed case (median)', 'load', 'wall s', 'cpu s', 'peak RSS MB', 'M cell-days/s', 'mean revenue loss'],
    [
      [
        'NumPy peer, --threads 2 (its own seconds)',
        m((r) => r.peer.load).toFixed(1),
        `${m((r) => r.peer.seconds).toFixed(2)} (process ${m((r) => r.peer.wallSeconds).toFixed(2)})`,
        m((r) => r.peer.cpuSeconds).toFixed(2),
        m((r) => r.peer.peakRssMB).toFixed(0),
        (m((r) => r.peer.rate) / 1e6).toFixed(1),
        `${(peerLoss?.mean ?? NaN).toFixed(0)} ± ${(peerLoss?.stderr ?? NaN).toFixed(0)}`,
      ],
      [
        `ballast simulate --workers ${options.workers} (whole command)`,
        m((r) => r.ballast.load).toFixed(1),
        m((r) => r.ballast.wallSeconds).toFixed(2),
        m((r) => r.ballast.cpuSeconds).toFixed(2),
        m((r) => r.ballast.peakRssMB).toFixed(0),
        (m((r) => r.ballast.rate) / 1e6).toFixed(1),
        `${(ballastLoss?.mean ?? NaN).toFixed(0)} ± ${(ballastLoss?.stderr ?? NaN).toFixed(0)}`,
      ],
    ],
  );
  const lossGap = Math.abs((ballastLoss?.mean ?? NaN) / (peerLoss?.mean ?? NaN) - 1);
  console.log(
    `\nratio Ballast ÷ peer, cell-days/s: ${ratio.toFixed(2)} (target ≥ 1.0) — ${ratio >= 1 ? 'pass' : 'MISS'}; ` +
      `CPU seconds peer ÷ Ballast: ${cpuRatio.toFixed(2)}`,
  );
  console.log(
    `mean revenue loss: Ballast differs from the peer by ${(100 * lossGap).toFixed(2)} % (target ≤ 3 %) — ${lossGap <= 0.03 ? 'pass' : 'MISS'}`,
  );
  return { rounds, ratio, cpuRatio, peerLoss, ballastLoss, lossGap };
}
