import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api/client.js';
import { ApiError } from '../src/api/errors.js';
import { createWorkerApi } from '../src/api/worker-api.js';
import { readWorkerSession, saveWorkerSession } from '../src/api/worker-sessions.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { WORKERS } from './support/fleet-fixtures.js';

const RELAYED = WORKERS[1]!;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('typed clients: errors the pages see', () => {
  let server: FixtureServer;
  let signedOut: number;
  beforeEach(async () => {
    server = await startFixtureServer();
    signedOut = 0;
    sessionStorage.clear();
  });
  afterEach(async () => {
    await server.close();
  });

  const api = () => createApiClient({ apiBase: server.apiBase, onUnauthorized: () => (signedOut += 1) });

  it('control plane: the envelope becomes ApiError with code, message and request id', async () => {
    server.on('GET /api/v1/fleet/overview', {
      status: 503,
      body: { error: { code: 'store_unavailable', message: 'The store is down', request_id: 'req-9' } },
    });
    const error = await failure(api().overview());
    expect(error).toMatchObject({ status: 503, code: 'store_unavailable', requestId: 'req-9' });
    expect(error.message).toBe('The store is down');
    expect(signedOut).toBe(0);
  });

  it('control plane: 401 signs out, except for a failed login', async () => {
    server.on('GET /api/v1/auth/me', {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'no' } },
    });
    server.on('POST /api/v1/auth/login', {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Invalid username or password' } },
    });
    await failure(api().me());
    expect(signedOut).toBe(1);
    const login = await failure(api().login('admin', 'wrong'));
    expect(login.message).toBe('Invalid username or password');
    expect(signedOut).toBe(1);
  });

  it('control plane: no answer is control_plane_unreachable; query lists are comma-joined', async () => {
    const offline = createApiClient({ apiBase: 'http://127.0.0.1:1/api/v1' });
    expect((await failure(offline.workers())).code).toBe('control_plane_unreachable');
    server.on('GET /api/v1/fleet/drift', { body: { generatedAt: 'now', workers: [], resources: [] } });
    await api().drift({ baseline: 'us-east', resources: 'models,teams' });
    const drift = server.requests.find((request) => request.path === '/api/v1/fleet/drift');
    expect(drift?.query.get('resources')).toBe('models,teams');
    expect(drift?.query.get('baseline')).toBe('us-east');
  });

  it("relay: a worker's error keeps the envelope's code and worker, and does not sign out", async () => {
    server.on('GET /api/v1/workers/eu-west/admin/key/info', {
      status: 401,
      body: {
        error: { code: 'worker_error', message: 'Invalid key', request_id: 'req-w', worker_id: 'eu-west' },
      },
    });
    const worker = createWorkerApi(RELAYED, {
      apiBase: server.apiBase,
      fetch,
      onUnauthorized: () => (signedOut += 1),
    });
    const error = await failure(worker.keys.info('sk-nope-123456'));
    expect(error).toMatchObject({
      status: 401,
      code: 'worker_error',
      workerId: 'eu-west',
      requestId: 'req-w',
    });
    expect(signedOut).toBe(0);
  });

  it('relay: an expired control-plane session signs out', async () => {
    server.on('GET /api/v1/workers/eu-west/admin/budget/list', {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'The token is invalid, expired or revoked' } },
    });
    const worker = createWorkerApi(RELAYED, {
      apiBase: server.apiBase,
      fetch,
      onUnauthorized: () => (signedOut += 1),
    });
    expect((await failure(worker.budgets.list())).code).toBe('unauthorized');
    expect(signedOut).toBe(1);
  });

  it('relay: a body that fails the schema is worker_bad_response naming the field', async () => {
    server.on('GET /api/v1/workers/eu-west/admin/key/list', { body: { keys: 'nope', total_count: 1 } });
    const worker = createWorkerApi(RELAYED, { apiBase: server.apiBase, fetch });
    const error = await failure(worker.keys.list());
    expect(error.code).toBe('worker_bad_response');
    expect(error.workerId).toBe('eu-west');
    expect(error.message).toContain('keys');
  });

  it('direct: without a browser session nothing is sent and the page is asked to log in', async () => {
    const direct = { ...RELAYED, worker_id: 'edge', name: 'Edge', url: server.url, has_credential: false };
    const worker = createWorkerApi(direct, { apiBase: server.apiBase, fetch });
    expect(worker.direct).toBe(true);
    const error = await failure(worker.teams.list());
    expect(error).toMatchObject({ status: 401, code: 'worker_login_required', workerId: 'edge' });
    expect(error.message).toBe('Log in to Edge to manage it.');
    expect(server.requests).toHaveLength(0);
  });

  it('direct: sends the session token, and a 401 ends the session', async () => {
    const direct = { ...RELAYED, worker_id: 'edge', name: 'Edge', url: server.url, has_credential: false };
    saveWorkerSession('edge', { token: 'worker-session-token-1', subject: 'ops', expiresAt: null });
    server.on('GET /team/list', { body: [{ team_id: 't1', team_alias: 'Search' }] });
    const worker = createWorkerApi(direct, { apiBase: server.apiBase, fetch });
    expect((await worker.teams.list())[0]?.team_alias).toBe('Search');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer worker-session-token-1');

    server.on('GET /team/list', { status: 401, body: { detail: 'expired' } });
    const error = await failure(worker.teams.list());
    expect(error.code).toBe('worker_login_required');
    expect(error.message).toBe('Your session on Edge ended. Log in again.');
    expect(readWorkerSession('edge')).toBeNull();
  });
});
