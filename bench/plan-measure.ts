import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { asBallastError } from '../src/errors.js';
import { applyPlan } from '../src/plan/apply.js';
import { resolveDecisions } from '../src/plan/decisions.js';
import { buildLinearModel } from '../src/plan/lp.js';
import { doNothing, type PlanChoice, type PlanOptions } from '../src/plan/options.js';
import { planSamples, type PlanSamples } from '../src/plan/samples.js';
import { PlanSolver } from '../src/plan/solver.js';
import { pathRange, prepare } from '../src/simulate/kernel.js';
import type { SimModel } from '../src/simulate/index.js';
import { Pool, concatOutputs } from '../src/simulate/pool.js';
import { readerLp } from './plan-native.js';
import { BENCH_DECISIONS, planBenchModel } from './plan-model.js';

/**
 * One scenario count, in a child process of its own (so its peak RSS and HiGHS's WebAssembly memory
 * belong to it alone, and a solve past the time limit can be stopped): the samples simulated once
 * through the real simulator, then `repeat` rounds of build, create, export and solve. Each step is
 * reported as a JSON line on stdout the moment it ends, so a child stopped mid-solve still leaves
 * what it measured.
 */
export const Job = z.object({
  seed: z.number().int(),
  scenarios: z.number().int().positive(),
  repeat: z.number().int().positive(),
  alpha: z.number(),
  lambda: z.number(),
  workers: z.number().int().positive(),
  lossLeaders: z.boolean(),
  /** Where the exported LP goes, and its copy in the native readers' dialect. */
  lpPath: z.string(),
  nativeLpPath: z.string(),
});
export type Job = z.infer<typeof Job>;

export const STEPS = ['warm-up', 'samples', 'build', 'create', 'export', 'solve'] as const;
export type Step = (typeof STEPS)[number];

export const Report = z.discriminatedUnion('event', [
  z.object({ event: z.literal('start'), step: z.enum(STEPS), round: z.number() }),
  z.object({
    event: z.literal('done'),
    step: z.enum(STEPS),
    round: z.number(),
    seconds: z.number(),
    cpuSeconds: z.number(),
    peakRssMB: z.number(),
    /** build: the model's size; export: bytes; solve: status and objective; samples: options. */
    detail: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  }),
  z.object({ event: z.literal('error'), step: z.enum(STEPS), round: z.number(), message: z.string() }),
]);
export type Report = z.infer<typeof Report>;

function emit(report: Report): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs `work` as one step: wall, CPU (all threads) and peak RSS, reported on stdout. */
async function step<T>(
  name: Step,
  round: number,
  work: () => Promise<T> | T,
  detail?: (value: T) => Record<string, number | string>,
): Promise<T> {
  emit({ event: 'start', step: name, round });
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - wall) / 1000;
    emit({
      event: 'done',
      step: name,
      round,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      ...(detail ? { detail: detail(value) } : {}),
    });
    return value;
  } catch (error) {
    emit({ event: 'error', step: name, round, message: asBallastError(error).message });
    throw error;
  }
}

/** As `plan()` does (src/plan/run.ts): do nothing with recording on, then each open and cancel option alone. */
async function simulateSamples(model: SimModel, options: PlanOptions, workers: number): Promise<PlanSamples> {
  const pool = new Pool(workers);
  try {
    const paths = pathRange(0, model.paths);
    const recorded = concatOutputs(await pool.run({ model, prepared: prepare(model), paths, record: true }));
    const alone = (length: number, at: number) => Uint8Array.from({ length }, (_, i) => (i === at ? 1 : 0));
    const probes: PlanChoice[] = [
      ...options.open.map((_, j) => ({ ...doNothing(options), open: alone(options.open.length, j) })),
      ...options.cancel.map((_, r) => ({ ...doNothing(options), cancel: alone(options.cancel.length, r) })),
    ];
    const probed: Float64Array[] = [];
    for (const choice of probes) {
      const withIt = applyPlan(model, options, choice);
      probed.push(
        concatOutputs(await pool.run({ model: withIt, prepared: prepare(withIt), paths })).profitEvent,
      );
    }
    return planSamples(model, options, recorded, probed);
  } finally {
    await pool.close();
  }
}

/**
 * V8 compiles HiGHS's WebAssembly lazily and tiers hot functions up while they run, so the first
 * solve in a process is slower than the next (about 4× at 200 scenarios). One small plan first,
 * untimed as far as the table goes, so the rounds measure the solver rather than the compiler.
 */
async function warmUp(job: Job): Promise<void> {
  const model = planBenchModel(job.seed + 1, 100, job.lossLeaders);
  const options = resolveDecisions(BENCH_DECISIONS, model, 'plan benchmark');
  const samples = await simulateSamples(model, options, 1);
  const solver = await PlanSolver.create(
    buildLinearModel(options, samples, job.alpha, { kind: 'lambda', lambda: job.lambda }),
  );
  try {
    await solver.exportLp();
    await solver.solve();
  } finally {
    solver.dispose();
  }
}

export async function measure(job: Job): Promise<void> {
  await step('warm-up', 0, () => warmUp(job));
  const model = planBenchModel(job.seed, job.scenarios, job.lossLeaders);
  const options = resolveDecisions(BENCH_DECISIONS, model, 'plan benchmark');
  const samples = await step(
    'samples',
    0,
    () => simulateSamples(model, options, job.workers),
    () => ({
      stockOptions: options.stock.length,
      open: options.open.length,
      budget: options.budget.length,
      cancel: options.cancel.length,
    }),
  );
  const risk = { kind: 'lambda', lambda: job.lambda } as const;
  for (let round = 0; round < job.repeat; round++) {
    const linear = await step(
      'build',
      round,
      () => buildLinearModel(options, samples, job.alpha, risk),
      (l) => ({
        columns: l.numCols,
        rows: l.numRows,
        nonzeros: l.values.length,
        integers: l.integrality.reduce((a, b) => a + b, 0),
        recourse: l.at.recourse.length,
      }),
    );
    const solver = await step('create', round, () => PlanSolver.create(linear));
    try {
      // Exported before the solve, so the native solvers get the file even if HiGHS runs out of time.
      const lp = await step(
        'export',
        round,
        () => solver.exportLp(),
        (text) => ({ chars: text.length }),
      );
      if (round === 0) {
        await writeFile(job.lpPath, lp);
        await writeFile(job.nativeLpPath, readerLp(lp));
      }
      await step(
        'solve',
        round,
        () => solver.solve(),
        (s) => ({ status: s.status, objective: s.objective }),
      );
    } finally {
      solver.dispose();
    }
  }
}
