import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApplyResult, DesiredState, Plan, PublicWorkerEntry, SpendReport } from '@llm-control-plane/sdk';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { createApiApp, route, validBody, validQuery } from '../http/openapi-route.js';
import { writersOnly } from '../http/route-access.js';
import {
  ApplyResponseSchema,
  DriftResponseSchema,
  PlannedChangeSchema,
  PlanResponseSchema,
} from './fleet-results.js';
import { entryFields, HealthSourceSchema, healthView, WorkerHealthViewSchema } from './workers.js';

const SerializedErrorSchema = z.object({ kind: z.string(), message: z.string() });

/**
 * `workers=a,b`: comma-separated worker ids, each percent-encoded within the list (`encodeURIComponent`), so an
 * id holding `,` or `%` (LiteLLM allows any string) is written `EU%2C1` inside the list. Plain ids need no encoding.
 */
const workerListParameter = z
  .string()
  .max(10_000)
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    const ids: string[] = [];
    for (const item of value.split(',').map((part) => part.trim())) {
      if (item === '') continue;
      try {
        ids.push(decodeURIComponent(item));
      } catch {
        context.addIssue({
          code: 'custom',
          message: `worker id "${item}" is not valid percent-encoding: encode each id with encodeURIComponent`,
          input: undefined,
        });
        return z.NEVER;
      }
    }
    return ids;
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      error: 'must be a real calendar date (YYYY-MM-DD)',
    },
  );

const OverviewResponseSchema = z.object({
  workers: z.array(
    z.object({
      worker_id: z.string(),
      name: z.string(),
      url: z.string(),
      region: z.string().nullable(),
      labels: z.record(z.string(), z.string()),
      has_credential: z.boolean(),
      status: z.enum(['healthy', 'degraded', 'unreachable', 'unknown']),
      latency_ms: z.number().nullable(),
      version: z.string().nullable(),
      last_seen_at: z.string().nullable(),
      checked_at: z.string().nullable(),
      since: z.string().nullable(),
      reason: z.string().nullable(),
      source: HealthSourceSchema.nullable(),
      counts: z.object({ keys: z.number(), teams: z.number(), users: z.number() }).nullable(),
      spend: z.number().nullable(),
      stale: z.boolean(),
      as_of: z.string().nullable(),
      error: SerializedErrorSchema.optional(),
    }),
  ),
  generated_at: z.string(),
});

const OverviewQuerySchema = z.object({ workers: workerListParameter });

const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, { error: 'q is required: a key alias, token, user id, e-mail, team id or alias' })
    .max(512),
  type: z.enum(['key', 'user', 'team', 'all']).default('all'),
  match: z.enum(['exact', 'contains']).default('contains'),
  workers: workerListParameter,
});

const SearchResponseSchema = z.object({
  matches: z.array(
    z.object({ worker_id: z.string(), type: z.enum(['key', 'user', 'team']), item: z.unknown() }),
  ),
  failures: z.array(z.object({ worker_id: z.string(), error: SerializedErrorSchema })),
});

const SpendQuerySchema = z
  .object({
    start: isoDate,
    end: isoDate,
    group_by: z.enum(['worker', 'team', 'model']).default('worker'),
    workers: workerListParameter,
  })
  .refine((value) => value.start <= value.end, { error: 'start must not be after end', path: ['start'] });

const SpendResponseSchema = z.object({
  start: z.string(),
  end: z.string(),
  group_by: z.enum(['worker', 'team', 'model']),
  total: z.number(),
  currency: z.literal('USD'),
  rows: z.array(
    z.object({ key: z.string(), label: z.string(), spend: z.number(), worker_ids: z.array(z.string()) }),
  ),
  workers: z.array(z.object({ worker_id: z.string(), spend: z.number(), as_of: z.string() })),
  missing: z.array(z.object({ worker_id: z.string(), error: SerializedErrorSchema })),
});

const DesiredStateSchema = z.looseObject({
  teams: z.array(z.looseObject({ team_alias: z.string().min(1) })).optional(),
  models: z
    .array(
      z.looseObject({
        model_name: z.string().min(1),
        litellm_params: z.looseObject({ model: z.string().min(1) }),
      }),
    )
    .optional(),
  budgets: z.array(z.looseObject({ budget_id: z.string().min(1) })).optional(),
  keyPolicies: z.array(z.looseObject({ key_alias: z.string().min(1) })).optional(),
  organizations: z.array(z.looseObject({ organization_alias: z.string().min(1) })).optional(),
});

