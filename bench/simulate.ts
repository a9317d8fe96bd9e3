import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  DURATION_FIXED,
  DURATION_LOGNORMAL,
  DURATION_UNIFORM,
  simulate,
  type SimEvent,
  type SimModel,
  type SimVariant,
} from '../src/simulate/index.js';
import {
  allocateOutputs,
  pathRange,
  prepare,
  type PathOutputs,
  type Prepared,
} from '../src/simulate/kernel.js';
import { Pool, concatOutputs } from '../src/simulate/pool.js';
import { mulberry32 } from '../src/random.js';
import { runReference } from './simulate-reference.js';
import { benchOptions, median, printTable, rssMB } from './common.js';
import { runPeerComparison } from './simulate-peer.js';

/**
 * The simulate benchmark: the Monte Carlo kernel through the worker pool on a seeded 200-cell model
 * (negative-binomial noise, three correlated events), for 1 and 2 workers, next to the straightforward
 * implementation in `simulate-reference.ts`. Throughput is cell-days per second: paths × cells × days.
 */
const Options = z.object({
  seed: z.coerce.number().int().nonnegative().default(42),
  paths: z.coerce.number().int().min(1_000).default(20_000),
  repeat: z.coerce.number().int().min(1).max(15).default(3),
  referencePaths: z.coerce.number().int().min(100).default(1_000),
  skipSimulate: z.boolean().default(false),
  trend: z.boolean().default(false),
  peers: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../../shared/peers/', import.meta.url))),
  peerRepeat: z.coerce.number().int().min(1).max(9).default(1),
  skipPeer: z.boolean().default(false),
  peerOnly: z.boolean().default(false),
});

export const SIMULATE_USAGE = `simulate [--seed N] [--paths N] [--repeat N] [--reference-paths N] [--skip-simulate] [--trend]
         [--peers DIR] [--peer-repeat N] [--skip-peer | --peer-only]
    --peers            folder of the NumPy peer (peer_sim.py, peer_speed_case.py); default ../shared/peers
    --peer-repeat      rounds of peer and whole \`ballast simulate --workers 2\` on the speed case (default 1)
    --skip-peer        leave out the peer comparison; --peer-only runs nothing else
    --paths            kernel paths per run (default 20,000); 200 cells × 180 days each
    --reference-paths  paths of the plain implementation, scaled to a rate (default 1,000)
    --skip-simulate    leave out the one full simulate() run (tornado and tail attribution)
    --trend            damped trends on the fast movers, as the forecast fits them: a distinct mean per cell-day`;

const SKUS = 40;
const HORIZON_DAYS = 180;
const CHANNELS = ['tiktok', 'amazon', 'shopify', 'app'];
const MARKETS = ['US', 'UK'];
/** Groups as [channel, market, share of a SKU's demand relative to the average group]. */
const GROUPS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 1.6], // tiktok US
  [1, 0, 1.3], // amazon US
  [2, 0, 0.8], // shopify US (own web store)
  [3, 0, 0.5], // own app US
  [1, 1, 0.8], // amazon UK
];
const FEE_PCT = [0.06, 0.15, 0.03, 0.03];
const FEE_PER_UNIT = [0.3, 3.5, 0.3, 0.3];
const SHIP_PER_UNIT = [4, 0, 4.5, 4.5];
/** Day-of-week index (mean 1, as the forecast fits them); TikTok's peaks on the weekend, the others' midweek. */
const WEEKLY = [
  [0.86, 0.91, 0.95, 0.99, 1.04, 1.19, 1.06],
  [1.03, 1.07, 1.05, 1.01, 0.96, 0.93, 0.95],
];

/**
 * 40 SKUs × 5 channel-market groups: 70 % slow movers (0.1–2 a day), 30 % 5–50 a day, each with a
 * weekday pattern (7 distinct means per cell). With `trend`, the fast movers also get a damped trend
 * (±0.5 % a day, φ = 0.98), so each of their days has its own mean and its own NB table.
 */
