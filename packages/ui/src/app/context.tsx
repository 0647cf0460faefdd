import { createContext, useContext } from 'react';
import type { ControlPlaneApi } from '../api/client.js';
import type { Principal, WorkerView } from '../api/contract.js';

export type AppValue = {
  api: ControlPlaneApi;
  principal: Principal;
  workers: WorkerView[];
  workersError: Error | undefined;
  reloadWorkers(): void;
  /** Bumped when a browser-held worker session is created or dropped, so pages reload. */
  workerSessionsVersion: number;
  onWorkerSessionChange(): void;
  announce(message: string): void;
  logout(): Promise<void>;
};

export const AppContext = createContext<AppValue | null>(null);

export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside the control-plane app');
  return value;
}

/** A worker's display name by id; an id the registry does not know shows as itself. */
export function useWorkerName(): (workerId: string) => string {
  const { workers } = useApp();
  return (workerId) => workers.find((worker) => worker.worker_id === workerId)?.name ?? workerId;
}

export function canWrite(principal: Principal, workerId?: string): boolean {
  if (!principal.permissions.write) return false;
  const scopedWorkers = principal.scope?.workers;
  if (workerId && scopedWorkers && scopedWorkers.length > 0) return scopedWorkers.includes(workerId);
  return true;
}
