import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { forgetSession, OVERVIEW, signedInFleetPerTest, visit } from './support/fleet-fixtures.js';

describe('fleet overview', () => {
  const server = signedInFleetPerTest();

  it('shows every worker with status, and a down worker with its last-known data marked stale', async () => {
    visit('/ui/');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const table = await screen.findByRole('table', { name: 'Workers in the fleet' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);

    const down = rows.find((row) => row.textContent?.includes('AP South'));
    expect(down).toBeDefined();
    const downRow = within(down as HTMLElement);
    expect(downRow.getByText('Unreachable')).toBeTruthy();
    expect(downRow.getByText(/stale/)).toBeTruthy();
    expect(downRow.getByText('connect ECONNREFUSED 10.0.0.3:4000')).toBeTruthy();
    // The status says since when and which signal set it: here a relayed call that failed.
    expect(down?.textContent).toMatch(/since 1 h ago · relayed call/);
    expect(downRow.getByText('9,876')).toBeTruthy();
    expect(downRow.getByText('$98.75')).toBeTruthy();
    expect(downRow.getAllByText('1 h ago')).toHaveLength(2);

    const healthy = within(rows.find((row) => row.textContent?.includes('US East')) as HTMLElement);
    expect(healthy.getByText('Healthy')).toBeTruthy();
    expect(healthy.getByText('12 ms')).toBeTruthy();
    expect(
      within(rows.find((row) => row.textContent?.includes('EU West')) as HTMLElement).getByText('Degraded'),
    ).toBeTruthy();

    const summary = screen.getByRole('list', { name: 'Fleet summary' });
    expect(within(summary).getByText('Unreachable').previousSibling?.textContent).toBe('1');
  });

  it('keeps the last data on screen when a refresh fails, and shows the error with its request id', async () => {
    let calls = 0;
    server.on('GET /api/v1/fleet/overview', () => {
      calls += 1;
      return calls === 1
        ? { body: OVERVIEW }
        : {
            status: 503,
            body: {
              error: { code: 'store_unavailable', message: 'The store is restarting', request_id: 'req-123' },
            },
          };
    });
    visit('/ui/');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    await screen.findByRole('table', { name: 'Workers in the fleet' });
    screen.getByRole('button', { name: 'Refresh now' }).click();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The store is restarting');
    expect(alert.textContent).toContain('req-123');
    await waitFor(() => expect(screen.getByRole('table', { name: 'Workers in the fleet' })).toBeTruthy());
    expect(screen.getByText('AP South')).toBeTruthy();
  });

  it('shows a first-time visitor the login page without asking the API (no 401 in the console)', async () => {
    forgetSession();
    visit('/ui/');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    expect(await screen.findByLabelText('Username')).toBeTruthy();
    expect(server.requests.filter((request) => request.path === '/api/v1/auth/me')).toEqual([]);
  });

  it('sends a visitor whose session ended to the login page with the deep link kept', async () => {
    server.on('GET /api/v1/auth/me', {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Sign in', request_id: 'r1' } },
    });
    visit('/ui/workers/eu-west/teams');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    expect(await screen.findByLabelText('Username')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/ui/login'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/workers/eu-west/teams');
  });
});
