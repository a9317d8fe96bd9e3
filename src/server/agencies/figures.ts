/**
 * The headline figures a finished job leaves for the organisation view, read from the seller's
 * workspace while the job still holds it open: after an import (or the demo), the exposure headline;
 * after a simulation, its tail. Whoever ran the job — a worker, or this server without workers —
 * stores them in Postgres, so `GET /orgs/{id}/summary` never opens a workspace.
 */
import type * as engine from '../../engine.js';
import type * as agencyEngine from '../../engine-agency.js';

export async function figuresAfter(
  ws: engine.WorkspaceHandle,
  kind: string,
  runId: string | null,
): Promise<agencyEngine.FiguresUpdate> {
  if (kind === 'import' || kind === 'demo') {
    // An import that added nothing to an empty workspace leaves nothing to show yet.
    if (!(await ws.hasOrders())) return {};
    const [report, status] = [await ws.exposure({}), await ws.status()];
    return { headline: headline(report, status) };
  }
  if (kind === 'simulation' && runId) {
    const run = await ws.run(runId);
    return run?.kind === 'simulation' ? { risk: riskOf(run.summary as engine.SimulationRun) } : {};
  }
  return {};
}

/** Revenue and how concentrated it is on one channel, with how much history there is. */
export function headline(
  report: engine.ExposureReport,
  status: engine.StatusReport,
): agencyEngine.ExposureFigures {
  const [top] = [...report.byChannel].sort((a, b) => b.share - a.share);
  const imported = status.files.map((f) => f.importedAt).sort();
  return {
    from: report.from,
    to: report.to,
    baseCurrency: report.baseCurrency,
    totalRevenue: report.totalRevenue,
    topChannel: top ? { channel: top.channel, share: top.share } : null,
    effectiveChannels: report.concentration.channel.effectiveNumber,
    alerts: report.alerts.length,
    orderLines: status.totals.reduce((sum, t) => sum + t.lines, 0),
    lastImportAt: imported.at(-1) ?? null,
  };
}

/** The run's tail on its loss basis (profit when costs are known, else revenue). */
export function riskOf(run: engine.SimulationRun): agencyEngine.RiskFigures {
  const loss = run.lossBasis === 'profit' ? run.profitLoss : run.revenueLoss;
  return {
    runId: run.runId,
    scenarioName: run.scenario.name,
    lossBasis: run.lossBasis,
    cvar95: loss?.cvar95 ?? null,
    expectedLoss: loss?.mean ?? null,
    baseCurrency: run.baseCurrency,
  };
}
