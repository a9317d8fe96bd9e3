import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StatusReport } from './types.ts';

/** What every page needs to know about the workspace: its status, and a way to read it again after a change. */
export interface WorkspaceState {
  status: StatusReport | undefined;
  reload(): void;
  /** May import, run and save (false for a viewer in server mode: the pages show no such buttons). */
  canRun: boolean;
}

export const WorkspaceContext = createContext<WorkspaceState>({
  status: undefined,
  reload: () => {},
  canRun: true,
});
export function useWorkspace(): WorkspaceState {
  return useContext(WorkspaceContext);
}

export function isEmpty(status: StatusReport | undefined): boolean {
  return status !== undefined && status.totals.length === 0;
}
