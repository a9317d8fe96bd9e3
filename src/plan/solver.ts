/**
 * HiGHS (WebAssembly) behind one small class. The model lives in a worker thread of its own
 * (solver-worker.ts), so a solve of seconds or minutes never stops the process answering others (a
 * server's requests, a progress bar). It is passed once, and re-solved with new λ costs or a new
 * CVaR limit keeping HiGHS's state, so an LP restarts from the last basis and a MIP from the last
 * plan (warm starts across the frontier).
 */
import { Worker } from 'node:worker_threads';
import { BallastError } from '../errors.js';
import { workerEntry } from '../worker-entry.js';
import type { FirstStage } from './decompose.js';
import type { LinearModel } from './lp.js';
import type { PlanOptions } from './options.js';
import type { PlanSamples } from './samples.js';
import type { CarriedError, SolverCall, SolverReply, Solved } from './solver-worker.js';

export type { Solved } from './solver-worker.js';

export class PlanSolver {
  private next = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (value: SolverReply) => void; reject: (error: Error) => void }
  >();

  private constructor(
    private readonly worker: Worker,
    /** The extensive form this solver holds; none for a decomposition, which builds its own master. */
    private readonly held: LinearModel | undefined,
  ) {
    worker.on('message', (reply: SolverReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiter?.resolve(reply);
    });
    // A worker that dies (out of memory, a crash in the runtime) fails whatever waits on it.
    const fail = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the plan solver's thread ended (exit code ${code})`)));
  }

  static async create(linear: LinearModel): Promise<PlanSolver> {
    const solver = new PlanSolver(
      new Worker(workerEntry(new URL('./solver-worker.js', import.meta.url), 'plan solver')),
      linear,
    );
    try {
      await solver.call({ op: 'create', linear });
    } catch (error) {
      solver.dispose();
      throw error;
    }
    return solver;
  }

  get linear(): LinearModel {
    if (!this.held) throw new Error('plan solver: this thread holds no extensive form');
    return this.held;
  }

  /** Objective weights of η and the tail variables for a new λ (same α and paths). */
  async setLambda(lambda: number, alpha: number): Promise<void> {
    const { eta, paths } = this.linear.at;
    // η is the column just before the tail variables (lp.ts), so one range covers them all.
    const costs = Float64Array.from({ length: paths + 1 }, (_, i) =>
      i === 0 ? -lambda : -lambda / ((1 - alpha) * paths),
    );
    await this.call({ op: 'costs', from: eta, costs });
  }

  /** Objective: minimise CVaR alone (the lowest tail any plan reaches), as a maximisation of −CVaR. */
  async minimiseCvar(alpha: number): Promise<void> {
    await this.call({ op: 'costs', from: 0, costs: new Float64Array(this.linear.numCols) });
    await this.setLambda(1, alpha);
  }

  async solve(warm?: Float64Array): Promise<Solved> {
    return (await this.call(warm ? { op: 'solve', warm } : { op: 'solve' })) as Solved;
  }

  /** The model as CPLEX LP text, in the long section keywords every LP reader knows (lp-text.ts). */
  async exportLp(): Promise<string> {
    return (await this.call({ op: 'export' })) as string;
  }

  dispose(): void {
    void this.worker.terminate();
  }

  /**
   * The λ model solved by decomposition (decompose.ts) for each λ, in a thread of its own: HiGHS
   * holds only the small master, so any number of paths fits.
   */
  static async decompose(
    options: PlanOptions,
    samples: PlanSamples,
    alpha: number,
    lambdas: number[],
  ): Promise<FirstStage[]> {
    const solver = new PlanSolver(
      new Worker(workerEntry(new URL('./solver-worker.js', import.meta.url), 'plan solver')),
      undefined,
    );
    try {
      return (await solver.call({ op: 'decompose', options, samples, alpha, lambdas })) as FirstStage[];
    } finally {
      solver.dispose();
    }
  }

  private async call(request: SolverCall): Promise<Solved | string | FirstStage[] | undefined> {
    const id = this.next++;
    const reply = await new Promise<SolverReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
    if (!reply.ok) throw rebuilt(reply.error);
    return reply.value;
  }
}

/** The worker's error as the caller's: a BallastError again, or a bug with the worker's stack. */
function rebuilt(error: CarriedError): Error {
  if (error.code)
    return new BallastError(error.code, error.message, {
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.place ? { place: error.place } : {}),
    });
  const bug = new Error(error.message);
  if (error.stack) bug.stack = error.stack;
  return bug;
}
