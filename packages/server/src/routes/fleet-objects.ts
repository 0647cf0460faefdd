import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ADMIN_KINDS, type AdminKind, type AdminPlan, type PublicWorkerEntry } from '@llm-control-plane/sdk';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { createApiApp, route, validBody, validQuery } from '../http/openapi-route.js';
import { writersOnly } from '../http/route-access.js';
import { requireWritablePlanWorkers, selectorOf, selectReadable } from './fleet.js';

const KIND_LIST = ADMIN_KINDS.join(', ');

const workerIds = z
  .string()
  .max(10_000)
  .optional()
  .transform((value) =>
    value
      ?.split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/** `env=prod,region=eu`: every pair must match the worker's labels. */
const labelSelector = z
  .string()
  .max(2_000)
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === '') return undefined;
    const labels: Record<string, string> = {};
    for (const pair of value.split(',')) {
      const [name, ...rest] = pair.split('=');
      if (!name?.trim() || rest.length === 0) {
        context.addIssue({
          code: 'custom',
          message: `labels must be name=value pairs separated by commas, got '${pair}'`,
        });
        return z.NEVER;
      }
      labels[name.trim()] = rest.join('=').trim();
    }
    return labels;
  });

const SelectionQuerySchema = z.object({ workers: workerIds, labels: labelSelector });

const ObjectsSearchQuerySchema = SelectionQuerySchema.extend({
  q: z.string().trim().min(1, { error: 'q is required: the object name to look for' }).max(512),
  match: z.enum(['exact', 'contains']).default('contains'),
});

const ObjectsDriftQuerySchema = SelectionQuerySchema.extend({
  baseline: z.string().min(1).optional(),
  names: workerIds,
});

const ObjectBody = z.record(z.string(), z.unknown());

const ObjectsPlanBodySchema = z.object({
  object: ObjectBody,
  workers: z.array(z.string().min(1)).max(10_000).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

const AdminPlanSchema = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(ADMIN_KINDS as unknown as [AdminKind, ...AdminKind[]]),
  name: z.string().min(1),
  object: ObjectBody,
  workers: z
    .array(z.looseObject({ workerId: z.string().min(1) }))
    .min(1)
    .max(10_000),
});

const ObjectsApplyBodySchema = z.object({ plan: AdminPlanSchema });

const SerializedError = z.object({ kind: z.string(), message: z.string() }).loose();

const WorkerOutcome = z.object({
  workerId: z.string(),
  status: z.enum(['ok', 'unavailable', 'error']),
  litellmVersion: z.string().optional(),
  reason: z.enum(['not_found', 'enterprise']).optional(),
  error: SerializedError.optional(),
});

const ObjectsListResponseSchema = z.object({
  kind: z.string(),
  workers: z.array(WorkerOutcome.extend({ items: z.array(z.record(z.string(), z.unknown())).optional() })),
});

const ObjectsDriftResponseSchema = z.object({
  kind: z.string(),
  generatedAt: z.string(),
  baseline: z.string().optional(),
  objects: z.array(
    z.object({
      name: z.string(),
      reference: z.string(),
      presentOn: z.array(z.string()),
      missingOn: z.array(z.string()),
      differing: z.array(
        z.object({
          workerId: z.string(),
          fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
        }),
      ),
      inSync: z.boolean(),
      summary: z.string(),
    }),
  ),
  workers: z.array(WorkerOutcome),
});

function kindOf(value: string | undefined): AdminKind {
  if (!ADMIN_KINDS.includes(value as AdminKind)) {
    throw new ApiError('not_found', `Unknown object kind '${value ?? ''}'; expected one of ${KIND_LIST}`);
  }
  return value as AdminKind;
}

/** Readable workers narrowed to the requested ids, then to those carrying every requested label. */
function selectWorkers(
  deps: AppDeps,
  principal: Principal,
  ids: string[] | undefined,
  labels: Record<string, string> | undefined,
): PublicWorkerEntry[] {
  const entries = selectReadable(deps, principal, ids);
  if (labels === undefined) return entries;
  return entries.filter((entry) =>
    Object.entries(labels).every(([name, value]) => entry.labels?.[name] === value),
  );
}

/** The SDK refuses malformed input (a nameless object, an unknown baseline) with a TypeError: a 400 here. */
async function invalidAsBadRequest<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TypeError) throw new ApiError('invalid_request', error.message);
    throw error;
  }
}

const KIND_PATH = '/api/v1/fleet/objects/:kind';
const KIND_NOTE = `kind is one of ${KIND_LIST}.`;

/** Route middleware: an unknown kind is 404 before the body is read. */
const knownKind: MiddlewareHandler<AppEnv> = (context, next) => {
  kindOf(context.req.param('kind'));
  return next();
};

/** The admin resource of the route's `:kind`. */
function objectsOf(deps: AppDeps, context: Context<AppEnv>) {
  return deps.fleet.admin(kindOf(context.req.param('kind')));
}

/** The route's validated query, the admin resource of its `:kind`, and the visible workers it selects. */
function selection<T extends z.ZodType<z.output<typeof SelectionQuerySchema>>>(
  deps: AppDeps,
  context: Context<AppEnv>,
  schema: T,
) {
  const query = validQuery(context, schema);
  const objects = objectsOf(deps, context);
  return {
    query,
    objects,
    entries: selectWorkers(deps, context.get('principal'), query.workers, query.labels),
  };
}

