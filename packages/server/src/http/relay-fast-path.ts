import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { workerIdProblem } from '@llm-control-plane/core';
import type { AppDeps } from '../app-context.js';
import type { Authenticator } from '../auth/authenticator.js';
import { authenticatedPrincipal } from '../auth/middleware.js';
import type { Principal } from '../auth/principal.js';
import { type ApiError, errorEnvelope } from '../errors.js';
import type { ControlPlaneMetrics } from '../metrics/metrics.js';
import { countRelay } from '../routes/metrics.js';
import { relayCall, responseClosedSignal } from '../routes/relay.js';
import { logRequest } from './access-log.js';
import { requestIdFrom } from './request-id.js';
import { assertQueryShape } from './request-limits.js';
import { assertLoopbackRequest, assertRawPath, type LoopbackGuardOptions } from './security.js';

/**
 * Serves a request itself and returns true, or returns false without touching it (the Hono app answers).
 */
export type RelayFastPath = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

/** Headers the app's middleware adds to an answer, captured once from the middleware itself. */
export type StackHeaders = {
  /** Secure headers only: answers refused by the guards that run before CORS and cache-control. */
  guarded: Readonly<Record<string, string>>;
  /** Secure headers, CORS (for a request without Origin) and `cache-control: no-store`: every later answer. */
  api: Readonly<Record<string, string>>;
};

export type RelayFastPathOptions = {
  deps: AppDeps;
  authenticator: Authenticator;
  metrics: ControlPlaneMetrics;
  loopback: LoopbackGuardOptions;
  /** The normalised basePath ('' or '/segment...'). */
  basePath: string;
  headers: StackHeaders;
  /** The app's own logging of unexpected failures (its onError), so that both log them alike. */
  reportFailure: (
    error: unknown,
    request: { requestId: string; method: string; pathname: string },
  ) => ApiError;
};

/**
 * Characters the URL parser leaves alone in a path: with only these in the raw target, the pathname the
 * app would see is the raw path itself. Anything else (and `#`) goes to the app.
 */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/]*$/;
const PLAIN_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
/** Worker ids the router would hand over unchanged (no percent-encoding to decode). */
const PLAIN_WORKER_ID = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;
/** Paths the app also counts as fleet operations (fanOutMetrics); left to it. */
const FLEET_PREFIX = '/api/v1/fleet/';
/** The request headers the fast path reads; each is joined like a fetch `Headers` would join repeats. */
const READ_HEADERS = new Set(['host', 'origin', 'authorization', 'cookie', 'x-request-id']);

type RelayTarget = {
  readonly workerId: string;
  readonly pathname: string;
  /** The raw path after `/admin` (what readRawRemainder gives for the pathname). */
  readonly rawRemainder: string;
  readonly rawQuery: string;
};

/**
 * Whether a raw request target is a relayed call (`<basePath>/api/v1/workers/<id>/admin[/...]`) in a
 * spelling for which the fast path sees exactly what the app would; otherwise undefined.
 */
function plainRelayTarget(url: string, prefix: string): RelayTarget | undefined {
  if (!url.startsWith(prefix)) return undefined;
  const question = url.indexOf('?');
  const pathname = question < 0 ? url : url.slice(0, question);
  const rawQuery = question < 0 ? '' : url.slice(question + 1);
  const idEnd = pathname.indexOf('/', prefix.length);
  if (idEnd < 0) return undefined;
  const afterId = pathname.slice(idEnd);
  if (afterId !== '/admin' && !afterId.startsWith('/admin/')) return undefined;
  const workerId = pathname.slice(prefix.length, idEnd);
  if (!PLAIN_WORKER_ID.test(workerId) || workerIdProblem(workerId) !== undefined) return undefined;
  if (!PLAIN_PATH.test(pathname) || pathname.includes(FLEET_PREFIX)) return undefined;
  if (rawQuery !== '' && !PLAIN_QUERY.test(rawQuery)) return undefined;
  return { workerId, pathname, rawRemainder: afterId.slice('/admin'.length), rawQuery };
}

/** The headers the fast path reads, as the app's `Headers` would give them (repeats joined with ', '). */
function readHeaders(incoming: IncomingMessage): Map<string, string> {
  const headers = new Map<string, string>();
  const raw = incoming.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    if (!READ_HEADERS.has(name)) continue;
    const value = raw[index + 1] as string;
    const seen = headers.get(name);
    headers.set(name, seen === undefined ? value : `${seen}, ${value}`);
  }
  return headers;
}

