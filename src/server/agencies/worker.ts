/**
 * `ballast worker`: takes queued jobs (imports, simulations, plans) and runs them on the seller's
 * workspace, holding the seller's Postgres advisory lock so one worker at a time writes it. A job
 * already done is not run again; a result is stored once. A user error (a bad scenario) fails the
 * job at once with its message; anything else is retried with backoff, then failed. A job's result
 * and the seller's headline figures it changed are stored together (figures.ts). Each worker also
 * checks sellers' alert rules, after imports and on the schedule (alert-checks.ts).
 */
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import * as engine from '../../engine.js';
import * as agencyEngine from '../../engine-agency.js';
import { BallastError, asBallastError } from '../../errors.js';
import { DEFAULT_ALERTS_EVERY_MS, startAlertChecks, type AlertChecks } from './alert-checks.js';
import { figuresAfter } from './figures.js';

export interface WorkerProcessOptions {
  postgres: string;
  redis: string;
  dataDir: string;
  concurrency: number;
  lockDurationMs?: number;
  /** How often every seller with alert rules is checked; null: no scheduled checks (default hourly). */
  alertsEveryMs?: number | null;
  log?: (line: string) => void;
}

const source = z.object({ scenario: z.string().optional(), name: z.string().optional() });

export async function startWorkerProcess(
  options: WorkerProcessOptions,
): Promise<{ name: string; close(): Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`ballast worker: ${line}\n`));
  const agency = await agencyEngine.openAgency({ postgres: options.postgres, dataDir: options.dataDir, log });
  const name = `${hostname()}:${process.pid}`;
  const blocks = agencyEngine.BlockQueue.connect(options.redis, log);
  const lock = options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {};
  const alerts = startAlertChecks(agency, {
    redis: options.redis,
    concurrency: options.concurrency,
    ...lock,
    everyMs: options.alertsEveryMs === undefined ? DEFAULT_ALERTS_EVERY_MS : options.alertsEveryMs,
    log,
  });
  const worker = agencyEngine.startWorker({
    redis: options.redis,
    concurrency: options.concurrency,
    ...lock,
    log,
    run: (data, attempt) => runJob(agency, blocks, alerts, name, data, attempt, log),
    runBlock: (data) => runBlock(agency, data),
  });
  return {
    name,
    close: async () => {
      await worker.close();
      await alerts.close();
      await blocks.close();
      await agency.close();
    },
  };
}

async function runJob(
  agency: agencyEngine.Agency,
  blocks: agencyEngine.BlockQueue,
  alerts: AlertChecks,
  worker: string,
  data: agencyEngine.WorkData,
  attempt: number,
  log: (line: string) => void,
): Promise<void> {
  const job = await agency.startJob(data.jobId, worker);
  if (!job) return;
  try {
    const outcome = await agency.withSellerLock(job.sellerId, async () => {
      // A copy of this job (queued again after Redis lost it) may have finished while we waited.
      if (await agency.isDone(job.id)) return null;
      // Another process (the server answering a read) may hold the file a moment: wait for it.
      const ws = await engine.openWorkspace(agency.workspaceOf(job), { create: true, lockWaitMs: 120_000 });
      try {
        const done = await perform(
          ws,
          job.kind,
          data.input,
          agency.uploadsOf(job),
          split(agency, blocks, job.id, data.input),
        );
        // Read while the workspace is ours: the organisation view then needs only Postgres. The work
        // is committed by now, so figures that cannot be read are logged, not a reason to run it again.
        const figures = await figuresAfter(ws, job.kind, done.runId).catch((error: unknown) => {
          log(`job ${job.id}: its figures could not be read: ${String(error)}`);
          return {};
        });
        return { ...done, figures };
      } finally {
        ws.close();
      }
    });
    if (!outcome) return;
    const stored = await agency.finishJob(job.id, outcome.runId, outcome.result, outcome.figures);
    await cleanUp(agency, job);
    // New order lines can open or close alerts: check them now rather than at the next sweep.
    if (stored && job.kind === 'import') await alerts.afterImport(job.sellerId, job.id);
  } catch (thrown) {
    const error = asBallastError(thrown);
    const final = error.isUserError || attempt >= agencyEngine.ATTEMPTS;
    await agency.failJob(
      job.id,
      { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
      final,
    );
    if (!error.isUserError)
      log(`job ${job.id} attempt ${attempt} failed: ${String(error.cause ?? error.stack)}`);
    if (final) await cleanUp(agency, job);
    throw error;
  }
}

async function cleanUp(agency: agencyEngine.Agency, job: agencyEngine.JobRecord): Promise<void> {
  if (job.kind === 'import') await rm(agency.uploadsOf(job), { recursive: true, force: true });
  if (job.kind === 'simulation') await rm(agency.blocksOf(job.id), { recursive: true, force: true });
}

/**
 * A simulation given `blockPaths` runs its main paths as blocks on any worker: the model is written
 * once to the job's blocks folder, each block writes its paths' outputs beside it, and they are put
 * back in path order. Each path's numbers depend only on (seed, path), so the stored run is the one a
 * single process would store. Tornado and tail passes stay here.
 */
function split(
  agency: agencyEngine.Agency,
  blocks: agencyEngine.BlockQueue,
  jobId: string,
  input: Record<string, unknown>,
): ((model: agencyEngine.SimModel) => Promise<agencyEngine.PathOutputs>) | undefined {
  const size = input.blockPaths;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) return undefined;
  return async (model) => {
    const dir = agency.blocksOf(jobId);
    await mkdir(dir, { recursive: true });
    await writeAtomically(join(dir, 'model.bin'), serialize(model));
    const list: agencyEngine.BlockData[] = [];
    for (let from = 0, index = 0; from < model.paths; from += size, index++)
      list.push({ jobId, index, from, to: Math.min(model.paths, from + size) });
    await blocks.runAll(list);
    const parts: agencyEngine.PathOutputs[] = [];
    for (const block of list)
      parts.push(deserialize(await readFile(join(dir, `${block.index}.bin`))) as agencyEngine.PathOutputs);
    return agencyEngine.concatOutputs(parts);
  };
}

