/**
 * Throwaway PostgreSQL and Redis servers, for the server-mode tests (through ./services.ts, which
 * removes them after each test file) and the agency benchmark: a cluster made with `initdb` in a
 * temporary folder and started with `pg_ctl` on a free port (its unix socket in the same folder), and
 * `redis-server` on a free port with persistence off. Real servers, never mocks.
 *
 * Postgres refuses to run as root; when the tests run as root (CI containers), the cluster belongs to
 * the unprivileged `nobody` user and every Postgres program runs through `runuser -u nobody`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A program on PATH, else in Debian's /usr/lib/postgresql/VERSION/bin (newest version first). */
export function findProgram(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
    : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `${name} is not on PATH nor under ${root}/*/bin: install PostgreSQL and Redis (apt-get install -y postgresql redis-server), as .ci/run does`,
  );
}

/** A port nobody listens on now (the OS picks it); the server started next binds it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a Postgres program, as `nobody` when we are root. */
async function pgRun(program: string, args: string[]): Promise<void> {
  const path = findProgram(program);
  if (isRoot()) await run('runuser', ['-u', 'nobody', '--', path, ...args]);
  else await run(path, args);
}

export interface Postgres {
  /** postgres://…@127.0.0.1:PORT/ballast */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The postmaster's process id while it runs (its backends are its children). */
  pid(): number | null;
  /** Stops it if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** A fresh cluster with a `ballast` database, running until `remove()`. */
export async function launchPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-pg-'));
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'nobody']);
    const { stdout: group } = await run('id', ['-g', 'nobody']);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, 'data');
  // Trust on a private socket and loopback only: a throwaway cluster that lives for one test file.
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const start = () =>
    pgRun('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      'start',
    ]);
  const stop = () => pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  await start();
  await run(findProgram('psql'), [
    '-h',
    dir,
    '-p',
    String(port),
    '-U',
    'postgres',
    '-c',
    'CREATE DATABASE ballast',
  ]);
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/ballast`,
    stop: async () => {
      await stop();
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    pid: () => {
      const file = join(data, 'postmaster.pid');
      return running && existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
    },
    remove: async () => {
      if (running) await stop().catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  /** redis://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  pid(): number | null;
  /** Stops it if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** A redis-server with persistence off, running until `remove()`. */
export async function launchRedis(): Promise<Redis> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const spawned = spawn(
      findProgram('redis-server'),
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    child = spawned;
    await waitForPing(port, spawned);
  };
  const stop = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pid: () => (child?.exitCode === null ? (child.pid ?? null) : null),
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until Redis answers PING (it binds its port a moment after it starts). */
async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with ${child.exitCode} on port ${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}
