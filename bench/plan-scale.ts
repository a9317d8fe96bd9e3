import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadScenario, modelFor } from '../src/compose/simulation.js';
import { prelude } from '../src/ingest/index.js';
import { Decomposition } from '../src/plan/decompose.js';
import { resolveDecisions } from '../src/plan/decisions.js';
import { buildLinearModel } from '../src/plan/lp.js';
import { doNothing, type PlanOptions } from '../src/plan/options.js';
import { applyPlan } from '../src/plan/apply.js';
import { Recourse } from '../src/plan/recourse.js';
import { FRONTIER_LAMBDAS } from '../src/plan/run.js';
import { planSamples, resampled, type PlanSamples } from '../src/plan/samples.js';
import { PlanSolver } from '../src/plan/solver.js';
import { Pool, concatOutputs, pathRange, prepare, type SimModel } from '../src/simulate/index.js';
import { Workspace } from '../src/store/index.js';
import { benchOptions, printTable } from './common.js';

export const PLAN_SCALE_USAGE =
  'npm run bench -- plan-scale --db W.duckdb --scenario S.yaml [--simulated 1000] [--paths 1000,5000,20000] [--workers 2] [--extensive]';

const Options = z.object({
  db: z.string().min(1),
  scenario: z.string().min(1),
  simulated: z.coerce.number().int().positive().default(1_000),
  paths: z.string().default('1000,5000,20000'),
  workers: z.coerce.number().int().positive().default(2),
  extensive: z.boolean().default(false),
});

/**
 * The decomposition's time against the number of planning paths, on a real workspace and scenario
 * (docs/formulation.md §4): `--simulated` paths come from the simulator (with the opening and
 * cancelling probes, as `plan()` does); larger counts are bootstrap resamples of them, so the model
 * HiGHS and the recourse see has the full number of paths without simulating them all.
 */
export async function runPlanScaleBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      db: { type: 'string' },
      scenario: { type: 'string' },
      simulated: { type: 'string' },
      paths: { type: 'string' },
      workers: { type: 'string' },
      extensive: { type: 'boolean' },
    },
  });
  const o = benchOptions('plan-scale', Options, values, PLAN_SCALE_USAGE);
  const yaml = await readFile(o.scenario, 'utf8');
  const ws = await Workspace.open(o.db, { create: false, prelude: prelude() });
  let model: SimModel;
  let options: PlanOptions;
  try {
    const scenario = await loadScenario(ws, yaml, basename(o.scenario), {});
    model = { ...(await modelFor(ws, scenario)).model, paths: o.simulated };
    options = resolveDecisions(scenario.decisions, model, basename(o.scenario));
  } finally {
    ws.close();
  }
  const started = performance.now();
  const samples = await simulate(model, options, o.workers);
  const simulateSeconds = (performance.now() - started) / 1000;
  console.log(
    `simulated ${o.simulated} paths (+ ${options.open.length + options.cancel.length} probes) in ${simulateSeconds.toFixed(1)} s; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const rows: string[][] = [];
  for (const n of o.paths.split(',').map(Number)) {
    const pick = Int32Array.from({ length: n }, (_, i) =>
      i < samples.paths ? i : Math.floor(((Math.imul(i, 2654435761) >>> 0) / 2 ** 32) * samples.paths),
    );
    const these = n === samples.paths ? samples : resampled(samples, pick);
    const load = loadavg()[0].toFixed(1);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const solver = await Decomposition.create(new Recourse(options, these), 0.95);
    const t1 = performance.now();
    const solved = solver.solve({ kind: 'lambda', lambda: 1 });
    const t2 = performance.now();
    for (const lambda of FRONTIER_LAMBDAS) if (lambda !== 1) solver.solve({ kind: 'lambda', lambda });
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const size = solver.dimensions();
    solver.dispose();
    let extensive = '';
    if (o.extensive && n <= 4_000) {
      const e0 = performance.now();
      const whole = await PlanSolver.create(
        buildLinearModel(options, these, 0.95, { kind: 'lambda', lambda: 1 }),
      );
      const e = whole.solve();
      whole.dispose();
      extensive = `${((performance.now() - e0) / 1000).toFixed(1)} s, Δ ${(Math.abs(e.objective - solved.objective) / Math.abs(e.objective)).toExponential(1)}`;
    }
    rows.push([
      n.toLocaleString('en-US'),
      ((t1 - t0) / 1000).toFixed(2),
      ((t2 - t1) / 1000).toFixed(2),
      String(solved.rounds),
      ((t3 - t2) / 1000).toFixed(2),
      ((cpu.user + cpu.system) / 1e6).toFixed(1),
      `${size.rows.toLocaleString('en-US')} × ${size.columns}`,
      solved.objective.toFixed(2),
      solved.gap.toExponential(1),
      load,
      extensive,
    ]);
  }
  printTable(
    [
      'paths',
      'build s',
      'solve s',
      'rounds',
      'frontier s',
      'CPU s',
      'master rows × cols',
      'objective',
      'gap',
      'load',
      'extensive form',
    ],
    rows,
  );
}

async function simulate(model: SimModel, options: PlanOptions, workers: number): Promise<PlanSamples> {
  const pool = new Pool(workers);
  try {
    const paths = pathRange(0, model.paths);
    const recorded = concatOutputs(await pool.run({ model, prepared: prepare(model), paths, record: true }));
    const probes = [
      ...options.open.map((_, j) => {
        const c = doNothing(options);
        c.open[j] = 1;
        return c;
      }),
      ...options.cancel.map((_, r) => {
        const c = doNothing(options);
        c.cancel[r] = 1;
        return c;
      }),
    ];
    const probed: Float64Array[] = [];
    for (const choice of probes) {
      const m = applyPlan(model, options, choice);
      probed.push(concatOutputs(await pool.run({ model: m, prepared: prepare(m), paths })).profitEvent);
    }
    return planSamples(model, options, recorded, probed);
  } finally {
    await pool.close();
  }
}
