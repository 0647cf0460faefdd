import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';
import type { Logger } from '../logger.js';

/** Path segments that look like credentials (`/key/sk-.../regenerate`) are masked before logging. */
function loggablePath(url: string): string {
  const pathname = new URL(url).pathname;
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

/** One line per request: method, path (no query string: it may carry keys), status, duration, actor. */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const started = performance.now();
    await next();
    const status = context.res.status;
    const fields = {
      request_id: context.get('requestId'),
      method: context.req.method,
      path: loggablePath(context.req.url),
      status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      actor: context.get('principal')?.subject,
    };
    if (status >= 500) logger.warn('request', fields);
    else logger.info('request', fields);
  };
}
