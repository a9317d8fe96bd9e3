import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import * as engine from '../engine.js';
import { BallastError } from '../errors.js';
import { emit, fail, progress } from './output.js';
import { renderImport, renderRejects, renderStatus } from './render.js';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'windows-1252'] as const;

const importFlags = z.object({
  channel: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a channel name like shopify or tiktok-shop').optional(),
  market: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code like US').transform((m) => m.toUpperCase()).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code like USD').transform((c) => c.toUpperCase()).optional(),
  encoding: z.enum(ENCODINGS).optional(),
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
