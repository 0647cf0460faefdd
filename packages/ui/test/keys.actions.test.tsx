import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { ADMIN, serveSignedInFleet, visit } from './support/fleet-fixtures.js';

const RELAY = '/api/v1/workers/eu-west/admin';
const TOKEN = 'b'.repeat(64);
const KEY = {
  token: TOKEN,
  key_alias: 'billing-service',
  key_name: 'sk-...9xyz',
  team_id: 'team-1',
  models: ['gpt-4o-mini'],
  spend: 1.5,
  max_budget: 20,
  budget_duration: '30d',
  expires: null,
  blocked: false,
};

function requestsTo(server: FixtureServer, suffix: string) {
  return server.requests.filter((request) => request.path.endsWith(suffix));
}

function keyPage(keys: object[], page = 1, pages = 1) {
  return { body: { keys, total_count: keys.length * pages, current_page: page, total_pages: pages } };
}

describe('keys page on the resource-page pattern', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    serveSignedInFleet(server);
    server.on(`GET ${RELAY}/key/list`, keyPage([KEY]));
    server.on(`GET ${RELAY}/team/list`, { body: [{ team_id: 'team-1', team_alias: 'Search' }] });
    server.on(`GET ${RELAY}/models`, { body: { object: 'list', data: [{ id: 'gpt-4o-mini' }] } });
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  const open = async () => {
    visit('/ui/workers/eu-west/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    return screen.findByRole('table', { name: 'Keys on EU West' });
  };

  it('names the team from the worker team list and shows spend against budget', async () => {
    const table = await open();
    const row = within(table)
      .getByRole('rowheader', { name: /billing-service/ })
      .closest('tr');
    expect(row?.textContent).toContain('Search');
    expect(row?.textContent).toContain('$1.50 / $20.00');
    expect(row?.textContent).toContain('Active');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Key', 'Team', 'Models', 'Spend / budget', 'Expires', 'State', 'Actions']);
  });

  it('still lists keys, with team ids, when the team list fails', async () => {
    server.on(`GET ${RELAY}/team/list`, {
      status: 500,
      body: { error: { code: 'worker_error', message: 'x' } },
    });
    const table = await open();
    const row = within(table)
      .getByRole('rowheader', { name: /billing-service/ })
      .closest('tr');
    expect(row?.textContent).toContain('team-1');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('orders the row buttons Edit, Block, Regenerate, Delete', async () => {
    const table = await open();
    const row = within(table)
      .getByRole('rowheader', { name: /billing-service/ })
      .closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Edit', 'Block', 'Regenerate', 'Delete']);
  });

  it('searches by alias substring on the worker, and by hash when given a 64-hex value', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: 'billing' } });
    await waitFor(() =>
      expect(requestsTo(server, '/key/list').some((r) => r.query.get('key_alias') === 'billing')).toBe(true),
    );
    const byAlias = requestsTo(server, '/key/list').find((r) => r.query.get('key_alias') === 'billing');
    expect(byAlias?.query.get('substring_matching')).toBe('true');
    expect(byAlias?.query.get('key_hash')).toBeNull();

    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: TOKEN } });
    await waitFor(() =>
      expect(requestsTo(server, '/key/list').some((r) => r.query.get('key_hash') === TOKEN)).toBe(true),
    );
    const byHash = requestsTo(server, '/key/list').find((r) => r.query.get('key_hash') === TOKEN);
    expect(byHash?.query.get('key_alias')).toBeNull();
  });

  it('says no key matches a search, without the create hint', async () => {
    server.on(`GET ${RELAY}/key/list`, (request) =>
      request.query.get('key_alias') ? keyPage([]) : keyPage([KEY]),
    );
    await open();
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: 'nothing' } });
    expect(await screen.findByText('No key matches the search')).toBeTruthy();
    expect(screen.queryByText(/Create the first key/)).toBeNull();
  });

  it('pages through the worker and starts again at page 1 with a new page size', async () => {
    server.on(`GET ${RELAY}/key/list`, (request) => keyPage([KEY], Number(request.query.get('page')), 3));
    await open();
    const pager = screen.getByRole('navigation', { name: 'Keys pages' });
    expect(pager.textContent).toContain('Page 1 of 3');
    expect(pager.textContent).toContain('3 total');
    fireEvent.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(screen.getByRole('navigation', { name: 'Keys pages' }).textContent).toContain('Page 2 of 3'),
    );
    expect(requestsTo(server, '/key/list').at(-1)?.query.get('page')).toBe('2');

    fireEvent.change(within(screen.getByRole('navigation', { name: 'Keys pages' })).getByRole('combobox'), {
      target: { value: '50' },
    });
    await waitFor(() => expect(requestsTo(server, '/key/list').at(-1)?.query.get('size')).toBe('50'));
    expect(requestsTo(server, '/key/list').at(-1)?.query.get('page')).toBe('1');
  });

  it('blocks a key at once, announces it and reloads the list', async () => {
    server.on(`POST ${RELAY}/key/block`, { body: { ...KEY, blocked: true } });
    await open();
    const before = requestsTo(server, '/key/list').length;
    fireEvent.click(screen.getByRole('button', { name: 'Block billing-service' }));
    expect(await screen.findByText('billing-service blocked on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/key/block')[0]?.body).toEqual({ key: TOKEN });
    await waitFor(() => expect(requestsTo(server, '/key/list').length).toBeGreaterThan(before));
  });

  it('offers Unblock for a blocked key and shows a failed action above the table', async () => {
    server.on(`GET ${RELAY}/key/list`, keyPage([{ ...KEY, blocked: true }]));
    server.on(`POST ${RELAY}/key/unblock`, {
      status: 403,
      body: { error: { code: 'worker_error', message: 'not allowed to unblock', request_id: 'req-7' } },
    });
    const table = await open();
    expect(within(table).getByText('Blocked')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Unblock billing-service' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The action failed');
    expect(alert.textContent).toContain('not allowed to unblock');
    expect(requestsTo(server, '/key/unblock')[0]?.body).toEqual({ key: TOKEN });
  });

  it('regenerates only after the worker name is typed and shows the new value once', async () => {
    server.on(`POST ${RELAY}/key/${TOKEN}/regenerate`, {
      body: { key: 'sk-regenerated-123', token: 'c'.repeat(64) },
    });
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate billing-service' }));
    const confirm = await screen.findByRole('dialog', { name: 'Regenerate key' });
    expect(confirm.textContent).toContain('stops working immediately');
    const button = within(confirm).getByRole('button', { name: 'Regenerate' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(within(confirm).getByLabelText(/to confirm/), { target: { value: 'EU West' } });
    fireEvent.click(button);
    const shown = await screen.findByRole('dialog', { name: 'Key regenerated' });
    expect((within(shown).getByLabelText('New key for billing-service') as HTMLInputElement).value).toBe(
      'sk-regenerated-123',
    );
    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain('sk-regenerated-123');
  });

  it('edits with the row prefilled, keeps the expiry and clears an emptied budget', async () => {
    server.on(`POST ${RELAY}/key/update`, (request) => ({ body: { ...KEY, ...(request.body as object) } }));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Edit billing-service' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit billing-service' }));
    expect((dialog.getByLabelText('Key alias') as HTMLInputElement).value).toBe('billing-service');
    expect((dialog.getByLabelText('Expires after') as HTMLSelectElement).value).toBe('keep');
    expect(dialog.getByRole('option', { name: 'Keep (never)' })).toBeTruthy();
    await waitFor(() => expect((dialog.getByLabelText('Team') as HTMLSelectElement).value).toBe('team-1'));
    fireEvent.change(dialog.getByLabelText('Max budget (USD)'), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Key updated on EU West.')).toBeTruthy();
    const body = requestsTo(server, '/key/update')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      key: TOKEN,
      key_alias: 'billing-service',
      team_id: 'team-1',
      max_budget: null,
    });
    expect('duration' in body).toBe(false);
  });

  it('sets "never expires" on edit as an explicit null duration', async () => {
    server.on(`POST ${RELAY}/key/update`, (request) => ({ body: { ...KEY, ...(request.body as object) } }));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Edit billing-service' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit billing-service' }));
    fireEvent.change(dialog.getByLabelText('Expires after'), { target: { value: '' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(requestsTo(server, '/key/update')).toHaveLength(1));
    expect(requestsTo(server, '/key/update')[0]?.body).toMatchObject({ duration: null, max_budget: 20 });
  });

  it('keeps a team the worker no longer lists selectable when editing', async () => {
    server.on(`GET ${RELAY}/key/list`, keyPage([{ ...KEY, team_id: 'team-gone' }]));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Edit billing-service' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit billing-service' }));
    await dialog.findByRole('option', { name: 'Search' });
    expect((dialog.getByLabelText('Team') as HTMLSelectElement).value).toBe('team-gone');
    expect(dialog.getByRole('option', { name: 'team-gone' })).toBeTruthy();
  });

  it('says when the team list for the form cannot be loaded', async () => {
    server.on(`GET ${RELAY}/team/list`, {
      status: 500,
      body: { error: { code: 'worker_error', message: 'x' } },
    });
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create key' }));
    expect(await dialog.findByText('Teams could not be loaded.')).toBeTruthy();
  });

  it('deletes a key by its hash after the worker name is typed', async () => {
    server.on(`POST ${RELAY}/key/delete`, { body: { deleted_keys: [TOKEN] } });
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Delete billing-service' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete key' });
    expect(confirm.textContent).toContain('This cannot be undone.');
    fireEvent.change(within(confirm).getByLabelText(/to confirm/), { target: { value: 'EU West' } });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('billing-service deleted on EU West.')).toBeTruthy();
    expect(requestsTo(server, '/key/delete')[0]?.body).toEqual({ keys: [TOKEN] });
  });

  it('gives a read-only session no create button and no row actions', async () => {
    server.on('GET /api/v1/auth/me', {
      body: { ...ADMIN, role: 'viewer', permissions: { write: false, admin: false } },
    });
    const table = await open();
    expect(screen.queryByRole('button', { name: 'Create key' })).toBeNull();
    expect(within(table).queryAllByRole('button')).toHaveLength(0);
    expect(within(table).getAllByRole('columnheader')).toHaveLength(6);
  });
});
