import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-context.js';
import type { Principal } from '../auth/principal.js';
import { toApiError } from '../errors.js';

/** What a write handler adds to its audit entry: `context.get('audit')`. */
export type AuditScope = {
  /** Redacted by the audit log; the request body may go in as it is. */
  detail: Record<string, unknown>;
  /** What the write is about (a worker id, a username); a handler sets it once the body names it. */
  target: string | null;
};

type AuditedOptions = {
  action: string;
  /** The target known from the request line, e.g. the `:workerId` parameter. */
  target?: (context: Context<AppEnv>) => string | null;
  /** The target is a worker: the entry is filed under it (`worker_id`). */
  workerTarget?: boolean;
  /**
   * The access check of the route, run here so that a refusal is audited too and comes before any
   * validation (a caller without the right learns nothing from validation errors).
   */
  authorize?: (principal: Principal) => void;
};

/**
 * Middleware of a write route: every attempt, refused, failed or done, leaves one audit entry with its
 * final status. Register it on the route's method and path before the handler.
 */
function audited(deps: AppDeps, options: AuditedOptions): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const principal = context.get('principal');
    const scope: AuditScope = { detail: {}, target: options.target?.(context) ?? null };
    context.set('audit', scope);
    let thrown: unknown;
    try {
      options.authorize?.(principal);
      await next();
    } catch (error) {
      thrown = error;
    }
    // A handler's error has already been turned into the response by the app's error handler.
    const failure = thrown ?? context.error;
    if (failure !== undefined) scope.detail.error = toApiError(failure).code;
    await deps.audit.record({
      actor: principal.subject,
      workerId: options.workerTarget === true ? scope.target : null,
      action: options.action,
      method: context.req.method,
      path: new URL(context.req.url).pathname,
      target: scope.target,
      status: thrown === undefined ? context.res.status : toApiError(thrown).status,
      requestId: context.get('requestId'),
      detail: scope.detail,
    });
    if (thrown !== undefined) throw thrown;
  };
}

/**
 * `audited` for admin-only writes whose target is the path parameter `param`. The role check runs in the
 * middleware, so a refusal is audited and comes before any validation.
 */
export function auditedAdminWrite(
  deps: AppDeps,
  action: string,
  param: string,
  options: { workerTarget?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return audited(deps, {
    action,
    ...options,
    target: (context) => context.req.param(param) ?? null,
    authorize: (principal) => deps.access.requireAdmin(principal),
  });
}
