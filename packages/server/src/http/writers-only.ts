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
