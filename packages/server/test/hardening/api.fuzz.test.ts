import { isLlmPath, isManagementPath } from '@llm-control-plane/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  CANARY_PREFIX,
  type Harness,
  observedResponses,
  startHarness,
} from './support/harness.js';
import { type RogueWorker, startRogueWorker } from './support/rogue-worker.js';

/**
 * Random bodies, queries and path parameters for every route of the OpenAPI document: the answer is
 * never a 5xx and never a crash, and every refusal is a 4xx envelope that says what is wrong.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const runs = (count: number) => ({ numRuns: count, seed: SEED });

type Operation = {
  method: string;
  path: string;
  query: string[];
  bodyProperties: string[] | null;
};

let harness: Harness;
let recorder: RogueWorker;
let operations: Operation[] = [];
let casesRun = 0;
const processFailures: unknown[] = [];
const onUnhandled = (reason: unknown) => processFailures.push(reason);

const TRAVERSAL = [
  '..',
  '../..',
  '%2e%2e',
  '..%2f',
  '%2f',
  '%5c',
  '\\',
  '/',
  '.',
  '%00',
  '\u0000',
  '%252e%252e',
];

const awkwardString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    ...TRAVERSAL,
    'w0',
    'w1',
    'all',
    'key',
    'team',
    'csv',
    'json',
    '2024-01-01',
    '9999-99-99',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.constantFrom(
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    ['$', '{jndi:ldap://x}'].join(''),
    '{{7*7}}',
    '__proto__',
    'constructor',
  ),
  fc.nat({ max: 4 }).map((power) => 'z'.repeat(10 ** power)),
);

const awkwardJson: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 4 }),
  awkwardString,
  fc.constant({ __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.nat({ max: 3 }).map((power) => JSON.parse(`${'['.repeat(10 ** power)}${']'.repeat(10 ** power)}`)),
  // Deeper than the limit, yet shallow enough for fast-check to print as a counterexample.
  fc.constant(JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`)),
  fc.constant(Array.from({ length: 10_001 }, () => 0)),
);

function bodyFor(properties: string[] | null): fc.Arbitrary<unknown> {
  if (properties === null || properties.length === 0) return awkwardJson;
  return fc.oneof(
    awkwardJson,
    fc.record(Object.fromEntries(properties.map((name) => [name, awkwardJson])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(properties.map((name) => [name, awkwardString])), { requiredKeys: [] }),
  );
}

/** Percent-encodes like encodeURIComponent, but also copes with lone surrogates (as UTF-8 of U+FFFD). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Leaves printable ASCII as it is (so raw `..`, `\\` and `%` reach the server) and encodes the rest. */
function sendable(value: string): string {
  return [...value].map((char) => (/^[\x21-\x7e]$/.test(char) ? char : encodeSegment(char))).join('');
}

function concrete(path: string, workerId = 'w0'): string {
  return path
    .replace('{workerId}', workerId)
    .replace('{username}', 'fuzz-user')
    .replace('{path}', 'key/list');
}

/**
 * A refusal must be a 4xx envelope that explains itself. A 5xx is allowed only when a worker itself
 * answered one (`worker_error` with its `worker_status`): every worker here is up and answers, so a
 * `worker_unreachable` or `worker_timeout` would blame a worker for the request's own fault.
 */
function judge(response: ApiResponse, what: string): void {
  casesRun += 1;
  const detail = `${what} → ${response.status} ${response.text.slice(0, 200)}`;
  if (response.status >= 500) {
    const error = safeError(response);
    const fromWorker = error?.code === 'worker_error' && (error.worker_status ?? 0) >= 500;
    expect(fromWorker ? 'a worker answered 5xx' : `server error ${response.status}`, detail).toBe(
      'a worker answered 5xx',
    );
    return;
  }
  if (response.status >= 400) {
    if (response.text === '' && response.status === 400) return;
    const body = response.json() as { error?: { code?: unknown; message?: unknown; request_id?: unknown } };
    expect(typeof body.error?.code, detail).toBe('string');
    expect(typeof body.error?.message, detail).toBe('string');
    expect(String(body.error?.message ?? '').length, detail).toBeGreaterThan(5);
    expect(typeof body.error?.request_id, detail).toBe('string');
  }
}

