import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-context.js';
import { ApiError, describeZodError, ErrorEnvelopeSchema } from '../errors.js';
import { containsNul, jsonBodyPreflight } from './validate.js';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What one route declares; `route` turns it into a `createRoute` definition, the only place it is stated. */
export type ApiRoute = {
  method: HttpMethod;
  /** Hono path, e.g. `/api/v1/workers/:workerId`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Whether the route needs a credential. @default true */
  auth?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Schema of the JSON request body: validated before the handler, read with `validBody`. */
  body?: z.ZodType;
  /**
   * Runs before the body is read or validated: access checks and auditing, so that a caller without the
   * right is refused whatever it sends and learns nothing from validation errors.
   */
  middleware?: MiddlewareHandler<AppEnv>[];
  /** Schema of the success body; omit for non-JSON answers and describe them in `responseDescription`. */
  response?: z.ZodType;
  responseDescription?: string;
  /** Content type of a non-JSON success body. */
  responseContentType?: string;
  /** Success status. @default 200 */
  status?: number;
};

/**
 * Every error answer: the one error envelope, referenced as the `ErrorEnvelope` component. Rebuilt here
 * because zod gives `.openapi()` only to schemas created after `@hono/zod-openapi` has extended it.
 */
function errorResponses() {
  return {
    default: {
      description: 'Error envelope',
      content: {
        'application/json': { schema: z.object(ErrorEnvelopeSchema.shape).openapi('ErrorEnvelope') },
      },
    },
  };
}

/** `/api/v1/workers/:workerId/admin/*` → `/api/v1/workers/{workerId}/admin/{path}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}').replace(/\/\*$/, '/{path}');
}

/** `get` + `/api/v1/workers/{workerId}` → `getApiV1WorkersWorkerId` */
function operationId(method: string, path: string): string {
  return `${method}${openApiPath(path).replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`;
}

/** Plain string parameters for a path whose route declares no schema for them (so they are documented). */
function pathParameters(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((name) => [name, z.string()])));
}

/** The `createRoute` definition of `spec`. */
function apiRoute(spec: ApiRoute): RouteConfig {
  const status = String(spec.status ?? 200);
  const success: RouteConfig['responses'][string] = { description: spec.responseDescription ?? 'Success' };
  if (spec.response !== undefined) success.content = { 'application/json': { schema: spec.response } };
  else if (spec.responseContentType !== undefined)
    success.content = { [spec.responseContentType]: { schema: { type: 'string' } } };
  const request: NonNullable<RouteConfig['request']> = {};
  const params = spec.params ?? pathParameters(spec.path);
  if (params !== undefined) request.params = params;
  if (spec.query !== undefined) request.query = spec.query;
  if (spec.body !== undefined)
    request.body = { required: true, content: { 'application/json': { schema: spec.body } } };
  return createRoute({
    method: spec.method,
    path: openApiPath(spec.path),
    operationId: operationId(spec.method, spec.path),
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    tags: [spec.tag],
    ...(spec.auth === false ? { security: [] } : {}),
    request,
    responses: { [status]: success, ...errorResponses() },
  });
}

/**
 * Validation failures of path, query and body become the error envelope with the same codes and messages
 * as the rest of the API, naming the field to fix; a NUL character in the query is refused before its
 * schema is consulted (a body's NUL characters are refused by `jsonBodyPreflight`).
 */
function defaultHook(
  result: { success: boolean; target: string; error?: z.ZodError },
  context: Context<AppEnv>,
): undefined {
  if (result.target === 'query' && containsNul(context.req.query()))
    throw new ApiError('invalid_request', 'Query parameters must not contain NUL characters');
  if (result.success || result.error === undefined) return undefined;
  if (result.target === 'param') throw new ApiError('invalid_path', describeZodError(result.error, 'path'));
  if (result.target === 'json')
    throw new ApiError('invalid_request', describeZodError(result.error, 'request body'));
  throw new ApiError('invalid_request', describeZodError(result.error, 'query'));
}

/** A router whose routes are declared with `route` and validated through the one error envelope. */
export function createApiApp(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook });
}

/** Documents `spec` without serving it, for a route served by a plain handler. */
export function documentRoute(app: OpenAPIHono<AppEnv>, spec: ApiRoute): void {
  app.openAPIRegistry.registerPath(apiRoute(spec));
}

/**
 * Registers `handler` for `spec`. The route's own middleware runs first, then the JSON body's media type,
 * shape limits and NUL check (`jsonBodyPreflight`), then the definition validates path, query and body;
 * read them with `validParams`, `validQuery` and `validBody`.
 */
export function route(app: OpenAPIHono<AppEnv>, spec: ApiRoute, handler: Handler<AppEnv>): void {
  const middleware = [...(spec.middleware ?? []), ...(spec.body === undefined ? [] : [jsonBodyPreflight()])];
  app.openapi({ ...apiRoute(spec), middleware }, handler as never);
}

/** The validated path parameters of a route declared with `params: schema`. */
export function validParams<T extends z.ZodType>(context: Context, _schema: T): z.output<T> {
  return context.req.valid('param' as never) as z.output<T>;
}

/** The validated query of a route declared with `query: schema`. */
export function validQuery<T extends z.ZodType>(context: Context, _schema: T): z.output<T> {
  return context.req.valid('query' as never) as z.output<T>;
}

/** The validated JSON body of a route declared with `body: schema`. */
export function validBody<T extends z.ZodType>(context: Context, _schema: T): z.output<T> {
  return context.req.valid('json' as never) as z.output<T>;
}
