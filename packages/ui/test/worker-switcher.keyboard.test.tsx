import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkerSwitcher } from '../src/components/WorkerSwitcher.js';
import { ControlPlaneApp } from '../src/index.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { serveSignedInFleet, visit, WORKERS } from './support/fleet-fixtures.js';

describe('worker switcher', () => {
  afterEach(cleanup);

  it('filters by typing and selects with the keyboard', () => {
    const selected: string[] = [];
    render(<WorkerSwitcher workers={WORKERS} selectedId="us-east" onSelect={(id) => selected.push(id)} />);
    const input = screen.getByRole('combobox', { name: 'Worker' });
    expect(input).toHaveProperty('value', 'US East');

    fireEvent.change(input, { target: { value: 'eu' } });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox', { name: 'Workers' });
    const options = within(listbox).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([expect.stringContaining('EU West')]);
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]?.id);

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(selected).toEqual(['eu-west']);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('moves through all workers with the arrow keys, matches regions, and closes on Escape', () => {
    const selected: string[] = [];
    render(<WorkerSwitcher workers={WORKERS} selectedId="us-east" onSelect={(id) => selected.push(id)} />);
    const input = screen.getByRole('combobox', { name: 'Worker' });

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')).toHaveLength(3);
    // Opening starts on the current worker; two steps down reaches the third.
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const active = document.getElementById(input.getAttribute('aria-activedescendant') ?? '');
    expect(active?.textContent).toContain('AP South');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(selected).toEqual([]);

    fireEvent.change(input, { target: { value: 'ap-south-1' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(selected).toEqual(['ap-south']);
  });

  it('says so when nothing matches', () => {
    render(<WorkerSwitcher workers={WORKERS} selectedId={undefined} onSelect={() => {}} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Worker' }), { target: { value: 'mars' } });
    expect(screen.getByText('No matching workers')).toBeTruthy();
  });
});

describe('switching workers in the app', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    serveSignedInFleet(server);
    server.on('GET /api/v1/workers/us-east/admin/key/list', {
      body: { keys: [], total_count: 0, current_page: 1, total_pages: 1 },
    });
    server.on('GET /api/v1/workers/eu-west/admin/key/list', {
      body: { keys: [], total_count: 0, current_page: 1, total_pages: 1 },
    });
    server.on('GET /api/v1/workers/us-east/admin/team/list', { body: [] });
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  it('changes the URL and the header without logging in again', async () => {
    visit('/ui/workers/us-east/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const header = await screen.findByLabelText('Selected worker');
    expect(header.textContent).toContain('US East');
    expect(header.textContent).toContain('us-east-1');
    await screen.findByText('No keys on this worker yet');

    const input = screen.getByRole('combobox', { name: 'Worker' });
    fireEvent.change(input, { target: { value: 'EU' } });
    fireEvent.keyDown(input, { key: 'Enter' });

    await waitFor(() => expect(window.location.pathname).toBe('/ui/workers/eu-west/keys'));
    await waitFor(() => expect(screen.getByLabelText('Selected worker').textContent).toContain('eu-west-1'));
    await waitFor(() =>
      expect(
        server.requests.some((request) => request.path === '/api/v1/workers/eu-west/admin/key/list'),
      ).toBe(true),
    );
    expect(server.requests.filter((request) => request.path === '/api/v1/auth/me')).toHaveLength(1);
    expect(server.requests.some((request) => request.path === '/api/v1/auth/login')).toBe(false);

    // Back returns to the previous worker.
    window.history.back();
    await waitFor(() => expect(window.location.pathname).toBe('/ui/workers/us-east/keys'));
    await waitFor(() => expect(screen.getByLabelText('Selected worker').textContent).toContain('US East'));
  });
});
