import type { OpenAPIHono } from '@hono/zod-openapi';
import { validateWorkerUrl, type WorkerRegistryEntry, workerIdProblem } from '@llm-control-plane/core';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';
import { auditedAdminWrite } from '../http/audited.js';
import { createApiApp, route, validBody, validParams } from '../http/openapi-route.js';
import {
  type CredentialSecrets,
  createCredentialSecrets,
  credentialSecretFrom,
} from '../registry/secrets.js';
import type { RegistrySync } from '../registry/sync.js';
import type { StoredWorker, StoredWorkerPatch } from '../storage/types.js';
import { WorkerIdParamsSchema, WorkerViewSchema, workerView } from './workers.js';

const LabelsSchema = z
  .record(
    z.string().min(1, { error: 'label names must not be empty' }).max(63),
    z.string().max(256, { error: 'label values are at most 256 characters' }),
  )
  .refine((labels) => Object.keys(labels).length <= 32, { error: 'at most 32 labels' });

const nameSchema = z.string().trim().min(1, { error: 'name must not be empty' }).max(200);
const urlSchema = z.string().min(1, { error: 'url is required' }).max(2048);
const regionSchema = z.string().trim().min(1, { error: 'region must not be empty' }).max(64);
const timeoutSchema = z.number().int({ error: 'timeout_ms must be a whole number' }).min(1).max(600_000);
const apiKeySchema = z
  .string()
  .min(1, { error: 'api_key must not be empty' })
  .max(16 * 1024);

const CreateWorkerBodySchema = z.strictObject({
  worker_id: z.string(),
  name: nameSchema,
  url: urlSchema,
  /** Credential the control plane uses to manage the worker; stored encrypted, never returned. */
  api_key: apiKeySchema.optional(),
  region: regionSchema.optional(),
  labels: LabelsSchema.optional(),
  timeout_ms: timeoutSchema.optional(),
});

/** Omitted fields stay as they are; `null` clears an optional field (api_key: null removes the credential). */
const UpdateWorkerBodySchema = z
  .strictObject({
    name: nameSchema.optional(),
    url: urlSchema.optional(),
    api_key: apiKeySchema.nullable().optional(),
    region: regionSchema.nullable().optional(),
    labels: LabelsSchema.nullable().optional(),
    timeout_ms: timeoutSchema.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'send at least one field to change',
  });

const DeleteWorkerResponseSchema = z.object({ worker_id: z.string(), deleted: z.literal(true) });

export type RegistryRouteOptions = {
  /**
   * Encrypts credentials before they are stored. Default: derived from `general_settings.secret_key`,
   * else `master_key`; pass the same secrets the registry sync decrypts with.
   */
  secrets?: CredentialSecrets;
  /** When given, a change is applied through the sync (the same path other replicas take). */
  sync?: RegistrySync;
};

/** What the three registry routes share: checks, encryption and the hand-over to the fleet. */
type Registry = {
  checkUrl(url: string): string;
  encrypt(apiKey: string, workerId: string): string;
  /** Route middleware: a worker of the config file (the `:workerId` parameter) is read-only here (409). */
  refuseConfigWorker: MiddlewareHandler<AppEnv>;
  /** The fleet entry of a stored worker; the credential is decrypted only to hand it to the fleet. */
  fleetEntry(worker: StoredWorker, apiKey: string | undefined): WorkerRegistryEntry;
  /** Makes this replica see the change now; other replicas pick it up from the registry version. */
  applyToFleet(change: () => void): Promise<void>;
  view(workerId: string): ReturnType<typeof workerView>;
  configIds: ReadonlySet<string>;
};

