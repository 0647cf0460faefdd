import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { signedInFleetPerTest, visit } from './support/fleet-fixtures.js';

describe('errors from a worker', () => {
  const server = signedInFleetPerTest();

  it('shows the message, code, worker and request id, keeps navigation usable, and retries', async () => {
    let attempts = 0;
    server.on('GET /api/v1/workers/ap-south/admin/v2/team/list', () => {
      attempts += 1;
      return attempts === 1
        ? {
            status: 502,
            body: {
              error: {
                code: 'worker_unreachable',
                message: 'AP South did not answer: connect ECONNREFUSED',
                request_id: 'req-ap-1',
                worker_id: 'ap-south',
              },
            },
          }
        : {
            body: {
              teams: [{ team_id: 't1', team_alias: 'Research', members_with_roles: [], models: [] }],
              total: 1,
              page: 1,
              total_pages: 1,
            },
          };
    });
    visit('/ui/workers/ap-south/teams');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load teams from AP South');
    expect(alert.textContent).toContain('connect ECONNREFUSED');
    expect(alert.textContent).toContain('worker_unreachable');
    expect(alert.textContent).toContain('req-ap-1');
    // The down worker is flagged above the page, and the rest of the app stays usable.
    expect(screen.getByText(/AP South is not answering/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Overview' })).toBeTruthy();

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Research')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('reports a control plane that cannot be reached instead of a blank page', async () => {
    await server.close();
    visit('/ui/');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The control plane did not answer');
    expect(alert.textContent).toContain('control_plane_unreachable');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
