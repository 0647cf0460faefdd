import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { AppEnv } from '../app-context.js';
import { ERROR_STATUS } from '../errors.js';
import { packageVersion } from '../version.js';

type JsonObject = Record<string, unknown>;

/** Adds what the route definitions do not state: the credentials every route accepts and the error codes. */
function registerComponents(api: OpenAPIHono<AppEnv>): void {
  const registry = api.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The master key or an access token from /auth/login',
  });
  registry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cp_session',
  });
  registry.registerComponent('schemas', 'ErrorCodes', {
    type: 'object',
    description: 'HTTP status of each error code',
    properties: Object.fromEntries(
      Object.entries(ERROR_STATUS).map(([code, status]) => [code, { const: status }]),
    ),
  });
}

/** The OpenAPI 3.1 document generated from the route definitions mounted on `api`. */
export function buildOpenApiDocument(api: OpenAPIHono<AppEnv>): JsonObject {
  registerComponents(api);
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'LLM control plane API',
      version: packageVersion(),
      description:
        'Manage a fleet of LiteLLM proxies. Errors use one envelope; every /api/v1 route needs a credential.',
    },
    security: [{ bearer: [] }, { cookie: [] }],
  }) as unknown as JsonObject;
}

/** GET /openapi.json (authenticated like the API it describes), generated once on first request. */
export function openApiRoutes(api: OpenAPIHono<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let cached: JsonObject | undefined;
  app.get('/openapi.json', (context) => {
    cached ??= buildOpenApiDocument(api);
    return context.json(cached);
  });
  return app;
}
