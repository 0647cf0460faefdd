import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerClient, type WorkerClient } from '../src/index.js';
import { type RecordedRequest, type StubWorker, startStubWorker } from './support/stub-worker.js';

const API_KEY = 'sk-master-resources-0123456789';

const key = {
  token: 'hash-1',
  key_alias: 'alias-1',
  spend: 1.5,
  models: [],
  team_id: null,
  extra_field: 'kept',
};
const team = { team_id: 'team-1', team_alias: 'Team One', models: [], blocked: false, spend: 0 };
const user = { user_id: 'user-1', user_email: 'u@example.com', spend: 0, key_count: 1 };
const budget = { budget_id: 'budget-1', max_budget: 10 };
const organization = { organization_id: 'org-1', organization_alias: 'Org', litellm_budget_table: budget };
const customer = { user_id: 'customer-1', alias: 'C', blocked: false, spend: 0 };
const deployment = {
  model_name: 'gpt-4o',
  litellm_params: { model: 'openai/gpt-4o' },
  model_info: { id: 'm-1' },
};
const dailyActivity = {
  results: [{ date: '2026-01-01', metrics: { spend: 1 }, breakdown: {} }],
  metadata: { page: 1 },
};

type Case = {
  name: string;
  call: (client: WorkerClient) => Promise<unknown>;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  reply: unknown;
  /** What the method returns, when it is not the reply itself. */
  result?: unknown;
  expected?: unknown;
};

