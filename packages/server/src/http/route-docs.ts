import type { Handler, Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app-context.js';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Documentation of one route; the same object registers the route, so the two cannot drift apart. */
export type RouteDoc = {
  method: HttpMethod | 'all';
  /** Hono path, e.g. `/api/v1/workers/:workerId`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Whether the route needs a credential. @default true */
  auth?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Schema of the success body; omit for non-JSON answers and describe them in `responseDescription`. */
  response?: z.ZodType;
  responseDescription?: string;
  /** Content type of a non-JSON success body. */
  responseContentType?: string;
  /** Success status. @default 200 */
  status?: number;
};

/** Collects route documentation for `/openapi.json`. */
export class RouteDocs {
  readonly #routes: RouteDoc[] = [];

  add(doc: RouteDoc): void {
    this.#routes.push(doc);
  }

  list(): readonly RouteDoc[] {
    return this.#routes;
  }
}

/** Registers `handler` for the documented route on `app` and records the documentation. */
export function route(app: Hono<AppEnv>, docs: RouteDocs, doc: RouteDoc, handler: Handler<AppEnv>): void {
  if (doc.method === 'all') app.all(doc.path, handler);
  else app.on(doc.method.toUpperCase(), doc.path, handler);
  docs.add(doc);
}
