import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import type { FixtureServer } from './support/fixture-server.js';
import { ADMIN, signedInFleetPerTest, visit } from './support/fleet-fixtures.js';

const BUDGETS = 'GET /api/v1/workers/eu-west/admin/budget/list';
const BUDGET_ROWS = [
  { budget_id: 'team-cap', max_budget: 100, soft_budget: 80, budget_duration: '30d', tpm_limit: 5000 },
  { budget_id: 'small', max_budget: 5 },
];

function requestsTo(server: FixtureServer, suffix: string) {
  return server.requests.filter((request) => request.path.endsWith(suffix));
}

describe('resource page (budgets, organizations)', () => {
  const server = signedInFleetPerTest();

  const open = async (section: string) => {
    visit(`/ui/workers/eu-west/${section}`);
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
  };

  it('renders the configured columns with formatted values and a row header per row', async () => {
    server.on(BUDGETS, { body: BUDGET_ROWS });
    await open('budgets');
    const table = await screen.findByRole('table', { name: 'Budgets on EU West' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers.slice(0, 6)).toEqual(['Budget', 'Max', 'Soft', 'Reset', 'TPM', 'RPM']);
    const first = within(table).getByRole('rowheader', { name: 'team-cap' }).closest('tr');
    expect(first?.textContent).toContain('$100.00');
    expect(first?.textContent).toContain('30d');
    expect(first?.textContent).toContain('5,000');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });

  it('shows the empty state when the worker has none', async () => {
    server.on(BUDGETS, { body: [] });
    await open('budgets');
    expect(await screen.findByText('No budgets on this worker yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the worker error with its code and loads again on retry', async () => {
    let calls = 0;
    server.on(BUDGETS, () => {
      calls += 1;
      return calls === 1
        ? { status: 502, body: { error: { code: 'worker_error', message: 'budget table is locked' } } }
        : { body: BUDGET_ROWS };
    });
    await open('budgets');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load budgets from EU West');
    expect(alert.textContent).toContain('budget table is locked');
    fireEvent.click(within(alert).getByRole('button', { name: /retry/i }));
    expect(await screen.findByRole('table', { name: 'Budgets on EU West' })).toBeTruthy();
  });

  it('reports a body that does not match the schema instead of rendering it', async () => {
    server.on(BUDGETS, { body: { budgets: 'not a list' } });
    await open('budgets');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('invalid response');
  });

  it('creates from the form built from the fields, sending only what was filled in', async () => {
    server.on(BUDGETS, { body: [] });
    server.on('POST /api/v1/workers/eu-west/admin/budget/new', (request) => ({ body: request.body }));
    await open('budgets');
    await screen.findByText('No budgets on this worker yet');
    fireEvent.click(screen.getByRole('button', { name: 'Create budget' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create budget' }));
    expect(dialog.getByLabelText('Budget id')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText('Budget id'), { target: { value: 'nightly' } });
    fireEvent.change(dialog.getByLabelText('Max budget (USD)'), { target: { value: '12.5' } });
    fireEvent.change(dialog.getByLabelText('Budget reset'), { target: { value: '7d' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Create budget' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsTo(server, '/budget/new')[0]?.body).toEqual({
      budget_id: 'nightly',
      max_budget: 12.5,
      budget_duration: '7d',
    });
    expect(await screen.findByText('Budget saved on EU West.')).toBeTruthy();
    await waitFor(() => expect(requestsTo(server, '/budget/list').length).toBe(2));
  });

  it('edits with the row prefilled and the identifier fixed', async () => {
    server.on(BUDGETS, { body: BUDGET_ROWS });
    server.on('POST /api/v1/workers/eu-west/admin/budget/update', (request) => ({ body: request.body }));
    await open('budgets');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit team-cap' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit budget team-cap' }));
    expect(dialog.queryByLabelText('Budget id')).toBeNull();
    expect((dialog.getByLabelText('Max budget (USD)') as HTMLInputElement).value).toBe('100');
    expect((dialog.getByLabelText('Soft budget (USD)') as HTMLInputElement).value).toBe('80');
    fireEvent.change(dialog.getByLabelText('Max budget (USD)'), { target: { value: '150' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(requestsTo(server, '/budget/update')).toHaveLength(1));
    expect(requestsTo(server, '/budget/update')[0]?.body).toMatchObject({
      budget_id: 'team-cap',
      max_budget: 150,
      soft_budget: 80,
      budget_duration: '30d',
      tpm_limit: 5000,
    });
  });

  it('shows a validation message from the worker inside the dialog and keeps it open', async () => {
    server.on(BUDGETS, { body: [] });
    server.on('POST /api/v1/workers/eu-west/admin/budget/new', {
      status: 422,
      body: { detail: [{ loc: ['body', 'max_budget'], msg: 'Input should be greater than 0' }] },
    });
    await open('budgets');
    fireEvent.click(await screen.findByRole('button', { name: 'Create budget' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Create budget' }));
    fireEvent.change(dialog.getByLabelText('Max budget (USD)'), { target: { value: '7' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Create budget' }));
    expect((await dialog.findByRole('alert')).textContent).toContain('greater than 0');
    expect(screen.getByRole('dialog', { name: 'Create budget' })).toBeTruthy();
  });

  it('deletes only after the worker name is typed', async () => {
    server.on(BUDGETS, { body: BUDGET_ROWS });
    server.on('POST /api/v1/workers/eu-west/admin/budget/delete', { body: BUDGET_ROWS[1] });
    await open('budgets');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete small' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Delete budget' }));
    const confirm = dialog.getByRole('button', { name: 'Delete' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(dialog.getByRole('textbox'), { target: { value: 'EU West' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(requestsTo(server, '/budget/delete')).toHaveLength(1));
    expect(requestsTo(server, '/budget/delete')[0]?.body).toEqual({ id: 'small' });
    expect(await screen.findByText('Budget deleted on EU West.')).toBeTruthy();
  });

  it('offers no create, edit or delete to a read-only session', async () => {
    server.on('GET /api/v1/auth/me', {
      body: { ...ADMIN, role: 'viewer', permissions: { write: false, admin: false } },
    });
    server.on(BUDGETS, { body: BUDGET_ROWS });
    await open('budgets');
    await screen.findByRole('table', { name: 'Budgets on EU West' });
    expect(screen.queryByRole('button', { name: 'Create budget' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) / })).toBeNull();
  });

  it('loads the model picker only for configs with a models field, and sends the picked models', async () => {
    server.on('GET /api/v1/workers/eu-west/admin/organization/list', {
      body: [
        {
          organization_id: 'org-1',
          organization_alias: 'Research',
          models: [],
          teams: [{}, {}],
          spend: 3,
          litellm_budget_table: { max_budget: 50, budget_duration: '30d' },
        },
      ],
    });
    server.on('GET /api/v1/workers/eu-west/admin/models', {
      body: { object: 'list', data: [{ id: 'gpt-4o-mini' }, { id: 'claude-haiku' }] },
    });
    server.on('PATCH /api/v1/workers/eu-west/admin/organization/update', (request) => ({
      body: { organization_id: 'org-1', ...(request.body as object) },
    }));
    await open('organizations');
    const row = (await screen.findByRole('rowheader', { name: /Research/ })).closest('tr');
    expect(row?.textContent).toContain('all');
    expect(row?.textContent).toContain('$3.00 / $50.00');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Research' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit Research' }));
    fireEvent.click(await dialog.findByLabelText('claude-haiku'));
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(requestsTo(server, '/organization/update')).toHaveLength(1));
    expect(requestsTo(server, '/organization/update')[0]?.body).toEqual({
      organization_id: 'org-1',
      organization_alias: 'Research',
      max_budget: 50,
      budget_duration: '30d',
      models: ['claude-haiku'],
    });

    cleanup();
    server.requests.length = 0;
    server.on(BUDGETS, { body: BUDGET_ROWS });
    await open('budgets');
    await screen.findByRole('table', { name: 'Budgets on EU West' });
    expect(requestsTo(server, '/admin/models')).toHaveLength(0);
  });
});
