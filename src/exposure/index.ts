/**
 * exposure: how much of the business hangs on each channel and market (docs/exposure.md): shares and growth,
 * concentration, single-channel SKUs, stock only one channel can sell, committed spend, halo, alerts.
 */
import { baseCurrency, type Queryable } from '../db.js';
import { DEFAULT_ALERTS, channelAlerts, type Alert, type AlertSettings } from './alerts.js';
import { committedSpend, type CommitmentExposure } from './commitments.js';
import { skuDependency, type SkuDependency } from './dependency.js';
import { haloEstimates } from './halo-data.js';
import type { HaloEstimate } from './halo.js';
import { lockedStock, type LockedStock } from './inventory.js';
import { createCells } from './cells.js';
import { createDaily, fxApproximate, lastOrderDay } from './daily.js';
import { dropScratch, scratchNames } from './scratch.js';
import { concentration, sharesBy, type ShareRow } from './shares.js';
import { resolveWindow, type WindowRequest } from './window.js';

export type {
  Alert,
  AlertSettings,
  CommitmentExposure,
  HaloEstimate,
  LockedStock,
  ShareRow,
  SkuDependency,
  WindowRequest,
};
export { estimateHalo } from './halo.js';
export { DEFAULT_ALERTS } from './alerts.js';
export { monthlyShares, type MonthlyOptions, type MonthlyShares } from './monthly.js';

export interface ExposureOptions extends WindowRequest {
  /** SKUs with at least this share of revenue on one channel are listed (default 0.8). */
  skuThreshold?: number;
  alerts?: Partial<AlertSettings>;
  /** Only this store's lines (`--store` at import); all stores when absent. */
  store?: string;
}

export interface ExposureReport {
  from: string | null;
  to: string | null;
  baseCurrency: string;
  /** True when some amounts were converted at Ballast's approximate reference rates. */
  fxApproximate: boolean;
  totalRevenue: number;
  byChannel: Array<ShareRow & { channel: string }>;
  byMarket: Array<ShareRow & { market: string }>;
  byChannelMarket: Array<ShareRow & { channel: string; market: string }>;
  concentration: {
    channel: { hhi: number; effectiveNumber: number };
    market: { hhi: number; effectiveNumber: number };
  };
  skuDependency: SkuDependency[];
  /** null without locations or inventory data (unknown, not zero). */
  lockedStock: LockedStock[] | null;
  commitments: CommitmentExposure[] | null;
  halo: HaloEstimate[];
  alerts: Alert[];
}

/**
 * Builds the command's TEMP tables (exposure/scratch.ts) once — daily units over the whole history, the window's revenue and profit cells — and answers every part from them.
 */
export async function computeExposure(db: Queryable, options: ExposureOptions = {}): Promise<ExposureReport> {
  const base = await baseCurrency(db);
  const scratch = scratchNames(options.store);
  try {
    await createDaily(db, scratch.daily, scratch.lines);
    const window = resolveWindow(options, await lastOrderDay(db, scratch.daily));
    const empty = { channel: { hhi: 0, effectiveNumber: 0 }, market: { hhi: 0, effectiveNumber: 0 } };
    if (!window) {
      return {
        from: null,
        to: null,
        baseCurrency: base,
        fxApproximate: false,
        totalRevenue: 0,
        byChannel: [],
        byMarket: [],
        byChannelMarket: [],
        concentration: empty,
        skuDependency: [],
        lockedStock: await lockedStock(db, scratch.daily),
        commitments: null,
        halo: [],
        alerts: [],
      };
    }
    await createCells(db, scratch.cells, scratch, window, base);
    const byChannel = await sharesBy(db, scratch.cells, ['channel']);
    const byMarket = await sharesBy(db, scratch.cells, ['market']);
    const byChannelMarket = await sharesBy(db, scratch.cells, ['channel', 'market']);
    return {
      from: window.from,
      to: window.to,
      baseCurrency: base,
      fxApproximate: await fxApproximate(db, scratch.daily, base, window.priorFrom, window.to),
      totalRevenue: byChannel.reduce((s, r) => s + r.revenue, 0),
      byChannel,
      byMarket,
      byChannelMarket,
      concentration: { channel: concentration(byChannel), market: concentration(byMarket) },
      skuDependency: await skuDependency(db, scratch.cells, options.skuThreshold ?? 0.8, scratch.lines),
      lockedStock: await lockedStock(db, scratch.daily),
      commitments: await committedSpend(db, window.to),
      halo: await haloEstimates(db, scratch.daily, window.to),
      alerts: channelAlerts(byChannel, { ...DEFAULT_ALERTS, ...options.alerts }),
    };
  } finally {
    await dropScratch(db, scratch);
  }
}
