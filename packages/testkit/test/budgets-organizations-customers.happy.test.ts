import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('budgets, organizations and customers', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-bo', models: ['gpt-4o'] });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('manages budgets with {detail: {error}} errors', async () => {
    const created = json(
      await api.post('/budget/new', { budget_id: 'b1', max_budget: 10, budget_duration: '30d' }),
    );
    expect(created).toMatchObject({
      budget_id: 'b1',
      max_budget: 10,
      budget_duration: '30d',
      soft_budget: null,
    });
    expect(created.budget_reset_at).not.toBeNull();
    expect(json(await api.post('/budget/new', { budget_id: 'b1' }))).toEqual({
      detail: { error: "Budget with id 'b1' already exists." },
    });
    expect(json(await api.post('/budget/new', { max_budget: -5 })).detail.error).toContain(
      'non-negative finite number',
    );
    expect(json(await api.post('/budget/update', { budget_id: 'b1', soft_budget: 8 }))).toMatchObject({
      max_budget: 10,
      soft_budget: 8,
    });
    expect(json(await api.post('/budget/update', { max_budget: 1 }))).toEqual({
      detail: { error: 'budget_id is required' },
    });
    expect(json(await api.post('/budget/info', { budgets: ['b1'] }))).toHaveLength(1);
    expect((await api.post('/budget/info', { budgets: [] })).status).toBe(400);
    expect(
      json(await api.get('/budget/list')).map((budget: { budget_id: string }) => budget.budget_id),
    ).toContain('b1');
    expect(json(await api.get('/budget/settings', { query: { budget_id: 'b1' } }))[0].field_name).toBe(
      'max_budget',
    );
    const user = json(await api.post('/user/new', { user_id: 'budget-user' })).key;
    const denied = await api.get('/budget/list', { key: user });
    expect(denied.status).toBe(400);
    expect(json(denied).detail.error).toContain('Admin-only endpoint');
    expect(json(await api.post('/budget/delete', { id: 'b1' })).budget_id).toBe('b1');
  });

  it('creates organizations with a budget row and lists them with members and teams', async () => {
    const created = json(
      await api.post('/organization/new', {
        organization_alias: 'Acme',
        max_budget: 100,
        models: ['gpt-4o'],
      }),
    );
    expect(created.organization_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.litellm_budget_table.max_budget).toBe(100);
    const orgId = created.organization_id;
    await api.post('/team/new', { team_id: 'org-team', organization_id: orgId });
    const added = json(
      await api.post('/organization/member_add', {
        organization_id: orgId,
        member: [{ role: 'org_admin', user_id: 'olga' }],
      }),
    );
    expect(added.updated_organization_memberships[0]).toMatchObject({
      user_id: 'olga',
      user_role: 'org_admin',
    });
    const list = json(await api.get('/organization/list', { query: { org_alias: 'acm' } }));
    expect(list).toHaveLength(1);
    expect(list[0].members[0].user_id).toBe('olga');
    expect(list[0].teams[0].team_id).toBe('org-team');
    expect(list[0].litellm_budget_table).not.toBeNull();
    const info = json(await api.get('/organization/info', { query: { organization_id: orgId } }));
    expect(info.organization_alias).toBe('Acme');
    const updated = await api.request('PATCH', '/organization/update', {
      body: { organization_id: orgId, organization_alias: 'Acme 2' },
    });
    expect(json(updated).organization_alias).toBe('Acme 2');
    const memberUpdate = await api.request('PATCH', '/organization/member_update', {
      body: { organization_id: orgId, user_id: 'olga', role: 'internal_user' },
    });
    expect(json(memberUpdate).user_role).toBe('internal_user');
    const memberDelete = await api.request('DELETE', '/organization/member_delete', {
      body: { organization_id: orgId, user_id: 'olga' },
    });
    expect(json(memberDelete).user_id).toBe('olga');
    const deleted = await api.request('DELETE', '/organization/delete', {
      body: { organization_ids: [orgId] },
    });
    expect(json(deleted)[0].organization_id).toBe(orgId);
    expect(worker.state.teams.has('org-team')).toBe(false);
  });

  it('lets org admins create teams and users inside their organization only', async () => {
    const org = json(
      await api.post('/organization/new', { organization_alias: 'Delegated' }),
    ).organization_id;
    await api.post('/organization/member_add', {
      organization_id: org,
      member: { role: 'org_admin', user_id: 'orla' },
    });
    const key = json(await api.post('/key/generate', { user_id: 'orla' })).key;
    expect(
      (await api.post('/team/new', { team_alias: 'inside', organization_id: org }, { key })).status,
    ).toBe(200);
    expect((await api.post('/team/new', { team_alias: 'outside' }, { key })).status).toBe(401);
  });

  it('answers organization errors', async () => {
    expect((await api.post('/organization/new', {})).status).toBe(422);
    expect(json(await api.get('/organization/info', { query: { organization_id: 'ghost' } }))).toEqual({
      detail: { error: 'Organization not found' },
    });
    expect((await api.get('/organization/info')).status).toBe(422);
    const missing = await api.request('DELETE', '/organization/delete', {
      body: { organization_ids: ['ghost'] },
    });
    expect(json(missing)).toEqual({ detail: { error: 'Organization=ghost not found' } });
    const user = json(await api.post('/user/new', { user_id: 'org-user' })).key;
    const denied = await api.post('/organization/new', { organization_alias: 'x' }, { key: user });
    expect(denied.status).toBe(401);
  });

  it('manages customers on /customer and /end_user', async () => {
    const created = json(await api.post('/customer/new', { user_id: 'cust-1', alias: 'One', max_budget: 5 }));
    expect(created).toMatchObject({ user_id: 'cust-1', alias: 'One', blocked: false, spend: 0 });
    expect(created.litellm_budget_table.max_budget).toBe(5);
    const duplicate = await api.post('/customer/new', { user_id: 'cust-1' });
    expect(duplicate.status).toBe(400);
    expect(proxyErrorOf(duplicate)).toMatchObject({ type: 'bad_request', param: 'user_id' });
    expect((await api.post('/customer/new', { user_id: 'c2', budget_id: 'x', max_budget: 1 })).status).toBe(
      422,
    );
    expect((await api.post('/customer/new', { user_id: 'c3', default_model: 'nope' })).status).toBe(422);
    const info = json(await api.get('/end_user/info', { query: { end_user_id: 'cust-1' } }));
    expect(info.default_model).toBeUndefined();
    const missing = await api.get('/customer/info', { query: { end_user_id: 'ghost' } });
    expect(missing.status).toBe(404);
    expect(proxyErrorOf(missing).message).toBe('End User Id=ghost does not exist in db');
    expect(
      json(await api.post('/customer/update', { user_id: 'cust-1', alias: 'Uno', blocked: false })).alias,
    ).toBe('Uno');
    expect(json(await api.post('/customer/block', { user_ids: ['cust-1'] })).blocked_users[0].blocked).toBe(
      true,
    );
    expect(json(await api.get('/customer/list'))).toHaveLength(1);
    const deleted = json(await api.post('/customer/delete', { user_ids: ['cust-1'] }));
    expect(deleted).toEqual({
      deleted_customers: 1,
      message: "Successfully deleted customers with ids: ['cust-1']",
    });
    expect((await api.post('/customer/delete', { user_ids: ['cust-1'] })).status).toBe(404);
  });
});
