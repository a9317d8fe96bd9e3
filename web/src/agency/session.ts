/**
 * Server mode's session as the pages see it: who signed in (their organisation and what they may do),
 * the organisation's sellers, and the seller chosen. The shell owns it; pages read it.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Me {
  orgId: string;
  actor: string;
  permissions: Array<'read' | 'run' | 'manage'>;
}

/** Where a stored figure comes from: the job that computed it, and when. */
interface Computed {
  jobId: string;
  computedAt: string;
}

/** One row of GET /orgs/{orgId}/summary; a null headline or risk is not yet computed. */
export interface SellerSummary {
  id: string;
  name: string;
  createdAt: string;
  headline:
    | (Computed & {
        baseCurrency: string;
        totalRevenue: number;
        topChannel: { channel: string; share: number } | null;
        effectiveChannels: number;
        orderLines: number;
        lastImportAt: string | null;
      })
    | null;
  risk:
    | (Computed & {
        runId: string;
        scenarioName: string;
        cvar95: number | null;
        expectedLoss: number | null;
        baseCurrency: string;
      })
    | null;
  openAlerts: number;
}

export interface AgencySession {
  me: Me;
  orgName: string;
  /** The organisation's sellers, names only (no figures). */
  sellers: readonly SellerSummary[];
  /** Reads the seller list again (after one is added). */
  reloadSellers(): void;
  sellerId: string | null;
  signOut(): void;
}

export const SessionContext = createContext<AgencySession | null>(null);

export function useSession(): AgencySession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('a server-mode page was drawn outside the signed-in shell');
  return session;
}

export const can = (me: Me, permission: Me['permissions'][number]) => me.permissions.includes(permission);