export function benchModel(seed: number, paths: number, trend = false): SimModel {
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => lo * Math.pow(hi / lo, random());
  const C = SKUS * GROUPS.length;
  const H = HORIZON_DAYS;
  const cellGroup = new Int32Array(C);
  const cellSku = new Int32Array(C);
  const price = new Float64Array(C);
  const unitCost = new Float64Array(C);
  const baseline = new Float64Array(C * H);
  for (let s = 0; s < SKUS; s++) {
    const fast = random() >= 0.7;
    const level = fast ? between(5, 50) : between(0.1, 2);
    const slope = trend && fast ? (random() - 0.5) * 0.01 : 0;
    const skuPrice = between(8, 60);
    const costShare = 0.3 + 0.2 * random();
    GROUPS.forEach(([, market, share], g) => {
      const c = s * GROUPS.length + g;
      cellGroup[c] = g;
      cellSku[c] = s;
      price[c] = skuPrice * (market === 1 ? 1.1 : 1);
      unitCost[c] = skuPrice * costShare;
      const mean = level * share * between(0.7, 1.4);
      const week = WEEKLY[g === 0 ? 0 : 1];
      // Damped trend: level × (1 + slope · (φ + φ² + … + φ^d)), φ = 0.98.
      for (let d = 0; d < H; d++)
        baseline[c * H + d] = mean * (1 + (slope * 0.98 * (1 - 0.98 ** d)) / 0.02) * week[d % 7];
    });
  }
  const cellChannel = (c: number) => GROUPS[cellGroup[c]][0];
  return {
    horizonDays: H,
    paths,
    seed,
    noise: true,
    dispersion: 10,
    channels: CHANNELS,
    markets: MARKETS,
    groupChannel: Int32Array.from(GROUPS, (g) => g[0]),
    groupMarket: Int32Array.from(GROUPS, (g) => g[1]),
    skus: Array.from({ length: SKUS }, (_, s) => `SKU-${String(s + 1).padStart(3, '0')}`),
    cellGroup,
    cellSku,
    price,
    unitCost,
    feePct: Float64Array.from(cellGroup, (_, c) => FEE_PCT[cellChannel(c)]),
    feePerUnit: Float64Array.from(cellGroup, (_, c) => FEE_PER_UNIT[cellChannel(c)]),
    shipPerUnit: Float64Array.from(cellGroup, (_, c) => SHIP_PER_UNIT[cellChannel(c)]),
    baseline,
    events: benchEvents(),
    // Correlation: ban–tariff 0.5 (the same politics), ban–app removal 0.2, app removal–tariff 0.
    cholesky: cholesky([1, 0.2, 0.5, 0.2, 1, 0, 0.5, 0, 1], 3),
    commitments: [],
  };
}

function benchEvents(): SimEvent[] {
  const G = GROUPS.length;
  const mask = (groups: number[]) => Uint8Array.from(GROUPS, (_, g) => (groups.includes(g) ? 1 : 0));
  const pairs = (from: number, to: number, share: number, rampDays: number) =>
    Array.from({ length: SKUS }, (_, s) => [s * G + from, s * G + to, share, rampDays] as const);
  const variant = (
    v: Partial<SimVariant>,
    divert: ReadonlyArray<readonly [number, number, number, number]> = [],
  ): SimVariant => ({
    weight: 1,
    permanent: 0,
    durationKind: DURATION_FIXED,
    durationA: 0,
    durationB: 0,
    severity: 0,
    recoveryDays: 0,
    recoveryLevel: 1,
    preOnsetDays: 0,
    preOnsetUplift: 0,
    halo: new Float64Array(G),
    divertFrom: Int32Array.from(divert, (p) => p[0]),
    divertTo: Int32Array.from(divert, (p) => p[1]),
    divertShare: Float64Array.from(divert, (p) => p[2]),
    divertRampDays: Float64Array.from(divert, (p) => p[3]),
    strandedLocation: new Int32Array(0),
    strandedReleaseDays: new Float64Array(0),
    strandedCostPerUnit: new Float64Array(0),
    ...v,
  });
  const noCosts = { landedCostPct: 0, feePct: 0, feePerUnit: 0 };
  return [
    {
      id: 'tiktok-us-ban',
      probability: 0.3,
      onsetFrom: 14,
      onsetTo: 120,
      target: mask([0]),
      ...noCosts,
      // Median 45 days, a quarter never lifted; TikTok drives a fifth of the web store's traffic.
      variants: [
        variant(
          {
            permanent: 0.25,
            durationKind: DURATION_LOGNORMAL,
            durationA: Math.log(45),
            durationB: 0.9,
            severity: 1,
            recoveryDays: 30,
            recoveryLevel: 0.85,
            preOnsetDays: 5,
            preOnsetUplift: 0.3,
            halo: Float64Array.of(0, 0, 0.2, 0.05, 0),
          },
          [...pairs(0, 1, 0.3, 21), ...pairs(0, 2, 0.1, 30)],
        ),
      ],
    },
    {
      id: 'app-store-removal',
      probability: 0.15,
      onsetFrom: 0,
      onsetTo: HORIZON_DAYS - 1,
      target: mask([3]),
      ...noCosts,
      // Installed copies keep working, so the app keeps 40 %; half the rest buys on the web store.
      variants: [
        variant(
          {
            permanent: 0.05,
            durationKind: DURATION_UNIFORM,
            durationA: 7,
            durationB: 40,
            severity: 0.6,
            recoveryDays: 14,
            recoveryLevel: 0.95,
          },
          pairs(3, 2, 0.5, 3),
        ),
      ],
    },
    {
      id: 'us-tariff',
      probability: 0.4,
      onsetFrom: 30,
      onsetTo: 150,
      target: mask([0, 1, 2, 3]),
      landedCostPct: 0.25,
      feePct: 0,
      feePerUnit: 0,
      variants: [variant({ permanent: 0.4, durationKind: DURATION_FIXED, durationA: 90, severity: 0.08 })],
    },
  ];
}