function createRegistry(deps: AppDeps, options: RegistryRouteOptions): Registry {
  const configIds = new Set((deps.config.worker_registry ?? []).map((entry) => entry.worker_id));
  const secrets = options.secrets ?? defaultSecrets(deps);
  const allowedHosts = deps.config.general_settings?.allowed_worker_hosts;
  return {
    configIds,
    checkUrl(url) {
      try {
        validateWorkerUrl(url, { allowedHosts: allowedHosts ?? [] });
      } catch (error) {
        throw new ApiError('invalid_request', `Invalid url: ${(error as Error).message}`);
      }
      // Stored as written, for display (the fleet calls its normalised form), so what URL parsing would
      // strip (a CR/LF, tab or space) is refused rather than kept.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
      if (/[\u0000-\u0020\u007f]/.test(url))
        throw new ApiError(
          'invalid_request',
          'Invalid url: URL must not contain spaces or control characters',
        );
      return url;
    },
    encrypt(apiKey, workerId) {
      if (secrets === undefined) {
        throw new ApiError(
          'invalid_request',
          'Cannot store a credential: set general_settings.secret_key (or master_key) to encrypt it',
        );
      }
      return secrets.encrypt(apiKey, workerId);
    },
    refuseConfigWorker(context, next) {
      const workerId = context.req.param('workerId') ?? '';
      if (configIds.has(workerId)) {
        throw new ApiError(
          'conflict',
          `Worker '${workerId}' comes from the configuration file and is read-only here; change it in the ` +
            'config file and restart the control plane',
          { workerId },
        );
      }
      return next();
    },
    fleetEntry(worker, apiKey) {
      const entry: WorkerRegistryEntry = { worker_id: worker.worker_id, name: worker.name, url: worker.url };
      if (worker.region !== null) entry.region = worker.region;
      if (worker.labels !== null) entry.labels = worker.labels;
      if (worker.timeout_ms !== null) entry.timeout_ms = worker.timeout_ms;
      if (apiKey !== undefined) {
        entry.api_key = apiKey;
      } else if (worker.api_key_encrypted !== null && secrets !== undefined) {
        try {
          entry.api_key = secrets.decrypt(worker.api_key_encrypted, worker.worker_id);
        } catch (error) {
          deps.logger.warn('stored worker credential is unreadable', { worker_id: worker.worker_id, error });
        }
      }
      return entry;
    },
    async applyToFleet(change) {
      change();
      if (options.sync !== undefined) {
        await options.sync.refresh().catch((error: unknown) => {
          deps.logger.warn('registry refresh after a change failed', { error });
        });
      }
    },
    view(workerId) {
      const entry = deps.fleet.workers().find((item) => item.worker_id === workerId);
      if (entry === undefined) {
        throw new ApiError('internal_error', `Worker '${workerId}' was stored but is not in the registry`);
      }
      return workerView(deps, entry);
    },
  };
}

/** POST /api/v1/workers */
function createWorkerRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, registry: Registry): void {
  route(
    app,
    {
      method: 'post',
      path: '/api/v1/workers',
      tag: 'registry',
      summary: 'Add a worker at runtime (admin)',
      description:
        'Validates the URL (http or https, no credentials in it, optional `allowed_worker_hosts` allow-list), ' +
        'stores `api_key` encrypted, and makes the worker visible on every replica within about a second. ' +
        'A worker id already in use, in the config file or at runtime, is 409.',
      middleware: [auditedAdminWrite(deps, 'worker.create', 'workerId', { workerTarget: true })],
      body: CreateWorkerBodySchema,
      response: WorkerViewSchema,
      status: 201,
    },
    async (context) => {
      const audit = context.get('audit');
      const body = validBody(context, CreateWorkerBodySchema);
      const idProblem = workerIdProblem(body.worker_id);
      if (idProblem !== undefined) throw new ApiError('invalid_request', `Invalid worker_id: ${idProblem}`);
      audit.target = body.worker_id;
      if (registry.configIds.has(body.worker_id)) {
        throw new ApiError(
          'conflict',
          `Worker '${body.worker_id}' already exists in the configuration file (read-only)`,
          { workerId: body.worker_id },
        );
      }
      const url = registry.checkUrl(body.url);
      const stored = await deps.store.workers.insert({
        worker_id: body.worker_id,
        name: body.name,
        url,
        region: body.region ?? null,
        labels: body.labels ?? null,
        timeout_ms: body.timeout_ms ?? null,
        api_key_encrypted: body.api_key === undefined ? null : registry.encrypt(body.api_key, body.worker_id),
        created_by: context.get('principal').subject,
      });
      Object.assign(audit.detail, {
        name: stored.name,
        url: stored.url,
        region: stored.region,
        labels: stored.labels,
        timeout_ms: stored.timeout_ms,
        has_credential: stored.api_key_encrypted !== null,
      });
      await registry.applyToFleet(() => deps.fleet.upsertWorker(registry.fleetEntry(stored, body.api_key)));
      return context.json(registry.view(stored.worker_id), 201);
    },
  );
}