async function runBlock(agency: agencyEngine.Agency, data: agencyEngine.BlockData): Promise<void> {
  const dir = agency.blocksOf(data.jobId);
  const model = deserialize(await readFile(join(dir, 'model.bin'))) as agencyEngine.SimModel;
  const out = agencyEngine.simulateBlock(model, data.from, data.to);
  await writeAtomically(join(dir, `${Math.trunc(data.index)}.bin`), serialize(out));
}

/** Written under a temporary name, then renamed: a reader never sees half a file. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

async function perform(
  ws: engine.WorkspaceHandle,
  kind: string,
  input: Record<string, unknown>,
  uploads: string,
  mainPaths: ((model: agencyEngine.SimModel) => Promise<agencyEngine.PathOutputs>) | undefined,
): Promise<{ runId: string | null; result: unknown }> {
  if (kind === 'import') {
    const paths: string[] = [];
    for (const folder of (await readdir(uploads)).sort((a, b) => Number(a) - Number(b)))
      for (const file of await readdir(join(uploads, folder))) paths.push(join(uploads, folder, file));
    const summary = await ws.importFiles(paths, engine.parseOptions(engine.importOptions, input));
    return { runId: null, result: summary };
  }
  const { scenario, name } = source.parse(input);
  const options = Object.fromEntries(
    Object.entries(input).filter(([key]) => key !== 'scenario' && key !== 'name' && key !== 'blockPaths'),
  );
  const text = await scenarioOf(ws, scenario, name);
  if (kind === 'simulation') {
    const run = await ws.simulate(text, {
      ...engine.parseOptions(engine.simulateOptions, options),
      ...(mainPaths ? { mainPaths } : {}),
    });
    return { runId: run.runId, result: { runId: run.runId } };
  }
  const run = await ws.plan(text, engine.parseOptions(engine.planOptions, options));
  return { runId: run.runId, result: { runId: run.runId } };
}

async function scenarioOf(
  ws: engine.WorkspaceHandle,
  scenario: string | undefined,
  name: string | undefined,
): Promise<engine.ScenarioSource> {
  if (scenario !== undefined) return { text: scenario, name: 'scenario.yaml' };
  const saved = name === undefined ? null : await ws.savedScenario(name);
  if (!saved)
    throw new BallastError('not-found', 'no saved scenario of that name for this seller', {
      hint: 'List the saved scenarios with GET /api/v1/sellers/{sellerId}/scenarios.',
    });
  return { text: saved.yaml, name: saved.name };
}