function safeError(response: ApiResponse): { code?: string; worker_status?: number } | undefined {
  try {
    return (response.json() as { error?: { code?: string; worker_status?: number } }).error;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  harness = await startHarness({ workers: 2, generalSettings: { allowed_worker_hosts: ['127.0.0.1'] } });
  recorder = await startRogueWorker((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  const created = await harness.api('/api/v1/workers', {
    method: 'POST',
    body: { worker_id: 'recorder', name: 'Recorder', url: recorder.url, api_key: 'sk-recorder-key' },
  });
  expect(created.status, created.text).toBe(201);

  type OpenApiOperation = {
    parameters?: { name: string; in: string }[];
    requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
  };
  const document = (await harness.api('/openapi.json')).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (path === '/api/v1/auth/logout') continue;
      const schema = operation.requestBody?.content['application/json'].schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name),
        bodyProperties: schema === undefined ? null : Object.keys(schema.properties ?? {}),
      });
    }
  }
  operations = operations.filter(
    (operation) => !(operation.path.endsWith('{path}') && operation.method !== 'GET'),
  );
}, 240_000);

afterAll(async () => {
  await harness?.api('/api/v1/workers/recorder', { method: 'DELETE' });
  for (const { text } of observedResponses()) expect(text).not.toContain(CANARY_PREFIX);
  for (const line of harness?.logLines ?? []) expect(line).not.toContain(CANARY_PREFIX);
  await harness?.close();
  await recorder?.close();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  console.info(`[hardening] API fuzz cases run: ${casesRun} (seed ${SEED})`);
}, 60_000);

