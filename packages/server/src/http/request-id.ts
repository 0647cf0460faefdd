import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes `x-request-id` when it is a short token (so it cannot inject into logs), otherwise makes one. */
export function requestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const given = context.req.header('x-request-id');
    const requestId = given !== undefined && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
    context.set('requestId', requestId);
    context.header('x-request-id', requestId);
    await next();
    // Setting a header on a finished response rebuilds it around a stream, which takes the node adapter off
    // its fast path; most responses already carry the id from the prepared headers above.
    if (context.res.headers.get('x-request-id') !== requestId) context.header('x-request-id', requestId);
  };
}
