import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ControlPlane, createControlPlane } from '../src/control-plane.js';
import type { ListenAddress } from '../src/http/security.js';
import { createJsonLogger } from '../src/logger.js';
import { type RunningControlPlane, startControlPlane } from '../src/start.js';
import { hashPassword } from '../src/users/passwords.js';
import { CANARY, MASTER_KEY, workerKey } from './support/fixtures.js';
import { type RawResponse, rawRequest } from './support/http.js';
import { createMemoryStore } from './support/memory-store.js';

/*
 * Relayed reads are served by a Node-level fast path in front of the Hono app (src/http/relay-fast-path.ts).
 * `app.request` never reaches it, so these tests go through real sockets.
 */

const PASSWORD = 'a-long-enough-password';
const SECURE_HEADERS = [
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
];

type Setup = {
  workers: FakeWorker[];
  config: Parameters<typeof createControlPlane>[0]['config'];
  store: ReturnType<typeof createMemoryStore>;
};

async function setUp(generalSettings: Record<string, unknown> = {}): Promise<Setup> {
  const workers = [
    await startFakeWorker({ masterKey: workerKey(0), name: 'worker-0', seed: { keys: 3, seed: 1 } }),
    await startFakeWorker({ masterKey: workerKey(1), name: 'worker-1', seed: { keys: 3, seed: 2 } }),
  ];
  const store = createMemoryStore();
  await store.users.insert({
    username: 'otto',
    password_hash: await hashPassword(PASSWORD),
    role: 'operator',
    scope_workers: ['worker-a'],
  });
  const config = {
    worker_registry: workers.map((worker, index) => ({
      worker_id: `worker-${'ab'[index]}`,
      name: `Worker ${index}`,
      url: worker.url,
      api_key: worker.masterKey,
    })),
    general_settings: { master_key: MASTER_KEY, ...generalSettings },
  };
  return { workers, config, store };
}

