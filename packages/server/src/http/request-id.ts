import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The `x-request-id` given when it is a short token (so it cannot inject into logs), otherwise a new one. */
export function requestIdFrom(given: string | undefined): string {
  return given !== undefined && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Takes `x-request-id` when it is a short token, otherwise makes one (see {@link requestIdFrom}). */
export function requestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const requestId = requestIdFrom(context.req.header('x-request-id'));
    context.set('requestId', requestId);
    context.header('x-request-id', requestId);
    await next();
    // Setting a header on a finished response rebuilds it around a stream, which takes the node adapter off
    // its fast path; most responses already carry the id from the prepared headers above.
    if (context.res.headers.get('x-request-id') !== requestId) context.header('x-request-id', requestId);
  };
}