/** Lower Cholesky factor of an n × n correlation matrix (row-major). */
function cholesky(a: readonly number[], n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(s) : s / l[j * n + j];
    }
  return l;
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  load: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<Run & { value: T }> {
  const load = loadavg()[0];
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    load,
  };
}

/** The run with the median wall time (its CPU seconds and load go with it). */
const medianRun = (runs: readonly Run[]): Run =>
  runs.find((r) => r.seconds === median(runs.map((x) => x.seconds))) ?? runs[0];

/** Mean and its standard error. */
function meanOf(values: ArrayLike<number>): { mean: number; stderr: number } {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, stderr: Math.sqrt(squares / (n - 1) / n) };
}

const differences = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);

/** Arrays equal bit for bit (NaN payloads included), field by field; the names of those that differ. */
function differingFields(a: PathOutputs, b: PathOutputs): string[] {
  return (Object.keys(a) as Array<keyof PathOutputs>).filter((key) => {
    const [u, v] = [a[key], b[key]];
    if (!u || !v) return u !== v;
    const x = new Uint8Array(u.buffer, u.byteOffset, u.byteLength);
    const y = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return x.length !== y.length || x.some((w, i) => w !== y[i]);
  });
}

/** Bytes of every typed array reachable from `value` (the prepared tables, whatever their layout). */
function typedBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce((n: number, v) => n + typedBytes(v), 0);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const millions = (n: number) => (n / 1e6).toFixed(1);

/** One timed pool run (the kernel only: joining the chunks comes after the clock stops). */
async function kernelRun(
  pool: Pool,
  model: SimModel,
  prepared: Prepared,
  paths: Int32Array,
): Promise<{ run: Run; out: PathOutputs }> {
  const { value, ...run } = await timed(() => pool.run({ model, prepared, paths }));
  return { run, out: concatOutputs(value) };
}