const PlanBodySchema = z.object({
  desired: DesiredStateSchema,
  workers: z.array(z.string().min(1)).max(10_000).optional(),
});

const PlanSchema = z.looseObject({
  id: z.string().min(1),
  createdAt: z.string(),
  desired: DesiredStateSchema,
  workers: z
    .array(
      z.looseObject({
        workerId: z.string().min(1),
        changes: z
          .array(
            PlannedChangeSchema.pick({
              resource: true,
              action: true,
              id: true,
              targetId: true,
              before: true,
              after: true,
            }).loose(),
          )
          .max(10_000),
      }),
    )
    .max(10_000),
});

const ApplyBodySchema = z.object({
  plan: PlanSchema,
  on_failure: z.enum(['stop', 'continue']).default('stop'),
  max_parallel: z.number().int().min(1).max(64).optional(),
});

const DriftQuerySchema = z.object({
  baseline: z.string().min(1, { error: 'baseline is required: the id of the reference worker' }),
  resources: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : value.split(',').map((item) => item.trim())))
    .pipe(z.array(z.enum(['models', 'teams', 'budgets', 'organizations', 'keyPolicies'])).optional()),
  workers: workerListParameter,
});

/** Ids of readable workers, narrowed to the requested ones; unknown requested ids are reported. */
export function selectReadable(
  deps: AppDeps,
  principal: Principal,
  requested: string[] | undefined,
): PublicWorkerEntry[] {
  const readable = deps.access.filterWorkers(principal, deps.fleet.workers());
  if (requested === undefined) return readable;
  const byId = new Map(readable.map((entry) => [entry.worker_id, entry]));
  return requested.map((id) => {
    const entry = byId.get(id);
    if (entry === undefined)
      throw new ApiError('worker_not_found', `Unknown worker '${id}'`, { workerId: id });
    return entry;
  });
}

export function selectorOf(entries: PublicWorkerEntry[]): string[] {
  return entries.map((entry) => entry.worker_id);
}

/** The validated query of a route and the caller's readable workers it names (all of them when none). */
function queriedWorkers<T extends z.ZodType<{ workers?: string[] | undefined }>>(
  deps: AppDeps,
  context: Context<AppEnv>,
  schema: T,
): { query: z.output<T>; entries: PublicWorkerEntry[] } {
  const query = validQuery(context, schema);
  return { query, entries: selectReadable(deps, context.get('principal'), query.workers) };
}

/** Throws unless the caller may change every worker a plan names (an unknown one is 404). */
export function requireWritablePlanWorkers(deps: AppDeps, principal: Principal, workerIds: string[]): void {
  const registry = new Map(deps.fleet.workers().map((entry) => [entry.worker_id, entry]));
  for (const workerId of workerIds) {
    const entry = registry.get(workerId);
    if (entry === undefined) {
      throw new ApiError('worker_not_found', `Unknown worker '${workerId}' in the plan`, { workerId });
    }
    deps.access.requireWrite(principal, entry);
  }
}

export type FleetRouteOptions = {
  /**
   * How long one overview fan-out answers every caller, in milliseconds. Concurrent callers always share
   * the fan-out in flight; 0 disables the reuse of a finished one. @default 2000
   */
  overviewCacheMs?: number;
};

type OverviewWorker = z.infer<typeof OverviewResponseSchema>['workers'][number];

