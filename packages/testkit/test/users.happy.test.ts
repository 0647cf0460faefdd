import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('internal users', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-users' });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('creates a user and mints a key by default', async () => {
    const response = await api.post('/user/new', {
      user_id: 'ursula',
      user_email: 'ursula@example.com',
      user_role: 'internal_user',
    });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body).toMatchObject({
      user_id: 'ursula',
      user_email: 'ursula@example.com',
      user_role: 'internal_user',
      teams: [],
    });
    expect(body.key).toMatch(/^sk-/);
    expect(body.token).toMatch(/^[0-9a-f]{64}$/);
    expect(worker.state.keys.get(body.token)!.user_id).toBe('ursula');
  });

  it('skips the key with auto_create_key false and never returns the password', async () => {
    const body = json(
      await api.post('/user/new', {
        user_id: 'no-key',
        password: 'long-enough-pass',
        auto_create_key: false,
      }),
    );
    expect(body.key).toBe('');
    expect(JSON.stringify(body)).not.toContain('long-enough-pass');
    const info = await api.get('/user/info', { query: { user_id: 'no-key' } });
    expect(info.text).not.toContain('password');
  });

  it('answers 409 for duplicate ids and emails', async () => {
    const id = await api.post('/user/new', { user_id: 'ursula' });
    expect(id.status).toBe(409);
    expect(proxyErrorOf(id).message).toBe("{'error': 'User with id ursula already exists'}");
    const email = await api.post('/user/new', { user_email: 'URSULA@example.com' });
    expect(email.status).toBe(409);
  });

  it('validates password length and role values', async () => {
    expect((await api.post('/user/new', { password: 'short' })).status).toBe(422);
    expect((await api.post('/user/new', { user_role: 'emperor' })).status).toBe(422);
  });

  it('updates users and answers {user_id, data}', async () => {
    const response = await api.post('/user/update', {
      user_id: 'ursula',
      max_budget: 12,
      user_alias: 'Ursa',
    });
    expect(json(response)).toMatchObject({ user_id: 'ursula', data: { max_budget: 12, user_alias: 'Ursa' } });
    const cleared = json(await api.post('/user/update', { user_id: 'ursula', max_budget: null }));
    expect(cleared.data.max_budget).toBeNull();
    const missing = await api.post('/user/update', { max_budget: 1 });
    expect(missing.status).toBe(422);
    expect(json(missing).detail[0].msg).toContain('Either user id or user email must be provided');
    const created = json(
      await api.post('/user/update', { user_email: 'new-by-email@example.com', user_alias: 'N' }),
    );
    expect(worker.state.users.get(created.user_id)!.user_email).toBe('new-by-email@example.com');
  });

  it('forbids role changes by non-admins', async () => {
    const key = json(await api.post('/user/new', { user_id: 'self-editor', user_role: 'internal_user' })).key;
    const ownAlias = await api.post('/user/update', { user_id: 'self-editor', user_alias: 'me' }, { key });
    expect(ownAlias.status).toBe(200);
    const escalate = await api.post(
      '/user/update',
      { user_id: 'self-editor', user_role: 'proxy_admin' },
      { key },
    );
    expect(escalate.status).toBe(403);
    expect(proxyErrorOf(escalate).message).toContain('Only proxy admins can modify user roles');
  });

  it('answers /user/info and /v2/user/info', async () => {
    const info = json(await api.get('/user/info', { query: { user_id: 'ursula' } }));
    expect(info.user_id).toBe('ursula');
    expect(info.user_info.user_email).toBe('ursula@example.com');
    expect(info.keys).toHaveLength(1);
    const flat = json(await api.get('/v2/user/info', { query: { user_id: 'ursula' } }));
    expect(flat).toMatchObject({ user_id: 'ursula', teams: [], spend: 0 });
    expect((await api.get('/user/info', { query: { user_id: 'ghost' } })).status).toBe(404);
    expect((await api.get('/v2/user/info', { query: { user_id: 'ghost' } })).status).toBe(404);
    const all = json(await api.get('/user/info'));
    expect(all.keys.length).toBeGreaterThan(1);
  });

  it('lists users with key_count and the page envelope', async () => {
    for (let index = 0; index < 4; index += 1)
      await api.post('/user/new', { user_id: `list-${index}`, user_role: 'internal_user_viewer' });
    const page = json(await api.get('/user/list', { query: { page_size: 2, role: 'internal_user_viewer' } }));
    expect(Object.keys(page).sort()).toEqual(['page', 'page_size', 'total', 'total_pages', 'users']);
    expect(page.total).toBe(4);
    expect(page.total_pages).toBe(2);
    expect(page.users[0].key_count).toBe(1);
    expect(json(await api.get('/user/list', { query: { page: 9 } })).users).toEqual([]);
    expect((await api.get('/user/list', { query: { page_size: 0 } })).status).toBe(422);
    expect((await api.get('/user/list', { query: { page_size: 101 } })).status).toBe(422);
    const bySubstring = json(await api.get('/user/list', { query: { user_ids: 'LIST-' } }));
    expect(bySubstring.total).toBe(4);
    const sorted = json(
      await api.get('/user/list', { query: { sort_by: 'user_id', sort_order: 'asc', page_size: 100 } }),
    );
    const ids = sorted.users.map((user: { user_id: string }) => user.user_id);
    expect(ids).toEqual([...ids].sort());
  });

  it('deletes users and cascades their keys', async () => {
    const created = json(await api.post('/user/new', { user_id: 'doomed' }));
    expect((await api.post('/user/delete', { user_ids: ['doomed'] })).status).toBe(200);
    expect(worker.state.keys.has(created.token)).toBe(false);
    const again = await api.post('/user/delete', { user_ids: ['doomed'] });
    expect(json(again)).toEqual({ detail: { error: 'User not found, passed user_id=doomed' } });
  });

  it('answers available roles', async () => {
    const roles = json(await api.get('/user/available_roles'));
    expect(Object.keys(roles)).toEqual([
      'proxy_admin',
      'proxy_admin_viewer',
      'internal_user',
      'internal_user_viewer',
    ]);
    expect(roles.proxy_admin.ui_label).toBeDefined();
  });
});
