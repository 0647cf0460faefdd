import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { ADMIN, serveSignedInFleet, visit } from './support/fleet-fixtures.js';

const RELAY = '/api/v1/workers/eu-west/admin';
const VIEWER = { ...ADMIN, role: 'viewer', permissions: { write: false, admin: false } };
const TEAM = {
  team_id: 'team-1',
  team_alias: 'Search',
  models: [],
  spend: 2,
  max_budget: null,
  members_with_roles: [{ user_id: 'u-1', user_email: 'ada@example.com', role: 'admin' }],
};
const USER = {
  user_id: 'u-1',
  user_email: 'ada@example.com',
  user_role: 'proxy_admin',
  teams: ['team-1'],
  spend: 0,
};

function requestsTo(server: FixtureServer, suffix: string) {
  return server.requests.filter((request) => request.path.endsWith(suffix));
}

async function confirmWithWorkerName(dialogName: string, action: string) {
  const confirm = await screen.findByRole('dialog', { name: dialogName });
  fireEvent.change(within(confirm).getByLabelText(/to confirm/), { target: { value: 'EU West' } });
  fireEvent.click(within(confirm).getByRole('button', { name: action }));
}

describe('teams, users and models pages', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    serveSignedInFleet(server);
    server.on(`GET ${RELAY}/v2/team/list`, { body: { teams: [TEAM], total: 1, page: 1, total_pages: 1 } });
    server.on(`GET ${RELAY}/team/info`, { body: { team_id: 'team-1', team_info: TEAM } });
    server.on(`GET ${RELAY}/user/list`, { body: { users: [USER], total: 1, page: 1, total_pages: 1 } });
    server.on(`GET ${RELAY}/models`, { body: { object: 'list', data: [{ id: 'gpt-4o-mini' }] } });
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  const open = (section: string) => {
    visit(`/ui/workers/eu-west/${section}`);
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
  };

  it('searches teams by name on the worker and shows the member count', async () => {
    open('teams');
    const table = await screen.findByRole('table', { name: 'Teams on EU West' });
    const row = within(table)
      .getByRole('rowheader', { name: /Search/ })
      .closest('tr');
    expect(row?.textContent).toContain('$2.00 / ∞');
    fireEvent.change(screen.getByLabelText('Search teams'), { target: { value: 'sea' } });
    await waitFor(() =>
      expect(requestsTo(server, '/v2/team/list').some((r) => r.query.get('team_alias') === 'sea')).toBe(true),
    );
  });

  it('lets a read-only session open team members but not change them', async () => {
    server.on('GET /api/v1/auth/me', { body: VIEWER });
    open('teams');
    await screen.findByRole('table', { name: 'Teams on EU West' });
    expect(screen.queryByRole('button', { name: 'Edit Search' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Members of Search' }));
    const dialog = await screen.findByRole('dialog', { name: 'Members of Search' });
    expect(await within(dialog).findByText('ada@example.com')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Add member' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: /^Remove / })).toBeNull();
  });

  it('adds a member by e-mail as team admin and reloads the teams on close', async () => {
    server.on(`POST ${RELAY}/team/member_add`, { body: TEAM });
    open('teams');
    fireEvent.click(await screen.findByRole('button', { name: 'Members of Search' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Members of Search' }));
    fireEvent.change(dialog.getByLabelText('User id or e-mail'), { target: { value: 'bob@example.com' } });
    fireEvent.change(dialog.getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('bob@example.com added to Search.')).toBeTruthy();
    expect(requestsTo(server, '/team/member_add')[0]?.body).toEqual({
      team_id: 'team-1',
      member: { role: 'admin', user_email: 'bob@example.com' },
    });
    const before = requestsTo(server, '/v2/team/list').length;
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(requestsTo(server, '/v2/team/list').length).toBeGreaterThan(before));
  });

  it('creates a team with limits and announces it by name', async () => {
    server.on(`POST ${RELAY}/team/new`, (request) => ({
      body: { team_id: 't-2', ...(request.body as object) },
    }));
    open('teams');
    fireEvent.click(await screen.findByRole('button', { name: 'Create team' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create team' }));
    fireEvent.change(dialog.getByLabelText(/Team name/), { target: { value: 'Ranking' } });
    fireEvent.change(dialog.getByLabelText('Requests per minute'), { target: { value: '60' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByText('Team Ranking created on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/team/new')[0]?.body).toEqual({
      team_alias: 'Ranking',
      rpm_limit: 60,
      models: [],
    });
  });

  it('deletes a team after the worker name, warning that its keys go too', async () => {
    server.on(`POST ${RELAY}/team/delete`, { body: {} });
    open('teams');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Search' }));
    expect((await screen.findByRole('dialog', { name: 'Delete team' })).textContent).toContain(
      'Its keys are deleted too.',
    );
    await confirmWithWorkerName('Delete team', 'Delete');
    expect(await screen.findByText('Team Search deleted on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/team/delete')[0]?.body).toEqual({ team_ids: ['team-1'] });
  });

  it('creates a user without a key and with the chosen role', async () => {
    server.on(`POST ${RELAY}/user/new`, (request) => ({
      body: { user_id: 'u-2', ...(request.body as object) },
    }));
    open('users');
    await screen.findByRole('table', { name: 'Users on EU West' });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create user' }));
    expect((dialog.getByLabelText('Role') as HTMLSelectElement).value).toBe('internal_user');
    fireEvent.change(dialog.getByLabelText('E-mail'), { target: { value: 'eve@example.com' } });
    fireEvent.change(dialog.getByLabelText('Role'), { target: { value: 'proxy_admin_viewer' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User created on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/user/new')[0]?.body).toEqual({
      user_email: 'eve@example.com',
      user_role: 'proxy_admin_viewer',
      models: [],
      auto_create_key: false,
    });
  });

  it('edits a user with the id fixed and the role prefilled', async () => {
    server.on(`POST ${RELAY}/user/update`, (request) => ({ body: { user_id: 'u-1', data: request.body } }));
    open('users');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit ada@example.com' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit ada@example.com' }));
    expect(dialog.queryByLabelText('User id')).toBeNull();
    expect((dialog.getByLabelText('Role') as HTMLSelectElement).value).toBe('proxy_admin');
    fireEvent.change(dialog.getByLabelText('Max budget (USD)'), { target: { value: '9' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('User updated on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/user/update')[0]?.body).toMatchObject({
      user_id: 'u-1',
      user_role: 'proxy_admin',
      max_budget: 9,
    });
  });

  it('searches users by e-mail and names the empty result', async () => {
    server.on(`GET ${RELAY}/user/list`, (request) => ({
      body: { users: request.query.get('user_email') ? [] : [USER], total: 1, page: 1, total_pages: 1 },
    }));
    open('users');
    await screen.findByRole('table', { name: 'Users on EU West' });
    fireEvent.change(screen.getByLabelText('Search users'), { target: { value: 'zed' } });
    expect(await screen.findByText('No user matches the search')).toBeTruthy();
  });

  it('says when the worker has no internal users', async () => {
    server.on(`GET ${RELAY}/user/list`, { body: { users: [], total: 0, page: 1, total_pages: 1 } });
    open('users');
    expect(await screen.findByText('No internal users on this worker yet')).toBeTruthy();
  });

  it('deletes a user after the worker name is typed', async () => {
    server.on(`POST ${RELAY}/user/delete`, { body: {} });
    open('users');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete ada@example.com' }));
    await confirmWithWorkerName('Delete user', 'Delete');
    expect(await screen.findByText('User ada@example.com deleted on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/user/delete')[0]?.body).toEqual({ user_ids: ['u-1'] });
  });

  describe('models', () => {
    beforeEach(() => {
      server.on(`GET ${RELAY}/model/info`, {
        body: {
          data: [
            {
              model_name: 'gpt-4o',
              litellm_params: { model: 'openai/gpt-4o' },
              model_info: { id: 'm-1', db_model: true },
            },
            {
              model_name: 'haiku',
              litellm_params: { model: 'anthropic/claude-haiku' },
              model_info: { id: 'm-2' },
            },
          ],
        },
      });
    });

    it('filters deployments on this side by name or provider model', async () => {
      open('models');
      const table = await screen.findByRole('table', { name: 'Models on EU West' });
      expect(within(table).getAllByRole('row')).toHaveLength(3);
      fireEvent.change(screen.getByLabelText('Filter models'), { target: { value: 'anthropic' } });
      await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
      expect(within(table).getByRole('rowheader', { name: 'haiku' })).toBeTruthy();
      fireEvent.change(screen.getByLabelText('Filter models'), { target: { value: 'mistral' } });
      expect(await screen.findByText('No model matches the filter')).toBeTruthy();
      expect(requestsTo(server, '/model/info')).toHaveLength(1);
    });

    it('deletes only database deployments; config-file ones say where to edit them', async () => {
      server.on(`POST ${RELAY}/model/delete`, { body: { message: 'deleted' } });
      open('models');
      const table = await screen.findByRole('table', { name: 'Models on EU West' });
      const configRow = within(table).getByRole('rowheader', { name: 'haiku' }).closest('tr') as HTMLElement;
      expect(within(configRow).queryByRole('button')).toBeNull();
      expect(configRow.textContent).toContain('edit in config');
      fireEvent.click(within(table).getByRole('button', { name: 'Delete gpt-4o (m-1)' }));
      await confirmWithWorkerName('Delete model', 'Delete');
      expect(await screen.findByText('Model deleted on EU West.')).toBeTruthy();
      expect(requestsTo(server, '/model/delete')[0]?.body).toEqual({ id: 'm-1' });
    });

    it('adds a deployment with its provider parameters', async () => {
      server.on(`POST ${RELAY}/model/new`, (request) => ({
        body: { model_id: 'm-3', ...(request.body as object) },
      }));
      open('models');
      fireEvent.click(await screen.findByRole('button', { name: 'Add model' }));
      const dialog = within(await screen.findByRole('dialog', { name: 'Add model' }));
      fireEvent.change(dialog.getByLabelText(/Public model name/), { target: { value: 'mini' } });
      fireEvent.change(dialog.getByLabelText(/Provider model/), { target: { value: 'openai/gpt-4o-mini' } });
      fireEvent.change(dialog.getByLabelText('Provider API key'), {
        target: { value: 'os.environ/OPENAI_API_KEY' },
      });
      fireEvent.click(dialog.getByRole('button', { name: 'Add model' }));
      expect(await screen.findByText('Model added on EU West.')).toBeTruthy();
      expect(requestsTo(server, '/model/new')[0]?.body).toEqual({
        model_name: 'mini',
        litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'os.environ/OPENAI_API_KEY' },
        model_info: {},
      });
    });
  });
});