/** `npm run bench -- simulate …` */
export async function runSimulateBench(args: readonly string[]): Promise<void> {
  const flags = {
    seed: { type: 'string' },
    paths: { type: 'string' },
    repeat: { type: 'string' },
    'reference-paths': { type: 'string' },
    'skip-simulate': { type: 'boolean' },
    trend: { type: 'boolean' },
    peers: { type: 'string' },
    'peer-repeat': { type: 'string' },
    'skip-peer': { type: 'boolean' },
    'peer-only': { type: 'boolean' },
  } as const;
  const { values } = parseArgs({ args: [...args], options: flags, strict: true });
  const options = benchOptions(
    'simulate',
    Options,
    {
      ...values,
      referencePaths: values['reference-paths'],
      skipSimulate: values['skip-simulate'],
      peerRepeat: values['peer-repeat'],
      skipPeer: values['skip-peer'],
      peerOnly: values['peer-only'],
    },
    SIMULATE_USAGE,
  );
  const peer = options.skipPeer
    ? undefined
    : await runPeerComparison({ peers: options.peers, repeat: options.peerRepeat, workers: 2 });
  if (options.peerOnly) {
    await saveResults({ options, peer });
    return;
  }
  const model = benchModel(options.seed, options.paths, options.trend);
  const C = model.cellGroup.length;
  const H = model.horizonDays;
  const cellDays = (paths: number) => paths * C * H;
  console.log(
    `simulate benchmark: ${C} cells × ${H} days × ${int(options.paths)} paths = ${int(cellDays(options.paths))} cell-days, ` +
      `NB k = ${model.dispersion}, ${model.events.length} correlated events, ${options.trend ? 'damped trends' : 'weekday pattern'}, seed ${options.seed}, repeat ${options.repeat}; ` +
      `${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}, Node ${process.version}`,
  );
  if (loadavg()[0] > cpus().length)
    console.log('  the machine is busy: wall times stretch; compare the ratios and cell-days per CPU second');

  const prep = await timed(() => prepare(model));
  const prepared = prep.value;
  console.log(
    `prepare: ${int(new Set(model.baseline).size)} distinct daily means (one NB table each), ` +
      `${(typedBytes(prepared) / 2 ** 20).toFixed(1)} MB of tables, ${(prep.seconds * 1000).toFixed(0)} ms`,
  );

  const paths = pathRange(0, options.paths);
  const warmPaths = pathRange(0, Math.min(options.paths, 2_000));
  // Start-up: the threads, the worker module and the first (1-path) job; then a warm-up for the JIT.
  const startKernel = async (workers: number) => {
    const started = await timed(async () => {
      const pool = new Pool(workers);
      await pool.run({ model, prepared, paths: pathRange(0, 1) });
      return pool;
    });
    await started.value.run({ model, prepared, paths: warmPaths });
    return {
      pool: started.value,
      startup: started.seconds,
      runs: [] as Run[],
      last: undefined as PathOutputs | undefined,
    };
  };
  const one = await startKernel(1);
  const two = await startKernel(2);
  runReference(model, 20, options.seed);

  const referenceRuns: Run[] = [];
  let reference: ReturnType<typeof runReference> | undefined;
  const kernelRound = async (kernel: typeof one): Promise<Run> => {
    kernel.last = undefined; // the previous round's outputs go before this run allocates its own
    const { run, out } = await kernelRun(kernel.pool, model, prepared, paths);
    kernel.runs.push(run);
    kernel.last = out;
    return run;
  };
  try {
    for (let round = 1; round <= options.repeat; round++) {
      const { value, ...r0 } = await timed(() => runReference(model, options.referencePaths, options.seed));
      reference = value;
      referenceRuns.push(r0);
      const r1 = await kernelRound(one);
      const r2 = await kernelRound(two);
      const rate = (r: Run, n: number) =>
        `${millions(cellDays(n) / r.seconds)} M/s (${r.seconds.toFixed(2)} s, load ${r.load.toFixed(1)})`;
      console.log(
        `  round ${round}: reference ${rate(r0, options.referencePaths)}; 1 worker ${rate(r1, options.paths)}; 2 workers ${rate(r2, options.paths)}`,
      );
    }
  } finally {
    await Promise.all([one.pool.close(), two.pool.close()]);
  }
  const kernelRssMB = rssMB();

  let full: Run | undefined;
  if (!options.skipSimulate) {
    full = await timed(() => simulate(model, { workers: 2, lossThreshold: 0, tornadoPaths: 500 }));
  }

  // --repeat is at least 1, so the loop ran and left its last outputs.
  if (!reference || !one.last || !two.last) throw new Error('no benchmark round ran');
  const [oneOut, twoOut] = [one.last, two.last];
  const differing = differingFields(oneOut, twoOut);
  const refRun = medianRun(referenceRuns);
  const refRate = cellDays(options.referencePaths) / refRun.seconds;
  const refCpuRate = cellDays(options.referencePaths) / refRun.cpuSeconds;
  const row = (name: string, run: Run, n: number): string[] => [
    name,
    int(n),
    run.load.toFixed(1),
    run.seconds.toFixed(2),
    run.cpuSeconds.toFixed(2),
    millions(cellDays(n) / run.seconds),
    millions(cellDays(n) / run.cpuSeconds),
    (cellDays(n) / run.seconds / refRate).toFixed(1),
    (cellDays(n) / run.cpuSeconds / refCpuRate).toFixed(1),
  ];
  const k1 = medianRun(one.runs);
  const k2 = medianRun(two.runs);
  console.log('');
  printTable(
    [
      'run (median of ' + options.repeat + ')',
      'paths',
      'load',
      'wall s',
      'cpu s',
      'M cell-days/s',
      'M per cpu-s',
      '× ref',
      '× ref cpu',
    ],
    [
      row('reference, plain JS (scaled)', refRun, options.referencePaths),
      row('Ballast kernel, 1 worker', k1, options.paths),
      row('Ballast kernel, 2 workers', k2, options.paths),
      ...(full ? [row('simulate(), 2 workers, once', full, options.paths)] : []),
    ],
  );
  console.log(
    `\npool start-up (new Pool + a 1-path job): 1 worker ${(one.startup * 1000).toFixed(0)} ms (inline), 2 workers ${(two.startup * 1000).toFixed(0)} ms`,
  );
  console.log(`2 workers ÷ 1 worker: ${(k1.seconds / k2.seconds).toFixed(2)}× wall`);
  if (full)
    console.log(
      `simulate() adds tornado (500 paths × each case, low and high) and tail attribution (5 % of paths × each event); its rate counts the ${int(options.paths)} main paths only`,
    );

  const probe = allocateOutputs(model, pathRange(0, 1));
  const bytesPerPath = Object.values(probe).reduce((n: number, a: ArrayBufferView) => n + a.byteLength, 0);
  console.log(
    `\nmemory: peak RSS ${int(kernelRssMB)} MB after the kernel runs` +
      (full ? `, ${int(rssMB())} MB after simulate()` : '') +
      `; outputs ${int(bytesPerPath)} bytes per path (${int(H)} of them × 8 for the daily revenue), ` +
      `${((bytesPerPath * options.paths) / 2 ** 20).toFixed(1)} MB for ${int(options.paths)} paths; no path × cell × day array is held`,
  );

  console.log(
    `\nidentical output, 1 vs 2 workers: ${differing.length === 0 ? 'yes, every array bit for bit (revenueEvent included)' : `NO — differs in ${differing.join(', ')}`}`,
  );

  const kernel = {
    revenueBase: meanOf(oneOut.revenueBase),
    revenueLoss: meanOf(differences(oneOut.revenueBase, oneOut.revenueEvent)),
    profitLoss: meanOf(differences(oneOut.profitBase, oneOut.profitEvent)),
  };
  const plain = {
    revenueBase: meanOf(reference.revenueBase),
    revenueLoss: meanOf(differences(reference.revenueBase, reference.revenueEvent)),
    profitLoss: meanOf(differences(reference.profitBase, reference.profitEvent)),
  };
  console.log(
    `\nagreement with the reference (independent random numbers; z = difference ÷ combined standard error):`,
  );
  const agreement = (Object.keys(kernel) as Array<keyof typeof kernel>).map((key) => {
    const a = kernel[key];
    const b = plain[key];
    const z = (a.mean - b.mean) / Math.hypot(a.stderr, b.stderr);
    return { key, kernel: a, reference: b, z, verdict: Math.abs(z) < 3 ? 'agree' : 'DISAGREE' };
  });
  printTable(
    [
      'mean per path',
      `kernel (${int(options.paths)})`,
      `reference (${int(options.referencePaths)})`,
      'z',
      '',
    ],
    agreement.map((a) => [
      a.key,
      `${int(a.kernel.mean)} ± ${int(a.kernel.stderr)}`,
      `${int(a.reference.mean)} ± ${int(a.reference.stderr)}`,
      a.z.toFixed(2),
      a.verdict,
    ]),
  );

  const twoRate = cellDays(options.paths) / k2.seconds;
  const verdict = twoRate >= 60e6 ? 'pass' : 'MISS';
  console.log(
    `\ntarget: 2 workers ≥ 60 M cell-days/s (NumPy, vectorised, ≈ 61 M here): ${millions(twoRate)} M — ${verdict}` +
      (verdict === 'MISS' && k2.load > cpus().length
        ? ` (load ${k2.load.toFixed(1)} on ${cpus().length} CPUs)`
        : ''),
  );

  await saveResults({
    options,
    peer,
    machine: { node: process.version, cpus: cpus().length, loadAverage: loadavg() },
    cellDays: cellDays(options.paths),
    runs: Object.fromEntries(
      Object.entries({ reference: referenceRuns, 1: one.runs, 2: two.runs }).map(([k, v]) => [
        k,
        v.map(({ seconds, cpuSeconds, load }) => ({ seconds, cpuSeconds, load })),
      ]),
    ),
    startupSeconds: { 1: one.startup, 2: two.startup },
    simulateSeconds: full?.seconds,
    peakRssMB: { kernel: kernelRssMB, end: rssMB() },
    outputBytesPerPath: bytesPerPath,
    identical: differing.length === 0,
    agreement,
  });
}

async function saveResults(results: Record<string, unknown>): Promise<void> {
  const dir = fileURLToPath(new URL('../../.bench/', import.meta.url));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'simulate-results.json'), JSON.stringify(results, null, 2));
}
