import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  backtest,
  createDemandFit,
  fitDemand,
  projectDemand,
  resolveDemandOptions,
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
 * `ballast mean` row scores the mean as the point, to show what the median changes.
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

async function etsPeer(series: Float64Array[], train: number): Promise<BacktestPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'ballast-ets-'));
  try {
    const input = join(dir, 'train.csv');
    const output = join(dir, 'forecast.csv');
    const script = join(dir, 'ets.R');
    await writeFile(script, ETS_SCRIPT);
    await writeFile(input, series.map((y) => Array.from(y.subarray(0, train)).join(',')).join('\n') + '\n');
    execFileSync('Rscript', [script, input, output, String(HOLDOUT)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const lines = (await readFile(output, 'utf8')).trim().split('\n');
    const forecasts = lines.map((l) => Float64Array.from(l.split(',').map(Number)));
    return {
      method: 'ets (R)',
      forecastInto: (cell, _train, out) => out.set(forecasts[cell].subarray(0, out.length)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Ballast's mean forecast as a point forecast: the backtest scores Ballast's MASE on its predictive
 * median, and this row shows what the same model scores when its mean is taken as the point.
 */
function meanPeer(series: Float64Array[], dow: number): BacktestPeer {
  const options = resolveDemandOptions();
  const fit = createDemandFit();
  return {
    method: 'ballast mean',
    forecastInto: (cell, train, out) => {
      const startDow = (dow + train) % 7;
      projectDemand(fitDemand(series[cell].subarray(0, train), startDow, options, fit), startDow, out);
    },
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
  const peers = [meanPeer(series, dow), ...(ets ? [await etsPeer(series, days - HOLDOUT)] : [])];
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
            fixed(r.mase, 3),
            fixed(r.rmsse, 3),
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
