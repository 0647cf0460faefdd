import { randomUUID } from 'node:crypto';
import {
  type ApplyResult,
  type DesiredState,
  type Plan,
  type PublicWorkerEntry,
  type SearchResult,
  serializeError,
} from '@llm-control-plane/sdk';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { type RouteDocs, route } from '../http/route-docs.js';
import { parseJsonBody, parseQuery } from '../http/validate.js';
import { healthView, WorkerHealthViewSchema } from './workers.js';

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

export const OverviewResponseSchema = z.object({
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
      counts: z.object({ keys: z.number(), teams: z.number(), users: z.number() }).nullable(),
      spend: z.number().nullable(),
      stale: z.boolean(),
      as_of: z.string().nullable(),
      error: SerializedErrorSchema.optional(),
    }),
  ),
  generated_at: z.string(),
});

export const OverviewQuerySchema = z.object({ workers: workerListParameter });

export const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, { error: 'q is required: a key alias, token, user id, e-mail, team id or alias' })
    .max(512),
  type: z.enum(['key', 'user', 'team', 'all']).default('all'),
  match: z.enum(['exact', 'contains']).default('contains'),
  workers: workerListParameter,
});

export const SearchResponseSchema = z.object({
  matches: z.array(
    z.object({ worker_id: z.string(), type: z.enum(['key', 'user', 'team']), item: z.unknown() }),
  ),
  failures: z.array(z.object({ worker_id: z.string(), error: SerializedErrorSchema })),
});

export const SpendQuerySchema = z
  .object({
    start: isoDate,
    end: isoDate,
    group_by: z.enum(['worker', 'team', 'model']).default('worker'),
    workers: workerListParameter,
  })
  .refine((value) => value.start <= value.end, { error: 'start must not be after end', path: ['start'] });

export const SpendResponseSchema = z.object({
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

export const PlanBodySchema = z.object({
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
            z.looseObject({
              resource: z.enum(['teams', 'models', 'budgets', 'keyPolicies']),
              action: z.enum(['create', 'update', 'noop']),
              id: z.string(),
              targetId: z.string().optional(),
              before: z.record(z.string(), z.unknown()).optional(),
              after: z.record(z.string(), z.unknown()).optional(),
            }),
          )
          .max(10_000),
      }),
    )
    .max(10_000),
});

export const ApplyBodySchema = z.object({
  plan: PlanSchema,
  on_failure: z.enum(['stop', 'continue']).default('stop'),
  max_parallel: z.number().int().min(1).max(64).optional(),
});

export const DriftQuerySchema = z.object({
  baseline: z.string().min(1, { error: 'baseline is required: the id of the reference worker' }),
  resources: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : value.split(',').map((item) => item.trim())))
    .pipe(z.array(z.enum(['models', 'teams', 'budgets', 'organizations', 'keyPolicies'])).optional()),
  workers: workerListParameter,
});

type OverviewMemory = {
  counts: { keys: number; teams: number; users: number } | null;
  spend: number | null;
  asOf: string | null;
};

