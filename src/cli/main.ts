import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { agencyCommands, serveAgency, withAgencyFlags } from './agency.js';
import { emit, fail, progress, stageLabel, withProgress } from './output.js';
import { renderAlertHistory, renderAlerts } from './render-alerts.js';
import { renderExposure } from './render-exposure.js';
import { renderDemo, renderPlan } from './render-plan.js';
import { renderBacktest, renderEventCheck, renderEvents, renderSimulation } from './render-simulate.js';
import { renderImport, renderRejects, renderStatus } from './render.js';
import { renderCheck } from './render-check.js';

const ENCODINGS = engine.importOptions.shape.encoding.unwrap().options;
/** Flags that are the CLI's own (where to write), not options of an engine operation. */
const EXPOSURE_DEFAULTS = engine.exposureOptions.parse({});
const outFlag = z.object({ out: z.string().min(1, 'a file name like report.html') });
const lpFlag = z.object({ exportLp: z.string().min(1, 'a file name like plan.lp') });

function unwritable(out: string, error: unknown, flag = '--out'): BallastError {
  return new BallastError('usage', `${flag}: cannot write \`${out}\`: ${(error as Error).message}`, {
    hint: 'Give a file in a folder that exists and that you can write to.',
    cause: error,
  });
}

/**
 * Flags → the engine's options, parsed with the engine's own schema (its defaults and limits); a flag
 * whose name differs from its option is renamed first (`--horizon` is `horizonDays`). Errors name
 * the option; `fail` writes it back as the flag.
 */
function parseFlags<T extends z.ZodType>(
  schema: T,
  flags: Record<string, unknown>,
  renamed: Record<string, string> = {},
): z.output<T> {
  const options: Record<string, unknown> = {};
  for (const [flag, value] of Object.entries(flags))
    if (value !== undefined) options[renamed[flag] ?? flag] = value;
  return engine.parseOptions(schema, options);
}

/** The exposure window and alert flags, shared by `exposure` and `report`. */
function withWindowFlags(command: Command): Command {
  return command
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (default: the last order date)')
    .addOption(
      new Option('--window <days>', 'trailing window ending --to')
        .choices(['30', '90', '365'])
        .default(String(EXPOSURE_DEFAULTS.window)),
    )
    .option(
      '--sku-threshold <share>',
      'list SKUs with at least this share on one channel',
      String(EXPOSURE_DEFAULTS.skuThreshold),
    )
    .option(
      '--alert-share <share>',
      'alert when one channel is above this share of revenue',
      String(EXPOSURE_DEFAULTS.alertShare),
    )
    .option(
      '--alert-growth <points>',
      'alert when a channel gains more than this share (0.10 = 10 points) on the prior window',
      String(EXPOSURE_DEFAULTS.alertGrowth),
    );
}

