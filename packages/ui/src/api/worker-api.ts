import {
  type BrowserWorkerClient,
  createBrowserWorkerClient,
  relayBaseUrl,
  WorkerApiError,
  WorkerError,
  WorkerFeatureUnavailableError,
} from '@llm-control-plane/core/browser';
import type { WorkerView } from './contract.js';
import { ApiError, CONTROL_PLANE_UNREACHABLE, errorFromBody, WORKER_ERROR_CODE } from './errors.js';
import { clearWorkerSession, readWorkerSession } from './worker-sessions.js';

/**
 * The management API of one worker, as core's typed resources (`keys`, `teams`, `users`, …): through the
 * control plane's relay when it holds the worker's credential, or straight from the browser with the
 * worker session the user logged in with. This module is the only place the UI decides how a worker is
 * reached; pages name resources, never LiteLLM paths. Every failure is an ApiError, like the rest of the UI.
 */
export type WorkerApi = Omit<BrowserWorkerClient, 'raw' | 'baseUrl'> & {
  readonly workerId: string;
  /** True when calls go from the browser straight to the worker (no credential on the control plane). */
  readonly direct: boolean;
};

/** A LiteLLM record as the pages display it: core's schemas keep unknown fields, read defensively. */
export type WorkerRecord = Record<string, unknown>;

export type WorkerApiOptions = {
  apiBase: string;
  fetch: typeof fetch;
  /** Called when the control plane answers 401 for its own session (not for a worker's 401). */
  onUnauthorized?: () => void;
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Maps core's worker errors onto the UI's ApiError, keeping the envelope's code, request id and worker. */
export function toUiError(error: unknown, workerId: string, litellmVersion?: string | null): unknown {
  if (!WorkerError.isInstance(error)) return error;
  if (WorkerFeatureUnavailableError.isInstance(error)) {
    return new ApiError({
      status: error.status,
      code: FEATURE_UNAVAILABLE_CODES[error.reason],
      message: featureUnavailableMessage(litellmVersion ?? error.litellmVersion, error.reason),
      workerId,
    });
  }
  if (error.cause instanceof ApiError) return error.cause;
  if (WorkerApiError.isInstance(error)) {
    const parsed = errorFromBody(error.status, error.body, error.requestId);
    return new ApiError({
      status: error.status,
      code: parsed.code,
      message: parsed.message,
      requestId: parsed.requestId,
      workerId: parsed.workerId ?? workerId,
    });
  }
  if (error.kind === 'aborted') {
    const abort = new Error(error.message);
    abort.name = 'AbortError';
    return abort;
  }
  return new ApiError({ status: 0, code: `worker_${error.kind}`, message: error.message, workerId });
}

/** Codes of the ApiError for a feature the worker's LiteLLM lacks: pages show it as a fact, not a failure. */
const FEATURE_UNAVAILABLE_CODES = {
  not_found: 'feature_not_available',
  enterprise: 'enterprise_only',
} as const;

export function isFeatureUnavailable(error: { code: string }): boolean {
  return (Object.values(FEATURE_UNAVAILABLE_CODES) as string[]).includes(error.code);
}

/** "not available on this worker (LiteLLM 1.66.0)" */
export function featureUnavailableMessage(
  litellmVersion: string | null | undefined,
  reason: 'not_found' | 'enterprise' | undefined,
): string {
  const version = litellmVersion ? `LiteLLM ${litellmVersion}` : 'LiteLLM version unknown';
  return `not available on this worker (${version}${reason === 'enterprise' ? ', enterprise feature' : ''})`;
}

/** Wraps every promise-returning method so callers only ever see ApiError. */
function translated<Resource extends object>(
  resource: Resource,
  workerId: string,
  litellmVersion?: string | null,
): Resource {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(resource)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            const result: unknown = value(...args);
            return result instanceof Promise
              ? result.catch((error: unknown) => {
                  throw toUiError(error, workerId, litellmVersion);
                })
              : result;
          }
        : value;
  }
  return wrapped as Resource;
}

function relayFetch(options: WorkerApiOptions): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await options.fetch(input, init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({
        status: 0,
        code: 'control_plane_unreachable',
        message: CONTROL_PLANE_UNREACHABLE,
      });
    }
    if (response.status === 401) {
      const body = record(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
      if (record(body?.error)?.code !== WORKER_ERROR_CODE) options.onUnauthorized?.();
    }
    return response;
  };
}

function directFetch(worker: WorkerView, options: WorkerApiOptions): typeof fetch {
  return async (input, init) => {
    const session = readWorkerSession(worker.worker_id);
    const loginRequired = (message: string, requestId?: string | null) =>
      jsonResponse(401, {
        error: { code: 'worker_login_required', message, request_id: requestId ?? undefined },
      });
    if (!session) return loginRequired(`Log in to ${worker.name} to manage it.`);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${session.token}`);
    let response: Response;
    try {
      response = await options.fetch(input, { ...init, headers });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({
        status: 0,
        code: 'worker_unreachable',
        message: `Cannot reach ${worker.name} from this browser. It may be down or not allow this origin (CORS).`,
        workerId: worker.worker_id,
      });
    }
    if (response.status !== 401) return response;
    clearWorkerSession(worker.worker_id);
    return loginRequired(
      `Your session on ${worker.name} ended. Log in again.`,
      response.headers.get('x-request-id'),
    );
  };
}

export function createWorkerApi(worker: WorkerView, options: WorkerApiOptions): WorkerApi {
  const direct = !worker.has_credential;
  const client = createBrowserWorkerClient(
    direct
      ? {
          baseUrl: worker.url,
          workerId: worker.worker_id,
          credentials: 'omit',
          fetch: directFetch(worker, options),
        }
      : {
          baseUrl: relayBaseUrl(worker.worker_id, options.apiBase),
          workerId: worker.worker_id,
          fetch: relayFetch(options),
        },
  );
  const id = worker.worker_id;
  const version = worker.health?.version;
  return {
    workerId: id,
    direct,
    keys: translated(client.keys, id),
    teams: translated(client.teams, id),
    users: translated(client.users, id),
    models: translated(client.models, id),
    budgets: translated(client.budgets, id),
    organizations: translated(client.organizations, id),
    customers: translated(client.customers, id),
    spend: translated(client.spend, id),
    health: translated(client.health, id),
    auth: translated(client.auth, id),
    mcpServers: translated(client.mcpServers, id, version),
    guardrails: translated(client.guardrails, id, version),
    vectorStores: translated(client.vectorStores, id, version),
    agents: translated(client.agents, id, version),
    prompts: translated(client.prompts, id, version),
    tags: translated(client.tags, id, version),
    credentials: translated(client.credentials, id, version),
    searchTools: translated(client.searchTools, id, version),
  };
}
