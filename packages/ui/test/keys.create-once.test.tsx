import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { serveSignedInFleet, visit } from './support/fleet-fixtures.js';

const SECRET = 'sk-test-9f8e7d6c5b4a3f2e1d0c';

describe('creating a key', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    serveSignedInFleet(server);
    server.on('GET /api/v1/workers/eu-west/admin/key/list', {
      body: { keys: [], total_count: 0, current_page: 1, total_pages: 1 },
    });
    server.on('GET /api/v1/workers/eu-west/admin/team/list', {
      body: [{ team_id: 'team-1', team_alias: 'Search' }],
    });
    server.on('GET /api/v1/workers/eu-west/admin/models', {
      body: { object: 'list', data: [{ id: 'gpt-4o-mini' }, { id: 'claude-haiku' }] },
    });
    server.on('POST /api/v1/workers/eu-west/admin/key/generate', (request) => ({
      body: { ...(request.body as object), key: SECRET, token: 'a'.repeat(64), key_name: 'sk-...1d0c' },
    }));
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  it('sends budget, models, expiry and team, then shows the new key exactly once', async () => {
    visit('/ui/workers/eu-west/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    await screen.findByText('No keys on this worker yet');
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const dialog = await screen.findByRole('dialog', { name: 'Create key' });
    const form = within(dialog);
    expect(dialog.textContent).toContain('EU West');
    fireEvent.change(form.getByLabelText('Key alias'), { target: { value: 'billing-service' } });
    fireEvent.change(form.getByLabelText('Max budget (USD)'), { target: { value: '25.5' } });
    fireEvent.change(form.getByLabelText('Expires after'), { target: { value: '30d' } });
    await form.findByRole('option', { name: 'Search' });
    fireEvent.change(form.getByLabelText('Team'), { target: { value: 'team-1' } });
    fireEvent.click(await form.findByLabelText('gpt-4o-mini'));
    fireEvent.click(form.getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByRole('dialog', { name: 'Key created' });
    const secret = within(shown).getByLabelText('New key for billing-service') as HTMLInputElement;
    expect(secret.value).toBe(SECRET);
    expect(secret.readOnly).toBe(true);
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(shown.textContent).toContain('only once');

    const generate = server.requests.find((request) => request.path.endsWith('/key/generate'));
    expect(generate?.body).toEqual({
      key_alias: 'billing-service',
      team_id: 'team-1',
      models: ['gpt-4o-mini'],
      max_budget: 25.5,
      duration: '30d',
    });

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('keeps the form open and shows the worker error with its request id when creation fails', async () => {
    server.on('POST /api/v1/workers/eu-west/admin/key/generate', {
      status: 400,
      body: {
        error: {
          code: 'worker_error',
          message: "Key with alias 'billing-service' already exists.",
          request_id: 'req-dup-1',
          worker_id: 'eu-west',
        },
      },
    });
    visit('/ui/workers/eu-west/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create key' });
    fireEvent.change(within(dialog).getByLabelText('Key alias'), { target: { value: 'billing-service' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('already exists');
    expect(alert.textContent).toContain('req-dup-1');
    expect(alert.textContent).toContain('eu-west');
  });
});
