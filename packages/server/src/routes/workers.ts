import type { OpenAPIHono } from '@hono/zod-openapi';
import { browserLoginSupport, workerIdProblem } from '@llm-control-plane/core';
import type { PublicWorkerEntry, WorkerHealth } from '@llm-control-plane/sdk';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';
import { createApiApp, route, validParams } from '../http/openapi-route.js';

/** A worker id as LiteLLM accepts it; the path carries it percent-encoded and the router decodes it. */
export const WorkerIdParamsSchema = z.object({
  workerId: z.string().superRefine((value, context) => {
    const problem = workerIdProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem, input: undefined });
  }),
});

export const HealthSourceSchema = z.enum(['probe', 'relay', 'fan-out', 'overview']);

export const WorkerHealthViewSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'unreachable']),
  latency_ms: z.number().nullable(),
  version: z.string().nullable(),
  db: z.string().nullable(),
  checked_at: z.string(),
  last_seen_at: z.string().nullable(),
  /** When the worker entered this status. */
  since: z.string(),
  /** Why it is not healthy; null when healthy. */
  reason: z.string().nullable(),
  /** The signal that set the status: a probe or a call (relay, fan-out, overview). */
  source: HealthSourceSchema,
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
});

export const WorkerViewSchema = z.object({
  worker_id: z.string(),
  name: z.string(),
  url: z.string(),
  region: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  timeout_ms: z.number().nullable(),
  source: z.enum(['config', 'runtime']),
  has_credential: z.boolean(),
  /** Same as has_credential: the control plane manages the worker; otherwise the UI logs in browser-direct. */
  managed: z.boolean(),
  status: z.enum(['healthy', 'degraded', 'unreachable', 'unknown']),
  latency_ms: z.number().nullable(),
  version: z.string().nullable(),
  last_seen_at: z.string().nullable(),
  circuit: z.enum(['closed', 'open', 'half-open']),
  health: WorkerHealthViewSchema.nullable(),
  /**
   * Whether a browser can log in to the worker itself, from its LiteLLM version (null while unknown):
   * matters only for workers the control plane holds no credential for.
   */
  browser_login: z.object({ possible: z.boolean().nullable(), note: z.string().nullable() }),
});

export type WorkerView = z.infer<typeof WorkerViewSchema>;

export function healthView(health: WorkerHealth): z.infer<typeof WorkerHealthViewSchema> {
  const view: z.infer<typeof WorkerHealthViewSchema> = {
    status: health.status,
    latency_ms: health.latencyMs,
    version: health.version,
    db: health.db,
    checked_at: health.checkedAt,
    last_seen_at: health.lastSeenAt,
    since: health.since,
    reason: health.reason,
    source: health.source,
  };
  if (health.error) view.error = { kind: health.error.kind, message: health.error.message };
  return view;
}

/** The fields every worker view starts with. */
export function entryFields(entry: PublicWorkerEntry): {
  worker_id: string;
  name: string;
  url: string;
  region: string | null;
  labels: Record<string, string>;
} {
  return {
    worker_id: entry.worker_id,
    name: entry.name,
    url: entry.url,
    region: entry.region ?? null,
    labels: entry.labels ?? {},
  };
}

/** The public view of a worker: registry entry, origin, live health. Never a credential. */
export function workerView(deps: AppDeps, entry: PublicWorkerEntry): WorkerView {
  const health = deps.fleet.lastHealth().get(entry.worker_id) ?? null;
  const fromConfig = (deps.config.worker_registry ?? []).some((item) => item.worker_id === entry.worker_id);
  return {
    ...entryFields(entry),
    timeout_ms: entry.timeout_ms ?? null,
    source: fromConfig ? 'config' : 'runtime',
    has_credential: entry.has_credential,
    managed: entry.has_credential,
    status: health?.status ?? 'unknown',
    latency_ms: health?.latencyMs ?? null,
    version: health?.version ?? null,
    last_seen_at: health?.lastSeenAt ?? null,
    circuit: deps.fleet.circuitState(entry.worker_id),
    health: health === null ? null : healthView(health),
    browser_login: browserLoginSupport(health?.version),
  };
}

/** Looks up a worker the principal may read; unknown and out-of-scope workers are both 404. */
export function readableWorker(
  deps: AppDeps,
  principal: Parameters<AppDeps['access']['canRead']>[0],
  workerId: string,
) {
  let entry: PublicWorkerEntry | undefined;
  try {
    entry = deps.fleet.worker(workerId).entry;
  } catch {
    entry = undefined;
  }
  if (entry === undefined || !deps.access.canRead(principal, entry)) {
    throw new ApiError('worker_not_found', `Unknown worker '${workerId}'`, { workerId });
  }
  return entry;
}

/** GET /api/v1/workers and GET /api/v1/workers/:workerId (the writes live in the registry routes). */
export function workerRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  route(
    app,

    {
      method: 'get',
      path: '/api/v1/workers',
      tag: 'workers',
      summary: 'Workers the caller may see, with live status',
      response: z.object({ workers: z.array(WorkerViewSchema) }),
    },
    (context) => {
      const principal = context.get('principal');
      const workers = deps.access
        .filterWorkers(principal, deps.fleet.workers())
        .map((entry) => workerView(deps, entry));
      return context.json({ workers });
    },
  );
  route(
    app,

    {
      method: 'get',
      path: '/api/v1/workers/:workerId',
      tag: 'workers',
      summary: 'One worker with live status',
      params: WorkerIdParamsSchema,
      response: WorkerViewSchema,
    },
    (context) => {
      const { workerId } = validParams(context, WorkerIdParamsSchema);
      const entry = readableWorker(deps, context.get('principal'), workerId);
      return context.json(workerView(deps, entry));
    },
  );
  return app;
}
