import { ApiError, errorFromBody } from './errors.js';
import { joinUrl, type Query, queryString } from './query.js';
import type {
  AuditFilter,
  AuditPage,
  FleetOverview,
  FleetPlan,
  FleetSearchResult,
  FleetSpendReport,
  LoginLockout,
  Principal,
  SearchType,
  SpendGroupBy,
  WorkerView,
} from './types.js';
import { clearWorkerSession, readWorkerSession } from './worker-sessions.js';

export type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal };

export type WorkerAdmin = {
  readonly workerId: string;
  /** True when calls go from the browser straight to the worker (no credential on the control plane). */
  readonly direct: boolean;
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, query?: Query): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string, body?: unknown): Promise<T>;
};

export type ApiClientOptions = {
  apiBase: string;
  fetch?: typeof fetch;
  /** Called when the control plane answers 401 for its own session (not for a worker's 401). */
  onUnauthorized?: () => void;
};

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createApiClient(options: ApiClientOptions) {
  const fetchImplementation = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send<T>(
    url: string,
    method: string,
    request: RequestOptions & { headers?: Record<string, string>; credentials?: RequestCredentials },
    failure: { unreachableCode: string; unreachableMessage: string; workerId?: string },
  ): Promise<{ body: T; response: Response }> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImplementation(url + queryString(request.query), {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        credentials: request.credentials ?? 'same-origin',
        signal: request.signal,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new ApiError({
        status: 0,
        code: failure.unreachableCode,
        message: failure.unreachableMessage,
        workerId: failure.workerId,
      });
    }
    const body = await readBody(response);
    if (!response.ok) {
      const error = errorFromBody(response.status, body, response.headers.get('x-request-id'));
      throw error.workerId || !failure.workerId
        ? error
        : new ApiError({
            status: error.status,
            code: error.code,
            message: error.message,
            requestId: error.requestId,
            workerId: failure.workerId,
          });
    }
    return { body: body as T, response };
  }

  async function call<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    try {
      const { body } = await send<T>(joinUrl(options.apiBase, path), method, request, {
        unreachableCode: 'control_plane_unreachable',
        unreachableMessage:
          'Cannot reach the control plane. Check your connection; the page keeps its last data.',
      });
      return body;
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        error.code !== 'worker_error' &&
        !path.startsWith('/auth/login')
      ) {
        options.onUnauthorized?.();
      }
      throw error;
    }
  }

  function relayAdmin(workerId: string): WorkerAdmin {
    const base = `/workers/${encodeURIComponent(workerId)}/admin`;
    return {
      workerId,
      direct: false,
      get: (path, query, signal) => call('GET', base + path, { query, signal }),
      post: (path, body, query) => call('POST', base + path, { body: body ?? {}, query }),
      patch: (path, body) => call('PATCH', base + path, { body: body ?? {} }),
      delete: (path, body) => call('DELETE', base + path, { body }),
    };
  }

  function directAdmin(worker: WorkerView): WorkerAdmin {
    async function directCall<T>(method: string, path: string, request: RequestOptions): Promise<T> {
      const session = readWorkerSession(worker.worker_id);
      if (!session) {
        throw new ApiError({
          status: 401,
          code: 'worker_login_required',
          message: `Log in to ${worker.name} to manage it.`,
          workerId: worker.worker_id,
        });
      }
      try {
        const { body } = await send<T>(
          joinUrl(worker.url, path),
          method,
          { ...request, headers: { authorization: `Bearer ${session.token}` }, credentials: 'omit' },
          {
            unreachableCode: 'worker_unreachable',
            unreachableMessage: `Cannot reach ${worker.name} from this browser. It may be down or not allow this origin (CORS).`,
            workerId: worker.worker_id,
          },
        );
        return body;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          clearWorkerSession(worker.worker_id);
          throw new ApiError({
            status: 401,
            code: 'worker_login_required',
            message: `Your session on ${worker.name} ended. Log in again.`,
            requestId: error.requestId,
            workerId: worker.worker_id,
          });
        }
        throw error;
      }
    }
    return {
      workerId: worker.worker_id,
      direct: true,
      get: (path, query, signal) => directCall('GET', path, { query, signal }),
      post: (path, body, query) => directCall('POST', path, { body: body ?? {}, query }),
      patch: (path, body) => directCall('PATCH', path, { body: body ?? {} }),
      delete: (path, body) => directCall('DELETE', path, { body }),
    };
  }

  return {
    apiBase: options.apiBase,
    fetch: fetchImplementation,
    call,
    me: (signal?: AbortSignal) => call<Principal>('GET', '/auth/me', { signal }),
    login: (username: string, password: string) =>
      call<{ access_token: string; expires_in: number }>('POST', '/auth/login', {
        body: { username, password },
      }),
    logout: () => call<unknown>('POST', '/auth/logout', { body: {} }),
    workers: (signal?: AbortSignal) => call<{ workers: WorkerView[] }>('GET', '/workers', { signal }),
    overview: (signal?: AbortSignal) => call<FleetOverview>('GET', '/fleet/overview', { signal }),
    search: (query: { q: string; type: SearchType; workers?: string[] }, signal?: AbortSignal) =>
      call<FleetSearchResult>('GET', '/fleet/search', { query, signal }),
    spend: (query: { start: string; end: string; group_by: SpendGroupBy }, signal?: AbortSignal) =>
      call<FleetSpendReport>('GET', '/fleet/spend', { query, signal }),
    plan: (body: { desired: unknown; workers?: string[] }) =>
      call<FleetPlan>('POST', '/fleet/plan', { body }),
    apply: (body: { plan: FleetPlan; on_failure?: 'stop' | 'continue'; max_parallel?: number }) =>
      call<Record<string, unknown>>('POST', '/fleet/apply', { body }),
    drift: (query: { baseline: string; resources: string[] }, signal?: AbortSignal) =>
      call<Record<string, unknown>>('GET', '/fleet/drift', { query, signal }),
    audit: (filter: AuditFilter, signal?: AbortSignal) =>
      call<AuditPage>('GET', '/audit', { query: { ...filter, format: 'json' }, signal }),
    lockouts: (signal?: AbortSignal) =>
      call<{ lockouts: LoginLockout[] }>('GET', '/auth/lockouts', { signal }),
    liftLockout: (username: string) =>
      call<{ username: string; unlocked: true }>('DELETE', `/auth/lockouts/${encodeURIComponent(username)}`),
    auditExportUrl: (filter: AuditFilter, format: 'csv' | 'json') =>
      joinUrl(options.apiBase, '/audit') + queryString({ ...filter, cursor: undefined, format }),
    /** The management API of one worker: through the server's relay, or directly for browser sessions. */
    worker: (worker: WorkerView): WorkerAdmin =>
      worker.has_credential ? relayAdmin(worker.worker_id) : directAdmin(worker),
  };
}

export type ControlPlaneApi = ReturnType<typeof createApiClient>;
