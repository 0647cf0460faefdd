import type { FleetPlan, PlanRequest, PlanWorker } from '../../api/contract.js';

export function planWorkerId(worker: { workerId?: string; worker_id?: string }): string {
  return worker.workerId ?? worker.worker_id ?? 'unknown';
}

/** An error as one line of text, whether a string, an `{ message }` or anything else. */
export function errorText(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error) return String(error.message);
  return JSON.stringify(error);
}

/**
 * The desired state typed into the page, or what is wrong with it. Only the shape is checked here; the
 * server validates the desired state and names what to fix.
 */
export function parseDesiredState(
  text: string,
): { value: PlanRequest['desired']; error: undefined } | { value: undefined; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { value: value as PlanRequest['desired'], error: undefined }
      : { value: undefined, error: 'The desired state must be a JSON object.' };
  } catch (caught) {
    return { value: undefined, error: caught instanceof Error ? caught.message : String(caught) };
  }
}

/** Changes that do something (not `noop`) on one worker. */
function changeCount(worker: PlanWorker): number {
  return worker.changes.filter((change) => change.action !== 'noop').length;
}

/** How many changes the plan makes in all, and on which workers. */
export function planTotals(plan: FleetPlan): { changes: number; changedWorkers: PlanWorker[] } {
  return {
    changes: plan.workers.reduce((sum, worker) => sum + changeCount(worker), 0),
    changedWorkers: plan.workers.filter((worker) => changeCount(worker) > 0),
  };
}

export type Outcome = {
  workerId: string;
  status: string;
  ok: boolean;
  detail: string | undefined;
  count: number | undefined;
};

const SUCCESS_STATUSES = ['applied', 'unchanged', 'skipped', 'ok', 'success'];

/** Reads the per-worker outcome out of an apply result, whatever the exact field names. */
export function outcomes(result: Record<string, unknown>): Outcome[] {
  const list = [result.workers, result.results, result.outcomes].find(Array.isArray) as
    | Record<string, unknown>[]
    | undefined;
  return (list ?? []).map((entry) => {
    const error = errorText(entry.error);
    const status =
      typeof entry.status === 'string'
        ? entry.status
        : entry.ok === false || error
          ? 'failed'
          : entry.skipped
            ? 'skipped'
            : 'applied';
    const changes = [entry.changes, entry.applied, entry.results].find(Array.isArray) as
      | Record<string, unknown>[]
      | undefined;
    const failedChange = changes?.find((change) => change.status === 'failed' && change.error);
    return {
      workerId: String(entry.workerId ?? entry.worker_id ?? 'unknown'),
      status,
      ok: !error && entry.ok !== false && SUCCESS_STATUSES.includes(status),
      detail:
        error ?? (failedChange ? `${String(failedChange.id)}: ${errorText(failedChange.error)}` : undefined),
      count: changes?.filter((change) => change.status !== 'unchanged' && change.action !== 'noop').length,
    };
  });
}
