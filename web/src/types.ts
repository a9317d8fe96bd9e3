/**
 * The JSON the API returns: the same shapes as the CLI's `--json`, typed from the engine façade and
 * the report (type imports only: nothing of the engine reaches the browser bundle).
 */
import type { ImportSummary, LibraryEntry, RejectsReport, StatusReport } from '../../src/engine.ts';
import type { ExposureFigures, PlanFigures, SimulationFigures } from '../../src/report/types.ts';

export type { ImportSummary, LibraryEntry, RejectsReport, StatusReport };
export type Exposure = ExposureFigures;
/** A stored simulation run as `GET /runs/{id}` returns it; the report reads the same fields. */
export type Simulation = SimulationFigures;
export type Plan = PlanFigures;

export type JobKind = 'import' | 'simulation' | 'plan' | 'demo';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  progress: { stage: string; done: number; total: number } | null;
  createdAt: string;
  finishedAt?: string;
  runId?: string;
  error?: { code: string; message: string; hint?: string };
}

export interface ScenarioIssue {
  message: string;
  path?: Array<string | number>;
  line?: number;
  column?: number;
}

export interface ScenarioCheck {
  ok: true;
  name: string;
  start: string;
  description: string[];
  warnings: string[];
}

export interface SavedScenario {
  name: string;
  updatedAt: string;
}

export interface RunListing {
  runId: string;
  kind: 'simulation' | 'plan';
  createdAt: string;
  scenarioName: string;
  settings: Record<string, unknown>;
}

/** The tables `GET /api/v1/tables/{table}` serves as CSV or XLSX. */
export type TableId =
  | 'status-totals'
  | 'status-files'
  | 'rejects'
  | 'exposure-channels'
  | 'exposure-markets'
  | 'exposure-channel-market'
  | 'exposure-skus'
  | 'exposure-stock'
  | 'exposure-commitments'
  | 'exposure-halo'
  | 'simulation-loss'
  | 'simulation-tornado'
  | 'simulation-tail-shares'
  | 'plan-actions'
  | 'plan-frontier'
  | 'forecast-backtest';
