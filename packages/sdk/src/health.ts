import type { RawResponse, WorkerClient } from '@llm-control-plane/core';
import { isMarked, mark, serializeError } from './errors.js';
import type { FleetResult, HealthStatus, WorkerContext, WorkerHealth } from './types.js';

export type ProbeOutcome = {
  status: Exclude<HealthStatus, 'unreachable'>;
  latencyMs: number;
  version: string | null;
  db: string | null;
  reason?: string;
};

/** The readiness answer was not a usable health document, or a 5xx: the worker cannot serve management. */
const PROBE_FAILED = Symbol.for('@llm-control-plane/sdk.ProbeFailedError');

export class ProbeFailedError extends Error {
  override readonly name = 'ProbeFailedError';
  readonly kind: string;
  readonly status?: number;

  constructor(kind: string, message: string, status?: number) {
    super(message);
    this.kind = kind;
    if (status !== undefined) this.status = status;
    mark(this, PROBE_FAILED);
  }

  static isInstance(value: unknown): value is ProbeFailedError {
    return isMarked(value, PROBE_FAILED);
  }
}

function parseObject(response: RawResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(response.bodyText);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * One probe: public GET /health/readiness over `context.client`, then the authenticated details route over
 * the worker's own client (`credentialed`) when the public answer is trimmed (newer LiteLLM) and the worker
 * has a credential. Details are best effort and never fail a probe.
 */
export async function probeWorker(
  context: WorkerContext,
  degradedLatencyMs: number | undefined,
  credentialed: () => Promise<WorkerClient>,
): Promise<ProbeOutcome> {
  const { client, signal } = context;
  const started = performance.now();
  // One connection per probe, closed with its answer: a worker is probed every few seconds at most, less
  // often than workers keep idle sockets (uvicorn: 5 s), so keep-alive would only leave a socket per worker
  // idling and then torn down in the background. Closing it here lets its memory go with the probe.
  const response = await client.raw({
    method: 'GET',
    path: '/health/readiness',
    headers: { connection: 'close' },
    signal,
    retry: false,
  });
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  if (response.status >= 500) {
    throw new ProbeFailedError('api', `Readiness check answered HTTP ${response.status}`, response.status);
  }
  const body = parseObject(response);
  if (response.status >= 200 && response.status < 300 && !body) {
    throw new ProbeFailedError('bad_response', 'Readiness check did not answer a JSON object');
  }
  if (response.status >= 300 || !body) {
    return {
      status: 'degraded',
      latencyMs,
      version: null,
      db: null,
      reason: `Readiness check answered HTTP ${response.status}`,
    };
  }
  let version = stringOrNull(body.litellm_version);
  let db = stringOrNull(body.db);
  if (version === null && context.entry.has_credential) {
    try {
      const details = await (await credentialed()).raw({
        method: 'GET',
        path: '/health/readiness/details',
        signal,
        retry: false,
      });
      const detailsBody = details.status === 200 ? parseObject(details) : undefined;
      if (detailsBody) {
        version = stringOrNull(detailsBody.litellm_version);
        db ??= stringOrNull(detailsBody.db);
      }
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  const reasons: string[] = [];
  const status = stringOrNull(body.status);
  if (status !== null && status !== 'healthy' && status !== 'ok')
    reasons.push(`readiness status is '${status}'`);
  // "Not connected" means no database is configured (valid); "disconnected" means it is configured and down.
  if (db !== null && db.toLowerCase() === 'disconnected') reasons.push('database disconnected');
  if (degradedLatencyMs !== undefined && latencyMs > degradedLatencyMs) {
    reasons.push(`readiness took ${latencyMs} ms (threshold ${degradedLatencyMs} ms)`);
  }
  return reasons.length > 0
    ? { status: 'degraded', latencyMs, version, db, reason: reasons.join('; ') }
    : { status: 'healthy', latencyMs, version, db };
}

export function healthFromResult(
  result: FleetResult<ProbeOutcome>,
  checkedAt: string,
  lastSeen: Map<string, string>,
): WorkerHealth {
  if (result.ok) {
    const health: WorkerHealth = {
      workerId: result.workerId,
      status: result.value.status,
      latencyMs: result.value.latencyMs,
      version: result.value.version,
      db: result.value.db,
      checkedAt,
      lastSeenAt: checkedAt,
      since: checkedAt,
      reason: result.value.reason ?? null,
      source: 'probe',
    };
    if (result.value.reason) health.error = { kind: 'degraded', message: result.value.reason };
    return health;
  }
  const { kind, message } = ProbeFailedError.isInstance(result.error)
    ? result.error
    : serializeError(result.error);
  return {
    workerId: result.workerId,
    status: 'unreachable',
    latencyMs: null,
    version: null,
    db: null,
    checkedAt,
    lastSeenAt: lastSeen.get(result.workerId) ?? null,
    since: checkedAt,
    reason: message,
    source: 'probe',
    error: { kind, message },
  };
}
