/**
 * The demo seller (docs/demo.md) run through the whole product: generated exports imported into a
 * fresh workspace, then exposure, simulation, plan and the report in every language, each step timed;
 * or only loaded into a workspace someone already has open (the dashboard's "load the demo seller").
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BallastError } from '../errors.js';
import type { ExposureReport } from '../exposure/index.js';
import { demoScenarioText, generateDemo, type DemoResult } from '../demo/index.js';
import { LANGS, type Lang } from '../report/index.js';
import type { ImportSummary } from './import.js';
import { demoOptions, parseOptions, type DemoOptionsInput } from './options.js';
export { DEFAULT_DEMO_DIR } from './options.js';
import type { PlanRun } from './plan.js';
import type { SimulationRun } from './simulation.js';
import { takeaways } from './takeaways.js';
import { OpenWorkspace, type RunHooks } from './workspace.js';

/** Fewer planning paths than a real plan would use, so the whole demo stays within two minutes. */
const DEMO_PLAN_PATHS = { plan: 400, evaluation: 1_000 };
/** The name the demo's scenario is saved under in a workspace it is loaded into. */
export const DEMO_SCENARIO_NAME = 'tiktok-ban';

/** The demo's steps, in the order it runs them. */
export const DEMO_STEPS = ['generate', 'import', 'exposure', 'simulate', 'plan', 'report'] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

/** Marks a folder `ballast demo` made, so running it again may clear it and nothing else. */
const DEMO_MARKER = '.ballast-demo';

export interface DemoHooks {
  /** Each step as it starts and ends (with its time and outcome); `index` counts from 1 over DEMO_STEPS. */
  onStep?: (
    event:
      | { step: DemoStep; index: number; phase: 'start' }
      | { step: DemoStep; index: number; phase: 'done'; seconds: number; detail: string },
  ) => void;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoRun {
  dir: string;
  db: string;
  seed: number;
  reports: Record<Lang, string>;
  scenario: string;
  steps: Array<{ step: DemoStep; seconds: number; detail: string }>;
  /** What the generator wrote and planted (files in import order, each file's expected reader, the truth). */
  generated: DemoResult;
  imported: ImportSummary;
  exposure: ExposureReport;
  simulation: SimulationRun;
  plan: PlanRun;
  takeaways: string[];
}

export async function runDemo(input: DemoOptionsInput & DemoHooks = {}): Promise<DemoRun> {
  const { onStep, onProgress, ...rest } = input;
  const { dir, seed, workers } = parseOptions(demoOptions, rest);
  await freshDemoFolder(dir);
  const db = join(dir, 'ballast.duckdb');
  const steps: DemoRun['steps'] = [];
  const step = async <T>(
    name: DemoStep,
    work: () => Promise<T>,
    describe: (result: T) => string,
  ): Promise<T> => {
    const index = DEMO_STEPS.indexOf(name) + 1;
    onStep?.({ step: name, index, phase: 'start' });
    const started = performance.now();
    const result = await work();
    const done = { step: name, seconds: (performance.now() - started) / 1000, detail: describe(result) };
    steps.push(done);
    onStep?.({ ...done, index, phase: 'done' });
    return result;
  };
  const hooks = { ...(onProgress ? { onProgress } : {}), ...(workers !== undefined ? { workers } : {}) };

  const generated = await step(
    'generate',
    () => generateDemo({ seed, outDir: join(dir, 'files') }),
    (g) => `${g.files.length} files, seed ${seed}`,
  );
  const scenario = join(dir, 'scenario.yaml');
  const scenarioText = await demoScenarioText();
  await writeFile(scenario, scenarioText);
  const source = { text: scenarioText, name: 'scenario.yaml' };
  const ws = await OpenWorkspace.open(db);
  try {
    const imported = await step(
      'import',
      () => ws.importFiles(generated.files),
      (r) => `${r.added.toLocaleString('en-US')} lines, ${r.rejects} rejects`,
    );
    const exposed = await step(
      'exposure',
      () => ws.exposure(),
      (x) => `${x.byChannel.length} channels, ${x.from} – ${x.to}`,
    );
    const simulation = await step(
      'simulate',
      () => ws.simulate(source, hooks),
      (r) => `${r.paths.toLocaleString('en-US')} paths × ${r.horizonDays} days`,
    );
    const planned = await step(
      'plan',
      () =>
        ws.plan(source, {
          ...hooks,
          paths: DEMO_PLAN_PATHS.plan,
          evaluationPaths: DEMO_PLAN_PATHS.evaluation,
        }),
      (p) =>
        `${p.actions.length} action${p.actions.length === 1 ? '' : 's'} on ${p.inSample.paths} paths, measured on ${p.outOfSample.paths.toLocaleString('en-US')} fresh ones`,
    );
    const written = await step(
      'report',
      async () => {
        const out = {} as Record<Lang, string>;
        for (const { lang, html } of await ws.reports(LANGS)) {
          out[lang] = join(dir, lang === 'en' ? 'report.html' : `report.${lang}.html`);
          await writeFile(out[lang], html);
        }
        return out;
      },
      (r) => Object.values(r).join(', '),
    );
    return {
      dir,
      db,
      seed,
      reports: written,
      scenario,
      steps,
      generated,
      imported,
      exposure: exposed,
      simulation,
      plan: planned,
      takeaways: takeaways(exposed, simulation, planned, planned.baseCurrency, simulation.horizonDays),
    };
  } finally {
    ws.close();
  }
}

/**
 * Loads the demo seller into an open, empty workspace: its generated exports imported (through the
 * same import as any upload) and its scenario saved as `tiktok-ban`.
 */
export async function loadDemo(
  ws: OpenWorkspace,
  input: { seed?: number } & Pick<RunHooks, 'onProgress' | 'signal'> = {},
): Promise<ImportSummary> {
  const { seed } = parseOptions(demoOptions, { seed: input.seed });
  if (await ws.hasOrders()) {
    throw new BallastError(
      'busy',
      'the workspace already holds orders; the demo seller loads only into an empty one',
      {
        hint: 'Serve a new workspace (ballast serve --db demo.duckdb) to look at the demo seller.',
      },
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'ballast-demo-'));
  try {
    input.onProgress?.('generating', 0, 2);
    const generated = await generateDemo({ seed, outDir: dir });
    input.onProgress?.('importing', 1, 2);
    const imported = await ws.importFiles(generated.files, input.signal ? { signal: input.signal } : {});
    await ws.saveScenario(DEMO_SCENARIO_NAME, await demoScenarioText());
    input.onProgress?.('importing', 2, 2);
    return imported;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An empty folder, or one an earlier demo made (then cleared); anything else is refused. */
async function freshDemoFolder(dir: string): Promise<void> {
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw new BallastError('usage', `${dir} already exists and was not made by \`ballast demo\``, {
        hint: 'Choose another folder (`dir`), or move that one away; the demo never clears a folder it did not make.',
        place: { option: 'dir' },
      });
    }
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, DEMO_MARKER), 'Made by `ballast demo`; running it again clears this folder.\n');
}
