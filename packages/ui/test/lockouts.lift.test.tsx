import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlPlaneApp } from '../src/index.js';
import { signedInFleetPerTest, visit } from './support/fleet-fixtures.js';

const LOCKOUT = {
  username: 'dave',
  address: '203.0.113.7',
  failures: 10,
  locked_at: new Date(Date.now() - 60_000).toISOString(),
  locked_until: new Date(Date.now() + 840_000).toISOString(),
};

describe('sign-in lock-outs', () => {
  const server = signedInFleetPerTest();

  it('lists locked usernames and lifts one for an admin', async () => {
    let locked = [LOCKOUT];
    server.on('GET /api/v1/auth/lockouts', () => ({ body: { lockouts: locked } }));
    server.on('DELETE /api/v1/auth/lockouts/dave', () => {
      locked = [];
      return { body: { username: 'dave', unlocked: true } };
    });
    visit('/ui/lockouts');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const table = await screen.findByRole('table', { name: 'Locked usernames' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('203.0.113.7');
    expect(row.textContent).toContain('10');
    within(row).getByRole('button', { name: 'Lift lock-out of dave' }).click();
    expect(await screen.findByText('No username is locked out')).toBeTruthy();
    await waitFor(() =>
      expect(
        server.requests.filter((request) => request.method === 'DELETE').map((request) => request.path),
      ).toEqual(['/api/v1/auth/lockouts/dave']),
    );
    expect(screen.getByRole('link', { name: 'Sign-in lock-outs' })).toBeTruthy();
  });
});
