import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('authentication and route gates', () => {
  let worker: FakeWorker;
  let api: ApiClient;
  let internalKey: string;
  let viewerKey: string;
  let adminViewerKey: string;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-auth' });
    api = apiClient(worker);
    await api.post('/user/new', { user_id: 'alice', user_role: 'internal_user', auto_create_key: false });
    await api.post('/user/new', {
      user_id: 'victor',
      user_role: 'internal_user_viewer',
      auto_create_key: false,
    });
    await api.post('/user/new', {
      user_id: 'olivia',
      user_role: 'proxy_admin_viewer',
      auto_create_key: false,
    });
    internalKey = json(await api.post('/key/generate', { user_id: 'alice' })).key;
    viewerKey = json(await api.post('/key/generate', { user_id: 'victor' })).key;
    adminViewerKey = json(await api.post('/key/generate', { user_id: 'olivia' })).key;
  });
  afterAll(() => worker.close());

  it('answers 401 without a key', async () => {
    const response = await api.get('/key/list', { key: null });
    expect(response.status).toBe(401);
    expect(proxyErrorOf(response)).toMatchObject({
      type: 'auth_error',
      message: 'Authentication Error, No api key passed in.',
      param: 'None',
      code: '401',
    });
  });

  it('answers 401 for an unknown key, naming only its last 4 characters and its hash', async () => {
    const response = await api.get('/key/list', { key: 'sk-not-a-real-key-9999' });
    expect(response.status).toBe(401);
    const error = proxyErrorOf(response);
    expect(error.message).toContain('Invalid proxy server token passed');
    expect(error.message).toContain('sk-...9999');
    expect(error.message).not.toContain('sk-not-a-real-key');
  });

  it('requires the Bearer prefix on Authorization', async () => {
    const response = await api.get('/key/list', { key: null, headers: { authorization: worker.masterKey } });
    expect(response.status).toBe(401);
    expect(proxyErrorOf(response).message).toContain('Malformed API Key passed in');
  });

  it('accepts every header form of the contract', async () => {
    const forms: Record<string, string>[] = [
      { authorization: `bearer ${worker.masterKey}` },
      { 'x-litellm-api-key': worker.masterKey },
      { 'x-litellm-api-key': `Bearer ${worker.masterKey}` },
      { 'api-key': worker.masterKey },
      { 'x-api-key': worker.masterKey },
      { 'x-goog-api-key': worker.masterKey },
      { 'ocp-apim-subscription-key': worker.masterKey },
      { authorization: `Basic ${Buffer.from(`admin:${worker.masterKey}`).toString('base64')}` },
    ];
    for (const headers of forms) {
      const response = await api.get('/key/list', { key: null, headers });
      expect(response.status, JSON.stringify(Object.keys(headers))).toBe(200);
    }
  });

  it('rejects blocked and expired keys', async () => {
    const blocked = json(await api.post('/key/generate', { blocked: true })).key;
    const blockedResponse = await api.get('/key/info', { key: blocked });
    expect(blockedResponse.status).toBe(401);
    expect(proxyErrorOf(blockedResponse).message).toContain('blocked');
    const expiring = json(await api.post('/key/generate', { duration: '1s' }));
    worker.state.keys.get(expiring.token)!.expires = new Date(Date.now() - 1_000).toISOString();
    const expired = await api.get('/key/info', { key: expiring.key });
    expect(expired.status).toBe(401);
    expect(proxyErrorOf(expired).type).toBe('expired_key');
    expect(proxyErrorOf(expired).message).toContain('Authentication Error - Expired Key');
  });

  it('rejects keys of a blocked team', async () => {
    const team = json(await api.post('/team/new', { team_alias: 'blocked-team' }));
    const key = json(await api.post('/key/generate', { team_id: team.team_id })).key;
    expect((await api.get('/key/info', { key })).status).toBe(200);
    await api.post('/team/block', { team_id: team.team_id });
    expect((await api.get('/key/info', { key })).status).toBe(401);
    await api.post('/team/unblock', { team_id: team.team_id });
    expect((await api.get('/key/info', { key })).status).toBe(200);
  });

  it('answers the admin-only 401 to non-admins on admin routes, masking the user id', async () => {
    const response = await api.post('/team/new', { team_alias: 'x' }, { key: internalKey });
    expect(response.status).toBe(401);
    const error = proxyErrorOf(response);
    expect(error.message).toContain('Only proxy admin can be used');
    expect(error.message).toContain('Route=/team/new');
    expect(error.message).toContain('Your role=internal_user');
    expect((await api.post('/user/new', {}, { key: internalKey })).status).toBe(401);
    expect(
      (await api.post('/organization/new', { organization_alias: 'o' }, { key: internalKey })).status,
    ).toBe(401);
    expect((await api.post('/budget/new', {}, { key: internalKey })).status).toBe(401);
    expect((await api.post('/team/block', { team_id: 'x' }, { key: internalKey })).status).toBe(401);
  });

  it('lets internal users manage only their own keys', async () => {
    const own = await api.post('/key/generate', {}, { key: internalKey });
    expect(own.status).toBe(200);
    expect(json(own).user_id).toBe('alice');
    const forOther = await api.post('/key/generate', { user_id: 'victor' }, { key: internalKey });
    expect(forOther.status).toBe(403);
    const list = json(
      await api.get('/key/list', { key: internalKey, query: { return_full_object: true, size: 100 } }),
    );
    expect(list.keys.every((key: { user_id: string }) => key.user_id === 'alice')).toBe(true);
    const otherUser = await api.get('/key/list', { key: internalKey, query: { user_id: 'victor' } });
    expect(otherUser.status).toBe(403);
    const masterList = json(await api.get('/key/list', { query: { size: 100 } }));
    expect(masterList.total_count).toBeGreaterThan(list.total_count);
    const someoneElse = json(await api.post('/key/generate', { user_id: 'victor' }));
    const infoOther = await api.get('/key/info', { key: internalKey, query: { key: someoneElse.key } });
    expect(infoOther.status).toBe(403);
    const deleteOther = await api.post('/key/delete', { keys: [someoneElse.key] }, { key: internalKey });
    expect(deleteOther.status).toBe(403);
  });

  it('keeps view-only roles read-only', async () => {
    expect((await api.get('/key/list', { key: viewerKey })).status).toBe(200);
    expect((await api.post('/key/generate', {}, { key: viewerKey })).status).toBe(401);
    expect((await api.get('/user/list', { key: adminViewerKey })).status).toBe(200);
    expect((await api.get('/key/list', { key: adminViewerKey, query: { size: 100 } })).status).toBe(200);
    expect((await api.post('/key/generate', {}, { key: adminViewerKey })).status).toBe(401);
    expect((await api.post('/team/new', {}, { key: adminViewerKey })).status).toBe(401);
    expect((await api.get('/user/list', { key: internalKey })).status).toBe(403);
  });

  it('enforces allowed_routes on virtual keys', async () => {
    const limited = json(await api.post('/key/generate', { allowed_routes: ['/key/info'] })).key;
    expect((await api.get('/key/info', { key: limited })).status).toBe(200);
    const refused = await api.get('/key/list', { key: limited });
    expect(refused.status).toBe(403);
    expect(proxyErrorOf(refused).message).toContain('Virtual key is not allowed to call this route');
    const llmOnly = json(await api.post('/key/generate', { key_type: 'llm_api' })).key;
    expect((await api.get('/key/info', { key: llmOnly })).status).toBe(403);
    expect((await api.post('/chat/completions', { model: 'x', messages: [] }, { key: llmOnly })).status).toBe(
      200,
    );
  });

  it('keeps /global/spend/reset for the master key only', async () => {
    const session = json(
      await api.post('/v2/login', { username: 'admin', password: worker.masterKey }, { key: null }),
    );
    const sessionKey = JSON.parse(Buffer.from(session.token.split('.')[1], 'base64url').toString()).key;
    expect((await api.post('/global/spend/reset', {}, { key: sessionKey })).status).toBe(401);
    expect((await api.post('/global/spend/reset', {})).status).toBe(200);
  });

  it('never echoes the master key in responses or inspection output', async () => {
    const bodies = [
      (await api.get('/key/list', { key: 'sk-wrong' })).text,
      (await api.get('/health/readiness', { key: null })).text,
      (await api.get('/.well-known/litellm-ui-config', { key: null })).text,
      (await api.get('/key/info')).text,
      JSON.stringify(worker),
    ];
    const { inspect } = await import('node:util');
    bodies.push(inspect(worker, { depth: 5 }));
    for (const body of bodies) expect(body).not.toContain(worker.masterKey);
  });

  it('serves public routes without a key', async () => {
    for (const path of [
      '/health/liveliness',
      '/health/readiness',
      '/.well-known/litellm-ui-config',
      '/routes',
      '/test',
    ]) {
      expect((await api.get(path, { key: null })).status, path).toBe(200);
    }
  });

  it('survives malformed percent-encoding in path parameters', async () => {
    const response = await api.post('/key/%E0%A4%A/regenerate', {});
    expect(response.status).toBe(404);
    expect((await api.get('/health/liveliness')).status).toBe(200);
  });

  it('answers FastAPI 404/405 for unknown paths and methods', async () => {
    const unknown = await api.get('/no/such/route');
    expect(unknown.status).toBe(404);
    expect(json(unknown)).toEqual({ detail: 'Not Found' });
    const wrongMethod = await api.request('DELETE', '/key/generate');
    expect(wrongMethod.status).toBe(405);
    expect(json(wrongMethod)).toEqual({ detail: 'Method Not Allowed' });
  });
});
