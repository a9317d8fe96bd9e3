import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  backtest,
  forecastCells,
  type BacktestPeer,
  type BacktestRow,
} from '../src/simulate/demand/index.js';
import { benchOptions, printTable } from './common.js';
import { readOlist, weekdayOfDate, type RealHistory } from './forecast-data.js';
import { readUci } from './forecast-uci.js';

/**
 * The forecast benchmark: the holdout backtest of `ballast forecast --backtest` on genuine public retail
 * histories (forecast-data.ts), Ballast beside seasonal naive, naive and R's forecast::ets (Hyndman &
 * Khandakar 2008, the automatic ETS most forecasters reach for first), with Ballast's interval coverage.
 *
 * Two cut-offs per history: `tune` holds out the 8 weeks up to the tune end, and is what the model was
 * developed on; `final` holds out the 8 weeks up to the final end, which nothing was tuned on. A model
 * tuned on the later data would flatter itself there. UCI's tune holdout ends within 2010, the part of
 * it set aside for development; its final check is the same 8 weeks of the year a year later.
 *
 * Ballast's MASE is scored on its predictive median, RMSSE and bias on its mean (backtest.ts); the
 * `ballast mean` row scores the mean as the point, to show what the median changes. The `zeros` row
 * forecasts nothing at all: on sparse cells it is the forecast MASE rewards, and naive ties it whenever
 * every cell's last training day sold nothing, so it shows how much room a holdout leaves.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Options = z
  .object({
    olist: z.string().min(1).optional(),
    first: isoDate.default('2017-01-02'),
    tuneEnd: isoDate.default('2018-03-31'),
    finalEnd: isoDate.default('2018-08-26'),
    uci: z.string().min(1).optional(),
    uciTuneEnd: isoDate.default('2010-12-05'),
    uciFinalEnd: isoDate.default('2011-12-04'),
    ets: z.boolean().default(true),
  })
  .refine((o) => o.olist !== undefined || o.uci !== undefined, {
    message: 'give --olist DIR, --uci FILE or both',
    path: ['olist'],
  });

export const FORECAST_USAGE = `forecast [--olist DIR] [--uci FILE] [--first DATE] [--tune-end DATE] [--final-end DATE]
         [--uci-tune-end DATE] [--uci-final-end DATE] [--no-ets]
    --olist      folder with the Olist CSV files (olist_order_items_dataset.csv, olist_products_dataset.csv,
                 olist_orders_dataset.csv if you have it); not shipped: see bench/README.md
    --tune-end   last day of Olist's tuning holdout (default 2018-03-31); --final-end: of the final check
    --uci        online_retail_II.xlsx of UCI Online Retail II (or a copy with part of its rows)
    --uci-tune-end, --uci-final-end   UCI's holdout ends (defaults 2010-12-05, 2011-12-04)
    --no-ets     leave out the R peer (needs Rscript with the forecast package: Debian r-cran-forecast)`;

const HOLDOUT = 56;
/** R's forecasts are kept here, named by a hash of the script, the training days and the horizon. */
const BENCH_DIR = fileURLToPath(new URL('../../.bench/', import.meta.url));
/** The first day of UCI Online Retail II. */
const UCI_FIRST_DAY = '2009-12-01';

/** R's automatic ETS on each cell's training days from its first sale, weekly season; mean forecast. */
const ETS_SCRIPT = `
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
rows <- strsplit(readLines(args[1]), ",")
h <- as.integer(args[3])
out <- vapply(rows, function(r) {
  y <- as.numeric(r)
  nz <- which(y > 0)
  if (length(nz) == 0) return(paste(rep(0, h), collapse = ","))
  y <- y[nz[1]:length(y)]
  f <- tryCatch(forecast(ets(ts(y, frequency = 7)), h = h)$mean,
    error = function(e) tryCatch(forecast(ets(y), h = h)$mean, error = function(e) rep(mean(y), h)))
  paste(format(pmax(0, as.numeric(f)), digits = 10), collapse = ",")
}, "")
writeLines(out, args[2])
`;

/**
 * R's ets forecasts of every cell. They depend only on the training days, never on Ballast, so they are
 * kept in .bench/ (git-ignored) under a hash of the script, the input and the horizon: a rerun after a
 * change to Ballast's model reuses them instead of spending most of the benchmark's time in R again.
 */
async function etsPeer(series: Float64Array[], train: number): Promise<BacktestPeer> {
  const input = series.map((y) => Array.from(y.subarray(0, train)).join(',')).join('\n') + '\n';
  const key = createHash('sha256').update(ETS_SCRIPT).update(String(HOLDOUT)).update(input).digest('hex');
  const cached = join(BENCH_DIR, `forecast-ets-${key.slice(0, 16)}.csv`);
  let text = await readFile(cached, 'utf8').catch(() => undefined);
  if (text === undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'ballast-ets-'));
    try {
      const inputFile = join(dir, 'train.csv');
      const output = join(dir, 'forecast.csv');
      const script = join(dir, 'ets.R');
      await writeFile(script, ETS_SCRIPT);
      await writeFile(inputFile, input);
      execFileSync('Rscript', [script, inputFile, output, String(HOLDOUT)], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      text = await readFile(output, 'utf8');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await mkdir(BENCH_DIR, { recursive: true });
    await writeFile(cached, text);
  }
  const forecasts = text
    .trim()
    .split('\n')
    .map((l) => Float64Array.from(l.split(',').map(Number)));
  return {
    method: 'ets (R)',
    forecastInto: (cell, _train, out) => out.set(forecasts[cell].subarray(0, out.length)),
  };
}

