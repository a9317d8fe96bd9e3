import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { emit, fail, progress, stageLabel, withProgress } from './output.js';
import { renderExposure } from './render-exposure.js';
import { renderDemo, renderPlan } from './render-plan.js';
import { renderBacktest, renderEvents, renderSimulation } from './render-simulate.js';
import { renderImport, renderRejects, renderStatus } from './render.js';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;

const importFlags = z.object({
  channel: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a channel name like shopify or tiktok-shop')
    .optional(),
  market: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code like US')
    .transform((m) => m.toUpperCase())
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code like USD')
    .transform((c) => c.toUpperCase())
    .optional(),
  encoding: z.enum(ENCODINGS).optional(),
});

const share = z.coerce.number().min(0, 'a share between 0 and 1').max(1, 'a share between 0 and 1');
const exposureFlags = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  window: z.coerce.number().int(),
  skuThreshold: share,
  alertShare: share,
  alertGrowth: share,
});

const reportFlags = exposureFlags.extend({
  lang: z.enum(engine.REPORT_LANGS),
  out: z.string().min(1, 'a file name like report.html'),
});

const count = (max: number) =>
  z.coerce.number().int('a whole number').min(1, 'at least 1').max(max, `at most ${max}`).optional();
const simulateFlags = z.object({
  paths: count(1_000_000),
  horizon: count(3650),
  seed: z.coerce.number().int().min(0).max(4294967295).optional(),
  workers: count(64),
});

const planFlags = z.object({
  lambda: z.coerce.number().min(0, 'a weight of 0 or more').max(1_000, 'at most 1000').optional(),
  cvarLimit: z.coerce.number().min(0, 'an amount of 0 or more').optional(),
  alpha: z.coerce
    .number()
    .min(0.5, 'a level from 0.5 to 0.999')
    .max(0.999, 'a level from 0.5 to 0.999')
    .default(0.95),
  paths: count(100_000),
  evalPaths: count(1_000_000),
  seed: z.coerce.number().int().min(0).max(4294967295).optional(),
  workers: count(64),
  frontier: z.boolean().default(false),
  exportLp: z.string().min(1, 'a file name like plan.lp').optional(),
  compare: z.array(z.string().min(1, 'a file name like my-plan.yaml')).optional(),
  resamples: z.coerce.number().int('a whole number').min(0, '0 or more').max(100, 'at most 100').optional(),
});

const demoFlags = z.object({
  out: z.string().min(1, 'a folder name like ballast-demo'),
  seed: z.coerce.number().int('a whole number').min(0).max(4294967295).optional(),
  workers: count(64),
});

function unwritable(out: string, error: unknown, flag = '--out'): BallastError {
  return new BallastError('usage', `${flag}: cannot write \`${out}\`: ${(error as Error).message}`, {
    hint: 'Give a file in a folder that exists and that you can write to.',
    cause: error,
  });
}

