import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-context.js';
import { ERROR_STATUS, ErrorEnvelopeSchema } from '../errors.js';
import type { RouteDoc, RouteDocs } from '../http/route-docs.js';
import { packageVersion } from '../version.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest as JsonSchema;
}

/** `/api/v1/workers/:workerId/admin/*` → `/api/v1/workers/{workerId}/admin/{path}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}').replace(/\/\*$/, '/{path}');
}

function pathParameters(path: string): string[] {
  const names = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
  if (path.endsWith('/*')) names.push('path');
  return names;
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

function operation(doc: RouteDoc): JsonSchema {
  const status = String(doc.status ?? 200);
  const success: JsonSchema = { description: doc.responseDescription ?? 'Success' };
  if (doc.response !== undefined) {
    success.content = { 'application/json': { schema: jsonSchema(doc.response, 'output') } };
  } else if (doc.responseContentType !== undefined) {
    success.content = { [doc.responseContentType]: { schema: { type: 'string' } } };
  }
  const responses: JsonSchema = {
    [status]: success,
    default: {
      description: 'Error envelope',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    },
  };
  const operationObject: JsonSchema = {
    operationId: `${doc.method}${openApiPath(doc.path).replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [
      ...pathParameters(doc.path).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...queryParameters(doc.query),
    ],
    responses,
  };
  if (doc.description !== undefined) operationObject.description = doc.description;
  if (doc.auth === false) operationObject.security = [];
  if (doc.body !== undefined) {
    operationObject.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } },
    };
  }
  return operationObject;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Builds the OpenAPI 3.1 document from the route documentation. Routes registered without documentation
 * (found in the router) are still listed, so the document never silently misses a route.
 */
export function buildOpenApiDocument(
  docs: readonly RouteDoc[],
  registered: readonly { method: string; path: string }[],
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const add = (method: string, doc: RouteDoc) => {
    const key = openApiPath(doc.path);
    paths[key] ??= {};
    paths[key][method] = operation(doc);
  };
  for (const doc of docs) {
    if (doc.method === 'all') for (const method of METHODS) add(method, doc);
    else add(doc.method, doc);
  }
  for (const entry of registered) {
    if (!entry.path.startsWith('/api/v1/') || (entry.path.endsWith('*') && !entry.path.endsWith('/admin/*')))
      continue;
    const method = entry.method.toLowerCase();
    if (!(METHODS as readonly string[]).includes(method)) continue;
    const key = openApiPath(entry.path);
    if (paths[key]?.[method] !== undefined) continue;
    add(method, {
      method: method as RouteDoc['method'],
      path: entry.path,
      tag: entry.path.split('/')[3] ?? 'api',
      summary: `${method.toUpperCase()} ${key}`,
    });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'LLM control plane API',
      version: packageVersion(),
      description:
        'Manage a fleet of LiteLLM proxies. Errors use one envelope; every /api/v1 route needs a credential.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The master key or an access token from /auth/login',
        },
        cookie: { type: 'apiKey', in: 'cookie', name: 'cp_session' },
      },
      schemas: {
        ErrorEnvelope: jsonSchema(ErrorEnvelopeSchema, 'output'),
        ErrorCodes: {
          type: 'object',
          description: 'HTTP status of each error code',
          properties: Object.fromEntries(
            Object.entries(ERROR_STATUS).map(([code, status]) => [code, { const: status }]),
          ),
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}

/** GET /openapi.json (authenticated like the API it describes). */
export function openApiRoutes(
  docs: RouteDocs,
  registered: () => readonly { method: string; path: string }[],
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let cached: JsonSchema | undefined;
  app.get('/openapi.json', (context) => {
    cached ??= buildOpenApiDocument(docs.list(), registered());
    return context.json(cached);
  });
  return app;
}
