import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('teams', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-teams' });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('creates a team with LiteLLM defaults and the creator as admin', async () => {
    const response = await api.post('/team/new', {
      team_alias: 'Research',
      max_budget: 100,
      budget_duration: '30d',
    });
    expect(response.status).toBe(200);
    const team = json(response);
    expect(team.team_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(team).toMatchObject({
      team_alias: 'Research',
      models: [],
      blocked: false,
      spend: 0,
      max_budget: 100,
    });
    expect(team.members_with_roles).toEqual([
      { user_id: 'default_user_id', user_email: null, role: 'admin' },
    ]);
    expect(team.budget_reset_at).not.toBeNull();
  });

  it('updates a team and answers {team_id, data}', async () => {
    const team = json(
      await api.post('/team/new', { team_id: 'team-upd', team_alias: 'Before', models: ['a'] }),
    );
    const response = await api.post('/team/update', {
      team_id: team.team_id,
      team_alias: 'After',
      tpm_limit: 10,
    });
    expect(response.status).toBe(200);
    expect(json(response).team_id).toBe('team-upd');
    expect(json(response).data).toMatchObject({ team_alias: 'After', tpm_limit: 10, models: ['a'] });
  });

  it('adds, updates and removes members, creating unknown users', async () => {
    await api.post('/team/new', { team_id: 'team-members', team_alias: 'Members' });
    const added = await api.post('/team/member_add', {
      team_id: 'team-members',
      member: [
        { role: 'user', user_id: 'bob' },
        { role: 'user', user_email: 'carol@example.com' },
      ],
      max_budget_in_team: 5,
    });
    expect(added.status).toBe(200);
    const body = json(added);
    expect(body.members_with_roles).toHaveLength(3);
    expect(body.updated_users.map((user: { user_id: string }) => user.user_id)).toContain('bob');
    expect(body.updated_team_memberships[0].litellm_budget_table.max_budget).toBe(5);
    expect(worker.state.users.get('bob')!.teams).toContain('team-members');
    expect(worker.state.userByEmail('carol@example.com')).toBeDefined();
    const duplicate = await api.post('/team/member_add', {
      team_id: 'team-members',
      member: { role: 'user', user_id: 'bob' },
    });
    expect(duplicate.status).toBe(400);
    expect(proxyErrorOf(duplicate).type).toBe('team_member_already_in_team');
    const updated = await api.post('/team/member_update', {
      team_id: 'team-members',
      user_id: 'bob',
      role: 'admin',
      max_budget_in_team: 7,
    });
    expect(json(updated)).toMatchObject({ team_id: 'team-members', user_id: 'bob', max_budget_in_team: 7 });
    const removed = await api.post('/team/member_delete', { team_id: 'team-members', user_id: 'bob' });
    expect(removed.status).toBe(200);
    expect(
      json(removed).members_with_roles.some((member: { user_id: string }) => member.user_id === 'bob'),
    ).toBe(false);
    expect(worker.state.users.get('bob')!.teams).not.toContain('team-members');
  });

  it('answers team info with keys and memberships', async () => {
    await api.post('/team/new', { team_id: 'team-info', team_alias: 'Info' });
    const key = json(await api.post('/key/generate', { team_id: 'team-info' }));
    const info = json(await api.get('/team/info', { query: { team_id: 'team-info' } }));
    expect(info.team_id).toBe('team-info');
    expect(info.team_info.team_alias).toBe('Info');
    expect(info.keys.map((row: { token: string }) => row.token)).toEqual([key.token]);
    expect(info.team_memberships[0]).toMatchObject({ user_id: 'default_user_id', team_id: 'team-info' });
  });

  it('lists teams sorted by alias and pages /v2/team/list', async () => {
    const list = json(await api.get('/team/list'));
    const aliases = list.map((team: { team_alias: string }) => team.team_alias);
    expect(aliases).toEqual([...aliases].sort());
    expect(list[0].keys).toBeDefined();
    const page = json(await api.get('/v2/team/list', { query: { page_size: 2 } }));
    expect(Object.keys(page).sort()).toEqual(['page', 'page_size', 'teams', 'total', 'total_pages']);
    expect(page.teams).toHaveLength(2);
    expect(page.total_pages).toBe(Math.ceil(page.total / 2));
    expect(json(await api.get('/v2/team/list', { query: { page: 50 } })).teams).toEqual([]);
    expect((await api.get('/v2/team/list', { query: { page_size: 101 } })).status).toBe(422);
    const filtered = json(await api.get('/v2/team/list', { query: { team_alias: 'INF' } }));
    expect(filtered.teams.map((team: { team_id: string }) => team.team_id)).toEqual(['team-info']);
  });

  it('deletes teams with their keys, atomically', async () => {
    await api.post('/team/new', { team_id: 'team-gone' });
    const key = json(await api.post('/key/generate', { team_id: 'team-gone' }));
    const partial = await api.post('/team/delete', { team_ids: ['team-gone', 'missing-team'] });
    expect(partial.status).toBe(404);
    expect(json(partial)).toEqual({ detail: { error: 'Team not found, passed team_id=missing-team' } });
    expect(worker.state.teams.has('team-gone')).toBe(true);
    expect((await api.post('/team/delete', { team_ids: ['team-gone'] })).status).toBe(200);
    expect(worker.state.teams.has('team-gone')).toBe(false);
    expect(worker.state.keys.has(key.token)).toBe(false);
  });

  it('returns LiteLLM error shapes for team errors', async () => {
    const duplicate = await api.post('/team/new', { team_id: 'team-info' });
    expect(duplicate.status).toBe(400);
    expect(proxyErrorOf(duplicate).message).toContain('Team id = team-info already exists');
    const missingInfo = await api.get('/team/info');
    expect(missingInfo.status).toBe(422);
    expect(proxyErrorOf(missingInfo).message).toBe('Malformed request. No team id passed in.');
    const unknownInfo = await api.get('/team/info', { query: { team_id: 'nope' } });
    expect(unknownInfo.status).toBe(404);
    expect(proxyErrorOf(unknownInfo).type).toBe('auth_error');
    expect(json(await api.post('/team/update', { team_id: 'nope' }))).toEqual({
      detail: { error: 'Team not found, passed team_id=nope' },
    });
    expect((await api.post('/team/update', {})).status).toBe(422);
    const memberAddMissing = await api.post('/team/member_add', {
      team_id: 'nope',
      member: { role: 'user', user_id: 'x' },
    });
    expect(json(memberAddMissing)).toEqual({ detail: { error: 'Team not found for team_id=nope' } });
    const badMember = await api.post('/team/member_add', { team_id: 'team-info', member: { user_id: 'x' } });
    expect(badMember.status).toBe(422);
    const notInTeam = await api.post('/team/member_delete', { team_id: 'team-info', user_id: 'stranger' });
    expect(json(notInTeam)).toEqual({ detail: { error: 'User not found in team' } });
  });

  it('scopes team visibility and member management for non-admins', async () => {
    await api.post('/user/new', { user_id: 'tess', auto_create_key: false });
    await api.post('/team/new', {
      team_id: 'team-tess',
      members_with_roles: [{ role: 'user', user_id: 'tess' }],
    });
    const key = json(await api.post('/key/generate', { user_id: 'tess' })).key;
    const visible = json(await api.get('/team/list', { key }));
    expect(visible.map((team: { team_id: string }) => team.team_id)).toEqual(['team-tess']);
    expect((await api.get('/team/info', { key, query: { team_id: 'team-info' } })).status).toBe(403);
    expect((await api.get('/team/info', { key, query: { team_id: 'team-tess' } })).status).toBe(200);
    expect((await api.get('/v2/team/list', { key })).status).toBe(401);
    expect((await api.get('/v2/team/list', { key, query: { user_id: 'tess' } })).status).toBe(200);
    const forbidden = await api.post(
      '/team/member_add',
      { team_id: 'team-tess', member: { role: 'user', user_id: 'z' } },
      { key },
    );
    expect(forbidden.status).toBe(403);
    expect(json(forbidden).detail.error).toContain('Call not allowed');
  });

  it('requires the premium licence to assign team admins', async () => {
    await using community = await startFakeWorker({ masterKey: 'sk-community-teams', premium: false });
    const communityApi = apiClient(community);
    await communityApi.post('/team/new', { team_id: 't' });
    const response = await communityApi.post('/team/member_add', {
      team_id: 't',
      member: { role: 'admin', user_id: 'u' },
    });
    expect(response.status).toBe(400);
    expect(json(response).detail.error).toContain('premium feature');
  });
});
