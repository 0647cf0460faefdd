import { useEffect, useRef } from 'react';
import type { FleetOverview, OverviewWorker } from '../../api/contract.js';

export type StatusFilter = 'all' | 'healthy' | 'degraded' | 'unreachable';

export const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'healthy', label: 'Healthy' },
  { value: 'degraded', label: 'Degraded' },
  { value: 'unreachable', label: 'Unreachable' },
];

export type FleetCounts = Record<OverviewWorker['status'], number> & { spend: number; keys: number };

/** The summary counts the very statuses the rows show, so the two can never disagree. */
export function fleetCounts(workers: readonly OverviewWorker[]): FleetCounts {
  const counts: FleetCounts = { healthy: 0, degraded: 0, unreachable: 0, unknown: 0, spend: 0, keys: 0 };
  for (const worker of workers) {
    counts[worker.status in counts ? worker.status : 'unknown']++;
    counts.spend += worker.spend ?? 0;
    counts.keys += worker.counts?.keys ?? 0;
  }
  return counts;
}

/** Workers with `status` (or any) whose name, id, region, version or a label value contains `text`. */
export function filterWorkers(
  workers: readonly OverviewWorker[],
  text: string,
  status: StatusFilter,
): OverviewWorker[] {
  const needle = text.trim().toLowerCase();
  return workers.filter((worker) => {
    if (status !== 'all' && worker.status !== status) return false;
    if (needle === '') return true;
    return [
      worker.name,
      worker.worker_id,
      worker.region ?? '',
      worker.version ?? '',
      ...Object.values(worker.labels ?? {}),
    ]
      .join(' ')
      .toLowerCase()
      .includes(needle);
  });
}

/**
 * Announces status transitions (not every refresh), so screen-reader users hear a worker go down.
 * At most three workers are named in one announcement.
 */
export function useStatusAnnouncements(
  overview: FleetOverview | undefined,
  announce: (message: string) => void,
): void {
  const previousStatuses = useRef(new Map<string, string>());
  useEffect(() => {
    if (!overview) return;
    const changes: string[] = [];
    for (const worker of overview.workers) {
      const before = previousStatuses.current.get(worker.worker_id);
      if (before && before !== worker.status) changes.push(`${worker.name} is now ${worker.status}`);
      previousStatuses.current.set(worker.worker_id, worker.status);
    }
    if (changes.length > 0) announce(`${changes.slice(0, 3).join('. ')}.`);
  }, [overview, announce]);
}
