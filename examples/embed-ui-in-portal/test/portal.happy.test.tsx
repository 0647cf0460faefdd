import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { renderPortal } from '../src/portal.js';
import { LlmAdminRoute } from '../src/ReactPortal.js';
import { PORTAL_MASTER_KEY } from './support/constants.js';

const apiBase = `${inject('controlPlaneUrl')}/api/v1`;

// A portal forwards its own credential; here the control plane's master key stands in for it.
const portalFetch: typeof fetch = (input, init) =>
  fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${PORTAL_MASTER_KEY}` },
  });

describe('embedding the admin UI in a portal page', () => {
  afterEach(cleanup);

  it('mounts into a div of the portal and shows the fleet from the control plane next to it', async () => {
    window.history.replaceState(null, '', '/portal/llm/');
    const container = document.createElement('div');
    document.body.append(container);
    const mounted = renderPortal(container, { apiBase, fetch: portalFetch });
    try {
      expect(container.querySelector('.portal-header')?.textContent).toContain('Acme internal portal');
      const table = await screen.findByRole('table', { name: 'Workers in the fleet' }, { timeout: 15_000 });
      await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3), { timeout: 15_000 });
      expect(within(table).getByText('Portal East')).toBeTruthy();
      // The UI's links stay inside the base path the portal gave it.
      expect(within(table).getByRole('link', { name: 'Portal West' }).getAttribute('href')).toBe(
        '/portal/llm/workers/portal-1/keys',
      );
    } finally {
      mounted.unmount();
      container.remove();
    }
  });

  it('renders as a React component inside a React portal, deep-linked to a worker page', async () => {
    window.history.replaceState(null, '', '/portal/llm/workers/portal-0/keys');
    render(<LlmAdminRoute apiBase={apiBase} fetch={portalFetch} />);
    await screen.findByRole('table', { name: 'Keys on Portal East' }, { timeout: 15_000 });
    expect(screen.getByLabelText('Selected worker').textContent).toContain('us-east-1');
  });
});