/** GET /api/v1/fleet/overview: the SDK's shared overview round, narrowed to the caller's workers. */
function overviewRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, options: FleetRouteOptions): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/fleet/overview',
      tag: 'fleet',
      summary: 'Every visible worker with health, counts of keys, teams and users, and 30-day spend',
      description:
        'Status comes from the freshest signal (a probe, or any call the control plane made), with since, ' +
        'reason and source. A worker that fails keeps its last known numbers with stale: true. Concurrent callers share one ' +
        'fan-out, and its result answers for a short time (2 s by default).',
      query: OverviewQuerySchema,
      response: OverviewResponseSchema,
    },
    async (context) => {
      const { entries } = queriedWorkers(deps, context, OverviewQuerySchema);
      const overview = await deps.fleet.overview({
        workers: selectorOf(entries),
        maxAgeMs: options.overviewCacheMs ?? 2000,
      });
      const rows = new Map(overview.workers.map((row) => [row.workerId, row]));
      const health = deps.fleet.lastHealth();
      const workers = entries.map((entry): OverviewWorker => {
        const row = rows.get(entry.worker_id);
        const workerHealth = health.get(entry.worker_id);
        return {
          ...entryFields(entry),
          has_credential: entry.has_credential,
          status: workerHealth?.status ?? 'unknown',
          latency_ms: workerHealth?.latencyMs ?? null,
          version: workerHealth?.version ?? null,
          last_seen_at: workerHealth?.lastSeenAt ?? null,
          checked_at: workerHealth?.checkedAt ?? null,
          since: workerHealth?.since ?? null,
          reason: workerHealth?.reason ?? null,
          source: workerHealth?.source ?? null,
          counts: row?.counts ?? null,
          spend: row?.spend ?? null,
          stale: row?.stale ?? false,
          as_of: row?.asOf ?? null,
          ...(row?.error === undefined ? {} : { error: row.error }),
        };
      });
      return context.json({ workers, generated_at: overview.generatedAt });
    },
  );
}

/** GET /api/v1/fleet/health: probes the caller's workers now. */
function healthRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/fleet/health',
      tag: 'fleet',
      summary: 'Probe the visible workers now',
      query: OverviewQuerySchema,
      response: z.object({ workers: z.array(WorkerHealthViewSchema.extend({ worker_id: z.string() })) }),
    },
    async (context) => {
      const { entries } = queriedWorkers(deps, context, OverviewQuerySchema);
      const health = entries.length === 0 ? [] : await deps.fleet.health({ workers: selectorOf(entries) });
      return context.json({
        workers: health.map((row) => ({ worker_id: row.workerId, ...healthView(row) })),
      });
    },
  );
}

/** GET /api/v1/fleet/search: the SDK's free-text search over the caller's workers. */
function searchRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/fleet/search',
      tag: 'fleet',
      summary: 'Find keys, users or teams across the visible workers',
      query: SearchQuerySchema,
      response: SearchResponseSchema,
    },
    async (context) => {
      const { query, entries } = queriedWorkers(deps, context, SearchQuerySchema);
      if (entries.length === 0) return context.json({ matches: [], failures: [] });
      const found = await deps.fleet.search(query.q, {
        type: query.type,
        match: query.match,
        workers: selectorOf(entries),
      });
      const body: z.infer<typeof SearchResponseSchema> = {
        matches: found.matches.map((match) => ({
          worker_id: match.workerId,
          type: match.type,
          item: match.item,
        })),
        failures: found.failures.map((failure) => ({
          worker_id: failure.workerId,
          error: { kind: failure.error.kind, message: failure.error.message },
        })),
      };
      return context.json(body);
    },
  );
}

/** The wire form of an SDK spend report. */
function spendBody(report: SpendReport): z.infer<typeof SpendResponseSchema> {
  return {
    start: report.start,
    end: report.end,
    group_by: report.groupBy,
    total: report.total,
    currency: report.currency,
    rows: report.rows.map((row) => ({
      key: row.key,
      label: row.label,
      spend: row.spend,
      worker_ids: row.workerIds,
    })),
    workers: report.workers.map((row) => ({ worker_id: row.workerId, spend: row.spend, as_of: row.asOf })),
    missing: report.missing.map((row) => ({
      worker_id: row.workerId,
      error: { kind: row.error.kind, message: row.error.message },
    })),
  };
}

/** GET /api/v1/fleet/spend: the SDK's spend report over the caller's workers. */
function spendRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/fleet/spend',
      tag: 'fleet',
      summary: 'Spend of the visible workers between two dates, grouped by worker, team or model',
      query: SpendQuerySchema,
      response: SpendResponseSchema,
    },
    async (context) => {
      const { query, entries } = queriedWorkers(deps, context, SpendQuerySchema);
      if (entries.length === 0) {
        return context.json({
          start: query.start,
          end: query.end,
          group_by: query.group_by,
          total: 0,
          currency: 'USD',
          rows: [],
          workers: [],
          missing: [],
        } satisfies z.infer<typeof SpendResponseSchema>);
      }
      const report = await deps.fleet.spend({
        start: query.start,
        end: query.end,
        groupBy: query.group_by,
        workers: selectorOf(entries),
      });
      return context.json(spendBody(report));
    },
  );
}