/**
 * Ballast's mean forecast as a point forecast: the backtest scores Ballast's MASE on its predictive
 * median, and this row shows what the same model scores when its mean is taken as the point. Made by
 * forecastCells over all cells at once, as the simulator gets it (young cells pooled, young.ts).
 */
function meanPeer(series: Float64Array[], dow: number, train: number): BacktestPeer {
  const histories = new Float64Array(series.length * train);
  series.forEach((y, c) => histories.set(y.subarray(0, train), c * train));
  const { daily } = forecastCells(histories, series.length, (dow + train) % 7, HOLDOUT);
  return {
    method: 'ballast mean',
    forecastInto: (cell, _train, out) => out.set(daily.subarray(cell * HOLDOUT, (cell + 1) * HOLDOUT)),
  };
}

const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '');
const signedPercent = (x: number): string =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : '';
const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '');

async function score(history: RealHistory, end: string, ets: boolean): Promise<BacktestRow[]> {
  const days =
    (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${history.firstDay}T00:00:00Z`)) / 86_400_000 + 1;
  // Cells that sold something before the holdout: a forecaster can know of no others.
  const series = history.series
    .map((y) => y.subarray(0, days))
    .filter((y) => y.subarray(0, days - HOLDOUT).some((v) => v > 0));
  const dow = weekdayOfDate(history.firstDay);
  const peers = [
    meanPeer(series, dow, days - HOLDOUT),
    { method: 'zeros', forecastInto: (_cell: number, _train: number, out: Float64Array) => out.fill(0) },
    ...(ets ? [await etsPeer(series, days - HOLDOUT)] : []),
  ];
  return backtest(
    series,
    series.map(() => dow),
    HOLDOUT,
    undefined,
    peers,
  );
}

interface Source {
  histories: RealHistory[];
  tuneEnd: string;
  finalEnd: string;
}

export async function runForecastBench(args: readonly string[]): Promise<void> {
  const flags = {
    olist: { type: 'string' },
    first: { type: 'string' },
    'tune-end': { type: 'string' },
    'final-end': { type: 'string' },
    uci: { type: 'string' },
    'uci-tune-end': { type: 'string' },
    'uci-final-end': { type: 'string' },
    'no-ets': { type: 'boolean' },
  } as const;
  const { values } = parseArgs({ args: [...args], options: flags, strict: true });
  const options = benchOptions(
    'forecast',
    Options,
    {
      olist: values.olist,
      first: values.first,
      tuneEnd: values['tune-end'],
      finalEnd: values['final-end'],
      uci: values.uci,
      uciTuneEnd: values['uci-tune-end'],
      uciFinalEnd: values['uci-final-end'],
      ets: !values['no-ets'],
    },
    FORECAST_USAGE,
  );
  const sources: Source[] = [];
  if (options.olist !== undefined)
    sources.push({
      histories: await readOlist(options.olist, options.first, options.finalEnd),
      tuneEnd: options.tuneEnd,
      finalEnd: options.finalEnd,
    });
  if (options.uci !== undefined)
    sources.push({
      histories: await readUci(options.uci, UCI_FIRST_DAY, options.uciFinalEnd),
      tuneEnd: options.uciTuneEnd,
      finalEnd: options.uciFinalEnd,
    });
  console.log(
    `forecast benchmark: ${HOLDOUT}-day holdouts, tune and final (not tuned on); Ballast MASE on its ` +
      `predictive median, RMSSE and bias on its mean; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}, ` +
      `Node ${process.version}`,
  );
  for (const { histories, tuneEnd, finalEnd } of sources)
    for (const h of histories)
      console.log(
        `${h.name}: ${h.read}; daily units from ${h.firstDay}; holdouts end ${tuneEnd} (tune), ${finalEnd} (final)`,
      );
  const rows: string[][] = [];
  for (const { histories, tuneEnd, finalEnd } of sources) {
    for (const history of histories) {
      for (const [split, end] of [
        ['tune', tuneEnd],
        ['final', finalEnd],
      ] as const) {
        const started = performance.now();
        const result = await score(history, end, options.ets);
        const seconds = (performance.now() - started) / 1000;
        for (const r of result) {
          rows.push([
            `${history.name} / ${split}`,
            r.method,
            String(r.cells + r.skipped),
            String(r.cells),
            fixed(r.mase, 4),
            fixed(r.rmsse, 4),
            signedPercent(r.bias),
            percent(r.coverage80),
            percent(r.coverage95),
            r.method === 'ballast' ? seconds.toFixed(1) : '',
          ]);
        }
      }
    }
  }
  printTable(
    [
      'history / holdout',
      'method',
      'cells',
      'with MASE',
      'MASE',
      'RMSSE',
      'bias',
      'in 80%',
      'in 95%',
      's (all)',
    ],
    rows,
  );
}
