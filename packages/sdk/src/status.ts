import { WorkerError } from '@llm-control-plane/core';
import type { HealthSource, HealthStatus, WorkerHealth } from './types.js';

/** What one call to a worker says about it: nothing, that it answered, or that it failed at transport level. */
export type CallSignal =
  | { kind: 'answered' }
  | { kind: 'failed'; status: Exclude<HealthStatus, 'healthy'>; reason: string; errorKind: string }
  | { kind: 'none' };

/**
 * Reads a call's outcome. A connection failure means unreachable; a timeout or a garbled answer means
 * degraded (a slow query is not proof the worker is down, but it is no longer fine); any HTTP answer below
 * 500 means the worker serves. Caller aborts, open circuits and the worker's own 5xx say nothing new.
 */
export function callSignal(error: unknown): CallSignal {
  if (error === undefined || error === null) return { kind: 'answered' };
  if (!WorkerError.isInstance(error)) return { kind: 'none' };
  switch (error.kind) {
    case 'unreachable':
      return { kind: 'failed', status: 'unreachable', reason: error.message, errorKind: error.kind };
    case 'timeout':
    case 'bad_response':
      return { kind: 'failed', status: 'degraded', reason: error.message, errorKind: error.kind };
    case 'api': {
      const status = (error as { status?: number }).status ?? 500;
      return status < 500 ? { kind: 'answered' } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

const SEVERITY: Record<HealthStatus, number> = { healthy: 0, degraded: 1, unreachable: 2 };

/** `since` carries over while the status stays the same, so it says how long the worker has been so. */
function sinceFor(previous: WorkerHealth | null, status: HealthStatus, at: string): string {
  return previous !== null && previous.status === status ? previous.since : at;
}

/** A probe is the fullest signal: its answer replaces whatever calls said before. */
export function healthAfterProbe(previous: WorkerHealth | null, probe: WorkerHealth): WorkerHealth {
  return { ...probe, since: sinceFor(previous, probe.status, probe.checkedAt) };
}

/**
 * Applies a call's signal to the current health, newest signal first: a failure takes effect at once (it
 * never softens a worse status), and an answer restores the worker when a failure had marked it down. A
 * status the last probe set for its own reasons (a disconnected database) stays until the next probe.
 */
export function healthAfterCall(
  previous: WorkerHealth | null,
  lastProbe: WorkerHealth | null,
  signal: CallSignal,
  source: HealthSource,
  at: string,
  workerId: string,
): WorkerHealth | null {
  if (signal.kind === 'none') return null;
  if (signal.kind === 'failed') {
    if (previous !== null && SEVERITY[previous.status] > SEVERITY[signal.status]) return null;
    const base = previous ?? emptyHealth(workerId, at);
    return {
      ...base,
      status: signal.status,
      latencyMs: null,
      checkedAt: at,
      since: sinceFor(previous, signal.status, at),
      reason: signal.reason,
      source,
      error: { kind: signal.errorKind, message: signal.reason },
    };
  }
  if (previous === null || previous.status === 'healthy') return null;
  // The probe's own verdict holds when it is what set the status and the worker could be reached.
  if (previous.source === 'probe' && previous.status !== 'unreachable') return null;
  const restored =
    lastProbe !== null && lastProbe.status !== 'unreachable'
      ? { ...lastProbe }
      : { ...emptyHealth(workerId, at), version: previous.version, db: previous.db };
  const status = restored.status;
  const health: WorkerHealth = {
    ...restored,
    checkedAt: at,
    lastSeenAt: at,
    since: sinceFor(previous, status, at),
    reason: restored.reason,
    source: status === 'healthy' ? source : restored.source,
  };
  if (status === 'healthy') delete health.error;
  return health;
}

function emptyHealth(workerId: string, at: string): WorkerHealth {
  return {
    workerId,
    status: 'healthy',
    latencyMs: null,
    version: null,
    db: null,
    checkedAt: at,
    lastSeenAt: null,
    since: at,
    reason: null,
    source: 'probe',
  };
}
