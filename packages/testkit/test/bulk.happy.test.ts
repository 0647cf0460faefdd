import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json } from './helpers.js';

describe('bulk and patch endpoints', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-bulk' });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('bulk-updates keys, reporting failures per key', async () => {
    const first = json(await api.post('/key/generate', {}));
    const response = json(
      await api.post('/key/bulk_update', {
        keys: [
          { key: first.key, max_budget: 9 },
          { key: 'sk-missing', max_budget: 1 },
        ],
      }),
    );
    expect(response.total_requested).toBe(2);
    expect(response.successful_updates[0].key_info.max_budget).toBe(9);
    expect(response.failed_updates[0]).toMatchObject({ key: 'sk-missing', failed_reason: 'Key not found' });
    const user = json(await api.post('/user/new', { user_id: 'bulk-user' })).key;
    expect((await api.post('/key/bulk_update', { keys: [] }, { key: user })).status).toBe(403);
    expect((await api.post('/key/bulk_update', { keys: [] })).status).toBe(400);
  });

  it('bulk-updates users', async () => {
    await api.post('/user/new', { user_id: 'bulk-a', auto_create_key: false });
    const response = json(
      await api.post('/user/bulk_update', {
        users: [{ user_id: 'bulk-a', max_budget: 3 }, { max_budget: 1 }],
      }),
    );
    expect(response).toMatchObject({ total_requested: 2, successful_updates: 1, failed_updates: 1 });
    expect(worker.state.users.get('bulk-a')!.max_budget).toBe(3);
    const all = json(
      await api.post('/user/bulk_update', { all_users: true, user_updates: { models: ['m'] } }),
    );
    expect(all.failed_updates).toBe(0);
  });

  it('bulk-adds team members', async () => {
    await api.post('/team/new', { team_id: 'bulk-team' });
    const response = json(
      await api.post('/team/bulk_member_add', {
        team_id: 'bulk-team',
        members: [
          { role: 'user', user_id: 'm1' },
          { role: 'user', user_id: 'm2' },
          { role: 'user', user_id: 'm1' },
        ],
      }),
    );
    expect(response).toMatchObject({ total_requested: 3, successful_additions: 2, failed_additions: 1 });
    expect(response.updated_team.members_with_roles).toHaveLength(3);
  });

  it('patches a team with a JSON merge patch on metadata', async () => {
    await api.post('/team/new', { team_id: 'patch-team', metadata: { keep: 1, drop: 2 } });
    const response = await api.request('PATCH', '/team/patch-team', {
      body: { team_alias: 'Patched', metadata: { drop: null, add: 3 } },
    });
    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({ team_alias: 'Patched', metadata: { keep: 1, add: 3 } });
    expect(json(response).metadata).not.toHaveProperty('drop');
    expect((await api.request('PATCH', '/team/ghost', { body: {} })).status).toBe(404);
  });

  it('filters teams for the UI', async () => {
    const teams = json(await api.get('/team/filter/ui', { query: { team_alias: 'PATCH' } }));
    expect(teams.map((team: { team_id: string }) => team.team_id)).toEqual(['patch-team']);
  });
});