function parseFlags<T extends z.ZodType>(schema: T, flags: unknown): z.infer<T> {
  const parsed = schema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BallastError('usage', `--${issue.path.join('.')}: ${issue.message}`, {
    hint: 'See ballast --help.',
  });
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
    .addOption(new Option('--encoding <name>', 'text encoding when the file is not UTF-8').choices(ENCODINGS))
    .action(async (files: string[], flags: unknown) => {
      const { json, db } = globals();
      const options = parseFlags(importFlags, flags);
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
    .command('rejects')
    .description('rows that could not be read, with file, line, column, value and reason')
    .option('--limit <n>', 'how many to show', '100')
    .action(async (flags: { limit: string }) => {
      const { json, db } = globals();
      const { limit } = parseFlags(z.object({ limit: z.coerce.number().int().min(0) }), flags);
      const report = await engine.rejectsOf(engine.resolveDb(db), limit);
      emit(!!json, report, () => renderRejects(report));
    });

  program
    .command('exposure')
    .description('how much revenue, profit, stock and spend hangs on each channel and market')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (default: the last order date)')
    .addOption(
      new Option('--window <days>', 'trailing window ending --to').choices(['30', '90', '365']).default('90'),
    )
    .option('--sku-threshold <share>', 'list SKUs with at least this share on one channel', '0.8')
    .option('--alert-share <share>', 'alert when one channel is above this share of revenue', '0.5')
    .option(
      '--alert-growth <points>',
      'alert when a channel gains more than this share (0.10 = 10 points) on the prior window',
      '0.1',
    )
    .action(async (flags: unknown) => {
      const { json, db } = globals();
      const f = parseFlags(exposureFlags, flags);
      const report = await engine.exposure(engine.resolveDb(db), {
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
        window: f.window,
        skuThreshold: f.skuThreshold,
        alerts: { shareBand: f.alertShare, growthPoints: f.alertGrowth },
      });
      emit(!!json, report, () => renderExposure(report));
    });

  program
    .command('report')
    .description('one self-contained HTML report (charts inline, printable to PDF) to share with a partner')
    .addOption(
      new Option('--lang <code>', 'language of the report').choices(engine.REPORT_LANGS).default('en'),
    )
    .option('--out <file>', 'where to write the report', 'ballast-report.html')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (default: the last order date)')
    .addOption(
      new Option('--window <days>', 'trailing window ending --to').choices(['30', '90', '365']).default('90'),
    )
    .option('--sku-threshold <share>', 'list SKUs with at least this share on one channel', '0.8')
    .option('--alert-share <share>', 'alert when one channel is above this share of revenue', '0.5')
    .option(
      '--alert-growth <points>',
      'alert when a channel gains more than this share (0.10 = 10 points) on the prior window',
      '0.1',
    )
    .action(async (flags: unknown) => {
      const { json, db } = globals();
      const f = parseFlags(reportFlags, flags);
      const path = resolve(f.out);
      // Check the folder before the report is computed, which can take a while on a large workspace.
      await access(dirname(path), constants.W_OK).catch((error: unknown) => {
        throw unwritable(f.out, error);
      });
      const result = await engine.report(engine.resolveDb(db), {
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
        window: f.window,
        lang: f.lang,
        skuThreshold: f.skuThreshold,
        alerts: { shareBand: f.alertShare, growthPoints: f.alertGrowth },
      });
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
    .action(async (scenario: string, flags: unknown) => {
      const { json, db } = globals();
      const f = parseFlags(simulateFlags, flags);
      const run = await withProgress('simulating', (onProgress) =>
        engine.simulate(engine.resolveDb(db), scenario, {
          ...(f.paths !== undefined ? { paths: f.paths } : {}),
          ...(f.horizon !== undefined ? { horizonDays: f.horizon } : {}),
          ...(f.seed !== undefined ? { seed: f.seed } : {}),
          ...(f.workers !== undefined ? { workers: f.workers } : {}),
          onProgress,
        }),
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
    .option('--alpha <level>', 'CVaR level', '0.95')
    .option('--paths <n>', 'paths the optimiser sees (default 1,000)')
    .option('--eval-paths <n>', 'fresh paths the plan is measured on (default 4,000)')
    .option('--seed <n>', 'random seed (overrides the file; fresh paths use another)')
    .option('--workers <n>', 'worker threads (results are identical for any count)')
    .option('--frontier', 'print the efficient frontier, each point measured on the fresh paths')
    .option('--export-lp <file>', 'write the exact model in CPLEX LP format for another solver')
    .option('--compare <file...>', "plans of your own (YAML lists of actions) scored beside the optimiser's")
    .option(
      '--resamples <n>',
      'bootstrap resamples of the paths for the stability table (default 5, 0: none)',
    )
    .action(async (scenario: string, flags: unknown) => {
      const { json, db } = globals();
      const f = parseFlags(planFlags, flags);
      const run = await withProgress('planning', (onProgress) =>
        engine.plan(engine.resolveDb(db), scenario, {
          alpha: f.alpha,
          frontier: f.frontier,
          ...(f.lambda !== undefined ? { lambda: f.lambda } : {}),
          ...(f.cvarLimit !== undefined ? { cvarLimit: f.cvarLimit } : {}),
          ...(f.paths !== undefined ? { paths: f.paths } : {}),
          ...(f.evalPaths !== undefined ? { evaluationPaths: f.evalPaths } : {}),
          ...(f.seed !== undefined ? { seed: f.seed } : {}),
          ...(f.workers !== undefined ? { workers: f.workers } : {}),
          ...(f.exportLp !== undefined ? { exportLp: (lp: string) => writeLp(f.exportLp!, lp) } : {}),
          ...(f.compare !== undefined ? { compare: f.compare } : {}),
          ...(f.resamples !== undefined ? { resamples: f.resamples } : {}),
          onProgress,
        }),
      );
      emit(!!json, run, () => renderPlan(run, f.frontier));
    });

  program
    .command('demo')
    .description(
      'the whole product on a made-up cross-border seller: generate its exports, import, exposure, simulate, plan, report',
    )
    .option('--out <folder>', 'where the files, workspace and report go', 'ballast-demo')
    .option('--seed <n>', 'generator seed (same seed, same files)')
    .option('--workers <n>', 'worker threads (results are identical for any count)')
    .action(async (flags: unknown) => {
      const { json } = globals();
      const f = parseFlags(demoFlags, flags);
      const bar = process.stderr.isTTY ? progress('') : undefined;
      const run = await engine.demo({
        dir: f.out,
        ...(f.seed !== undefined ? { seed: f.seed } : {}),
        ...(f.workers !== undefined ? { workers: f.workers } : {}),
        onStep: ({ step, index, phase, seconds, detail }) => {
          const n = `[${index}/${engine.DEMO_STEPS.length}]`;
          if (phase === 'start') bar?.update(`${n} ${step}`);
          else
            process.stderr.write(
              `${bar ? '\r\x1b[2K' : ''}${n} ${step.padEnd(8)} ${seconds!.toFixed(1).padStart(5)} s  ${detail}\n`,
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

  const scenario = program.command('scenario').description('write and check scenario files');
  scenario
    .command('check')
    .description('validate a scenario file against the workspace without simulating')
    .argument('<file>', 'scenario YAML')
    .action(async (file: string) => {
      const { json, db } = globals();
      const result = await engine.checkScenario(engine.resolveDb(db), file);
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

  program
    .command('events')
    .description('the historical event library (use: ID in a scenario)')
    .action(() => {
      const { json } = globals();
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

  return program;
}

/** Writes a new file, refusing to overwrite one the user may have edited. */
async function writeLp(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (cause) {
    throw unwritable(path, cause, '--export-lp');
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