/** Ids of readable workers, narrowed to the requested ones; unknown requested ids are reported. */
function selectReadable(
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

function selectorOf(entries: PublicWorkerEntry[]): string[] {
  return entries.map((entry) => entry.worker_id);
}

function thirtyDaysBack(now: number): { start: string; end: string } {
  const end = new Date(now);
  const start = new Date(now - 29 * 86_400_000);
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** What one shared overview fan-out learned about each worker it asked (workers with a credential). */
type OverviewSnapshot = {
  takenAt: number;
  asOf: string;
  /** Every worker id the fan-out asked; a worker added since forces a new fan-out. */
  covered: Set<string>;
  rows: Map<string, { memory: OverviewMemory; fresh: boolean; failure?: { kind: string; message: string } }>;
};

export type FleetRouteOptions = {
  /**
   * How long one overview fan-out answers every caller, in milliseconds. Concurrent callers always share
   * the fan-out in flight; 0 disables the reuse of a finished one. @default 2000
   */
  overviewCacheMs?: number;
};

/** Fleet-wide views and changes over the SDK, always limited to the workers the caller may see. */
export function fleetRoutes(deps: AppDeps, docs: RouteDocs, options: FleetRouteOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const overviewCacheMs = options.overviewCacheMs ?? 2000;
  // Last answer per worker, so the overview can keep showing numbers (marked stale) for a worker that is down.
  const overviewMemory = new Map<string, OverviewMemory>();
  let overviewSnapshot: OverviewSnapshot | null = null;
  let overviewInFlight: Promise<OverviewSnapshot> | null = null;

  /**
   * One fan-out over every worker with a credential, shared by all callers whatever their scope (each
   * answer is filtered afterwards), so a dashboard opened by many users costs the workers one round.
   */
  async function takeOverviewSnapshot(): Promise<OverviewSnapshot> {
    // Browser-direct workers (no stored credential) cannot be asked by the server; only their health is known.
    const selector = deps.fleet
      .workers()
      .filter((entry) => entry.has_credential)
      .map((entry) => entry.worker_id);
    const [countResults, spend] = await Promise.all([
      deps.fleet.each(
        async ({ client, signal }) => {
          const [keys, teams, users] = await Promise.all([
            client.keys.list({ size: 1 }, { signal }),
            client.teams.list({}, { signal }),
            client.users.list({ page: 1, page_size: 1 }, { signal }),
          ]);
          return {
            keys: keys.total_count ?? keys.keys.length,
            teams: teams.length,
            users: users.total ?? users.users.length,
          };
        },
        { workers: selector },
      ),
      selector.length === 0
        ? Promise.resolve(null)
        : deps.fleet.spend({ ...thirtyDaysBack(deps.now()), groupBy: 'worker', workers: selector }),
    ]);
    const takenAt = deps.now();
    const asOf = new Date(takenAt).toISOString();
    const counts = new Map(countResults.map((result) => [result.workerId, result]));
    const spendByWorker = new Map((spend?.workers ?? []).map((row) => [row.workerId, row.spend]));
    const spendFailures = new Map((spend?.missing ?? []).map((row) => [row.workerId, row.error]));
    const rows: OverviewSnapshot['rows'] = new Map();
    for (const id of selector) {
      const previous = overviewMemory.get(id) ?? { counts: null, spend: null, asOf: null };
      const countResult = counts.get(id);
      const freshCounts = countResult?.ok ? countResult.value : null;
      const freshSpend = spendByWorker.get(id) ?? null;
      const failure =
        countResult && !countResult.ok
          ? serializeError(countResult.error)
          : (spendFailures.get(id) ?? undefined);
      const fresh = freshCounts !== null && freshSpend !== null;
      const memory: OverviewMemory = {
        counts: freshCounts ?? previous.counts,
        spend: freshSpend ?? previous.spend,
        asOf: fresh ? asOf : previous.asOf,
      };
      if (freshCounts !== null || freshSpend !== null) overviewMemory.set(id, memory);
      rows.set(id, {
        memory,
        fresh,
        ...(failure ? { failure: { kind: failure.kind, message: failure.message } } : {}),
      });
    }
    // Forget workers that left the registry.
    const known = new Set(deps.fleet.workers().map((entry) => entry.worker_id));
    for (const id of overviewMemory.keys()) if (!known.has(id)) overviewMemory.delete(id);
    return { takenAt, asOf, covered: new Set(selector), rows };
  }

  function overviewFor(needed: readonly string[]): Promise<OverviewSnapshot> {
    const snapshot = overviewSnapshot;
    if (
      snapshot !== null &&
      deps.now() - snapshot.takenAt < overviewCacheMs &&
      needed.every((id) => snapshot.covered.has(id))
    ) {
      return Promise.resolve(snapshot);
    }
    if (overviewInFlight === null) {
      const pending = takeOverviewSnapshot().then((taken) => {
        overviewSnapshot = taken;
        return taken;
      });
      overviewInFlight = pending;
      const clear = () => {
        if (overviewInFlight === pending) overviewInFlight = null;
      };
      pending.then(clear, clear);
    }
    return overviewInFlight;
  }

  route(
    app,
    docs,
    {
      method: 'get',
      path: '/api/v1/fleet/overview',
      tag: 'fleet',
      summary: 'Every visible worker with health, counts of keys, teams and users, and 30-day spend',
      description:
        'A worker that fails keeps its last known numbers with stale: true. Concurrent callers share one ' +
        'fan-out, and its result answers for a short time (2 s by default).',
      query: OverviewQuerySchema,
      response: OverviewResponseSchema,
    },
    async (context) => {
      const query = parseQuery(context, OverviewQuerySchema);
      const entries = selectReadable(deps, context.get('principal'), query.workers);
      const snapshot = await overviewFor(
        entries.filter((entry) => entry.has_credential).map((entry) => entry.worker_id),
      );
      const health = deps.fleet.lastHealth();
      const workers = entries.map((entry) => {
        const id = entry.worker_id;
        const known = snapshot.rows.get(id);
        const memory = known?.memory ?? overviewMemory.get(id) ?? { counts: null, spend: null, asOf: null };
        const fresh = known?.fresh ?? false;
        const workerHealth = health.get(id);
        const row: z.infer<typeof OverviewResponseSchema>['workers'][number] = {
          worker_id: id,
          name: entry.name,
          url: entry.url,
          region: entry.region ?? null,
          labels: entry.labels ?? {},
          has_credential: entry.has_credential,
          status: workerHealth?.status ?? 'unknown',
          latency_ms: workerHealth?.latencyMs ?? null,
          version: workerHealth?.version ?? null,
          last_seen_at: workerHealth?.lastSeenAt ?? null,
          checked_at: workerHealth?.checkedAt ?? null,
          counts: memory.counts,
          spend: memory.spend,
          stale: !fresh && (memory.counts !== null || memory.spend !== null),
          as_of: memory.asOf,
        };
        if (known?.failure) row.error = known.failure;
        return row;
      });
      return context.json({ workers, generated_at: snapshot.asOf });
    },
  );

  route(
    app,
    docs,
    {
      method: 'get',
      path: '/api/v1/fleet/health',
      tag: 'fleet',
      summary: 'Probe the visible workers now',
      query: OverviewQuerySchema,
      response: z.object({ workers: z.array(WorkerHealthViewSchema.extend({ worker_id: z.string() })) }),
    },
    async (context) => {
      const query = parseQuery(context, OverviewQuerySchema);
      const entries = selectReadable(deps, context.get('principal'), query.workers);
      const health = entries.length === 0 ? [] : await deps.fleet.health({ workers: selectorOf(entries) });
      return context.json({
        workers: health.map((row) => ({ worker_id: row.workerId, ...healthView(row) })),
      });
    },
  );

  route(
    app,
    docs,
    {
      method: 'get',
      path: '/api/v1/fleet/search',
      tag: 'fleet',
      summary: 'Find keys, users or teams across the visible workers',
      query: SearchQuerySchema,
      response: SearchResponseSchema,
    },
    async (context) => {
      const query = parseQuery(context, SearchQuerySchema);
      const entries = selectReadable(deps, context.get('principal'), query.workers);
      const result: z.infer<typeof SearchResponseSchema> = { matches: [], failures: [] };
      if (entries.length === 0) return context.json(result);
      const options = { workers: selectorOf(entries), match: query.match };
      const q = query.q;
      const searches: Promise<{ type: 'key' | 'user' | 'team'; found: SearchResult<unknown> }>[] = [];
      if (query.type === 'key' || query.type === 'all') {
        searches.push(
          deps.fleet.find
            .key(q.startsWith('sk-') ? { key: q } : { alias: q }, options)
            .then((found) => ({ type: 'key' as const, found })),
        );
        if (!q.startsWith('sk-') && /^[0-9a-f]{64}$/i.test(q)) {
          searches.push(
            deps.fleet.find.key({ token: q }, options).then((found) => ({ type: 'key' as const, found })),
          );
        }
      }
      if (query.type === 'user' || query.type === 'all') {
        searches.push(
          deps.fleet.find
            .user(q.includes('@') ? { email: q } : { userId: q }, options)
            .then((found) => ({ type: 'user' as const, found })),
        );
      }
      if (query.type === 'team' || query.type === 'all') {
        for (const teamQuery of [{ alias: q }, { teamId: q }]) {
          searches.push(
            deps.fleet.find.team(teamQuery, options).then((found) => ({ type: 'team' as const, found })),
          );
        }
      }
      const failed = new Set<string>();
      const seen = new Set<string>();
      for (const { type, found } of await Promise.all(searches)) {
        for (const match of found.matches) {
          const identity = `${type}:${match.workerId}:${JSON.stringify(match.item)}`;
          if (seen.has(identity)) continue;
          seen.add(identity);
          result.matches.push({ worker_id: match.workerId, type, item: match.item });
        }
        for (const failure of found.failures) {
          if (failed.has(failure.workerId)) continue;
          failed.add(failure.workerId);
          const error = serializeError(failure.error);
          result.failures.push({
            worker_id: failure.workerId,
            error: { kind: error.kind, message: error.message },
          });
        }
      }
      return context.json(result);
    },
  );

  route(
    app,
    docs,
    {
      method: 'get',
      path: '/api/v1/fleet/spend',
      tag: 'fleet',
      summary: 'Spend of the visible workers between two dates, grouped by worker, team or model',
      query: SpendQuerySchema,
      response: SpendResponseSchema,
    },
    async (context) => {
      const query = parseQuery(context, SpendQuerySchema);
      const entries = selectReadable(deps, context.get('principal'), query.workers);
      const empty: z.infer<typeof SpendResponseSchema> = {
        start: query.start,
        end: query.end,
        group_by: query.group_by,
        total: 0,
        currency: 'USD',
        rows: [],
        workers: [],
        missing: [],
      };
      if (entries.length === 0) return context.json(empty);
      const report = await deps.fleet.spend({
        start: query.start,
        end: query.end,
        groupBy: query.group_by,
        workers: selectorOf(entries),
      });
      const body: z.infer<typeof SpendResponseSchema> = {
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
        workers: report.workers.map((row) => ({
          worker_id: row.workerId,
          spend: row.spend,
          as_of: row.asOf,
        })),
        missing: report.missing.map((row) => ({
          worker_id: row.workerId,
          error: { kind: row.error.kind, message: row.error.message },
        })),
      };
      return context.json(body);
    },
  );

  route(
    app,
    docs,
    {
      method: 'post',
      path: '/api/v1/fleet/plan',
      tag: 'fleet',
      summary:
        'Compute the changes that would bring the visible workers to a desired state (changes nothing)',
      body: PlanBodySchema,
      responseDescription:
        'A Plan: { id, createdAt, desired, workers: [{ workerId, changes, error? }], summary }',
    },
    async (context) => {
      const body = await parseJsonBody(context, PlanBodySchema);
      const entries = selectReadable(deps, context.get('principal'), body.workers);
      const plan = await deps.fleet.plan(body.desired as DesiredState, { workers: selectorOf(entries) });
      return context.json(plan);
    },
  );

  route(
    app,
    docs,
    {
      method: 'post',
      path: '/api/v1/fleet/apply',
      tag: 'fleet',
      summary: 'Apply a plan; every worker touched is audited under one correlation id',
      description: 'Needs write access to every worker of the plan.',
      body: ApplyBodySchema,
      responseDescription:
        'An ApplyResult: { planId, status, workers: [{ workerId, status, changes, error? }], summary }',
    },
    async (context) => {
      const principal = context.get('principal');
      // Before the body, so that a viewer is refused whatever it sends.
      deps.access.requireAnyWrite(principal);
      const body = await parseJsonBody(context, ApplyBodySchema);
      const registry = new Map(deps.fleet.workers().map((entry) => [entry.worker_id, entry]));
      for (const workerPlan of body.plan.workers) {
        const entry = registry.get(workerPlan.workerId);
        if (entry === undefined) {
          throw new ApiError('worker_not_found', `Unknown worker '${workerPlan.workerId}' in the plan`, {
            workerId: workerPlan.workerId,
          });
        }
        deps.access.requireWrite(principal, entry);
      }
      const correlationId = randomUUID();
      const requestId = context.get('requestId');
      const result: ApplyResult = await deps.fleet.apply(body.plan as unknown as Plan, {
        onFailure: body.on_failure,
        ...(body.max_parallel === undefined ? {} : { maxParallel: body.max_parallel }),
      });
      for (const outcome of result.workers) {
        if (outcome.status === 'unchanged' || outcome.status === 'skipped') continue;
        await deps.audit.record({
          actor: principal.subject,
          workerId: outcome.workerId,
          action: 'fleet.apply',
          method: 'POST',
          path: '/api/v1/fleet/apply',
          target: result.planId,
          status: outcome.status === 'applied' ? 200 : outcome.status === 'partial' ? 207 : 502,
          requestId,
          correlationId,
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
      return context.json({ ...result, correlationId });
    },
  );

  route(
    app,
    docs,
    {
      method: 'get',
      path: '/api/v1/fleet/drift',
      tag: 'fleet',
      summary: 'Compare the visible workers with a baseline worker',
      query: DriftQuerySchema,
      responseDescription:
        'A DriftReport: { generatedAt, baseline, resources, workers: [{ workerId, inSync, differences }] }',
    },
    async (context) => {
      const query = parseQuery(context, DriftQuerySchema);
      const principal = context.get('principal');
      selectReadable(deps, principal, [query.baseline]);
      const entries = selectReadable(deps, principal, query.workers);
      const report = await deps.fleet.drift({
        baseline: query.baseline,
        workers: selectorOf(entries),
        ...(query.resources === undefined ? {} : { resources: query.resources }),
      });
      return context.json(report);
    },
  );

  return app;
}
