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
    context.header('x-request-id', requestId);
  };
}