/** GET /api/v1/fleet/objects/:kind */
function listRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: KIND_PATH,
      tag: 'fleet',
      summary: 'Objects of one kind on every visible worker, one row per worker',
      description: `${KIND_NOTE} A worker whose LiteLLM lacks the feature answers status "unavailable" with its version.`,
      query: SelectionQuerySchema,
      response: ObjectsListResponseSchema,
    },
    async (context) => {
      const { objects, entries } = selection(deps, context, SelectionQuerySchema);
      if (entries.length === 0) return context.json({ kind: objects.kind, workers: [] });
      return context.json(await objects.list({ workers: selectorOf(entries) }));
    },
  );
}

/** GET /api/v1/fleet/objects/:kind/search */
function searchRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: `${KIND_PATH}/search`,
      tag: 'fleet',
      summary: 'Find objects of one kind by name across the visible workers',
      description: KIND_NOTE,
      query: ObjectsSearchQuerySchema,
      responseDescription: '{ kind, matches: [{ workerId, item }], workers: [{ workerId, status }] }',
    },
    async (context) => {
      const { query, objects, entries } = selection(deps, context, ObjectsSearchQuerySchema);
      if (entries.length === 0) return context.json({ kind: objects.kind, matches: [], workers: [] });
      return context.json(
        await objects.search(query.q, { workers: selectorOf(entries), match: query.match }),
      );
    },
  );
}

/** GET /api/v1/fleet/objects/:kind/drift */
function driftRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'get',
      path: `${KIND_PATH}/drift`,
      tag: 'fleet',
      summary: 'Where each object of one kind is, and how its settings differ, field by field',
      description: `${KIND_NOTE} Without a baseline each object is compared with its most common form.`,
      query: ObjectsDriftQuerySchema,
      response: ObjectsDriftResponseSchema,
    },
    async (context) => {
      const query = validQuery(context, ObjectsDriftQuerySchema);
      const objects = objectsOf(deps, context);
      const principal = context.get('principal');
      if (query.baseline !== undefined) selectReadable(deps, principal, [query.baseline]);
      const entries = selectWorkers(deps, principal, query.workers, query.labels);
      const workers = selectorOf(entries);
      if (query.baseline !== undefined && !workers.includes(query.baseline)) workers.unshift(query.baseline);
      const report = await invalidAsBadRequest(
        objects.drift({
          workers,
          ...(query.baseline === undefined ? {} : { baseline: query.baseline }),
          ...(query.names === undefined ? {} : { names: query.names }),
        }),
      );
      return context.json(report);
    },
  );
}

/** POST /api/v1/fleet/objects/:kind/plan (changes nothing) */
function planRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'post',
      path: `${KIND_PATH}/plan`,
      tag: 'fleet',
      summary: 'What putting one object on the selected workers would change (changes nothing)',
      description: `${KIND_NOTE} The plan holds no secret: secret fields read "[redacted]" and are never written.`,
      middleware: [knownKind],
      body: ObjectsPlanBodySchema,
      responseDescription:
        'An AdminPlan: { id, kind, name, object, secretFields, workers: [{ workerId, action, diff?, note? }], summary }',
    },
    async (context) => {
      const body = validBody(context, ObjectsPlanBodySchema);
      const entries = selectWorkers(deps, context.get('principal'), body.workers, body.labels);
      if (entries.length === 0)
        throw new ApiError('invalid_request', 'No visible worker matches the selection');
      return context.json(
        await invalidAsBadRequest(
          objectsOf(deps, context).plan(body.object, { workers: selectorOf(entries) }),
        ),
      );
    },
  );
}

/** POST /api/v1/fleet/objects/:kind/apply: one audit entry per worker changed, under one correlation id. */
function applyRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  route(
    app,
    {
      method: 'post',
      path: `${KIND_PATH}/apply`,
      tag: 'fleet',
      summary: 'Apply an object plan; every worker changed is audited under one correlation id',
      description: `${KIND_NOTE} Needs write access to every worker of the plan. Each worker is read again first, so applying twice changes nothing.`,
      middleware: [writersOnly(deps), knownKind],
      body: ObjectsApplyBodySchema,
      responseDescription:
        'An AdminApplyResult: { planId, kind, name, status, workers: [{ workerId, status, note?, error? }], summary }',
    },
    async (context) => {
      const principal = context.get('principal');
      const objects = objectsOf(deps, context);
      const { plan } = validBody(context, ObjectsApplyBodySchema);
      if (plan.kind !== objects.kind) {
        throw new ApiError('invalid_request', `The plan is for ${plan.kind}, not ${objects.kind}`);
      }
      requireWritablePlanWorkers(
        deps,
        principal,
        plan.workers.map((worker) => worker.workerId),
      );
      const result = await objects.apply(plan as unknown as AdminPlan);
      const correlationId = randomUUID();
      for (const outcome of result.workers) {
        if (outcome.status !== 'applied' && outcome.status !== 'failed') continue;
        await deps.audit.record({
          actor: principal.subject,
          workerId: outcome.workerId,
          action: 'fleet.objects.apply',
          method: 'POST',
          path: `/api/v1/fleet/objects/${objects.kind}/apply`,
          target: `${objects.kind}/${result.name}`,
          status: outcome.status === 'applied' ? 200 : 502,
          requestId: context.get('requestId'),
          correlationId,
          detail: {
            planId: result.planId,
            status: outcome.status,
            action: outcome.action,
            error: outcome.error,
          },
        });
      }
      return context.json({ ...result, correlationId });
    },
  );
}

/**
 * MCP servers, guardrails, vector stores, agents, prompts, tags, credentials and search tools across the
 * workers the caller may see. Secrets never appear: LiteLLM masks them and these routes redact them.
 */
export function fleetObjectRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  listRoute(app, deps);
  searchRoute(app, deps);
  driftRoute(app, deps);
  planRoute(app, deps);
  applyRoute(app, deps);
  return app;
}