/** POST /api/v1/fleet/plan: the SDK's plan over the caller's workers (changes nothing). */
function planRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/fleet/plan',
      tag: 'fleet',
      summary:
        'Compute the changes that would bring the visible workers to a desired state (changes nothing)',
      body: PlanBodySchema,
      response: PlanResponseSchema,
    },
    async (context) => {
      const body = validBody(context, PlanBodySchema);
      const entries = selectReadable(deps, context.get('principal'), body.workers);
      const plan = await deps.fleet.plan(body.desired as DesiredState, { workers: selectorOf(entries) });
      return context.json(plan satisfies z.input<typeof PlanResponseSchema>);
    },
  );
}

/** One audit entry per worker an apply changed (or failed to), under the apply's correlation id. */
async function auditApply(
  deps: AppDeps,
  result: ApplyResult,
  entry: { actor: string; requestId: string; correlationId: string },
): Promise<void> {
  for (const outcome of result.workers) {
    if (outcome.status === 'unchanged' || outcome.status === 'skipped') continue;
    await deps.audit.record({
      actor: entry.actor,
      workerId: outcome.workerId,
      action: 'fleet.apply',
      method: 'POST',
      path: '/api/v1/fleet/apply',
      target: result.planId,
      status: outcome.status === 'applied' ? 200 : outcome.status === 'partial' ? 207 : 502,
      requestId: entry.requestId,
      correlationId: entry.correlationId,
      detail: {
        status: outcome.status,
        changes: outcome.changes
          .filter((change) => change.status !== 'unchanged')
          .map((change) => ({
            resource: change.resource,
            action: change.action,
            id: change.id,
            status: change.status,
          })),
        error: outcome.error,
      },
    });
  }
}

/** POST /api/v1/fleet/apply: the SDK's apply, after a write check on every worker of the plan. */
function applyRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/fleet/apply',
      tag: 'fleet',
      summary: 'Apply a plan; every worker touched is audited under one correlation id',
      description: 'Needs write access to every worker of the plan.',
      middleware: [writersOnly(deps)],
      body: ApplyBodySchema,
      response: ApplyResponseSchema,
    },
    async (context) => {
      const principal = context.get('principal');
      const body = validBody(context, ApplyBodySchema);
      requireWritablePlanWorkers(
        deps,
        principal,
        body.plan.workers.map((worker) => worker.workerId),
      );
      const correlationId = randomUUID();
      const result: ApplyResult = await deps.fleet.apply(body.plan as unknown as Plan, {
        onFailure: body.on_failure,
        ...(body.max_parallel === undefined ? {} : { maxParallel: body.max_parallel }),
      });
      await auditApply(deps, result, {
        actor: principal.subject,
        requestId: context.get('requestId'),
        correlationId,
      });
      return context.json({ ...result, correlationId } satisfies z.input<typeof ApplyResponseSchema>);
    },
  );
}

/** GET /api/v1/fleet/drift: the SDK's drift report of the caller's workers against a baseline. */
function driftRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/v1/fleet/drift',
      tag: 'fleet',
      summary: 'Compare the visible workers with a baseline worker',
      query: DriftQuerySchema,
      response: DriftResponseSchema,
    },
    async (context) => {
      const query = validQuery(context, DriftQuerySchema);
      const principal = context.get('principal');
      selectReadable(deps, principal, [query.baseline]);
      const entries = selectReadable(deps, principal, query.workers);
      const report = await deps.fleet.drift({
        baseline: query.baseline,
        workers: selectorOf(entries),
        ...(query.resources === undefined ? {} : { resources: query.resources }),
      });
      return context.json(report satisfies z.input<typeof DriftResponseSchema>);
    },
  );
}

/** Fleet-wide views and changes over the SDK, always limited to the workers the caller may see. */
export function fleetRoutes(deps: AppDeps, options: FleetRouteOptions = {}): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  overviewRoute(app, deps, options);
  healthRoute(app, deps);
  searchRoute(app, deps);
  spendRoute(app, deps);
  planRoute(app, deps);
  applyRoute(app, deps);
  driftRoute(app, deps);
  return app;
}