describe('every route under random input', () => {
  it('found the routes to fuzz in the OpenAPI document', () => {
    expect(operations.filter((operation) => operation.bodyProperties !== null).length).toBeGreaterThanOrEqual(
      6,
    );
    expect(operations.filter((operation) => operation.query.length > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('random query strings', { timeout: 180_000 }, async () => {
    for (const operation of operations.filter((candidate) => candidate.method === 'GET')) {
      const key = fc.oneof(fc.constantFrom(...operation.query, 'q', 'workers'), fc.string({ maxLength: 10 }));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(key, awkwardString), { maxLength: 6 }), async (pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const response = await harness.api(`${concrete(operation.path)}${query === '' ? '' : `?${query}`}`);
          judge(response, `GET ${operation.path}?${query.slice(0, 120)}`);
        }),
        runs(40),
      );
    }
  });

  it('malformed query encodings', { timeout: 60_000 }, async () => {
    const fragments = [
      '%',
      '%zz',
      '%ff%fe',
      '%c0%ae',
      '&&&',
      '==',
      'q=%',
      'a[b]=1',
      'q[]=x',
      '%E2%80%AE',
      ';',
      '#x',
      '%0d%0aSet-Cookie:%20x=1',
      '%7f',
      'x'.repeat(9000),
      'r=1&'.repeat(40),
    ];
    for (const operation of operations.filter((candidate) => candidate.method === 'GET')) {
      for (const fragment of fragments) {
        const response = await harness.raw({
          path: `${concrete(operation.path)}?${operation.query[0] ?? 'q'}=${fragment}&${fragment}`,
          headers: { authorization: `Bearer ${harness.masterKey}` },
        });
        judge(response, `GET ${operation.path} with ${fragment}`);
      }
    }
  });

  it('NUL characters in any query parameter are a 4xx, not a store failure', {
    timeout: 60_000,
  }, async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((candidate) => candidate.method === 'GET')) {
      for (const name of operation.query) {
        const path = `${concrete(operation.path)}?${name}=a%00b`;
        const response = await harness.raw({
          path,
          headers: { authorization: `Bearer ${harness.masterKey}` },
        });
        casesRun += 1;
        if (response.status >= 500)
          failures.push(`GET ${path} → ${response.status} ${response.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('NUL characters in body fields are a 4xx, not a store failure', { timeout: 60_000 }, async () => {
    const cases: { method: string; path: string; body: unknown }[] = [
      {
        method: 'POST',
        path: '/api/v1/workers',
        body: { worker_id: 'nul-worker', name: 'a\u0000b', url: 'http://127.0.0.1:1' },
      },
      {
        method: 'POST',
        path: '/api/v1/workers',
        body: { worker_id: 'nul-region', name: 'n', url: 'http://127.0.0.1:1', region: '\u0000' },
      },
      {
        method: 'POST',
        path: '/api/v1/workers',
        body: {
          worker_id: 'nul-label',
          name: 'n',
          url: 'http://127.0.0.1:1',
          labels: { 'a\u0000': 'b\u0000' },
        },
      },
      { method: 'PATCH', path: '/api/v1/workers/recorder', body: { name: 'x\u0000y' } },
      {
        method: 'POST',
        path: '/api/v1/users',
        body: { username: 'nul-user', password: 'password\u0000password', role: 'viewer' },
      },
      {
        method: 'POST',
        path: '/api/v1/users',
        body: {
          username: 'nul-scope',
          password: 'long enough password',
          role: 'viewer',
          scope: { labels: { a: '\u0000' } },
        },
      },
      { method: 'POST', path: '/api/v1/workers/w0/admin/team/new', body: { team_alias: 'nul\u0000team' } },
    ];
    const failures: string[] = [];
    for (const { method, path, body } of cases) {
      const response = await harness.api(path, { method, body });
      casesRun += 1;
      if (response.status >= 500)
        failures.push(
          `${method} ${path} ${JSON.stringify(body)} → ${response.status} ${response.text.slice(0, 160)}`,
        );
    }
    await harness.api('/api/v1/workers/recorder', { method: 'PATCH', body: { name: 'Recorder' } });
    expect(failures).toEqual([]);
  });

  it('random JSON bodies', { timeout: 180_000 }, async () => {
    for (const operation of operations.filter((candidate) => candidate.bodyProperties !== null)) {
      await fc.assert(
        fc.asyncProperty(bodyFor(operation.bodyProperties), async (body) => {
          const isLogin = operation.path === '/api/v1/auth/login';
          const response = await harness.api(concrete(operation.path, 'fuzz-target'), {
            method: operation.method,
            rawBody: JSON.stringify(body) ?? 'null',
            headers: isLogin ? { authorization: '' } : {},
          });
          judge(response, `${operation.method} ${operation.path} ${JSON.stringify(body)?.slice(0, 120)}`);
        }),
        runs(60),
      );
    }
  });

  it('bodies that are not JSON, mislabelled or too large', { timeout: 120_000 }, async () => {
    const bodies: { body: string; type: string }[] = [
      { body: '{"a":', type: 'application/json' },
      { body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
      { body: '{"a":1}', type: 'text/plain' },
      { body: '<x/>', type: 'application/xml' },
      { body: '\u0000\u0001', type: 'application/json' },
      { body: '{"a":1}', type: 'multipart/form-data; boundary=x' },
      { body: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`, type: 'application/json' },
      { body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, type: 'application/json' },
    ];
    for (const operation of operations.filter((candidate) => candidate.method !== 'GET')) {
      for (const { body, type } of bodies) {
        const what = `${operation.method} ${operation.path} (${type}, ${body.length} bytes)`;
        let response: ApiResponse;
        try {
          response = await harness.raw({
            method: operation.method,
            path: concrete(operation.path, 'fuzz-target'),
            body,
            headers: {
              'content-type': type,
              'content-length': String(Buffer.byteLength(body)),
              ...(operation.path === '/api/v1/auth/login'
                ? {}
                : { authorization: `Bearer ${harness.masterKey}` }),
            },
          });
        } catch (error) {
          // Refusing an oversized body by closing the connection early is a refusal too; nothing else is.
          expect(body.length, `${what}: ${(error as Error).message}`).toBeGreaterThan(1024 * 1024);
          casesRun += 1;
          continue;
        }
        if (body.length > 1024 * 1024) expect(response.status, what).toBe(413);
        judge(response, what);
      }
    }
    expect((await harness.api('/api/v1/auth/me')).status).toBe(200);
  });

  it('random headers on every route', { timeout: 180_000 }, async () => {
    const names = [
      'accept',
      'accept-encoding',
      'content-type',
      'cookie',
      'origin',
      'referer',
      'sec-fetch-site',
      'x-request-id',
      'x-forwarded-for',
      'x-forwarded-host',
      'if-none-match',
      'range',
      'user-agent',
    ];
    // Header values are visible ASCII and spaces: anything else the HTTP client itself refuses to send.
    const value = fc.oneof(
      fc.string({
        maxLength: 40,
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      }),
      fc.constantFrom(
        '',
        'null',
        'application/json; charset=utf-16',
        'cp_session=garbage',
        'bytes=0-1,5-',
        'x'.repeat(8000),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }),
        fc.boolean(),
        async (operation, headers, authorised) => {
          const hasBody = operation.method !== 'GET' && operation.method !== 'DELETE';
          const response = await harness.raw({
            method: operation.method,
            path: concrete(operation.path, operation.method === 'GET' ? 'w0' : 'fuzz-target'),
            headers: {
              ...(hasBody ? { 'content-type': 'application/json' } : {}),
              ...headers,
              ...(authorised && operation.path !== '/api/v1/auth/login'
                ? { authorization: `Bearer ${harness.masterKey}` }
                : {}),
            },
            ...(hasBody ? { body: '{}' } : {}),
          });
          judge(response, `${operation.method} ${operation.path} ${JSON.stringify(headers).slice(0, 160)}`);
        },
      ),
      runs(400),
    );
  });

  it('a 5,000-deep relayed body is a 400 that names the limit, never a worker error', async () => {
    const body = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const before = recorder.requests.length;
    const response = await harness.api('/api/v1/workers/recorder/admin/key/generate', {
      method: 'POST',
      rawBody: body,
    });
    expect(response.status).toBe(400);
    expect(safeError(response)?.code).toBe('body_too_deep');
    expect(recorder.requests.length).toBe(before);
  });

  it('random path parameters: worker ids and usernames with traversal, unicode and encodings', {
    timeout: 120_000,
  }, async () => {
    const parameter = fc.oneof(awkwardString, fc.constantFrom(...TRAVERSAL.map((item) => `w0${item}w1`)));
    const templates = operations.filter((operation) => /\{(workerId|username)\}/.test(operation.path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        parameter,
        fc.boolean(),
        async (operation, value, encode) => {
          const segment = encode ? encodeSegment(value) : sendable(value);
          const path = operation.path
            .replace('{workerId}', segment)
            .replace('{username}', segment)
            .replace('{path}', 'key/list')
            .replace(/#/g, '%23')
            .replace(/\?/g, '%3F');
          const response = await harness.raw({
            method: operation.method,
            path,
            headers: { authorization: `Bearer ${harness.masterKey}`, 'content-type': 'application/json' },
            ...(operation.method === 'GET' || operation.method === 'DELETE' ? {} : { body: '{}' }),
          });
          judge(response, `${operation.method} ${path.slice(0, 150)}`);
        },
      ),
      runs(300),
    );
  });

  it('random relayed paths only ever reach a worker as management paths, never LLM ones', {
    timeout: 120_000,
  }, async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'key',
        'list',
        'team',
        'info',
        'user',
        'model',
        'new',
        'v1',
        'v2',
        'chat',
        'completions',
        'embeddings',
        'openai',
        'deployments',
        'responses',
        'messages',
        'health',
        'spend',
        'logs',
        'KEY',
        'Chat',
        ...TRAVERSAL,
        '',
        '%63hat',
        '%6b%65%79',
        'completions%2f',
        ';',
        '..;',
        '%09',
        '%20',
      ),
      fc.string({ maxLength: 6 }).map((value) => encodeSegment(value)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('GET', 'POST', 'DELETE'),
        async (segments, method) => {
          const path = `/api/v1/workers/recorder/admin/${segments.map(sendable).join('/')}`
            .replace(/#/g, '%23')
            .replace(/\?/g, '%3F');
          const before = recorder.requests.length;
          const response = await harness.raw({
            method,
            path,
            headers: { authorization: `Bearer ${harness.masterKey}`, 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { body: '{}' }),
          });
          judge(response, `${method} ${path}`);
          for (const request of recorder.requests.slice(before)) {
            const received = request.url.split('?')[0] ?? '';
            expect(isManagementPath(received), `worker received ${received} for ${path}`).toBe(true);
            expect(isLlmPath(received), `worker received LLM path ${received} for ${path}`).toBe(false);
            const decoded = received.split('/').map((part) => {
              try {
                return decodeURIComponent(part);
              } catch {
                return part;
              }
            });
            expect(
              decoded.some(
                (part) => part === '..' || part === '.' || part.includes('/') || part.includes('\\'),
              ),
            ).toBe(false);
          }
        },
      ),
      runs(400),
    );
    expect(harness.workers.every((worker) => worker.state.counters.llmRequests === 0)).toBe(true);
    expect(processFailures).toEqual([]);
  });
});
