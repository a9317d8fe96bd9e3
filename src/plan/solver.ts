/**
 * HiGHS (WebAssembly) for the extensive form (lp.ts: `--export-lp`, the benchmark and the tests'
 * cross-check; `ballast plan` itself solves by decomposition, decompose.ts) behind one small class: the model is passed once through the typed model API,
 * and re-solved with new λ costs or a new CVaR limit keeping HiGHS's state, so an LP restarts from
 * the last basis and a MIP from the last plan (warm starts across the frontier).
 */
import highsPackage, { type Highs, type Model } from 'highs';
import { BallastError } from '../errors.js';
import type { LinearModel } from './lp.js';
import { readerLp } from './lp-text.js';

type Loader = () => Promise<Highs>;
let runtime: Promise<Highs> | undefined;

/** The package's types describe its CommonJS build; Node loads its ES module, whose default is the loader. */
export function loadHighs(): Promise<Highs> {
  const module = highsPackage as unknown as Loader | { default: Loader };
  runtime ??= (typeof module === 'function' ? module : module.default)();
  return runtime;
}

/** After an abort the runtime is unusable: the next load starts a fresh one. */
export function forgetHighs(): void {
  runtime = undefined;
}

export interface Solved {
  status: 'optimal' | 'infeasible';
  objective: number;
  values: Float64Array;
}

export class PlanSolver {
  private constructor(
    private readonly highs: Highs,
    private readonly model: Model & { dispose(): void },
    readonly linear: LinearModel,
  ) {}

  static async create(linear: LinearModel): Promise<PlanSolver> {
    const highs = await loadHighs();
    const model = guarded(linear, () =>
      highs.createModel({
        numCols: linear.numCols,
        numRows: linear.numRows,
        sense: highs.constants.objectiveSense.maximize,
        colCost: linear.colCost,
        colLower: linear.colLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
        colUpper: linear.colUpper.map((v) => (v === Infinity ? highs.infinity : v)),
        rowLower: linear.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
        rowUpper: linear.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
        matrix: {
          format: 'csr',
          numRows: linear.numRows,
          numCols: linear.numCols,
          starts: linear.starts,
          indices: linear.indices,
          values: linear.values,
        },
        ...(linear.integrality.some((v) => v === 1) ? { integrality: linear.integrality as Int32Array } : {}),
        colNames: linear.colNames,
        rowNames: linear.rowNames,
        modelName: 'ballast-plan',
      }),
    );
    // Quiet, and a MIP gap tight enough that another solver's optimum agrees to 1e-6.
    model.options.set({ output_flag: false, mip_rel_gap: 1e-7 });
    return new PlanSolver(highs, model, linear);
  }

  /** Objective weights of η and the tail variables for a new λ (same α and paths). */
  setLambda(lambda: number, alpha: number): void {
    const { eta, tail, paths } = this.linear.at;
    // η is the column just before the tail variables (lp.ts), so one range covers them all.
    const costs = Float64Array.from({ length: paths + 1 }, (_, i) =>
      i === 0 ? -lambda : -lambda / ((1 - alpha) * paths),
    );
    this.model.changeColsCost({ kind: 'range', from: eta, to: tail + paths - 1 }, costs);
  }

  /** Objective: minimise CVaR alone (the lowest tail any plan reaches), as a maximisation of −CVaR. */
  minimiseCvar(alpha: number): void {
    const costs = new Float64Array(this.linear.numCols);
    this.model.changeColsCost({ kind: 'range', from: 0, to: this.linear.numCols - 1 }, costs);
    this.setLambda(1, alpha);
  }

  solve(warm?: Float64Array): Solved {
    if (warm && this.linear.integrality.some((v) => v === 1)) this.model.setSolution({ colValue: warm });
    const { modelStatus } = guarded(this.linear, () => this.model.run());
    const codes = this.highs.constants.modelStatus;
    if (modelStatus === codes.infeasible)
      return { status: 'infeasible', objective: NaN, values: new Float64Array(0) };
    if (modelStatus !== codes.optimal) {
      const name = Object.entries(codes).find(([, v]) => v === modelStatus)?.[0] ?? String(modelStatus);
      throw new BallastError('internal', `HiGHS stopped with status ${name}`, {
        hint: 'Run with fewer --paths, or export the model with --export-lp and report it.',
      });
    }
    return {
      status: 'optimal',
      objective: this.model.getObjectiveValue(),
      values: Float64Array.from(this.model.getSolution().colValue),
    };
  }

  /** The model as CPLEX LP text, in the long section keywords every LP reader knows (lp-text.ts). */
  exportLp(): string {
    return readerLp(this.model.exportModel('lp'));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/**
 * HiGHS's WebAssembly memory ends at 2 GB; past it the runtime aborts and is unusable. That becomes
 * an error that says what to change, and the next plan loads a fresh runtime.
 */
function guarded<T>(linear: LinearModel, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      (error as Error | undefined)?.name !== 'RuntimeError' &&
      !/Aborted|out of memory/i.test(String(error))
    )
      throw error;
    runtime = undefined;
    throw new BallastError(
      'bad-input',
      `the plan's model (${linear.numCols.toLocaleString('en-US')} columns over ${linear.at.paths.toLocaleString('en-US')} paths) does not fit in HiGHS's 2 GB of WebAssembly memory`,
      {
        hint: `Plan on fewer paths: --paths ${Math.max(100, Math.floor(linear.at.paths / 4))} (the fresh-path measurement can stay large with --eval-paths).`,
        cause: error,
      },
    );
  }
}
