/**
 * Server mode's commands (docs/agency.md): `serve --postgres …` (the flags are added to `serve`),
 * `worker`, and `org create` to make an organisation and its first owner. Flags are checked with
 * zod here, once; the server and worker take plain options.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { emit } from './output.js';

const postgres = z.string().regex(/^postgres(ql)?:\/\//, 'a URL like postgres://user@host:5432/ballast');
const redis = z.string().regex(/^rediss?:\/\//, 'a URL like redis://127.0.0.1:6379');
const data = z.string().min(1, 'the folder holding every seller’s workspace');

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

const serveFlags = z.object({
  postgres,
  redis: redis.optional(),
  data,
  secureCookies: z.boolean().default(false),
});
const workerFlags = z.object({
  postgres,
  redis,
  data,
  concurrency: z.coerce.number().int('a whole number').min(1).max(64).default(1),
  lockSeconds: z.coerce.number().min(1).max(3600).default(30),
  alertsEvery: z
    .string()
    .regex(/^(off|[1-9][0-9]{0,5}[smh])$/, 'a duration like 30s, 15m or 1h, or off')
    .default('1h')
    .transform((v) => (v === 'off' ? null : Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1)])),
});
const orgFlags = z.object({
  postgres,
  data,
  name: z.string().trim().min(1).max(200),
  email: z.email(),
  ownerName: z.string().trim().min(1).max(200).optional(),
});

/** Adds server mode's flags to `ballast serve`. */
export function withAgencyFlags(command: Command): Command {
  return command
    .option('--postgres <url>', 'server mode for agencies: accounts and sellers in this PostgreSQL database')
    .option(
      '--redis <url>',
      'server mode: queue imports, simulations and plans for `ballast worker` on this Redis',
    )
    .option('--data <dir>', 'server mode: the folder holding every seller’s workspace')
    .option('--secure-cookies', 'server mode: mark the session cookie Secure (the server is behind TLS)');
}

/** `ballast serve --postgres …`: runs until SIGINT or SIGTERM. */
export async function serveAgency(flags: Record<string, unknown>, port: number, host: string): Promise<void> {
  const options = engine.parseOptions(serveFlags, flags);
  // The server's modules load only for the commands that need them: every other command starts faster.
  const { startAgencyServer } = await import('../server/agencies/serve.js');
  const running = await startAgencyServer({
    postgres: options.postgres,
    ...(options.redis ? { redis: options.redis } : {}),
    dataDir: options.data,
    port,
    host,
    secureCookies: options.secureCookies,
  });
  process.stdout.write(`Ballast server mode at ${running.url} (sellers' workspaces in ${options.data})\n`);
  process.stdout.write(
    options.redis
      ? 'Imports, simulations and plans are queued: start one or more `ballast worker` processes.\n'
      : 'No --redis: imports, simulations and plans run in this process.\n',
  );
  await untilStopped();
  await running.close();
}

export function agencyCommands(program: Command): void {
  program
    .command('worker')
    .description('server mode: run queued imports, simulations and plans (as many workers as needed)')
    .requiredOption('--postgres <url>', 'the server’s PostgreSQL database')
    .requiredOption('--redis <url>', 'the server’s Redis')
    .requiredOption('--data <dir>', 'the folder holding every seller’s workspace (shared with the server)')
    .option('--concurrency <n>', 'jobs at once in this process', '1')
    .option('--lock-seconds <n>', 'a job whose worker stops answering goes to another after this long', '30')
    .option(
      '--alerts-every <duration>',
      'check every seller with alert rules this often (30s, 15m, 1h; off: no schedule)',
      '1h',
    )
    .action(async (flags: Record<string, unknown>) => {
      const options = engine.parseOptions(workerFlags, flags);
      const { startWorkerProcess } = await import('../server/agencies/worker.js');
      const worker = await startWorkerProcess({
        postgres: options.postgres,
        redis: options.redis,
        dataDir: options.data,
        concurrency: options.concurrency,
        lockDurationMs: options.lockSeconds * 1000,
        alertsEveryMs: options.alertsEvery,
      });
      process.stdout.write(
        `Ballast worker ${worker.name} is waiting for jobs (concurrency ${options.concurrency})\n`,
      );
      await untilStopped();
      await worker.close();
    });

  const org = program.command('org').description('server mode: organisations');
  org
    .command('create')
    .description('make an organisation and its first owner (password from BALLAST_PASSWORD)')
    .requiredOption('--postgres <url>', 'the server’s PostgreSQL database')
    .requiredOption('--data <dir>', 'the folder holding every seller’s workspace')
    .requiredOption('--name <name>', 'the organisation’s name')
    .requiredOption('--email <address>', 'the owner’s e-mail address (their sign-in)')
    .option('--owner-name <name>', 'the owner’s name (default: the e-mail address)')
    .action(async (flags: Record<string, unknown>) => {
      const options = engine.parseOptions(orgFlags, flags);
      const password = process.env.BALLAST_PASSWORD ?? '';
      if (password.length < 12)
        throw new BallastError('usage', 'BALLAST_PASSWORD is not set, or shorter than 12 characters', {
          hint: 'Set the owner’s password in BALLAST_PASSWORD (not a flag: flags show in the process list).',
        });
      const { openAgency } = await import('../engine-agency.js'); // server mode's modules, on use
      const agency = await openAgency({ postgres: options.postgres, dataDir: options.data });
      try {
        const made = await agency.createOrganisation(options.name, {
          email: options.email,
          name: options.ownerName ?? options.email,
          password,
        });
        const json = (program.opts() as { json?: boolean }).json ?? false;
        emit(
          json,
          made,
          () => `Organisation ${made.orgId} made; its owner ${options.email} (${made.userId}) can sign in.`,
        );
      } finally {
        await agency.close();
      }
    });
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
