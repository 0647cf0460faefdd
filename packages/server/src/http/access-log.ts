import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';
import { TOKEN_PREFIX } from '../auth/tokens.js';
import type { Logger } from '../logger.js';

/** How credential segments begin: LiteLLM virtual keys (`sk-`) and this server's session tokens (`cp1.`). */
const CREDENTIAL_PREFIXES = ['sk-', `${TOKEN_PREFIX}.`];
/** Longer segments are masked whatever they hold. */
const MAX_SEGMENT_LENGTH = 128;

const escaped = CREDENTIAL_PREFIXES.map((prefix) => prefix.replace(/[.]/g, '\\.'));
const CREDENTIAL_SEGMENT = new RegExp(`^(${escaped.join('|')})`, 'i');
/** What a path with such a segment contains, decoded or not: a prefix anywhere, or a percent-escape. */
const CREDENTIAL_HINT = new RegExp(`${escaped.join('|')}|%`, 'i');

/** Path segments that look like credentials (`/key/sk-.../regenerate`) are masked before logging. */
function loggablePath(pathname: string): string {
  // Nearly every path has no such segment: answered without splitting it (the relay logs every call).
  if (pathname.length <= MAX_SEGMENT_LENGTH && !CREDENTIAL_HINT.test(pathname)) return pathname;
  return pathname
    .split('/')
    .map((segment) =>
      CREDENTIAL_SEGMENT.test(decodeSafely(segment)) || segment.length > MAX_SEGMENT_LENGTH
        ? '[redacted]'
        : segment,
    )
    .join('/');
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export type RequestLogFields = {
  requestId: string | undefined;
  method: string;
  /** The URL's pathname, still percent-encoded. */
  pathname: string;
  status: number;
  /** `performance.now()` when the request arrived. */
  started: number;
  actor: string | undefined;
};

/** Writes the access log line of one answered request (5xx at `warn`, the rest at `info`). */
export function logRequest(logger: Logger, request: RequestLogFields): void {
  const fields = {
    request_id: request.requestId,
    method: request.method,
    path: loggablePath(request.pathname),
    status: request.status,
    duration_ms: Math.round((performance.now() - request.started) * 10) / 10,
    actor: request.actor,
  };
  if (request.status >= 500) logger.warn('request', fields);
  else logger.info('request', fields);
}

/** One line per request: method, path (no query string: it may carry keys), status, duration, actor. */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const started = performance.now();
    await next();
    logRequest(logger, {
      requestId: context.get('requestId'),
      method: context.req.method,
      pathname: new URL(context.req.url).pathname,
      status: context.res.status,
      started,
      actor: context.get('principal')?.subject,
    });
  };
}
