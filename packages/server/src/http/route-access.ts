import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';

/**
 * Route middleware of a write whose targets are named in its body (a plan): a caller who may write nowhere
 * is refused before the body is read, whatever it sends. The per-worker checks follow in the handler.
 */
export function writersOnly(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return (context, next) => {
    deps.access.requireAnyWrite(context.get('principal'));
    return next();
  };
}

/** Route middleware of an admin-only read: anyone else is refused before path and query are validated. */
export function adminsOnly(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return (context, next) => {
    deps.access.requireAdmin(context.get('principal'));
    return next();
  };
}