export function buildProgram(): Command {
  const program = new Command('ballast')
    .description(
      'Channel-risk analytics for cross-border sellers: import exports, measure exposure, simulate, plan.',
    )
    .option('--db <path>', 'workspace file (default: $BALLAST_DB or ./ballast.duckdb)')
    .option('--json', 'print machine-readable JSON on stdout')
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<{ db?: string; json?: boolean }>();

  program
    .command('import')
    .description(
      'import channel exports and input files (locations, inventory, shipments, costs, commitments, fx)',
    )
    .argument('<files...>', 'export files: .csv, .txt (tab-separated), .xlsx')
    .option('--channel <name>', 'channel for files that do not say (generic CSV without a channel column)')
    .option('--market <code>', 'buyer country (ISO 3166) for files that do not say')
    .option('--currency <code>', 'currency (ISO 4217) for files that do not say')
    .option('--store <name>', 'the shop these files come from, to keep two stores of one channel apart')
    .addOption(new Option('--encoding <name>', 'text encoding when the file is not UTF-8').choices(ENCODINGS))
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const { json, db } = globals();
      const options = parseFlags(engine.importOptions, flags);
      const bar = progress(`importing ${files.length} file${files.length === 1 ? '' : 's'}`);
      try {
        const summary = await engine.importFiles(engine.resolveDb(db), files, {
          ...options,
          onFile: ({ name, index, total, phase }) =>
            bar.update(phase === 'done' ? 'writing workspace' : `reading ${name} (${index + 1}/${total})`),
        });
        bar.done();
        emit(!!json, summary, () => renderImport(summary));
      } finally {
        bar.done();
      }
    });

  program
    .command('status')
    .description('what the workspace holds: files, orders and gross per channel × market × currency, rejects')
    .action(async () => {
      const { json, db } = globals();
      const report = await engine.status(engine.resolveDb(db));
      emit(!!json, report, () => renderStatus(report));
    });

  program
    .command('check')
    .description(
      'verify the workspace: readable, schema current, every line from a listed file, runs readable',
    )
    .action(async () => {
      const { json, db } = globals();
      const report = await engine.check(engine.resolveDb(db));
      emit(!!json, report, () => renderCheck(report));
      // Something off is the user's to fix (exit 1), and the report says how.
      if (!report.ok) process.exitCode = 1;
    });

  program
    .command('rejects')
    .description('rows that could not be read, with file, line, column, value and reason')
    .option('--limit <n>', 'how many to show', String(engine.rejectsOptions.parse({}).limit))
    .action(async (flags: Record<string, unknown>) => {
      const { json, db } = globals();
      const { limit } = parseFlags(engine.rejectsOptions, flags);
      const report = await engine.rejectsOf(engine.resolveDb(db), limit);
      emit(!!json, report, () => renderRejects(report));
    });

  withWindowFlags(
    program
      .command('exposure')
      .description('how much revenue, profit, stock and spend hangs on each channel and market')
      .option('--store <name>', 'only this store (as named with import --store)'),
  ).action(async (flags: Record<string, unknown>) => {
    const { json, db } = globals();
    const report = await engine.exposure(engine.resolveDb(db), parseFlags(engine.exposureOptions, flags));
    emit(!!json, report, () => renderExposure(report));
  });

  withWindowFlags(
    program
      .command('report')
      .description('one self-contained HTML report (charts inline, printable to PDF) to share with a partner')
      .addOption(
        new Option('--lang <code>', 'language of the report').choices(engine.REPORT_LANGS).default('en'),
      )
      .option('--out <file>', 'where to write the report', 'ballast-report.html'),
  ).action(async (flags: Record<string, unknown>) => {
    const { json, db } = globals();
    const { out, ...rest } = flags;
    const options = parseFlags(engine.reportOptions, rest);
    const f = { out: parseFlags(outFlag, { out }).out };
    const path = resolve(f.out);
    // Check the folder before the report is computed, which can take a while on a large workspace.
    await access(dirname(path), constants.W_OK).catch((error: unknown) => {
      throw unwritable(f.out, error);
    });
    const result = await engine.report(engine.resolveDb(db), options);
    await writeFile(path, result.html).catch((error: unknown) => {
      throw unwritable(f.out, error);
    });
    const written = { path, lang: result.lang, bytes: Buffer.byteLength(result.html) };
    emit(!!json, written, () => path);
  });

  program
    .command('simulate')
    .description(
      'Monte Carlo of a scenario file: expected loss, VaR, CVaR, cash, stranded stock, what matters most',
    )
    .argument('<scenario>', 'scenario YAML (see docs/scenarios.md; `ballast scenario new` writes a starter)')
    .option('--paths <n>', 'paths (overrides the file)')
    .option('--horizon <days>', 'days to simulate (overrides the file)')
    .option('--seed <n>', 'random seed (overrides the file)')
    .option('--workers <n>', 'worker threads (results are identical for any count)')
    .action(async (scenario: string, flags: Record<string, unknown>) => {
      const { json, db } = globals();
      const options = parseFlags(engine.simulateOptions, flags, { horizon: 'horizonDays' });
      const source = await engine.readScenarioFile(scenario);
      const run = await withProgress('simulating', (onProgress) =>
        engine.simulate(engine.resolveDb(db), source, { ...options, onProgress }),
      );
      emit(!!json, run, () => renderSimulation(run));
    });

  program
    .command('plan')
    .description(
      'decisions to take now (move stock, redirect shipments, open channels, shift budget) that trade expected profit against tail risk',
    )
    .argument('<scenario>', 'scenario YAML, optionally with a decisions: block (docs/formulation.md)')
    .option('--lambda <weight>', 'weight of CVaR against expected profit (default 1)')
    .option('--cvar-limit <amount>', 'instead: maximise expected profit with CVaR of loss at most this')
    .option('--alpha <level>', 'CVaR level', String(engine.PLAN_DEFAULTS.alpha))
    .option('--paths <n>', 'paths the optimiser sees', String(engine.PLAN_DEFAULTS.planPaths))
    .option(
      '--eval-paths <n>',
      'fresh paths the plan is measured on',
      String(engine.PLAN_DEFAULTS.evaluationPaths),
    )
    .option('--seed <n>', 'random seed (overrides the file; fresh paths use another)')
    .option('--workers <n>', 'worker threads (results are identical for any count)')
    .option('--frontier', 'print the efficient frontier, each point measured on the fresh paths')
    .option('--export-lp <file>', 'write the exact model in CPLEX LP format for another solver')
    .option(
      '--compare <file...>',
      "plans of your own (YAML lists of actions, docs/formulation.md) scored beside the optimiser's",
    )
    .option(
      '--resamples <n>',
      'resamples of the paths the plan is solved again on, for the stability table (0: none)',
      String(engine.PLAN_DEFAULTS.resamples),
    )
    .action(async (scenario: string, flags: Record<string, unknown>) => {
      const { json, db } = globals();
      const { exportLp, compare: files, ...rest } = flags;
      const compare = await Promise.all(
        ((files as string[] | undefined) ?? []).map((file) => engine.readScenarioFile(file)),
      );
      const options = parseFlags(engine.planOptions, { ...rest, compare }, { evalPaths: 'evaluationPaths' });
      const lpFile = exportLp === undefined ? undefined : parseFlags(lpFlag, { exportLp }).exportLp;
      const source = await engine.readScenarioFile(scenario);
      const run = await withProgress('planning', (onProgress) =>
        engine.plan(engine.resolveDb(db), source, {
          ...options,
          ...(lpFile !== undefined ? { exportLp: (lp: string) => writeLp(lpFile, lp) } : {}),
          onProgress,
        }),
      );
      emit(!!json, run, () => renderPlan(run, options.frontier));
    });

  program
    .command('demo')
    .description(
      'the whole product on a made-up cross-border seller: generate its exports, import, exposure, simulate, plan, report',
    )
    .option('--out <folder>', 'where the files, workspace and report go', engine.DEFAULT_DEMO_DIR)
    .option('--seed <n>', 'generator seed (same seed, same files)')
    .option('--workers <n>', 'worker threads (results are identical for any count)')
    .action(async (flags: Record<string, unknown>) => {
      const { json } = globals();
      const options = parseFlags(engine.demoOptions, flags, { out: 'dir' });
      const bar = process.stderr.isTTY ? progress('') : undefined;
      const run = await engine.demo({
        ...options,
        onStep: (event) => {
          const n = `[${event.index}/${engine.DEMO_STEPS.length}]`;
          if (event.phase === 'start') bar?.update(`${n} ${event.step}`);
          else
            process.stderr.write(
              `${bar ? '\r\x1b[2K' : ''}${n} ${event.step.padEnd(8)} ${event.seconds.toFixed(1).padStart(5)} s  ${event.detail}\n`,
            );
        },
        ...(bar
          ? {
              onProgress: (stage: string, done: number, total: number) =>
                bar.update(stageLabel(stage, done, total)),
            }
          : {}),
      });
      bar?.done();
      emit(!!json, run, () => renderDemo(run));
    });

  program
    .command('alerts')
    .description('check alert rules (shares, their rise, stranded stock, CVaR) and deliver new alerts')
    .option(
      '--rules <file>',
      'alert rules YAML (docs/alerts.md); saved in the workspace for later checks and imports',
    )
    .option('--no-deliver', 'record and print alerts without sending them')
    .option('--history', 'list the alerts opened so far instead of checking')
    .action(async (flags: { rules?: string; deliver: boolean; history?: boolean }) => {
      const { json, db } = globals();
      if (flags.history) {
        const records = await engine.alertHistory(engine.resolveDb(db));
        emit(!!json, records, () => renderAlertHistory(records));
        return;
      }
      const rules = flags.rules
        ? { text: await readInput(flags.rules, '--rules'), name: flags.rules }
        : undefined;
      const check = await engine.alerts(engine.resolveDb(db), {
        deliver: flags.deliver,
        ...(rules ? { rules } : {}),
      });
      emit(!!json, check, () => renderAlerts(check));
    });

  const scenario = program.command('scenario').description('write and check scenario files');
  scenario
    .command('check')
    .description('validate a scenario file against the workspace without simulating')
    .argument('<file>', 'scenario YAML')
    .action(async (file: string) => {
      const { json, db } = globals();
      const result = await engine.checkScenario(engine.resolveDb(db), await engine.readScenarioFile(file));
      emit(!!json, { ok: true, ...result }, () =>
        [
          `${file}: ok — ${result.name}, starting ${result.start}`,
          ...result.description.map((l) => `  ${l}`),
          ...result.warnings.map((w) => `  warning: ${w}`),
        ].join('\n'),
      );
    });
  scenario
    .command('new')
    .description("write a commented starter scenario for the workspace's channels")
    .option('--out <file>', 'where to write it', 'scenario.yaml')
    .action(async (flags: { out: string }) => {
      const { json, db } = globals();
      const yaml = await engine.newScenario(engine.resolveDb(db));
      await writeNew(flags.out, yaml);
      emit(
        !!json,
        { path: flags.out },
        () => `Wrote ${flags.out}. Edit it, then: ballast scenario check ${flags.out}`,
      );
    });

  withAgencyFlags(
    program
      .command('serve')
      .description('the dashboard and the HTTP API over one workspace (see docs/api.md)'),
  )
    .option('--port <n>', 'port to listen on (0: any free one)', '7777')
    .option(
      '--host <address>',
      'address to bind; any other than 127.0.0.1 needs an access token',
      '127.0.0.1',
    )
    .option('--open', 'open the dashboard in the default browser')
    .action(async (flags: Record<string, unknown>) => {
      const { db } = globals();
      const { postgres, redis, data, secureCookies, ...single } = flags;
      // Loaded only for `serve`: the server's modules would slow every other command's start.
      const { serveOptions, startServer } = await import('../server/serve.js');
      const options = parseFlags(serveOptions, single);
      // Server mode for agencies (docs/agency.md): accounts in Postgres, one workspace per seller.
      if (postgres !== undefined)
        return serveAgency({ postgres, redis, data, secureCookies }, options.port, options.host);
      if (redis !== undefined || data !== undefined)
        throw new BallastError('usage', '--redis and --data belong to server mode, which needs --postgres', {
          hint: 'Add --postgres URL (docs/agency.md), or leave them out to serve one workspace (--db).',
        });
      const running = await startServer({ db: engine.resolveDb(db), port: options.port, host: options.host });
      process.stdout.write(`Ballast is serving ${engine.resolveDb(db)} at ${running.url}\n`);
      process.stdout.write(`API reference: ${running.url}api/v1/docs\n`);
      if (running.generated)
        process.stdout.write(
          `Access token (shown once; set BALLAST_TOKEN to choose your own): ${running.token}\n`,
        );
      if (options.open) openBrowser(running.url);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await running.close();
    });

  program
    .command('events')
    .description('the historical event library (use: ID in a scenario)')
    .option('--check', 'simulate each event on a plain seller and compare with what was observed')
    .action((flags: { check?: boolean }) => {
      const { json } = globals();
      if (flags.check) {
        const checked = engine.checkEvents();
        emit(!!json, checked, () => renderEventCheck(checked));
        return;
      }
      const entries = engine.events();
      emit(!!json, entries, () => renderEvents(entries));
    });

  program
    .command('forecast')
    .description('baseline demand forecast checks')
    .option('--backtest', 'hold out the last 8 weeks and compare accuracy with seasonal naive')
    .action(async (flags: { backtest?: boolean }) => {
      const { json, db } = globals();
      if (!flags.backtest)
        throw new BallastError('usage', 'forecast needs --backtest', {
          hint: 'Run: ballast forecast --backtest',
        });
      const result = await engine.forecastBacktest(engine.resolveDb(db));
      emit(!!json, result, () => renderBacktest(result));
    });

  agencyCommands(program);
  return program;
}

/** The system's way of opening a URL; a failure only means the user opens it by hand. */
function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  spawn(command ?? 'xdg-open', args, { detached: true, stdio: 'ignore' })
    .on('error', () => {})
    .unref();
}

/** Writes a new file, refusing to overwrite one the user may have edited. */
async function writeLp(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (cause) {
    throw unwritable(path, cause, '--export-lp');
  }
}

async function readInput(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new BallastError('not-found', `${flag}: cannot read \`${path}\`: ${(cause as Error).message}`, {
      hint: 'Check the file name and that you can read it.',
      cause,
    });
  }
}

async function writeNew(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new BallastError('usage', `${path} already exists`, {
        hint: 'Choose another name with --out, or remove the file first.',
      });
    }
    throw cause;
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a bad flag or missing argument is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 1;
      return;
    }
    process.exitCode = fail(error, argv.includes('--json'));
  }
}
