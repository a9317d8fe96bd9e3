import type { ShareRow } from './shares.js';

export interface AlertSettings {
  /** Alert when one channel's share of revenue is above this (0–1). */
  shareBand: number;
  /** Alert when a channel's share rose by more than this many share points (0–1) on the prior window. */
  growthPoints: number;
}

export const DEFAULT_ALERTS: AlertSettings = { shareBand: 0.5, growthPoints: 0.1 };

export interface Alert {
  kind: 'share-above-band' | 'share-rising';
  channel: string;
  share: number;
  priorShare: number | null;
  threshold: number;
}

/** Alerts are data: the CLI, the report and the dashboard each word them in their own language. */
export function channelAlerts(
  rows: ReadonlyArray<ShareRow & { channel: string }>,
  settings: AlertSettings,
): Alert[] {
  const priorTotal = rows.reduce((s, r) => s + r.priorRevenue, 0);
  const alerts: Alert[] = [];
  for (const r of rows) {
    const priorShare = priorTotal > 0 ? r.priorRevenue / priorTotal : null;
    if (r.share > settings.shareBand)
      alerts.push({
        kind: 'share-above-band',
        channel: r.channel,
        share: r.share,
        priorShare,
        threshold: settings.shareBand,
      });
    if (priorShare !== null && r.share - priorShare > settings.growthPoints) {
      alerts.push({
        kind: 'share-rising',
        channel: r.channel,
        share: r.share,
        priorShare,
        threshold: settings.growthPoints,
      });
    }
  }
  return alerts;
}
