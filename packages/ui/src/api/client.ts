import createClient from 'openapi-fetch';
import type { AuditFilter, PlanRequest, QueryOf, RequestBody } from './contract.js';
import { ApiError, CONTROL_PLANE_UNREACHABLE, errorFromBody, WORKER_ERROR_CODE } from './errors.js';
import { createObjectsApi } from './objects.js';
import { joinUrl, type Query, queryString } from './query.js';
import type { paths } from './schema.js';

export type ApiClientOptions = {
  /** The control plane's `/api/v1`, absolute or on the page's origin. */
  apiBase: string;
  fetch?: typeof fetch;
  /** Called when the control plane answers 401 for its own session (not for a worker's 401). */
  onUnauthorized?: () => void;
};

type Answer<Data> = { data?: Data; error?: unknown; response: Response };

/**
 * The control plane's own API, typed from its OpenAPI document (`schema.d.ts`, generated). Every failure
 * is an ApiError: the server's envelope, or `control_plane_unreachable` when no answer arrived.
 */
export function createApiClient(options: ApiClientOptions) {
  const fetchImplementation = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createClient<paths>({
    baseUrl: options.apiBase.replace(/\/+$/, ''),
    fetch: (request) => fetchImplementation(request),
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    // Lists as `a,b` and no empty filters, as the routes read them.
    querySerializer: (query) => queryString(query as Query).slice(1),
  });

  async function settle<Data>(call: Promise<Answer<Data>>, path: string): Promise<Data> {
    let answer: Answer<Data>;
    try {
      answer = await call;
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new ApiError({
        status: 0,
        code: 'control_plane_unreachable',
        message: CONTROL_PLANE_UNREACHABLE,
      });
    }
    const { response } = answer;
    if (response.ok) return answer.data as Data;
    const error = errorFromBody(response.status, answer.error ?? null, response.headers.get('x-request-id'));
    if (error.status === 401 && error.code !== WORKER_ERROR_CODE && path !== '/auth/login') {
      options.onUnauthorized?.();
    }
    throw error;
  }

  return {
    apiBase: options.apiBase,
    fetch: fetchImplementation,
    onUnauthorized: options.onUnauthorized,
    me: (signal?: AbortSignal) => settle(client.GET('/auth/me', { signal }), '/auth/me'),
    login: (username: string, password: string) =>
      settle(client.POST('/auth/login', { body: { username, password } }), '/auth/login'),
    logout: () => settle(client.POST('/auth/logout', {}), '/auth/logout'),
    workers: (signal?: AbortSignal) => settle(client.GET('/workers', { signal }), '/workers'),
    overview: (signal?: AbortSignal) => settle(client.GET('/fleet/overview', { signal }), '/fleet/overview'),
    search: (query: QueryOf<'/fleet/search', 'get'>, signal?: AbortSignal) =>
      settle(client.GET('/fleet/search', { params: { query }, signal }), '/fleet/search'),
    spend: (query: QueryOf<'/fleet/spend', 'get'>, signal?: AbortSignal) =>
      settle(client.GET('/fleet/spend', { params: { query }, signal }), '/fleet/spend'),
    plan: (body: PlanRequest) => settle(client.POST('/fleet/plan', { body }), '/fleet/plan'),
    apply: (body: RequestBody<'/fleet/apply', 'post'>) =>
      settle(client.POST('/fleet/apply', { body }), '/fleet/apply'),
    drift: (query: QueryOf<'/fleet/drift', 'get'>, signal?: AbortSignal) =>
      settle(client.GET('/fleet/drift', { params: { query }, signal }), '/fleet/drift'),
    audit: (filter: AuditFilter, signal?: AbortSignal) =>
      settle(client.GET('/audit', { params: { query: { ...filter, format: 'json' } }, signal }), '/audit'),
    lockouts: (signal?: AbortSignal) => settle(client.GET('/auth/lockouts', { signal }), '/auth/lockouts'),
    liftLockout: (username: string) =>
      settle(
        client.DELETE('/auth/lockouts/{username}', { params: { path: { username } } }),
        '/auth/lockouts/{username}',
      ),
    auditExportUrl: (filter: AuditFilter, format: 'csv' | 'json') =>
      joinUrl(options.apiBase, '/audit') + queryString({ ...filter, cursor: undefined, format }),
    /** MCP servers, guardrails, credentials, ... across workers. */
    objects: createObjectsApi(client, settle),
  };
}

export type ControlPlaneApi = ReturnType<typeof createApiClient>;
