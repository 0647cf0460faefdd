import type { IncomingHttpHeaders } from 'node:http';
import { hashToken, keyDisplayName, maskUserId } from '../store/identifiers.js';
import type { KeyRecord } from '../store/records.js';
import type { FakeWorkerState } from '../store/state.js';
import type { Principal, RouteDefinition, UserRole, WorkerSettings } from './context.js';
import { USER_ROLES } from './context.js';
import { proxyError } from './errors.js';
import { isJsonObject } from './validate.js';

const MALFORMED_MESSAGE = 'Malformed API Key passed in. Ensure Key has `Bearer ` prefix.';

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function stripBearer(value: string): string {
  return /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '').trim() : value.trim();
}

/**
 * The key from the header forms of §1.2, or `malformed` when `Authorization` lacks a recognised
 * scheme, or undefined when no key was sent.
 */
function extractApiKey(headers: IncomingHttpHeaders): string | 'malformed' | undefined {
  const litellmHeader = headerValue(headers, 'x-litellm-api-key');
  if (litellmHeader) return stripBearer(litellmHeader);
  const authorization = headerValue(headers, 'authorization');
  if (authorization) {
    if (/^bearer\s+/i.test(authorization)) return stripBearer(authorization);
    if (/^basic\s+/i.test(authorization)) {
      const decoded = Buffer.from(authorization.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      return separator === -1 ? decoded : decoded.slice(separator + 1);
    }
  }
  for (const name of ['api-key', 'x-api-key', 'x-goog-api-key', 'ocp-apim-subscription-key']) {
    const value = headerValue(headers, name);
    if (value) return value.trim();
  }
  if (authorization !== undefined) return 'malformed';
  return undefined;
}

/**
 * With `litellm_key_header_name` set, LiteLLM reads the key from that header only and requires the
 * `Bearer ` prefix there (a bare key reads as no key).
 */
function customHeaderKey(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headerValue(headers, name.toLowerCase());
  if (value === undefined || !/^bearer\s+/i.test(value)) return undefined;
  return stripBearer(value);
}

function roleOf(value: unknown): UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value)
    ? (value as UserRole)
    : 'internal_user';
}

function resolveKey(state: FakeWorkerState, token: string, now: number): KeyRecord | undefined {
  const key = state.keys.get(token);
  if (key) return key;
  const grace = state.gracePeriodTokens.get(token);
  if (grace && grace.until > now) return state.keys.get(grace.token);
  return undefined;
}

/** Resolves the caller or throws the ProxyException LiteLLM answers with (401/`expired_key`/blocked). */
export function authenticate(
  headers: IncomingHttpHeaders,
  state: FakeWorkerState,
  settings: WorkerSettings,
  now: number,
): Principal {
  const apiKey =
    settings.keyHeaderName === undefined
      ? extractApiKey(headers)
      : customHeaderKey(headers, settings.keyHeaderName);
  if (apiKey === undefined || apiKey === '') {
    throw proxyError(401, 'Authentication Error, No api key passed in.', 'auth_error');
  }
  if (apiKey === 'malformed')
    throw proxyError(401, `Authentication Error, ${MALFORMED_MESSAGE}`, 'auth_error');
  const token = hashToken(apiKey);
  if (token === settings.masterToken) {
    return { role: 'proxy_admin', userId: 'default_user_id', token, key: null, isMasterKey: true };
  }
  const key = resolveKey(state, token, now);
  if (!key) {
    throw proxyError(
      401,
      `Authentication Error, Invalid proxy server token passed. Received API Key = ${keyDisplayName(apiKey)}, Key Hash (Token) =${token}. Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``,
      'auth_error',
      'key',
    );
  }
  if (key.expires !== null && Date.parse(key.expires) < now) {
    throw proxyError(
      401,
      `Authentication Error - Expired Key. Key Expiry time ${key.expires} and current time ${new Date(now).toISOString()}`,
      'expired_key',
      'key',
    );
  }
  if (key.blocked === true) {
    throw proxyError(
      401,
      "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.",
      'auth_error',
      'key',
    );
  }
  if (key.team_id) {
    const team = state.teams.get(key.team_id);
    if (team?.blocked) {
      throw proxyError(
        401,
        `Authentication Error, Team=${key.team_id} is blocked. Update via \`/team/unblock\` if you're an admin.`,
        'auth_error',
        'team',
      );
    }
  }
  const user = key.user_id ? state.users.get(key.user_id) : undefined;
  return { role: roleOf(user?.user_role), userId: key.user_id, token, key, isMasterKey: false };
}

function adminOnlyError(path: string, principal: Principal) {
  return proxyError(
    401,
    `Authentication Error, Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${path}. Your role=${principal.role}. Your user_id=${maskUserId(principal.userId)}`,
    'auth_error',
  );
}

function allowedByKeyRoutes(allowedRoutes: unknown[], definition: RouteDefinition, path: string): boolean {
  for (const allowed of allowedRoutes) {
    if (allowed === path) return true;
    if (allowed === 'llm_api_routes' && definition.access === 'llm') return true;
    if (allowed === 'info_routes' && definition.info) return true;
    if (allowed === 'management_routes' && definition.access !== 'llm' && definition.access !== 'public')
      return true;
  }
  return false;
}

function isViewOnly(role: UserRole): boolean {
  return role === 'proxy_admin_viewer' || role === 'internal_user_viewer';
}

/** The route gate of §1.3, applied before the handler; throws on refusal. */
export function authorize(
  definition: RouteDefinition,
  path: string,
  method: string,
  principal: Principal,
  body: unknown,
  state: FakeWorkerState,
): void {
  const allowedRoutes = principal.key?.allowed_routes;
  if (allowedRoutes && allowedRoutes.length > 0 && !allowedByKeyRoutes(allowedRoutes, definition, path)) {
    throw proxyError(
      403,
      `Virtual key is not allowed to call this route. Only allowed to call routes: ${JSON.stringify(allowedRoutes)}. Tried to call route: ${path}`,
      'auth_error',
    );
  }
  const role = principal.role;
  switch (definition.access) {
    case 'public':
    case 'llm':
      return;
    case 'master':
      if (!principal.isMasterKey) throw adminOnlyError(path, principal);
      return;
    case 'admin':
      if (role !== 'proxy_admin') throw adminOnlyError(path, principal);
      return;
    case 'viewer':
      if (role !== 'proxy_admin' && role !== 'proxy_admin_viewer') throw adminOnlyError(path, principal);
      return;
    case 'org': {
      if (role === 'proxy_admin') return;
      const organizationId = isJsonObject(body) ? body.organization_id : undefined;
      if (state.isOrganizationAdmin(organizationId, principal.userId)) return;
      throw adminOnlyError(path, principal);
    }
    case 'any':
      if (method !== 'GET' && !definition.readOnly && isViewOnly(role)) throw adminOnlyError(path, principal);
      return;
  }
}

export function isProxyAdmin(principal: Principal): boolean {
  return principal.role === 'proxy_admin';
}

/** Admins and admin viewers read everything. */
export function canReadAll(principal: Principal): boolean {
  return principal.role === 'proxy_admin' || principal.role === 'proxy_admin_viewer';
}
