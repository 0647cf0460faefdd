import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('role gates per endpoint family', () => {
  let worker: FakeWorker;
  let api: ApiClient;
  let internal: string;
  let adminViewer: string;
  let organizationId: string;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-gates', seed: { seed: 5, spendLogs: 20 } });
    api = apiClient(worker);
    internal = json(
      await api.post('/user/new', { user_id: 'gate-internal', user_role: 'internal_user' }),
    ).key;
    adminViewer = json(
      await api.post('/user/new', { user_id: 'gate-viewer', user_role: 'proxy_admin_viewer' }),
    ).key;
    organizationId = [...worker.state.organizations.keys()][0]!;
  });
  afterAll(() => worker.close());

  const today = () => new Date().toISOString().slice(0, 10);

  it('lets admin viewers read every list but write nothing', async () => {
    const reads = [
      '/key/list',
      '/v2/team/list',
      '/user/list',
      '/budget/list',
      '/customer/list',
      '/organization/list',
      '/v2/model/info',
      '/global/spend',
    ];
    for (const path of reads) expect((await api.get(path, { key: adminViewer })).status, path).toBe(200);
    const daily = await api.get('/team/daily/activity', {
      key: adminViewer,
      query: { start_date: '2020-01-01', end_date: today() },
    });
    expect(daily.status).toBe(200);
    const writes: [string, unknown][] = [
      ['/user/new', {}],
      ['/budget/new', {}],
      ['/customer/new', { user_id: 'c' }],
      ['/model/new', { model_name: 'm', litellm_params: { model: 'x' } }],
      ['/team/member_add', { team_id: 't', member: { role: 'user', user_id: 'u' } }],
    ];
    for (const [path, body] of writes)
      expect((await api.post(path, body, { key: adminViewer })).status, path).toBe(401);
  });

  it('keeps admin-only reads away from internal users', async () => {
    expect((await api.get('/customer/list', { key: internal })).status).toBe(401);
    expect(proxyErrorOf(await api.get('/customer/list', { key: internal })).message).toContain(
      'Admin-only endpoint',
    );
    expect((await api.get('/budget/list', { key: internal })).status).toBe(400);
    expect((await api.get('/global/spend/report', { key: internal })).status).toBe(401);
    expect(
      (await api.get('/customer/info', { key: internal, query: { end_user_id: 'customer-1' } })).status,
    ).toBe(401);
    expect((await api.get('/health/latest', { key: internal })).status).toBe(401);
    expect(json(await api.get('/organization/list', { key: internal }))).toEqual([]);
    expect(
      (await api.get('/organization/info', { key: internal, query: { organization_id: organizationId } }))
        .status,
    ).toBe(403);
  });

  it('scopes spend logs for internal users to their own keys', async () => {
    const userKey = json(await api.post('/key/generate', { user_id: 'gate-internal', models: [] })).key;
    await api.post(
      '/chat/completions',
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
      { key: userKey },
    );
    const logs = json(
      await api.get('/spend/logs/ui', {
        key: internal,
        query: { start_date: '2020-01-01', end_date: today(), page_size: 1000 },
      }),
    );
    expect(logs.total).toBe(1);
    expect(logs.data[0].user).toBe('gate-internal');
    const all = json(
      await api.get('/spend/logs/ui', {
        query: { start_date: '2020-01-01', end_date: today(), page_size: 1000 },
      }),
    );
    expect(all.total).toBe(21);
  });

  const families: [string, string, string, unknown][] = [
    ['keys', 'GET', '/key/list', undefined],
    ['teams', 'GET', '/team/list', undefined],
    ['users', 'GET', '/user/info', undefined],
    ['models', 'GET', '/v1/models', undefined],
    ['budgets', 'GET', '/budget/list', undefined],
    ['organizations', 'GET', '/organization/list', undefined],
    ['customers', 'GET', '/customer/list', undefined],
    ['spend', 'GET', '/spend/logs', undefined],
    ['daily activity', 'GET', '/user/daily/activity?start_date=2020-01-01&end_date=2020-01-02', undefined],
    ['health', 'GET', '/health', undefined],
    ['llm', 'POST', '/chat/completions', { model: 'gpt-4o', messages: [] }],
  ];

  it.each(families)(
    '%s: refuses missing, unknown, blocked and expired keys',
    async (_family, method, path, body) => {
      const blocked = json(await api.post('/key/generate', { blocked: true })).key;
      const expiring = json(await api.post('/key/generate', {}));
      worker.state.keys.get(expiring.token)!.expires = '2001-01-01T00:00:00.000Z';
      for (const key of [null, 'sk-unknown-key-0000', blocked, expiring.key]) {
        const response = await api.request(method, path, { key, body });
        expect(response.status, `${path} with ${key}`).toBe(401);
        proxyErrorOf(response);
      }
    },
  );

  const adminOnly: [string, string, string, unknown][] = [
    ['keys', 'POST', '/key/service-account/generate', { team_id: 't' }],
    ['teams', 'POST', '/team/new', {}],
    ['users', 'POST', '/user/delete', { user_ids: ['x'] }],
    ['models', 'POST', '/health/test_connection', {}],
    ['budgets', 'POST', '/budget/update', { budget_id: 'x' }],
    ['organizations', 'PATCH', '/organization/update', { organization_id: 'x' }],
    ['customers', 'POST', '/customer/new', { user_id: 'x' }],
    ['spend', 'POST', '/global/spend/reset', {}],
  ];

  it.each(adminOnly)(
    '%s: refuses internal users on admin-only routes',
    async (_family, method, path, body) => {
      const response = await api.request(method, path, { key: internal, body });
      expect([401, 403], path).toContain(response.status);
      expect(response.status === 401 ? proxyErrorOf(response).type : json(response).detail).toBeTruthy();
    },
  );

  it('records the litellm-changed-by header as the actor', async () => {
    const created = json(
      await api.post('/key/generate', {}, { headers: { 'litellm-changed-by': 'auditor-7' } }),
    );
    expect(created.created_by).toBe('auditor-7');
    const budget = json(
      await api.post('/budget/new', {}, { headers: { 'litellm-changed-by': 'auditor-8' } }),
    );
    expect(budget.created_by).toBe('auditor-8');
  });

  it('pages /key/aliases and enforces its size bound', async () => {
    for (let index = 0; index < 3; index += 1)
      await api.post('/key/generate', { key_alias: `page-alias-${index}` });
    const page = json(await api.get('/key/aliases', { query: { search: 'page-alias', size: 2, page: 2 } }));
    expect(page).toEqual({
      aliases: ['page-alias-2'],
      total_count: 3,
      current_page: 2,
      total_pages: 2,
      size: 2,
    });
    expect((await api.get('/key/aliases', { query: { size: 101 } })).status).toBe(422);
  });
});
