/**
 * Each seller's headline figures, kept in Postgres so the organisation view reads one table however
 * many sellers there are, instead of opening every workspace. The job that changed them writes them
 * (an import: the exposure headline; a simulation: its tail), in the same transaction that stores its
 * result, so a figure always names the job and time it comes from. A seller no job has finished for
 * has no row: "not yet computed", never zeros.
 */
import type { Db } from './database.js';

/** The exposure headline after the seller's newest import: revenue and its concentration on channels. */
export interface ExposureFigures {
  from: string | null;
  to: string | null;
  baseCurrency: string;
  totalRevenue: number;
  topChannel: { channel: string; share: number } | null;
  effectiveChannels: number;
  /** Exposure alerts (bands crossed) in the report. */
  alerts: number;
  /** Order lines in the workspace, and when its newest file was imported. */
  orderLines: number;
  lastImportAt: string | null;
}

/** The newest finished simulation's tail, in the seller's base currency. */
export interface RiskFigures {
  runId: string;
  scenarioName: string;
  lossBasis: 'profit' | 'revenue';
  cvar95: number | null;
  expectedLoss: number | null;
  baseCurrency: string;
}

/** A figure with where it comes from: the job that computed it (a queued or in-process job id) and when. */
export type Computed<T> = T & { jobId: string; computedAt: string };

/** What a finished job leaves for the organisation view; a kind that changes neither leaves none. */
export interface FiguresUpdate {
  headline?: ExposureFigures;
  risk?: RiskFigures;
}

export interface StoredFigures {
  headline: Computed<ExposureFigures> | null;
  risk: Computed<RiskFigures> | null;
}

/** Writes a job's figures over the seller's older ones; figures it does not carry stay as they were. */
export async function writeFigures(
  db: Db,
  seller: { orgId: string; sellerId: string },
  jobId: string,
  update: FiguresUpdate,
): Promise<void> {
  if (!update.headline && !update.risk) return;
  const now = new Date();
  const headline = update.headline
    ? { headline: JSON.stringify(update.headline), headline_job_id: jobId, headline_at: now }
    : {};
  const risk = update.risk ? { risk: JSON.stringify(update.risk), risk_job_id: jobId, risk_at: now } : {};
  await db
    .insertInto('seller_figures')
    .values({ seller_id: seller.sellerId, org_id: seller.orgId, ...headline, ...risk })
    .onConflict((oc) => oc.column('seller_id').doUpdateSet({ ...headline, ...risk }))
    .execute();
}

/** The stored figures of every seller of one organisation, by seller id (sellers without any absent). */
export async function figuresOfOrg(db: Db, orgId: string): Promise<Map<string, StoredFigures>> {
  const rows = await db
    .selectFrom('seller_figures')
    .select(['seller_id', 'headline', 'headline_job_id', 'headline_at', 'risk', 'risk_job_id', 'risk_at'])
    .where('org_id', '=', orgId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.seller_id,
      {
        headline: computed(r.headline as ExposureFigures | null, r.headline_job_id, r.headline_at),
        risk: computed(r.risk as RiskFigures | null, r.risk_job_id, r.risk_at),
      },
    ]),
  );
}

function computed<T extends object>(
  figures: T | null,
  jobId: string | null,
  at: Date | null,
): Computed<T> | null {
  return figures && jobId && at ? { ...figures, jobId, computedAt: at.toISOString() } : null;
}