const cases: Case[] = [
  {
    name: 'keys.generate',
    call: (c) => c.keys.generate({ key_alias: 'alias-1', models: ['gpt-4o'] }),
    method: 'POST',
    path: '/key/generate',
    body: { key_alias: 'alias-1', models: ['gpt-4o'] },
    reply: { ...key, key: 'sk-new-1', token_id: 'hash-1' },
  },
  {
    name: 'keys.update',
    call: (c) => c.keys.update({ key: 'sk-abc', max_budget: 5 }),
    method: 'POST',
    path: '/key/update',
    body: { key: 'sk-abc', max_budget: 5 },
    reply: { ...key, key: 'sk-abc', max_budget: 5 },
  },
  {
    name: 'keys.delete',
    call: (c) => c.keys.delete({ keys: ['sk-abc'] }),
    method: 'POST',
    path: '/key/delete',
    body: { keys: ['sk-abc'] },
    reply: { deleted_keys: ['sk-abc'] },
  },
  {
    name: 'keys.info',
    call: (c) => c.keys.info('sk-abc'),
    method: 'GET',
    path: '/key/info',
    query: { key: 'sk-abc' },
    reply: { key: 'sk-abc', info: key },
  },
  {
    name: 'keys.list sends return_full_object',
    call: (c) => c.keys.list({ team_id: 'team-1', page: 2 }),
    method: 'GET',
    path: '/key/list',
    query: { team_id: 'team-1', page: '2', return_full_object: 'true' },
    reply: { keys: [key], total_count: 1, current_page: 2, total_pages: 2 },
  },
  {
    name: 'keys.regenerate',
    call: (c) => c.keys.regenerate('sk-old', { key_alias: 'renamed' }),
    method: 'POST',
    path: '/key/sk-old/regenerate',
    body: { key_alias: 'renamed' },
    reply: { ...key, key: 'sk-rotated' },
  },
  {
    name: 'keys.block',
    call: (c) => c.keys.block('sk-abc'),
    method: 'POST',
    path: '/key/block',
    body: { key: 'sk-abc' },
    reply: { ...key, blocked: true },
  },
  {
    name: 'keys.unblock',
    call: (c) => c.keys.unblock('sk-abc'),
    method: 'POST',
    path: '/key/unblock',
    body: { key: 'sk-abc' },
    reply: { ...key, blocked: false },
  },
  {
    name: 'teams.create',
    call: (c) => c.teams.create({ team_alias: 'Team One' }),
    method: 'POST',
    path: '/team/new',
    body: { team_alias: 'Team One' },
    reply: team,
  },
  {
    name: 'teams.update',
    call: (c) => c.teams.update({ team_id: 'team-1', max_budget: 3 }),
    method: 'POST',
    path: '/team/update',
    body: { team_id: 'team-1', max_budget: 3 },
    reply: { team_id: 'team-1', data: team },
  },
  {
    name: 'teams.delete',
    call: (c) => c.teams.delete({ team_ids: ['team-1'] }),
    method: 'POST',
    path: '/team/delete',
    body: { team_ids: ['team-1'] },
    reply: { deleted_teams: ['team-1'] },
  },
  {
    name: 'teams.info',
    call: (c) => c.teams.info('team-1'),
    method: 'GET',
    path: '/team/info',
    query: { team_id: 'team-1' },
    reply: { team_id: 'team-1', team_info: team, keys: [key], team_memberships: [] },
  },
  {
    name: 'teams.list',
    call: (c) => c.teams.list({ organization_id: 'org-1' }),
    method: 'GET',
    path: '/team/list',
    query: { organization_id: 'org-1' },
    reply: [team],
  },
  {
    name: 'teams.listPage',
    call: (c) => c.teams.listPage({ page: 1, page_size: 5 }),
    method: 'GET',
    path: '/v2/team/list',
    query: { page: '1', page_size: '5' },
    reply: { teams: [team], total: 1, page: 1, page_size: 5, total_pages: 1 },
  },
  {
    name: 'teams.addMember',
    call: (c) => c.teams.addMember({ team_id: 'team-1', member: { role: 'user', user_id: 'user-1' } }),
    method: 'POST',
    path: '/team/member_add',
    body: { team_id: 'team-1', member: { role: 'user', user_id: 'user-1' } },
    reply: { ...team, updated_users: [user] },
  },
  {
    name: 'teams.removeMember',
    call: (c) => c.teams.removeMember({ team_id: 'team-1', user_id: 'user-1' }),
    method: 'POST',
    path: '/team/member_delete',
    body: { team_id: 'team-1', user_id: 'user-1' },
    reply: team,
  },
  {
    name: 'teams.updateMember',
    call: (c) => c.teams.updateMember({ team_id: 'team-1', user_id: 'user-1', role: 'admin' }),
    method: 'POST',
    path: '/team/member_update',
    body: { team_id: 'team-1', user_id: 'user-1', role: 'admin' },
    reply: { team_id: 'team-1', user_id: 'user-1', user_email: null },
  },
  {
    name: 'teams.block',
    call: (c) => c.teams.block('team-1'),
    method: 'POST',
    path: '/team/block',
    body: { team_id: 'team-1' },
    reply: { ...team, blocked: true },
  },
  {
    name: 'teams.unblock',
    call: (c) => c.teams.unblock('team-1'),
    method: 'POST',
    path: '/team/unblock',
    body: { team_id: 'team-1' },
    reply: team,
  },
  {
    name: 'users.create',
    call: (c) => c.users.create({ user_email: 'u@example.com', auto_create_key: false }),
    method: 'POST',
    path: '/user/new',
    body: { user_email: 'u@example.com', auto_create_key: false },
    reply: { user_id: 'user-1', key: '', user_email: 'u@example.com' },
  },
  {
    name: 'users.update',
    call: (c) => c.users.update({ user_id: 'user-1', max_budget: 2 }),
    method: 'POST',
    path: '/user/update',
    body: { user_id: 'user-1', max_budget: 2 },
    reply: { user_id: 'user-1', data: user },
  },
  {
    name: 'users.delete',
    call: (c) => c.users.delete({ user_ids: ['user-1'] }),
    method: 'POST',
    path: '/user/delete',
    body: { user_ids: ['user-1'] },
    reply: 1,
  },
  {
    name: 'users.info',
    call: (c) => c.users.info('user-1'),
    method: 'GET',
    path: '/user/info',
    query: { user_id: 'user-1' },
    reply: { user_id: 'user-1', user_info: user, keys: [key], teams: [team] },
  },
  {
    name: 'users.list',
    call: (c) => c.users.list({ page: 1, page_size: 25, role: 'internal_user' }),
    method: 'GET',
    path: '/user/list',
    query: { page: '1', page_size: '25', role: 'internal_user' },
    reply: { users: [user], total: 1, page: 1, page_size: 25, total_pages: 1 },
  },
  {
    name: 'models.create',
    call: (c) => c.models.create({ model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o' } }),
    method: 'POST',
    path: '/model/new',
    body: { model_name: 'gpt-4o', litellm_params: { model: 'openai/gpt-4o' } },
    reply: { ...deployment, model_id: 'm-1' },
  },
  {
    name: 'models.update',
    call: (c) => c.models.update({ model_info: { id: 'm-1' }, litellm_params: { rpm: 5 } }),
    method: 'POST',
    path: '/model/update',
    body: { model_info: { id: 'm-1' }, litellm_params: { rpm: 5 } },
    reply: { ...deployment, model_id: 'm-1' },
  },
  {
    name: 'models.patch',
    call: (c) => c.models.patch('m 1', { model_name: 'renamed' }),
    method: 'PATCH',
    path: '/model/m%201/update',
    body: { model_name: 'renamed' },
    reply: deployment,
  },

  {
    name: 'models.delete',
    call: (c) => c.models.delete('m-1'),
    method: 'POST',
    path: '/model/delete',
    body: { id: 'm-1' },
    reply: { message: 'Model: m-1 deleted successfully' },
  },
  {
    name: 'models.info',
    call: (c) => c.models.info({ litellm_model_id: 'm-1' }),
    method: 'GET',
    path: '/model/info',
    query: { litellm_model_id: 'm-1' },
    reply: { data: [deployment] },
  },
  {
    name: 'models.infoPage',
    call: (c) => c.models.infoPage({ page: 1, size: 10 }),
    method: 'GET',
    path: '/v2/model/info',
    query: { page: '1', size: '10' },
    reply: { data: [deployment], total_count: 1, current_page: 1, total_pages: 1, size: 10 },
  },
  {
    name: 'models.list',
    call: (c) => c.models.list(),
    method: 'GET',
    path: '/models',
    reply: { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] },
  },
  {
    name: 'budgets.create',
    call: (c) => c.budgets.create({ budget_id: 'budget-1', max_budget: 10 }),
    method: 'POST',
    path: '/budget/new',
    body: { budget_id: 'budget-1', max_budget: 10 },
    reply: budget,
  },
  {
    name: 'budgets.info',
    call: (c) => c.budgets.info(['budget-1']),
    method: 'POST',
    path: '/budget/info',
    body: { budgets: ['budget-1'] },
    reply: [budget],
  },
  {
    name: 'budgets.list',
    call: (c) => c.budgets.list(),
    method: 'GET',
    path: '/budget/list',
    reply: [budget],
  },
  {
    name: 'budgets.update',
    call: (c) => c.budgets.update({ budget_id: 'budget-1', max_budget: 20 }),
    method: 'POST',
    path: '/budget/update',
    body: { budget_id: 'budget-1', max_budget: 20 },
    reply: { ...budget, max_budget: 20 },
  },
  {
    name: 'budgets.delete',
    call: (c) => c.budgets.delete('budget-1'),
    method: 'POST',
    path: '/budget/delete',
    body: { id: 'budget-1' },
    reply: budget,
  },
  {
    name: 'organizations.create',
    call: (c) => c.organizations.create({ organization_alias: 'Org' }),
    method: 'POST',
    path: '/organization/new',
    body: { organization_alias: 'Org' },
    reply: organization,
  },
  {
    name: 'organizations.info',
    call: (c) => c.organizations.info('org-1'),
    method: 'GET',
    path: '/organization/info',
    query: { organization_id: 'org-1' },
    reply: organization,
  },
  {
    name: 'organizations.list',
    call: (c) => c.organizations.list({ org_alias: 'Or' }),
    method: 'GET',
    path: '/organization/list',
    query: { org_alias: 'Or' },
    reply: [organization],
  },
  {
    name: 'organizations.update',
    call: (c) => c.organizations.update({ organization_id: 'org-1', organization_alias: 'Org 2' }),
    method: 'PATCH',
    path: '/organization/update',
    body: { organization_id: 'org-1', organization_alias: 'Org 2' },
    reply: organization,
  },
  {
    name: 'organizations.delete',
    call: (c) => c.organizations.delete(['org-1']),
    method: 'DELETE',
    path: '/organization/delete',
    body: { organization_ids: ['org-1'] },
    reply: [organization],
  },
  {
    name: 'customers.create',
    call: (c) => c.customers.create({ user_id: 'customer-1', alias: 'C' }),
    method: 'POST',
    path: '/customer/new',
    body: { user_id: 'customer-1', alias: 'C' },
    reply: customer,
  },
  {
    name: 'customers.info',
    call: (c) => c.customers.info('customer-1'),
    method: 'GET',
    path: '/customer/info',
    query: { end_user_id: 'customer-1' },
    reply: customer,
  },
  {
    name: 'customers.list',
    call: (c) => c.customers.list(),
    method: 'GET',
    path: '/customer/list',
    reply: [customer],
  },
  {
    name: 'customers.update',
    call: (c) => c.customers.update({ user_id: 'customer-1', alias: 'D' }),
    method: 'POST',
    path: '/customer/update',
    body: { user_id: 'customer-1', alias: 'D' },
    reply: customer,
  },
  {
    name: 'customers.delete',
    call: (c) => c.customers.delete(['customer-1']),
    method: 'POST',
    path: '/customer/delete',
    body: { user_ids: ['customer-1'] },
    reply: { deleted_customers: 1, message: "Successfully deleted customers with ids: ['customer-1']" },
  },
  {
    name: 'spend.logs',
    call: (c) =>
      c.spend.logs({ start_date: '2026-01-01 00:00:00', end_date: '2026-01-31 23:59:59', page: 1 }),
    method: 'GET',
    path: '/spend/logs/ui',
    query: { start_date: '2026-01-01 00:00:00', end_date: '2026-01-31 23:59:59', page: '1' },
    reply: {
      data: [{ request_id: 'r1', spend: 0.1, model: 'gpt-4o' }],
      total: 1,
      page: 1,
      page_size: 50,
      total_pages: 1,
    },
  },
  {
    name: 'spend.report',
    call: (c) => c.spend.report({ start_date: '2026-01-01', end_date: '2026-01-31', group_by: 'team' }),
    method: 'GET',
    path: '/global/spend/report',
    query: { start_date: '2026-01-01', end_date: '2026-01-31', group_by: 'team' },
    reply: [{ group_by_day: '2026-01-01', teams: [] }],
  },
  {
    name: 'spend.dailyActivity',
    call: (c) => c.spend.dailyActivity({ start_date: '2026-01-01', end_date: '2026-01-31', page_size: 1000 }),
    method: 'GET',
    path: '/user/daily/activity',
    query: { start_date: '2026-01-01', end_date: '2026-01-31', page_size: '1000' },
    reply: dailyActivity,
  },
  {
    name: 'spend.teamDailyActivity',
    call: (c) => c.spend.teamDailyActivity({ start_date: '2026-01-01', end_date: '2026-01-31' }),
    method: 'GET',
    path: '/team/daily/activity',
    query: { start_date: '2026-01-01', end_date: '2026-01-31' },
    reply: dailyActivity,
  },
  {
    name: 'health.liveliness',
    call: (c) => c.health.liveliness(),
    method: 'GET',
    path: '/health/liveliness',
    reply: "I'm alive!",
  },
  {
    name: 'health.readiness',
    call: (c) => c.health.readiness(),
    method: 'GET',
    path: '/health/readiness',
    reply: { status: 'healthy', db: 'connected', litellm_version: '1.80.0' },
  },
  {
    name: 'health.check',
    call: (c) => c.health.check({ model_id: 'm-1' }),
    method: 'GET',
    path: '/health',
    query: { model_id: 'm-1' },
    reply: { healthy_endpoints: [], unhealthy_endpoints: [], healthy_count: 0, unhealthy_count: 0 },
  },
  {
    name: 'auth.login',
    call: (c) => c.auth.login({ username: 'admin', password: 'pw' }),
    method: 'POST',
    path: '/v2/login',
    body: { username: 'admin', password: 'pw' },
    reply: { redirect_url: 'http://w/ui/?login=success', token: 'jwt' },
    result: { redirect_url: 'http://w/ui/?login=success', token: 'jwt', source: 'v2_body' },
  },
  {
    name: 'auth.loginWithCode',
    call: (c) => c.auth.loginWithCode({ username: 'admin', password: 'pw' }),
    method: 'POST',
    path: '/v3/login',
    body: { username: 'admin', password: 'pw' },
    reply: { code: 'one-time', expires_in: 60 },
  },
  {
    name: 'auth.exchangeCode',
    call: (c) => c.auth.exchangeCode('one-time'),
    method: 'POST',
    path: '/v3/login/exchange',
    body: { code: 'one-time' },
    reply: { token: 'jwt', redirect_url: 'http://w/ui/' },
  },
  {
    name: 'uiConfig',
    call: (c) => c.uiConfig(),
    method: 'GET',
    path: '/.well-known/litellm-ui-config',
    reply: {
      server_root_path: '',
      proxy_base_url: null,
      auto_redirect_to_sso: false,
      admin_ui_disabled: false,
    },
  },
];

describe('worker client resources', () => {
  let worker: StubWorker;
  let client: WorkerClient;
  let nextReply: unknown;

  beforeAll(async () => {
    worker = await startStubWorker(() => ({ body: nextReply }));
    client = createWorkerClient({ baseUrl: worker.url, apiKey: API_KEY, workerId: 'w1' });
  });
  afterAll(async () => {
    await client.close();
    await worker.close();
  });

  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.method} ${testCase.path}`, async () => {
      nextReply = testCase.reply;
      const before = worker.requests.length;
      const result = await testCase.call(client);
      expect(worker.requests.length).toBe(before + 1);
      const request = worker.requests.at(-1) as RecordedRequest;
      expect(request.method).toBe(testCase.method);
      expect(request.path).toBe(testCase.path);
      expect(Object.fromEntries(request.query)).toEqual(testCase.query ?? {});
      expect(request.body).toEqual(testCase.body);
      expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      if (testCase.body !== undefined) expect(request.headers['content-type']).toBe('application/json');
      // Unknown fields survive validation (workers add fields every week).
      expect(result).toEqual(testCase.result ?? testCase.reply);
    });
  }

  it('keeps unknown fields on nested objects', async () => {
    nextReply = {
      keys: [{ ...key, brand_new: { nested: true } }],
      total_count: 1,
      current_page: 1,
      total_pages: 1,
    };
    const response = await client.keys.list();
    expect(response.keys[0]?.brand_new).toEqual({ nested: true });
    expect(response.keys[0]?.extra_field).toBe('kept');
  });

  it('sends the token as bearer when no api key is given, plus custom headers', async () => {
    const tokenClient = createWorkerClient({
      baseUrl: `${worker.url}/`,
      token: 'ui-session-token-abcdef',
      headers: { 'litellm-changed-by': 'operator-1' },
    });
    try {
      nextReply = { status: 'healthy', db: 'connected' };
      await tokenClient.health.readiness({ headers: { 'x-request-id': 'req-1' } });
      const request = worker.requests.at(-1) as RecordedRequest;
      expect(request.headers.authorization).toBe('Bearer ui-session-token-abcdef');
      expect(request.headers['litellm-changed-by']).toBe('operator-1');
      expect(request.headers['x-request-id']).toBe('req-1');
    } finally {
      await tokenClient.close();
    }
  });

  it('sends no authorization header without a credential', async () => {
    const anonymous = createWorkerClient({ baseUrl: worker.url });
    try {
      nextReply = "I'm alive!";
      await expect(anonymous.health.liveliness()).resolves.toBe("I'm alive!");
      expect(worker.requests.at(-1)?.headers.authorization).toBeUndefined();
    } finally {
      await anonymous.close();
    }
  });

  it('prefixes the base URL path (SERVER_ROOT_PATH)', async () => {
    const prefixed = createWorkerClient({ baseUrl: `${worker.url}/litellm/`, apiKey: API_KEY });
    try {
      nextReply = [budget];
      await prefixed.budgets.list();
      expect(worker.requests.at(-1)?.path).toBe('/litellm/budget/list');
      expect(prefixed.baseUrl).toBe(`${worker.url}/litellm`);
    } finally {
      await prefixed.close();
    }
  });

  it('raw() returns any status verbatim and never throws for HTTP errors', async () => {
    nextReply = { error: { message: 'nope', type: 'auth_error', param: 'None', code: '401' } };
    const response = await client.raw({
      method: 'get',
      path: '/key/info',
      query: { key: 'sk-x', tags: ['a', 'b'] },
    });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/json');
    expect(JSON.parse(response.bodyText)).toEqual(nextReply);
    const request = worker.requests.at(-1) as RecordedRequest;
    expect(request.method).toBe('GET');
    expect(request.query.getAll('tags')).toEqual(['a', 'b']);
  });

  it('raw() sends bodyText byte for byte, in preference to body', async () => {
    nextReply = { ok: true };
    // Spacing and key order a JSON.stringify round trip would change.
    const text = '{ "key_alias" : "x",\n  "models": ["a"] }';
    await client.raw({ method: 'POST', path: '/key/generate', bodyText: text, body: { ignored: true } });
    const request = worker.requests.at(-1) as RecordedRequest;
    expect(request.bodyText).toBe(text);
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    const own = createWorkerClient({ baseUrl: worker.url, apiKey: API_KEY });
    try {
      nextReply = [budget];
      const before = worker.connections();
      for (let index = 0; index < 20; index += 1) await own.budgets.list();
      // undici may open a second socket while the first is being returned to its pool.
      expect(worker.connections() - before).toBeLessThanOrEqual(2);
    } finally {
      await own.close();
    }
  });

  it('uses an injected dispatcher and leaves it open on close()', async () => {
    const agent = new Agent();
    try {
      const first = createWorkerClient({ baseUrl: worker.url, dispatcher: agent });
      nextReply = [budget];
      await first.budgets.list();
      await first.close();
      const second = createWorkerClient({ baseUrl: worker.url, dispatcher: agent });
      await expect(second.budgets.list()).resolves.toEqual([budget]);
      await second.close();
      expect(agent.closed).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it('exposes baseUrl and workerId', () => {
    expect(client.baseUrl).toBe(worker.url);
    expect(client.workerId).toBe('w1');
  });
});
