import { computeExposure, monthlyShares, type ExposureReport } from '../exposure/index.js';
import { renderHtml, type Lang } from '../report/index.js';
import { latestRun, type Workspace } from '../store/index.js';
import { exposureOptions, parseOptions, type ExposureOptionsInput } from './options.js';
import type { PlanRun } from './plan.js';
import { forecastBacktest, type SimulationRun } from './simulation.js';

export interface ReportResult {
  /** One self-contained HTML document: inline CSS and SVG charts, no scripts, no URLs. */
  html: string;
  lang: Lang;
  from: string | null;
  to: string | null;
}

/** Exposure options as the exposure domain takes them (the alert settings grouped). */
export async function exposureOf(ws: Workspace, input: ExposureOptionsInput = {}): Promise<ExposureReport> {
  const o = parseOptions(exposureOptions, input);
  return computeExposure(ws, {
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
    window: o.window,
    skuThreshold: o.skuThreshold,
    alerts: { shareBand: o.alertShare, growthPoints: o.alertGrowth },
    ...(o.store ? { store: o.store } : {}),
  });
}

/**
 * The shareable report in several languages from one reading of the workspace: exposure over the
 * window, monthly shares over the last 24 months, and the newest stored simulation and plan.
 */
export async function buildReports(
  ws: Workspace,
  langs: readonly Lang[],
  input: ExposureOptionsInput & { now?: Date } = {},
): Promise<ReportResult[]> {
  const { now = new Date(), ...rest } = input;
  const { skuThreshold } = parseOptions(exposureOptions, rest);
  const exposure = await exposureOf(ws, rest);
  const monthly = await monthlyShares(ws, exposure.to ? { to: exposure.to } : {});
  const stored = await latestRun<SimulationRun>(ws, 'simulation');
  const simulation = stored ? { ...stored.summary, storedAt: stored.createdAt } : null;
  const storedPlan = await latestRun<PlanRun>(ws, 'plan');
  const plan = storedPlan ? { ...storedPlan.summary, storedAt: storedPlan.createdAt } : null;
  // The forecast's own test on the seller's last 8 weeks; a history too short for it has none.
  const tested = exposure.to ? await forecastBacktest(ws) : null;
  const backtest = tested && { ...tested, holdoutDays: 56 };
  const data = {
    exposure,
    monthly,
    skuThreshold,
    generatedAt: now.toISOString(),
    simulation,
    plan,
    backtest,
  };
  return langs.map((lang) => ({
    html: renderHtml(data, { lang }),
    lang,
    from: exposure.from,
    to: exposure.to,
  }));
}
