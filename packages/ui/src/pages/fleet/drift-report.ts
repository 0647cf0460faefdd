import { countOf } from '../../app/format.js';

export type DriftEntry = Record<string, unknown>;
export type DriftRow = { workerId: string; items: DriftEntry[]; error: string | undefined };

export function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function driftKind(kind: unknown): string {
  if (kind === 'missing') return 'missing here';
  if (kind === 'extra') return 'only here';
  if (kind === 'changed') return 'different';
  return show(kind);
}

/** Finds the per-worker list and each worker's differences, tolerating camelCase or snake_case. */
export function driftWorkers(report: DriftEntry): DriftRow[] {
  const workers = [report.workers, report.results].find(Array.isArray) as DriftEntry[] | undefined;
  return (workers ?? []).map((worker) => {
    const items = [worker.differences, worker.drift, worker.items, worker.changes].find(Array.isArray) as
      | DriftEntry[]
      | undefined;
    const error = worker.error;
    return {
      workerId: String(worker.workerId ?? worker.worker_id ?? 'unknown'),
      items: items ?? [],
      error: error
        ? typeof error === 'object' && 'message' in error
          ? String(error.message)
          : show(error)
        : undefined,
    };
  });
}

/** The badge of one worker's card: not compared, in sync, or how many differences. */
export function driftBadge(row: DriftRow): { label: string; tone: 'unreachable' | 'healthy' | 'degraded' } {
  if (row.error) return { label: 'not compared', tone: 'unreachable' };
  if (row.items.length === 0) return { label: 'in sync', tone: 'healthy' };
  return { label: countOf(row.items.length, 'difference'), tone: 'degraded' };
}
