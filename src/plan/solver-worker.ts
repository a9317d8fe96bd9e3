/**
 * The HiGHS model of one plan, in a worker thread of its own: a solve takes seconds to minutes of
 * WebAssembly that never yields, and on the main thread it would stop a server answering anyone.
 * Requests arrive in order from `PlanSolver` (solver.ts); each gets one reply with its id.
 */
import { parentPort } from 'node:worker_threads';
import highsPackage, { type Highs, type Model } from 'highs';
import { BallastError, type ErrorCode, type ErrorPlace } from '../errors.js';
import { decompose, type FirstStage } from './decompose.js';
import type { LinearModel } from './lp.js';
import { readerLp } from './lp-text.js';
import type { PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';

/** What the main thread asks of the model; each request carries an id its reply repeats. */
export type SolverCall =
  | { op: 'create'; linear: LinearModel }
  | { op: 'costs'; from: number; costs: Float64Array }
  | { op: 'solve'; warm?: Float64Array }
  | { op: 'export' }
  | { op: 'decompose'; options: PlanOptions; samples: PlanSamples; alpha: number; lambdas: number[] };
export type SolverRequest = SolverCall & { id: number };

export interface Solved {
  status: 'optimal' | 'infeasible';
  objective: number;
  values: Float64Array;
}

/** A BallastError's fields, or a bug's message and stack, as they cross between threads. */
export interface CarriedError {
  code: ErrorCode | null;
  message: string;
  hint?: string;
  place?: ErrorPlace;
  stack?: string;
}

export type SolverReply =
  | { id: number; ok: true; value?: Solved | string | FirstStage[] }
  | { id: number; ok: false; error: CarriedError };

type Loader = () => Promise<Highs>;

/** The package's types describe its CommonJS build; Node loads its ES module, whose default is the loader. */
function loadHighs(): Promise<Highs> {
  const module = highsPackage as unknown as Loader | { default: Loader };
  return (typeof module === 'function' ? module : module.default)();
}

let highs: Highs | undefined;
let model: (Model & { dispose(): void }) | undefined;
let linear: LinearModel | undefined;

async function create(given: LinearModel): Promise<void> {
  highs ??= await loadHighs();
  const h = highs;
  linear = given;
  model = guarded(given, () =>
    h.createModel({
      numCols: given.numCols,
      numRows: given.numRows,
      sense: h.constants.objectiveSense.maximize,
      colCost: given.colCost,
      colLower: given.colLower.map((v) => (v === -Infinity ? -h.infinity : v)),
      colUpper: given.colUpper.map((v) => (v === Infinity ? h.infinity : v)),
      rowLower: given.rowLower.map((v) => (v === -Infinity ? -h.infinity : v)),
      rowUpper: given.rowUpper.map((v) => (v === Infinity ? h.infinity : v)),
      matrix: {
        format: 'csr',
        numRows: given.numRows,
        numCols: given.numCols,
        starts: given.starts,
        indices: given.indices,
        values: given.values,
      },
      ...(given.integrality.some((v) => v === 1) ? { integrality: given.integrality } : {}),
      colNames: given.colNames,
      rowNames: given.rowNames,
      modelName: 'ballast-plan',
    }),
  );
  // Quiet, and a MIP gap tight enough that another solver's optimum agrees to 1e-6.
  model.options.set({ output_flag: false, mip_rel_gap: 1e-7 });
}

function solve(warm?: Float64Array): Solved {
  const [h, m, l] = ready();
  if (warm && l.integrality.some((v) => v === 1)) m.setSolution({ colValue: warm });
  const { modelStatus } = guarded(l, () => m.run());
  const codes = h.constants.modelStatus;
  if (modelStatus === codes.infeasible)
    return { status: 'infeasible', objective: NaN, values: new Float64Array(0) };
  if (modelStatus !== codes.optimal) {
    const name = Object.entries(codes).find(([, v]) => v === modelStatus)?.[0] ?? String(modelStatus);
    throw new BallastError('internal', `HiGHS stopped with status ${name}`, {
      hint: 'Run with fewer `paths`, or export the model with `exportLp` and report it.',
      place: { option: 'paths' },
    });
  }
  return {
    status: 'optimal',
    objective: m.getObjectiveValue(),
    values: Float64Array.from(m.getSolution().colValue),
  };
}

function ready(): [Highs, Model & { dispose(): void }, LinearModel] {
  if (!highs || !model || !linear) throw new Error('plan solver: request before the model was created');
  return [highs, model, linear];
}

/**
 * HiGHS's WebAssembly memory ends at 2 GB; past it the runtime aborts and is unusable. That becomes
 * an error that says what to change (the worker is ended with the solver).
 */
function guarded<T>(l: LinearModel, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      (error as Error | undefined)?.name !== 'RuntimeError' &&
      !/Aborted|out of memory/i.test(String(error))
    )
      throw error;
    throw new BallastError(
      'bad-input',
      `the plan's model (${l.numCols.toLocaleString('en-US')} columns over ${l.at.paths.toLocaleString('en-US')} paths) does not fit in HiGHS's 2 GB of WebAssembly memory`,
      {
        hint: `Plan on fewer paths: \`paths\` ${Math.max(100, Math.floor(l.at.paths / 4))} (the fresh-path measurement can stay large with \`evaluationPaths\`).`,
        place: { option: 'paths' },
        cause: error,
      },
    );
  }
}

function carried(error: unknown): CarriedError {
  if (error instanceof BallastError)
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      place: error.place,
    };
  const e = error instanceof Error ? error : new Error(String(error));
  return { code: null, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

parentPort?.on('message', (request: SolverRequest) => {
  void (async () => {
    let reply: SolverReply;
    try {
      if (request.op === 'create') {
        await create(request.linear);
        reply = { id: request.id, ok: true };
      } else if (request.op === 'costs') {
        const [, m] = ready();
        m.changeColsCost(
          { kind: 'range', from: request.from, to: request.from + request.costs.length - 1 },
          request.costs,
        );
        reply = { id: request.id, ok: true };
      } else if (request.op === 'decompose') {
        highs ??= await loadHighs();
        const value = decompose(highs, request.options, request.samples, request.alpha, request.lambdas);
        reply = { id: request.id, ok: true, value };
      } else if (request.op === 'solve') {
        const solved = solve(request.warm);
        parentPort?.postMessage({ id: request.id, ok: true, value: solved } satisfies SolverReply, [
          solved.values.buffer as ArrayBuffer,
        ]);
        return;
      } else {
        const [, m] = ready();
        reply = { id: request.id, ok: true, value: readerLp(m.exportModel('lp')) };
      }
    } catch (error) {
      reply = { id: request.id, ok: false, error: carried(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
