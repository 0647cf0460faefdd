import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv, AuditLog } from '../app-context.js';
import { ApiError } from '../errors.js';
import { nodeResponseOf } from '../http/node-response.js';
import { createApiApp, route } from '../http/openapi-route.js';
import { isSafeMethod } from '../http/security.js';
import type { ControlPlaneMetrics } from '../metrics/metrics.js';

/**
 * GET /metrics in the Prometheus text format. It needs a credential of an unscoped principal (any role:
 * the series name every worker), unless `general_settings.metrics_public` is true.
 */
export function metricsRoutes(
  deps: AppDeps,
  options: { metrics: ControlPlaneMetrics; authenticate: MiddlewareHandler<AppEnv> },
): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const isPublic = deps.config.general_settings?.metrics_public === true;
  if (!isPublic) {
    app.use('/metrics', options.authenticate, async (context, next) => {
      const principal = context.get('principal');
      if (principal.scope !== null) {
        throw new ApiError(
          'forbidden',
          'Metrics cover every worker: they need a principal without a worker scope (or metrics_public: true)',
        );
      }
      await next();
    });
  }
  route(
    app,
    {
      method: 'get',
      path: '/metrics',
      tag: 'metrics',
      auth: !isPublic,
      summary: 'Prometheus metrics: worker health, relay traffic, fleet operations, audit, logins, process',
      responseContentType: options.metrics.contentType,
      responseDescription: 'Prometheus text exposition format 0.0.4',
    },
    async (context) => {
      const body = await options.metrics.render();
      // 'finish': the last byte was handed to the socket, which until then reads the body's memory.
      nodeResponseOf(context)?.once('finish', () => body.release());
      return context.body(body.bytes, 200, {
        'content-type': options.metrics.contentType,
        'cache-control': 'no-store',
      });
    },
  );
  return app;
}

/** Only registered ids become label values, so made-up ids cannot grow the series count. */
function registeredWorker(deps: AppDeps, requested: string): string {
  try {
    return deps.fleet.worker(requested).entry.worker_id;
  } catch {
    return 'unknown';
  }
}

/** Counts relayed calls; registered in front of the relay routes, it adds two clock reads per call. */
export function relayMetrics(deps: AppDeps, metrics: ControlPlaneMetrics): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const started = performance.now();
    await next();
    countRelay(deps, metrics, {
      workerId: context.req.param('workerId') ?? '',
      method: context.req.method,
      status: context.res.status,
      started,
    });
  };
}

/** Counts one answered relay call; `started` is `performance.now()` once the caller was authenticated. */
export function countRelay(
  deps: AppDeps,
  metrics: ControlPlaneMetrics,
  call: { workerId: string; method: string; status: number; started: number },
): void {
  metrics.relay(
    registeredWorker(deps, call.workerId),
    !isSafeMethod(call.method),
    call.status,
    (performance.now() - call.started) / 1000,
  );
}

const FLEET_PREFIX = '/api/v1/fleet/';

/**
 * Counts fleet-wide operations by the last path segment (`overview`, `plan`, ...). Registered on `/api/*`
 * rather than on a fleet pattern of its own, which would list a route that answers nothing.
 */
export function fanOutMetrics(metrics: ControlPlaneMetrics): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const path = context.req.path;
    if (!path.includes(FLEET_PREFIX)) return next();
    await next();
    metrics.fanOut(path.slice(path.lastIndexOf('/') + 1), context.res.status);
  };
}

/** Counts password logins: 2xx succeeded, 401 and 429 failed; malformed requests are not attempts. */
export function loginMetrics(metrics: ControlPlaneMetrics): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    await next();
    if (context.req.method !== 'POST') return;
    const status = context.res.status;
    if (status < 300) metrics.login('password', true);
    else if (status === 401 || status === 429) metrics.login('password', false);
  };
}

/** The audit log, counting stored and lost entries. */
export function countedAuditLog(audit: AuditLog, metrics: ControlPlaneMetrics): AuditLog {
  return {
    async record(entry) {
      const stored = await audit.record(entry);
      metrics.auditWrite(stored !== null);
      return stored;
    },
  };
}
