import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { emit, fail, progress } from './output.js';
import { renderExposure } from './render-exposure.js';
import { renderImport, renderRejects, renderStatus } from './render.js';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;

const importFlags = z.object({
  channel: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a channel name like shopify or tiktok-shop').optional(),
  market: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code like US').transform((m) => m.toUpperCase()).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code like USD').transform((c) => c.toUpperCase()).optional(),
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

function parseFlags<T extends z.ZodType>(schema: T, flags: unknown): z.infer<T> {
  const parsed = schema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BallastError('usage', `--${issue.path.join('.')}: ${issue.message}`, { hint: 'See ballast --help.' });
}

export function buildProgram(): Command {
  const program = new Command('ballast')
    .description('Channel-risk analytics for cross-border sellers: import exports, measure exposure, simulate, plan.')
    .option('--db <path>', 'workspace file (default: $BALLAST_DB or ./ballast.duckdb)')
    .option('--json', 'print machine-readable JSON on stdout')
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<{ db?: string; json?: boolean }>();

  program
    .command('import')
    .description('import channel exports and input files (locations, inventory, shipments, costs, commitments, fx)')
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
          onFile: ({ name, index, total, phase }) => bar.update(phase === 'done' ? 'writing workspace' : `reading ${name} (${index + 1}/${total})`),
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
    .addOption(new Option('--window <days>', 'trailing window ending --to').choices(['30', '90', '365']).default('90'))
    .option('--sku-threshold <share>', 'list SKUs with at least this share on one channel', '0.8')
    .option('--alert-share <share>', 'alert when one channel is above this share of revenue', '0.5')
    .option('--alert-growth <points>', 'alert when a channel gains more than this share (0.10 = 10 points) on the prior window', '0.1')
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

  return program;
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
