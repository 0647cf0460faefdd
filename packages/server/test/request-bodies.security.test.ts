import { describe, expect, it } from 'vitest';
import { startHarness } from './support/fixtures.js';

type ErrorBody = { error: { code: string; message: string; request_id: string } };
type Operation = {
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
};

const JSON_TYPE = { 'content-type': 'application/json' };

/** Every JSON body the API documents, with its path made concrete and the first property it names. */
async function bodyRoutes(
  request: (path: string) => Promise<Response>,
): Promise<{ method: string; path: string; field: string }[]> {
  const document = (await (await request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const routes: { method: string; path: string; field: string }[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (path.includes('{path}')) continue; // the relay: its bodies go to the worker as they are
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content['application/json'].schema;
      if (schema === undefined) continue;
      routes.push({
        method: method.toUpperCase(),
        path: path
          .replace('{workerId}', 'no-such-worker')
          .replace('{username}', 'nobody')
          .replace('{kind}', 'guardrails'),
        field: Object.keys(schema.properties ?? {})[0] ?? '',
      });
    }
  }
  return routes;
}

describe('request bodies validated by the route definitions', () => {
  it('answers every documented JSON body with one envelope: 415, empty, malformed, too deep, or the field to fix', async () => {
    await using harness = await startHarness({ workers: 1 });
    const routes = await bodyRoutes((path) => harness.request(path));
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/workers',
        'PATCH /api/v1/workers/no-such-worker',
        'POST /api/v1/users',
        'PATCH /api/v1/users/nobody',
        'POST /api/v1/fleet/plan',
        'POST /api/v1/fleet/apply',
        'POST /api/v1/fleet/objects/guardrails/plan',
        'POST /api/v1/fleet/objects/guardrails/apply',
      ]),
    );
    const cases: {
      headers: Record<string, string>;
      body: string;
      status: number;
      code: string;
      says: string;
    }[] = [
      {
        headers: { 'content-type': 'text/plain' },
        body: '{}',
        status: 415,
        code: 'unsupported_media_type',
        says: 'Content-Type: application/json',
      },
      {
        headers: {},
        body: '{}',
        status: 415,
        code: 'unsupported_media_type',
        says: 'Content-Type: application/json',
      },
      { headers: JSON_TYPE, body: '', status: 400, code: 'invalid_request', says: 'empty' },
      { headers: JSON_TYPE, body: '{"a":', status: 400, code: 'invalid_request', says: 'not valid JSON' },
      {
        headers: JSON_TYPE,
        body: `${'['.repeat(65)}${']'.repeat(65)}`,
        status: 400,
        code: 'body_too_deep',
        says: '64 levels',
      },
      { headers: JSON_TYPE, body: '{"a":"\\u0000"}', status: 400, code: 'invalid_request', says: 'NUL' },
    ];
    for (const route of routes) {
      const wrongField = JSON.stringify({ [route.field]: 12345 });
      const all = [
        ...cases,
        {
          headers: JSON_TYPE,
          body: wrongField,
          status: 400,
          code: 'invalid_request',
          says: `${route.field}:`,
        },
      ];
      for (const { headers, body, status, code, says } of all) {
        const what = `${route.method} ${route.path} ${JSON.stringify(headers)} ${body.slice(0, 40)}`;
        const response = await harness.request(route.path, { method: route.method, headers, body });
        const error = ((await response.json()) as ErrorBody).error;
        expect({ status: response.status, code: error.code }, what).toEqual({ status, code });
        expect(error.message, what).toContain(says);
        expect(error.request_id, what).toBe(response.headers.get('x-request-id'));
      }
    }
  });

  it('accepts JSON with media-type parameters and names a field the schema does not know', async () => {
    await using harness = await startHarness({ workers: 1 });
    const created = await harness.request('/api/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: 'body-user', password: 'long enough password', role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'body-user', role: 'viewer', scope: null });
    const extra = await harness.request('/api/v1/users', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({
        username: 'other-user',
        password: 'long enough password',
        role: 'viewer',
        admin: true,
      }),
    });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as ErrorBody).error.message).toContain('admin');
  });

  it('runs each route’s own refusals before its body is read', async () => {
    await using harness = await startHarness({ workers: 1 });
    const invalid = { headers: JSON_TYPE, body: '{"name": 42}' };
    const configWorker = await harness.request('/api/v1/workers/worker-a', { method: 'PATCH', ...invalid });
    expect(configWorker.status).toBe(409);
    expect(((await configWorker.json()) as ErrorBody).error.code).toBe('conflict');

    for (const action of ['plan', 'apply']) {
      const unknownKind = await harness.request(`/api/v1/fleet/objects/widgets/${action}`, {
        method: 'POST',
        ...invalid,
      });
      expect(unknownKind.status, action).toBe(404);
      expect(((await unknownKind.json()) as ErrorBody).error.message).toContain('widgets');
    }

    const crossSite = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { ...JSON_TYPE, origin: 'https://evil.example' },
      body: '{"username": 42',
      auth: null,
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as ErrorBody).error.code).toBe('csrf_refused');
  });
});
