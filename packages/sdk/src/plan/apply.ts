import { randomUUID } from 'node:crypto';
import { abortError, serializeError } from '../errors.js';
import type { Fleet } from '../fleet.js';
import type { FleetResult } from '../types.js';
import { isObject } from './compare.js';
import {
  computeChanges,
  executeChange,
  InvalidDesiredStateError,
  snapshotNeeds,
  validateDesired,
} from './desired.js';
import { readSnapshot, type Snapshot } from './snapshot.js';
import type {
  ApplyOptions,
  ApplyResult,
  ChangeOutcome,
  DesiredState,
  Plan,
  PlanOptions,
  WorkerApplyOutcome,
  WorkerApplyStatus,
  WorkerPlan,
} from './types.js';

const DEFAULT_MAX_PARALLEL = 4;
const DEFAULT_APPLY_TIMEOUT_MS = 60_000;

function summarise(workers: WorkerPlan[]): Plan['summary'] {
  const summary = { create: 0, update: 0, noop: 0, failedWorkers: 0 };
  for (const worker of workers) {
    if (worker.error) summary.failedWorkers += 1;
    for (const change of worker.changes) summary[change.action] += 1;
  }
  return summary;
}

/** Computes, per worker, what applying `desired` would change. Reads only; nothing is written. */
export async function createPlan(
  fleet: Fleet,
  desired: DesiredState,
  options: PlanOptions = {},
): Promise<Plan> {
  const state = validateDesired(desired);
  const needs = snapshotNeeds(state);
  const results = await fleet.each(
    async ({ client, signal }) => computeChanges(state, await readSnapshot(client, needs, signal)),
    { workers: options.workers, timeoutMs: options.timeoutMs, signal: options.signal },
  );
  const workers: WorkerPlan[] = results.map((result) =>
    result.ok
      ? { workerId: result.workerId, changes: result.value }
      : { workerId: result.workerId, changes: [], error: serializeError(result.error) },
  );
  return {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    desired: state,
    workers,
    summary: summarise(workers),
  };
}

function validatePlan(plan: unknown): { id: string; desired: DesiredState; workerIds: string[] } {
  if (!isObject(plan)) throw new InvalidDesiredStateError('plan must be an object');
  if (!Array.isArray(plan.workers)) throw new InvalidDesiredStateError('plan.workers must be an array');
  const workerIds = plan.workers.map((worker: unknown, index) => {
    if (!isObject(worker) || typeof worker.workerId !== 'string') {
      throw new InvalidDesiredStateError(`plan.workers[${index}].workerId must be a string`);
    }
    return worker.workerId;
  });
  return {
    id: typeof plan.id === 'string' ? plan.id : randomUUID(),
    desired: validateDesired(plan.desired),
    workerIds: [...new Set(workerIds)],
  };
}

function workerStatus(changes: ChangeOutcome[]): WorkerApplyStatus {
  const applied = changes.some((change) => change.status === 'applied');
  const failed = changes.some((change) => change.status === 'failed');
  const skipped = changes.some((change) => change.status === 'skipped');
  if (failed) return applied ? 'partial' : 'failed';
  if (skipped) return applied ? 'partial' : 'skipped';
  return applied ? 'applied' : 'unchanged';
}

/**
 * Applies a plan. Each worker's state is read again and the changes recomputed from `plan.desired`, so
 * applying a plan twice, or after someone else made part of the change, never repeats work.
 */
export async function applyPlan(fleet: Fleet, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { id, desired, workerIds } = validatePlan(plan);
  const onFailure = options.onFailure ?? 'stop';
  if (onFailure !== 'stop' && onFailure !== 'continue')
    throw new InvalidDesiredStateError('onFailure must be stop or continue');
  const startedAt = new Date().toISOString();
  const needs = snapshotNeeds(desired);
  let stopped = false;
  const halted = () => stopped || options.signal?.aborted === true;

  const results = await fleet.each<WorkerApplyOutcome>(
    async ({ entry, client, signal }) => {
      const started = performance.now();
      const workerId = entry.worker_id;
      const finish = (changes: ChangeOutcome[]): WorkerApplyOutcome => ({
        workerId,
        status: workerStatus(changes),
        changes,
        durationMs: Math.round(performance.now() - started),
      });
      if (halted()) return { ...finish([]), status: 'skipped' };
      let snapshot: Snapshot;
      try {
        snapshot = await readSnapshot(client, needs, signal);
      } catch (error) {
        if (onFailure === 'stop') stopped = true;
        throw error;
      }
      const outcomes: ChangeOutcome[] = [];
      for (const change of computeChanges(desired, snapshot)) {
        if (change.action === 'noop') {
          outcomes.push({ ...change, status: 'unchanged' });
          continue;
        }
        if (halted() || signal.aborted) {
          outcomes.push({ ...change, status: 'skipped' });
          continue;
        }
        try {
          await executeChange(client, change, desired, snapshot, signal);
          outcomes.push({ ...change, status: 'applied' });
        } catch (error) {
          outcomes.push({
            ...change,
            status: 'failed',
            error: serializeError(signal.aborted ? signal.reason : error),
          });
          if (onFailure === 'stop') stopped = true;
        }
      }
      return finish(outcomes);
    },
    {
      workers: workerIds,
      concurrency: options.maxParallel ?? DEFAULT_MAX_PARALLEL,
      timeoutMs: options.timeoutMs ?? DEFAULT_APPLY_TIMEOUT_MS,
      signal: options.signal,
    },
  );

  const workers = results.map((result: FleetResult<WorkerApplyOutcome>): WorkerApplyOutcome => {
    if (result.ok) return result.value;
    if (onFailure === 'stop') stopped = true;
    const error = options.signal?.aborted ? abortError(result.workerId) : result.error;
    return {
      workerId: result.workerId,
      status: 'failed',
      changes: [],
      durationMs: Math.round(result.durationMs),
      error: serializeError(error),
    };
  });
  const summary = { applied: 0, unchanged: 0, failed: 0, skipped: 0 };
  for (const worker of workers) {
    for (const change of worker.changes) summary[change.status] += 1;
    if (worker.error) summary.failed += 1;
  }
  let status: ApplyResult['status'];
  if (options.signal?.aborted) status = 'aborted';
  else if (summary.failed > 0) status = summary.applied > 0 ? 'partial' : 'failed';
  else if (summary.skipped > 0) status = 'partial';
  else status = summary.applied > 0 ? 'applied' : 'unchanged';
  return { planId: id, startedAt, finishedAt: new Date().toISOString(), status, workers, summary };
}