async function login(url: string, username: string): Promise<string> {
  const response = await rawRequest(url, '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

function errorCode(response: RawResponse): string {
  return (JSON.parse(response.body) as { error: { code: string } }).error.code;
}

describe('relay fast path (real server)', () => {
  let setup: Setup;
  let running: RunningControlPlane;
  let logLines: string[];
  let appFetch: ReturnType<typeof vi.spyOn>;
  let operatorA: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    rawRequest(running.url, path, { headers: { authorization: `Bearer ${MASTER_KEY}`, ...headers } });

  beforeAll(async () => {
    setup = await setUp();
    logLines = [];
    running = await startControlPlane({
      config: setup.config,
      store: setup.store,
      port: 0,
      uiAssetsDir: false,
      monitorIntervalMs: 600_000,
      logger: createJsonLogger({ level: 'debug', write: (line) => logLines.push(line) }),
    });
    operatorA = await login(running.url, 'otto');
    // The server looks `fetch` up on the app per request: a call here means the Hono app answered.
    appFetch = vi.spyOn(running.app, 'fetch');
  });

  afterAll(async () => {
    await running.close();
    await Promise.all(setup.workers.map((worker) => worker.close()));
  });

  it('relays a read with the worker body, the relay and secure headers, without the app', async () => {
    appFetch.mockClear();
    const response = await get('/api/v1/workers/worker-a/admin/key/list?return_full_object=true', {
      'x-request-id': 'fast-read-1',
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { keys: unknown[] };
    expect(body.keys.length).toBe(3);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toBe('fast-read-1');
    for (const name of SECURE_HEADERS) expect(response.headers[name], name).toBeDefined();
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.body)));
    expect(response.body).not.toContain(CANARY);
    expect(appFetch).not.toHaveBeenCalled();
    // The access log has the call, and no log line holds the worker's key.
    const logLine = logLines
      .map((line) => JSON.parse(line))
      .find((line) => line.request_id === 'fast-read-1');
    expect(logLine).toMatchObject({ message: 'request', method: 'GET', status: 200, actor: 'admin' });
    expect(logLines.join('\n')).not.toContain(CANARY);
  });

  it('logs plain paths as they are and masks key-shaped segments in every spelling', async () => {
    const cases: [string, string][] = [
      ['/api/v1/workers/worker-a/admin/key/list', '/api/v1/workers/worker-a/admin/key/list'],
      ['/api/v1/workers/worker-a/admin/key/sk-abc123/x', '/api/v1/workers/worker-a/admin/key/[redacted]/x'],
      ['/api/v1/workers/worker-a/admin/key/SK-abc123/x', '/api/v1/workers/worker-a/admin/key/[redacted]/x'],
      ['/api/v1/workers/worker-a/admin/key/%73k-abc123/x', '/api/v1/workers/worker-a/admin/key/[redacted]/x'],
      ['/api/v1/workers/worker-a/admin/key/cp1.abc/x', '/api/v1/workers/worker-a/admin/key/[redacted]/x'],
      [
        `/api/v1/workers/worker-a/admin/key/${'a'.repeat(129)}`,
        '/api/v1/workers/worker-a/admin/key/[redacted]',
      ],
    ];
    for (const [index, [path, logged]] of cases.entries()) {
      const requestId = `log-path-${index}`;
      await get(path, { 'x-request-id': requestId });
      const line = logLines.map((text) => JSON.parse(text)).find((entry) => entry.request_id === requestId);
      expect(line?.path, path).toBe(logged);
    }
  });

  it('refuses LLM routes in plain and encoded spellings; the worker sees no LLM request', async () => {
    appFetch.mockClear();
    for (const spelling of [
      '/chat/completions',
      '/%63hat/completions',
      '/v1/chat/completions',
      '/embeddings',
    ]) {
      const response = await get(`/api/v1/workers/worker-a/admin${spelling}`);
      expect(response.status, spelling).toBe(403);
      expect(errorCode(response), spelling).toBe('llm_route_refused');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const encodedSlash = await get('/api/v1/workers/worker-a/admin/chat%2Fcompletions');
    expect(encodedSlash.status).toBe(403);
    expect(errorCode(encodedSlash)).toBe('llm_route_refused');
    const other = await get('/api/v1/workers/worker-a/admin/metrics');
    expect(errorCode(other)).toBe('not_a_management_route');
    expect(appFetch).not.toHaveBeenCalled();
    for (const worker of setup.workers) expect(worker.state.counters.llmRequests).toBe(0);
  });

  it('remembers a target and a decision per exact request, never across spellings or workers', async () => {
    appFetch.mockClear();
    const keysOf = (response: RawResponse) =>
      (JSON.parse(response.body) as { keys: { token?: string }[] }).keys.map((key) => key.token).join();
    const listA = '/api/v1/workers/worker-a/admin/key/list?return_full_object=true';
    const listB = '/api/v1/workers/worker-b/admin/key/list?return_full_object=true';
    const first = [await get(listA), await get(listB)];
    expect(keysOf(first[0] as RawResponse)).not.toBe(keysOf(first[1] as RawResponse));
    // The same targets again, in between the spending route in two spellings: each answer is its own.
    for (let round = 0; round < 3; round++) {
      for (const spelling of ['/chat/completions', '/%63hat/completions', '/chat/completions']) {
        const refused = await get(`/api/v1/workers/worker-a/admin${spelling}`);
        expect(refused.status, spelling).toBe(403);
        expect(errorCode(refused), spelling).toBe('llm_route_refused');
      }
      const [a, again, b] = [await get(listA), await get(listA), await get(listB)];
      expect([a.status, again.status, b.status]).toEqual([200, 200, 200]);
      expect(keysOf(a)).toBe(keysOf(first[0] as RawResponse));
      expect(keysOf(again)).toBe(keysOf(first[0] as RawResponse));
      expect(keysOf(b)).toBe(keysOf(first[1] as RawResponse));
    }
    // A user scoped to worker-a is refused worker-b on the same remembered target.
    const scoped = await get(listB, { authorization: `Bearer ${operatorA}` });
    expect(scoped.status).toBe(404);
    expect(appFetch).not.toHaveBeenCalled();
    for (const worker of setup.workers) expect(worker.state.counters.llmRequests).toBe(0);
  });

  it('refuses dot segments and encoded slashes with 400 invalid_path', async () => {
    appFetch.mockClear();
    for (const path of [
      '/api/v1/workers/worker-a/admin/key/../../../users',
      '/api/v1/workers/worker-a/admin/key/%2e%2e/list',
      '/api/v1/workers/worker-a/admin/key%2Flist',
      '/api/v1/workers/worker-a/admin/key/%zz',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(errorCode(response), path).toBe('invalid_path');
      for (const name of SECURE_HEADERS) expect(response.headers[name], name).toBeDefined();
    }
    expect(appFetch).not.toHaveBeenCalled();
  });

  it('answers 401 without a valid credential, with the Bearer challenge', async () => {
    appFetch.mockClear();
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer not-a-token' },
      { authorization: `Bearer ${workerKey(0)}` },
      { cookie: 'cp_session=forged' },
    ];
    for (const headers of cases) {
      const response = await rawRequest(running.url, '/api/v1/workers/worker-a/admin/key/list', { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(errorCode(response)).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="control-plane"');
    }
    expect(appFetch).not.toHaveBeenCalled();
  });

  it('keeps a scoped user to its workers; a session cookie works like the bearer token', async () => {
    appFetch.mockClear();
    const own = await get('/api/v1/workers/worker-a/admin/key/list', {
      authorization: `Bearer ${operatorA}`,
    });
    expect(own.status).toBe(200);
    const foreign = await get('/api/v1/workers/worker-b/admin/key/list', {
      authorization: `Bearer ${operatorA}`,
    });
    expect(foreign.status).toBe(404);
    expect(errorCode(foreign)).toBe('worker_not_found');
    const unknown = await get('/api/v1/workers/worker-z/admin/key/list');
    expect(unknown.status).toBe(404);
    const cookie = await rawRequest(running.url, '/api/v1/workers/worker-a/admin/key/list', {
      headers: { cookie: `cp_signed_in=1; cp_session=${operatorA}` },
    });
    expect(cookie.status).toBe(200);
    expect(appFetch).not.toHaveBeenCalled();
  });

  it('applies the loopback guard: a foreign Host is refused, a foreign Origin too (by the app)', async () => {
    appFetch.mockClear();
    const evilHost = await get('/api/v1/workers/worker-a/admin/key/list', {
      host: `evil.example:${running.port}`,
    });
    expect(evilHost.status).toBe(403);
    expect(errorCode(evilHost)).toBe('host_refused');
    expect(appFetch).not.toHaveBeenCalled();
    const evilOrigin = await get('/api/v1/workers/worker-a/admin/key/list', {
      origin: 'http://evil.example',
    });
    expect(evilOrigin.status).toBe(403);
    expect(errorCode(evilOrigin)).toBe('origin_refused');
    const sameOrigin = await get('/api/v1/workers/worker-a/admin/key/list', {
      origin: `http://localhost:${running.port}`,
    });
    expect(sameOrigin.status).toBe(200);
    // Requests with an Origin header are the app's (CORS).
    expect(appFetch).toHaveBeenCalledTimes(2);
  });

  it('applies the query limits', async () => {
    const tooLong = await get(`/api/v1/workers/worker-a/admin/key/list?a=${'x'.repeat(9000)}`);
    expect(tooLong.status).toBe(400);
    expect(errorCode(tooLong)).toBe('query_too_long');
    const repeated = await get(`/api/v1/workers/worker-a/admin/key/list?${'a=1&'.repeat(40)}`);
    expect(errorCode(repeated)).toBe('query_too_many_values');
    const control = await get('/api/v1/workers/worker-a/admin/key/list?a=%01');
    expect(errorCode(control)).toBe('query_invalid_character');
  });

  it('maps worker failures to the envelope without the worker key', async () => {
    await setup.workers[1]?.fault('error500');
    try {
      const failed = await get('/api/v1/workers/worker-b/admin/key/list');
      expect(failed.status).toBe(502);
      expect(JSON.parse(failed.body).error).toMatchObject({
        code: 'worker_error',
        worker_id: 'worker-b',
        worker_status: 500,
      });
      expect(failed.headers['cache-control']).toBe('no-store');
      expect(failed.body).not.toContain(CANARY);
    } finally {
      await setup.workers[1]?.fault('none');
    }
    await setup.workers[1]?.fault('garbage');
    try {
      const garbage = await get('/api/v1/workers/worker-b/admin/key/list');
      expect(garbage.status).toBe(502);
      expect(errorCode(garbage)).toBe('worker_bad_response');
    } finally {
      await setup.workers[1]?.fault('none');
    }
  });

  it('counts relayed reads in the relay metrics', async () => {
    const count = async () => {
      const metrics = await get('/metrics');
      const line = metrics.body
        .split('\n')
        .find(
          (text) =>
            text.startsWith('control_plane_relay_requests_total{') &&
            text.includes('worker="worker-a"') &&
            text.includes('method="read"') &&
            text.includes('status="200"'),
        );
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    const before = await count();
    appFetch.mockClear();
    for (let index = 0; index < 3; index += 1) {
      expect((await get('/api/v1/workers/worker-a/admin/key/list')).status).toBe(200);
    }
    expect(appFetch).not.toHaveBeenCalled();
    expect(await count()).toBe(before + 3);
  });
});

/** Headers that legitimately differ between two answers to the same request. */
const VARYING = new Set(['date', 'connection', 'keep-alive']);

function comparable(response: RawResponse): { status: number; headers: IncomingHttpHeaders; body: string } {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) if (!VARYING.has(name)) headers[name] = value;
  return { status: response.status, headers, body: response.body };
}

/**
 * One control plane behind two servers: one with the fast path in front of the app (as startControlPlane
 * serves it), one with the app alone. The same requests must get the same answers, byte for byte.
 */
describe('relay fast path answers exactly as the app', () => {
  for (const [title, generalSettings] of [
    ['without CORS', {}],
    ['with CORS origins', { cors_allow_origins: ['https://ui.example'] }],
  ] as const) {
    it(title, async () => {
      const setup = await setUp(generalSettings);
      let address: ListenAddress | undefined;
      let controlPlane: ControlPlane | undefined;
      const servers: Server[] = [];
      try {
        controlPlane = await createControlPlane({
          config: setup.config,
          store: setup.store,
          uiAssetsDir: false,
          monitorIntervalMs: 600_000,
          logger: createJsonLogger({ level: 'error', write: () => undefined }),
          listenAddress: () => address,
        });
        const fastPath = controlPlane.relayFastPath;
        const appListener = getRequestListener(controlPlane.app.fetch);
        let fastAnswers = 0;
        const withFastPath = createServer((incoming, outgoing) => {
          if (fastPath(incoming, outgoing)) fastAnswers += 1;
          else void appListener(incoming, outgoing);
        });
        const appOnly = createServer((incoming, outgoing) => void appListener(incoming, outgoing));
        servers.push(withFastPath, appOnly);
        for (const server of servers)
          await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const port = (withFastPath.address() as AddressInfo).port;
        address = { host: '127.0.0.1', port };
        const fastUrl = `http://127.0.0.1:${port}`;
        const appUrl = `http://127.0.0.1:${(appOnly.address() as AddressInfo).port}`;
        const token = await login(fastUrl, 'otto');

        const requests: { path: string; headers?: Record<string, string> }[] = [
          { path: '/api/v1/workers/worker-a/admin/key/list?return_full_object=true&page=1' },
          { path: '/api/v1/workers/worker-a/admin/key/info?key=nope' },
          { path: '/api/v1/workers/worker-a/admin' },
          { path: '/api/v1/workers/worker-a/admin/chat/completions' },
          { path: '/api/v1/workers/worker-a/admin/%63hat/completions' },
          { path: '/api/v1/workers/worker-a/admin/chat%2Fcompletions' },
          { path: '/api/v1/workers/worker-a/admin/key/%2e%2e/list' },
          { path: '/api/v1/workers/worker-a/admin/metrics' },
          { path: `/api/v1/workers/worker-a/admin/key/list?q=${'y'.repeat(8200)}` },
          { path: '/api/v1/workers/worker-b/admin/key/list', headers: { authorization: `Bearer ${token}` } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { authorization: `Bearer ${token}` } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { cookie: `cp_session=${token}` } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { authorization: 'Bearer nope' } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { authorization: '' } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { host: 'evil.example' } },
          { path: '/api/v1/workers/worker-a/admin/key/list', headers: { 'x-request-id': 'not acceptable!' } },
        ];
        for (const request of requests) {
          const headers: Record<string, string> = {
            host: `127.0.0.1:${port}`,
            authorization: `Bearer ${MASTER_KEY}`,
            'x-request-id': 'same-id',
            ...request.headers,
          };
          if (headers.authorization === '') delete headers.authorization;
          const before = fastAnswers;
          const viaFastPath = await rawRequest(fastUrl, request.path, { headers });
          const viaApp = await rawRequest(appUrl, request.path, { headers });
          expect(fastAnswers, request.path).toBe(before + 1);
          const label = `${request.path.slice(0, 80)} ${JSON.stringify(request.headers ?? {})}`;
          if (viaApp.headers['x-request-id'] !== 'same-id') {
            // A made-up id differs per answer; the rest must not.
            viaApp.headers['x-request-id'] = viaFastPath.headers['x-request-id'];
            viaApp.body = viaApp.body.replace(/"request_id":"[^"]+"/, '"request_id":"x"');
            viaFastPath.body = viaFastPath.body.replace(/"request_id":"[^"]+"/, '"request_id":"x"');
            viaApp.headers['content-length'] = viaFastPath.headers['content-length'];
          }
          expect(comparable(viaFastPath), label).toEqual(comparable(viaApp));
        }
      } finally {
        for (const server of servers) {
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        }
        await controlPlane?.close();
        await Promise.all(setup.workers.map((worker) => worker.close()));
      }
    });
  }
});