/** A Host header the node adapter turns into the same URL host (it answers 400 to the others). */
function isPlainHost(host: string): boolean {
  try {
    const hostname = new URL(`http://${host}`).hostname;
    return hostname.length === host.length || hostname === host.replace(/:\d+$/, '');
  } catch {
    return false;
  }
}

function writeAnswer(
  outgoing: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
): void {
  headers['content-length'] = Buffer.byteLength(body);
  outgoing.writeHead(status, headers);
  outgoing.end(body);
}

function writeError(
  outgoing: ServerResponse,
  error: ApiError,
  requestId: string,
  stackHeaders: Readonly<Record<string, string>>,
): void {
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(error.headers ?? {})) headers[name.toLowerCase()] = value;
  Object.assign(headers, stackHeaders);
  headers['x-request-id'] = requestId;
  writeAnswer(outgoing, error.status, headers, JSON.stringify(errorEnvelope(error, requestId)));
}

/**
 * A Node request listener for the hot case of the relay, in front of the Hono app: reading calls (GET)
 * without an Origin header. It runs the same checks, in the same order, as the app's middleware and relay
 * route (request id, access log, secure headers, loopback and raw-path guards, cache-control, query limits,
 * authentication, relay metrics, then the relay itself) through the same functions, without building fetch
 * Request and Response objects. Everything else, and every spelling it cannot read exactly as the app
 * would, is left to the app.
 */
export function createRelayFastPath(options: RelayFastPathOptions): RelayFastPath {
  const prefix = `${options.basePath}/api/v1/workers/`;
  // Callers send the same Host header, and often the same target (a UI polling one list), again and again:
  // the last of each found plain needs no second look.
  let plainHost = '';
  let lastUrl = '';
  let lastTarget: RelayTarget | undefined;
  return (incoming, outgoing) => {
    if (incoming.method !== 'GET') return false;
    const url = incoming.url ?? '';
    let target = url === lastUrl ? lastTarget : undefined;
    if (target === undefined) {
      target = plainRelayTarget(url, prefix);
      if (target === undefined) return false;
      lastUrl = url;
      lastTarget = target;
    }
    const headers = readHeaders(incoming);
    // A cross-origin call gets CORS answers from the app; a host the adapter refuses gets its 400.
    const host = headers.get('host');
    if (headers.has('origin') || host === undefined) return false;
    if (host !== plainHost) {
      if (!isPlainHost(host)) return false;
      plainHost = host;
    }
    serve(options, { incoming, outgoing, url, target, headers }).catch((error: unknown) => {
      options.deps.logger.error('relay fast path failed', { error });
      outgoing.destroy();
    });
    return true;
  };
}

/** GET carries no body (relayCall does not ask for it). */
const noBody = async (): Promise<string> => '';

type FastRequest = {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  url: string;
  target: RelayTarget;
  headers: Map<string, string>;
};

async function serve(options: RelayFastPathOptions, request: FastRequest): Promise<void> {
  const started = performance.now();
  const { outgoing, target, headers } = request;
  const requestId = requestIdFrom(headers.get('x-request-id'));
  let principal: Principal | undefined;
  let authenticatedAt: number | undefined;
  let status: number;
  // The guards before CORS and cache-control answer with the secure headers only, as in the app.
  let stackHeaders = options.headers.guarded;
  try {
    assertLoopbackRequest(options.loopback, headers.get('host'), undefined);
    assertRawPath(request.url);
    stackHeaders = options.headers.api;
    const query = assertQueryShape(target.rawQuery);
    principal = await authenticatedPrincipal(options.authenticator, headers);
    authenticatedAt = performance.now();
    const answer = await relayCall(options.deps, {
      principal,
      workerId: target.workerId,
      method: 'GET',
      rawRemainder: target.rawRemainder,
      query,
      requestId,
      signal: responseClosedSignal(outgoing),
      readBody: noBody,
    });
    status = answer.status;
    writeAnswer(
      outgoing,
      status,
      { ...answer.headers, ...stackHeaders, 'x-request-id': requestId },
      answer.bodyText,
    );
  } catch (error) {
    const apiError = options.reportFailure(error, { requestId, method: 'GET', pathname: target.pathname });
    status = apiError.status;
    writeError(outgoing, apiError, requestId, stackHeaders);
  }
  if (authenticatedAt !== undefined) {
    countRelay(options.deps, options.metrics, {
      workerId: target.workerId,
      method: 'GET',
      status,
      started: authenticatedAt,
    });
  }
  logRequest(options.deps.logger, {
    requestId,
    method: 'GET',
    pathname: target.pathname,
    status,
    started,
    actor: principal?.subject,
  });
}
