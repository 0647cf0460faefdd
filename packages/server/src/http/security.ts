import { decideRelay, unsafeEncodedSegment } from '@llm-control-plane/core';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-context.js';
import { ApiError } from '../errors.js';

/** Where the server listens, when it is known (set by `startControlPlane` once the port is bound). */
export type ListenAddress = { host: string; port: number };

/** Loopback names as they appear in a Host or Origin authority. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Loopback listen hosts: the authority names, and IPv6 loopback without brackets. */
const LOOPBACK_HOSTS = new Set([...LOOPBACK_NAMES, '::1']);

function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Whether a lower-cased authority names this server on loopback: a loopback name with the port, or without
 * one on port 80. Checked in place: every request, relayed calls included, passes here.
 */
function isLoopbackAuthority(authority: string, port: number): boolean {
  const suffix = `:${port}`;
  let name: string | undefined;
  if (authority.endsWith(suffix)) name = authority.slice(0, -suffix.length);
  else if (port === 80) name = authority;
  return name !== undefined && LOOPBACK_NAMES.includes(name);
}

/**
 * DNS-rebinding protection for a server bound to loopback: a page on evil.example whose name resolves to
 * 127.0.0.1 sends `Host: evil.example`, which is refused; a cross-site `Origin` is refused too.
 */
export function loopbackGuard(options: LoopbackGuardOptions): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    assertLoopbackRequest(options, context.req.header('host'), context.req.header('origin'));
    return next();
  };
}

export type LoopbackGuardOptions = {
  listenAddress: () => ListenAddress | undefined;
  allowedOrigins: readonly string[];
};

/** The check of {@link loopbackGuard}, given a request's `Host` and `Origin` headers; throws when refused. */
export function assertLoopbackRequest(
  options: LoopbackGuardOptions,
  hostHeader: string | undefined,
  origin: string | undefined,
): void {
  const address = options.listenAddress();
  if (address === undefined || !isLoopbackHost(address.host)) return;
  const host = (hostHeader ?? '').toLowerCase();
  if (!isLoopbackAuthority(host, address.port)) {
    throw new ApiError(
      'host_refused',
      `Host header not accepted: this control plane listens on loopback and answers only to localhost:${address.port}`,
    );
  }
  if (origin !== undefined && !options.allowedOrigins.includes(origin)) {
    let originAuthority: string | undefined;
    try {
      originAuthority = new URL(origin).host.toLowerCase();
    } catch {
      originAuthority = undefined;
    }
    if (originAuthority === undefined || !isLoopbackAuthority(originAuthority, address.port)) {
      throw new ApiError(
        'origin_refused',
        'Cross-site requests are not accepted by a loopback control plane',
      );
    }
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * True when an unsafe request demonstrably comes from this origin (or an allow-listed one): the `Origin`
 * header matches, or the browser says `Sec-Fetch-Site: same-origin`. Without either, a cookie must not be
 * enough to change state.
 */
export function isSameOriginRequest(
  request: { url: string; header(name: string): string | undefined },
  trustedOrigins: readonly string[],
): boolean {
  const origin = request.header('origin');
  if (origin !== undefined && origin !== 'null') {
    if (trustedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).origin === new URL(request.url).origin;
    } catch {
      return false;
    }
  }
  if (origin === 'null') return false;
  return request.header('sec-fetch-site') === 'same-origin';
}

/**
 * CORS is off unless `general_settings.cors_allow_origins` lists origins. A `*` entry allows any origin
 * but then never with credentials, so a cookie cannot ride a wildcard.
 */
export function corsMiddleware(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> | undefined {
  if (allowedOrigins.length === 0) return undefined;
  const wildcard = allowedOrigins.includes('*');
  return cors({
    origin: wildcard ? '*' : (origin) => (allowedOrigins.includes(origin) ? origin : null),
    credentials: !wildcard,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}

/** The relayed remainder of a raw request target, for the route policy. */
const RELAYED_PATH = /^\/api\/v1\/workers\/[^/]+\/admin(\/.*)$/;

/**
 * The node adapter resolves `..` and `%2e%2e` while building the request URL, which would turn a relayed
 * traversal into some other route. The raw request target is checked before that can matter.
 */
export function rawPathGuard(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const incoming = (context.env as { incoming?: { url?: unknown } } | undefined)?.incoming;
    if (typeof incoming?.url === 'string') assertRawPath(incoming.url);
    return next();
  };
}

/** The check of {@link rawPathGuard} on a raw request target (path and query); throws when refused. */
export function assertRawPath(target: string): void {
  const pathPart = target.split('?', 1)[0] ?? '';
  if (!hasDotSegmentOrBackslash(pathPart)) return;
  // A spending route keeps its own refusal in every spelling (`/chat%2Fcompletions` included).
  const relayed = RELAYED_PATH.exec(pathPart)?.[1];
  const decision = relayed === undefined ? undefined : decideRelay(relayed);
  if (decision?.allowed === false && decision.code === 'llm_route_refused') {
    throw new ApiError('llm_route_refused', decision.message);
  }
  throw new ApiError(
    'invalid_path',
    'Request path must not contain dot segments, encoded slashes or backslashes',
  );
}

/**
 * Dot segments (`.`/`..`, also percent-encoded) or encoded slashes and backslashes anywhere in a raw path.
 * The worker-id segment (`/api/v1/workers/<id>` and `/ui/workers/<id>`) is the exception for slashes and
 * backslashes: a LiteLLM worker id may hold them, and the router decodes the segment into one parameter.
 */
function hasDotSegmentOrBackslash(rawPath: string): boolean {
  // A dot segment needs a '.' or a percent-encoding, a backslash needs itself or '%5c': most paths have none.
  if (!rawPath.includes('.') && !rawPath.includes('%') && !rawPath.includes('\\')) return false;
  if (rawPath.includes('\\')) return true;
  const segments = rawPath.split('/');
  return segments.some((segment, index) => {
    if (isMalformedEncoding(segment)) return true;
    const unsafe = unsafeEncodedSegment(segment);
    // This guard is about walking out of a route; control characters are not its concern.
    if (unsafe === 'dot segment') return true;
    return unsafe === 'slash' && !isWorkerIdSegment(segments, index);
  });
}

function isMalformedEncoding(segment: string): boolean {
  if (!segment.includes('%')) return false;
  try {
    decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

function isWorkerIdSegment(segments: string[], index: number): boolean {
  if (index < 2 || segments[index - 1] !== 'workers') return false;
  const parent = segments[index - 2];
  return parent === 'ui' || (parent === 'v1' && segments[index - 3] === 'api');
}
