import { asBallastError } from '../src/errors.js';

/**
 * `npm run bench -- <name> [options]`: one entry per benchmark. Each module loads only when chosen,
 * so a benchmark's imports (DuckDB, workers, HiGHS) cost nothing to the others.
 */
interface Benchmark {
  summary: string;
  usage: () => Promise<string>;
  run: (args: readonly string[]) => Promise<void>;
}

const BENCHMARKS: Record<string, Benchmark> = {
  import: {
    summary: 'generated generic and Shopify exports through importFiles, next to DuckDB read_csv',
    usage: async () => (await import('./import.js')).IMPORT_USAGE,
    run: async (args) => (await import('./import.js')).runImportBench(args),
  },
  exposure: {
    summary: 'computeExposure on a generated 10,000,000-line workspace, next to one DuckDB aggregation',
    usage: async () => (await import('./exposure.js')).EXPOSURE_USAGE,
    run: async (args) => (await import('./exposure.js')).runExposureBench(args),
  },
  simulate: {
    summary: 'Monte Carlo kernel, 200 cells × 180 days, 1 and 2 workers, next to a plain JS implementation',
    usage: async () => (await import('./simulate.js')).SIMULATE_USAGE,
    run: async (args) => (await import('./simulate.js')).runSimulateBench(args),
  },
  forecast: {
    summary: 'holdout backtest on real retail histories: Ballast, seasonal naive, naive, R forecast::ets',
    usage: async () => (await import('./forecast.js')).FORECAST_USAGE,
    run: async (args) => (await import('./forecast.js')).runForecastBench(args),
  },
  plan: {
    summary:
      'planner model at 1,000 / 5,000 / 20,000 scenarios: build, HiGHS solve, LP export, glpsol and cbc on the same LP',
    usage: async () => (await import('./plan.js')).PLAN_USAGE,
    run: async (args) => (await import('./plan.js')).runPlanBench(args),
  },
  serve: {
    summary: '`ballast serve` on the demo seller: latency of the dashboard reads, and during a simulation',
    usage: async () => (await import('./serve.js')).SERVE_USAGE,
    run: async (args) => (await import('./serve.js')).runServeBench(args),
  },
  agency: {
    summary: 'server mode: demo-shaped sellers imported, exposure, simulated on 1 then 2 `ballast worker`s',
    usage: async () => (await import('./agency.js')).AGENCY_USAGE,
    run: async (args) => (await import('./agency.js')).runAgencyBench(args),
  },
  'agency-summary': {
    summary:
      'server mode: GET /orgs/{id}/summary from stored figures at 200 and 1,000 sellers, next to opening each workspace',
    usage: async () => (await import('./agency-summary.js')).AGENCY_SUMMARY_USAGE,
    run: async (args) => (await import('./agency-summary.js')).runAgencySummaryBench(args),
  },
};

async function usage(): Promise<string> {
  const lines = ['usage: npm run bench -- <benchmark> [options]', '', 'benchmarks:'];
  for (const [name, bench] of Object.entries(BENCHMARKS)) {
    lines.push(`  ${name.padEnd(10)} ${bench.summary}`, `    ${await bench.usage()}`);
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const bench = name === undefined ? undefined : BENCHMARKS[name];
  if (!bench) {
    if (name !== undefined && name !== '--help' && name !== '-h')
      console.error(`unknown benchmark: ${name}\n`);
    console.error(await usage());
    return name === undefined || name === '--help' || name === '-h' ? 0 : 1;
  }
  try {
    await bench.run(args);
    return 0;
  } catch (error) {
    const e = asBallastError(error);
    console.error(`bench ${name}: ${e.message}`);
    if (e.hint) console.error(e.hint);
    return e.isUserError ? 1 : 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
