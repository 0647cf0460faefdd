import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';
import type { Logger } from '../logger.js';

/** What a masked segment must contain, decoded or not: `sk-`, `cp1.` or a percent-escape. */
const CREDENTIAL_HINT = /sk-|cp1\.|%/i;

/** Path segments that look like credentials (`/key/sk-.../regenerate`) are masked before logging. */
function loggablePath(pathname: string): string {
  // Nearly every path has no such segment: answered without splitting it (the relay logs every call).
  if (pathname.length <= 128 && !CREDENTIAL_HINT.test(pathname)) return pathname;
  return pathname
    .split('/')
    .map((segment) =>
      /^(sk-|cp1\.)/i.test(decodeSafely(segment)) || segment.length > 128 ? '[redacted]' : segment,
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
