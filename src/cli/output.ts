import { BallastError, asBallastError } from '../errors.js';

/** Prints a result: JSON on stdout for `--json`, otherwise the human rendering. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/**
 * The one place an error becomes an exit code: 1 for anything the user can fix, 2 for a bug.
 * The message says what went wrong; the hint what to do next.
 */
export function fail(error: unknown, json: boolean): number {
  const e: BallastError = asFlags(asBallastError(error));
  if (json)
    process.stdout.write(
      `${JSON.stringify({ error: { code: e.code, message: e.message, hint: e.hint ?? null } }, null, 2)}\n`,
    );
  process.stderr.write(`ballast: ${e.message}\n`);
  if (e.hint) process.stderr.write(`  ${e.hint}\n`);
  if (!e.isUserError && process.env.BALLAST_DEBUG)
    process.stderr.write(`${String((e.cause as Error | undefined)?.stack ?? e.stack)}\n`);
  return e.isUserError ? 1 : 2;
}

/** Options whose flag is not simply the option's name in kebab-case. */
const FLAG_OF: Record<string, string> = {
  horizonDays: '--horizon',
  evaluationPaths: '--eval-paths',
  dir: '--out',
  db: '--db (or BALLAST_DB)',
};
const flagOf = (option: string) =>
  FLAG_OF[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The engine names its options (`` `skuThreshold` ``); a terminal user typed flags (`--sku-threshold`).
 * Only errors about an option are rewritten, and only its backticked option names.
 */
function asFlags(e: BallastError): BallastError {
  if (!e.place.option) return e;
  const rename = (text: string) => text.replace(/`([a-z][A-Za-z]*)`/g, (_, option: string) => flagOf(option));
  return new BallastError(e.code, rename(e.message), {
    ...(e.hint ? { hint: rename(e.hint) } : {}),
    cause: e.cause,
    place: e.place,
  });
}

/** A plain text table: columns padded, numbers right-aligned. */
export function table(headers: string[], rows: Array<Array<string | number | null>>): string {
  const cells = rows.map((row) =>
    row.map((c) => (c === null ? '–' : typeof c === 'number' ? formatNumber(c) : c)),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

export function formatNumber(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * Progress on stderr for work that takes more than a second: silent for quick steps, then an
 * elapsed-time line that updates in place on a terminal.
 */
export function progress(label: string): { update(label: string): void; done(): void } {
  const started = Date.now();
  let current = label;
  let shown = false;
  const tty = process.stderr.isTTY;
  const render = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (tty) process.stderr.write(`\r\x1b[2K${current} … ${seconds}s`);
    else if (!shown) process.stderr.write(`${current} …\n`);
    shown = true;
  };
  const timer = setInterval(render, 1000);
  timer.unref();
  return {
    update(next) {
      current = next;
      if (shown && !tty) process.stderr.write(`${current} …\n`);
    },
    done() {
      clearInterval(timer);
      if (shown && tty)
        process.stderr.write(`\r\x1b[2K${current} done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    },
  };
}

/** An engine progress callback's (stage, done, total) as a progress line: `simulating 40%`. */
export const stageLabel = (stage: string, done: number, total: number): string =>
  `${stage} ${Math.round((100 * done) / total)}%`;

/** Runs `work` with a progress line on stderr fed by the engine's (stage, done, total) callbacks. */
export async function withProgress<T>(
  label: string,
  work: (onProgress: (stage: string, done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const bar = progress(label);
  try {
    return await work((stage, done, total) => bar.update(stageLabel(stage, done, total)));
  } finally {
    bar.done();
  }
}