/** PATCH /api/v1/workers/:workerId */
function updateWorkerRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, registry: Registry): void {
  route(
    app,
    {
      method: 'patch',
      path: '/api/v1/workers/:workerId',
      tag: 'registry',
      summary: 'Change a runtime worker (admin)',
      description:
        'Only the fields sent change; `null` clears region, labels, timeout_ms or the stored credential ' +
        '(`api_key: null`). Workers from the config file are read-only (409).',
      middleware: [
        auditedAdminWrite(deps, 'worker.update', 'workerId', { workerTarget: true }),
        // A worker of the config file is refused whatever the body says.
        registry.refuseConfigWorker,
      ],
      params: WorkerIdParamsSchema,
      body: UpdateWorkerBodySchema,
      response: WorkerViewSchema,
    },
    async (context) => {
      const { detail } = context.get('audit');
      const { workerId } = validParams(context, WorkerIdParamsSchema);
      const body = validBody(context, UpdateWorkerBodySchema);
      const patch: StoredWorkerPatch = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.url !== undefined) patch.url = registry.checkUrl(body.url);
      if (body.region !== undefined) patch.region = body.region;
      if (body.labels !== undefined) patch.labels = body.labels;
      if (body.timeout_ms !== undefined) patch.timeout_ms = body.timeout_ms;
      if (body.api_key !== undefined) {
        patch.api_key_encrypted = body.api_key === null ? null : registry.encrypt(body.api_key, workerId);
      }
      Object.assign(detail, {
        changed: Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined),
        ...('name' in patch ? { name: patch.name } : {}),
        ...('url' in patch ? { url: patch.url } : {}),
        ...('region' in patch ? { region: patch.region } : {}),
        ...('labels' in patch ? { labels: patch.labels } : {}),
        ...('timeout_ms' in patch ? { timeout_ms: patch.timeout_ms } : {}),
      });
      const updated = await deps.store.workers.update(workerId, patch);
      if (updated === null)
        throw new ApiError('worker_not_found', `Unknown worker '${workerId}'`, { workerId });
      detail.has_credential = updated.api_key_encrypted !== null;
      const apiKey = typeof body.api_key === 'string' ? body.api_key : undefined;
      await registry.applyToFleet(() => deps.fleet.upsertWorker(registry.fleetEntry(updated, apiKey)));
      return context.json(registry.view(workerId));
    },
  );
}

/** DELETE /api/v1/workers/:workerId */
function deleteWorkerRoute(app: OpenAPIHono<AppEnv>, deps: AppDeps, registry: Registry): void {
  route(
    app,
    {
      method: 'delete',
      path: '/api/v1/workers/:workerId',
      tag: 'registry',
      summary: 'Remove a runtime worker (admin)',
      description:
        'The worker itself is not touched; the control plane forgets it and its stored credential.',
      middleware: [
        auditedAdminWrite(deps, 'worker.delete', 'workerId', { workerTarget: true }),
        registry.refuseConfigWorker,
      ],
      params: WorkerIdParamsSchema,
      response: DeleteWorkerResponseSchema,
    },
    async (context) => {
      const { workerId } = validParams(context, WorkerIdParamsSchema);
      const removed = await deps.store.workers.remove(workerId);
      if (!removed) throw new ApiError('worker_not_found', `Unknown worker '${workerId}'`, { workerId });
      await registry.applyToFleet(() => {
        deps.fleet.removeWorker(workerId);
      });
      return context.json({ worker_id: workerId, deleted: true as const });
    },
  );
}

/**
 * POST /api/v1/workers, PATCH and DELETE /api/v1/workers/:workerId: the runtime registry. Admins only;
 * workers of the config file are read-only; every attempt is audited; a credential is stored encrypted
 * and never returned (responses say `has_credential`).
 */
export function registryRoutes(deps: AppDeps, options: RegistryRouteOptions = {}): OpenAPIHono<AppEnv> {
  const app = createApiApp();
  const registry = createRegistry(deps, options);
  createWorkerRoute(app, deps, registry);
  updateWorkerRoute(app, deps, registry);
  deleteWorkerRoute(app, deps, registry);
  return app;
}

function defaultSecrets(deps: AppDeps): CredentialSecrets | undefined {
  const secret = credentialSecretFrom(deps.config);
  return secret === undefined ? undefined : createCredentialSecrets(secret);
}
