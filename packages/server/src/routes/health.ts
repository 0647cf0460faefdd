import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { createApiApp, route } from '../http/openapi-route.js';
import { packageVersion } from '../version.js';

const ReadinessSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  store: z.object({ kind: z.string(), status: z.enum(['ok', 'unavailable']) }),
  workers: z.object({
    total: z.number().int(),
    healthy: z.number().int(),
    degraded: z.number().int(),
    unreachable: z.number().int(),
    unknown: z.number().int(),
  }),
});

/** Liveness and readiness probes (no auth; no secrets). */
export function healthRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const version = packageVersion();

  route(
    app,

    {
      method: 'get',
      path: '/health/liveliness',
      tag: 'health',
      auth: false,
      summary: 'Liveness probe',
      responseDescription: `The text "I'm alive!"`,
      responseContentType: 'text/plain',
    },
    (context) => context.text("I'm alive!"),
  );

  route(
    app,

    {
      method: 'get',
      path: '/health/readiness',
      tag: 'health',
      auth: false,
      summary: "The control plane's own state and a summary of its workers",
      description: 'Answers 503 when the store is unusable.',
      response: ReadinessSchema,
    },
    async (context) => {
      let storeStatus: 'ok' | 'unavailable' = 'ok';
      try {
        await deps.store.ping();
      } catch (error) {
        storeStatus = 'unavailable';
        deps.logger.warn('store ping failed', { error });
      }
      const health = deps.fleet.lastHealth();
      const workers = { total: 0, healthy: 0, degraded: 0, unreachable: 0, unknown: 0 };
      for (const entry of deps.fleet.workers()) {
        workers.total += 1;
        const status = health.get(entry.worker_id)?.status;
        if (status === undefined) workers.unknown += 1;
        else workers[status] += 1;
      }
      const body: z.infer<typeof ReadinessSchema> = {
        status: storeStatus === 'ok' ? 'ok' : 'degraded',
        version,
        store: { kind: deps.store.kind, status: storeStatus },
        workers,
      };
      return context.json(body, storeStatus === 'ok' ? 200 : 503);
    },
  );
  return app;
}
