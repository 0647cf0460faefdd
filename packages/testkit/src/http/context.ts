import type { IncomingHttpHeaders } from 'node:http';
import type { KeyRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import type { Version } from './versions.js';

export type UserRole =
  | 'proxy_admin'
  | 'proxy_admin_viewer'
  | 'org_admin'
  | 'internal_user'
  | 'internal_user_viewer'
  | 'team'
  | 'customer';

export const USER_ROLES: readonly UserRole[] = [
  'proxy_admin',
  'proxy_admin_viewer',
  'org_admin',
  'internal_user',
  'internal_user_viewer',
  'team',
  'customer',
];

/** Who is calling: the master key, or a virtual key with its owner's role. */
export type Principal = {
  readonly role: UserRole;
  readonly userId: string | null;
  /** Hashed key of the caller; the master key's hash for the master key. */
  readonly token: string;
  /** The caller's key row (null for the master key). */
  readonly key: KeyRecord | null;
  readonly isMasterKey: boolean;
};

/**
 * Route gate applied before the handler (contract §1.3):
 * - `public`: no authentication.
 * - `any`: any valid key; the handler applies ownership rules (info and self-managed routes).
 * - `viewer`: `proxy_admin` and `proxy_admin_viewer`.
 * - `org`: `proxy_admin`, or an org admin when the body names an organization they administer.
 * - `admin`: `proxy_admin` only.
 * - `master`: the master key only.
 * - `llm`: any valid key; budget and model access checks apply.
 */
export type RouteAccess = 'public' | 'any' | 'viewer' | 'org' | 'admin' | 'master' | 'llm';

export type WorkerSettings = {
  readonly masterKey: string;
  readonly masterToken: string;
  readonly name: string;
  readonly uiUsername: string;
  readonly uiPassword: string;
  readonly controlPlaneUrl: string | undefined;
  readonly premium: boolean;
  /** `litellm_version`; decides the login shapes and version-gated routes. */
  readonly version: string;
  readonly parsedVersion: Version;
  /** `litellm_key_header_name` as configured: keys are read from this header only, as `Bearer <key>`. */
  readonly keyHeaderName: string | undefined;
};

export interface RequestContext {
  readonly state: FakeWorkerState;
  readonly settings: WorkerSettings;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Values of `{name}` path segments, in order. */
  readonly params: readonly string[];
  /** Parsed JSON (or form) body; `undefined` when the request had none. */
  readonly body: unknown;
  readonly principal: Principal;
  /** `http://host:port` as seen by the caller (from the Host header). */
  readonly baseUrl: string;
  readonly now: number;
}

/** A response other than `200` + JSON body. */
export class Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string | string[]> | undefined;
  /** Sent verbatim instead of JSON when set. */
  readonly rawBody: string | undefined;
  readonly contentType: string | undefined;

  constructor(
    status: number,
    body: unknown,
    options: { headers?: Record<string, string | string[]>; rawBody?: string; contentType?: string } = {},
  ) {
    this.status = status;
    this.body = body;
    this.headers = options.headers;
    this.rawBody = options.rawBody;
    this.contentType = options.contentType;
  }
}

export type RouteHandler = (context: RequestContext) => unknown;

export type RouteDefinition = {
  readonly method: string;
  readonly path: string;
  readonly access: RouteAccess;
  readonly handler: RouteHandler;
  /** POST routes that only read (`/v2/key/info`), allowed to view-only roles. */
  readonly readOnly?: boolean;
  /** Member of LiteLLM's `info_routes` (for keys restricted with `allowed_routes: ['info_routes']`). */
  readonly info?: boolean;
  /** `form` parses `application/x-www-form-urlencoded`. */
  readonly bodyKind?: 'json' | 'form';
};

/**
 * The routes of LiteLLM's `info_routes` the emulator serves (a key restricted with
 * `allowed_routes: ['info_routes']` may call them), as `METHOD path`.
 */
const INFO_ROUTES = new Set([
  'GET /key/info',
  'POST /v2/key/info',
  'GET /team/info',
  'GET /team/list',
  'GET /v2/team/list',
  'GET /user/info',
  'GET /v2/user/info',
  'GET /model/info',
  'GET /v1/model/info',
  'GET /v2/model/info',
  'GET /model_group/info',
  'GET /models',
  'GET /v1/models',
  'GET /models/{model_id}',
  'GET /v1/models/{model_id}',
  'GET /health',
]);

/** POST routes that only read, which view-only roles may call. */
const READ_ONLY_POST_ROUTES = new Set([
  '/v2/key/info',
  '/key/health',
  '/budget/info',
  '/organization/info',
  '/tag/info',
  '/vector_store/info',
  '/spend/calculate',
]);

export function route(
  method: string,
  path: string,
  access: RouteAccess,
  handler: RouteHandler,
  extra: Pick<RouteDefinition, 'bodyKind'> = {},
): RouteDefinition {
  return {
    method,
    path,
    access,
    handler,
    ...(INFO_ROUTES.has(`${method} ${path}`) && { info: true }),
    ...(method === 'POST' && READ_ONLY_POST_ROUTES.has(path) && { readOnly: true }),
    ...extra,
  };
}
