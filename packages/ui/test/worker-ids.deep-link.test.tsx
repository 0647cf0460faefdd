import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchRoute, workerPath } from '../src/app/routes.js';
import { ControlPlaneApp } from '../src/index.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';
import { serveSignedInFleet, visit, WORKERS, workerView } from './support/fleet-fixtures.js';

/** A worker id LiteLLM accepts that needs encoding in every URL. */
const AWKWARD_ID = 'EU West (prod)/1 ü%?#';
const ENCODED = encodeURIComponent(AWKWARD_ID);
const now = new Date().toISOString();

const AWKWARD_WORKER = workerView(
  {
    worker_id: AWKWARD_ID,
    name: 'EU West prod',
    url: 'http://127.0.0.1:2',
    region: 'eu-west-9',
    labels: {},
    has_credential: true,
  },
  {
    status: 'healthy',
    latency_ms: 9,
    version: '1.84.0',
    db: 'connected',
    last_seen_at: now,
    checked_at: now,
    since: now,
    reason: null,
    source: 'probe',
  },
);

const NO_KEYS = { body: { keys: [], total_count: 0, current_page: 1, total_pages: 1 } };

describe('a worker id that needs encoding', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    serveSignedInFleet(server);
    server.on('GET /api/v1/workers', { body: { workers: [...WORKERS, AWKWARD_WORKER] } });
    server.on('GET /api/v1/workers/us-east/admin/key/list', NO_KEYS);
    server.on(`GET /api/v1/workers/${ENCODED}/admin/key/list`, {
      body: {
        keys: [{ token: 'hashed-1', key_alias: 'awkward-worker-key', key_name: 'sk-...abcd', spend: 0 }],
        total_count: 1,
        current_page: 1,
        total_pages: 1,
      },
    });
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  it('round-trips through the route table as one segment', () => {
    expect(workerPath(AWKWARD_ID)).toBe(`/workers/${ENCODED}/keys`);
    expect(matchRoute(workerPath(AWKWARD_ID, 'teams'))).toEqual({
      name: 'worker',
      workerId: AWKWARD_ID,
      section: 'teams',
    });
  });

  it('opens the keys page from a deep link and calls the relay with the id encoded', async () => {
    visit(`/ui/workers/${ENCODED}/keys`);
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    const header = await screen.findByLabelText('Selected worker');
    expect(header.textContent).toContain('EU West prod');
    expect(await screen.findByText('awkward-worker-key')).toBeTruthy();
    expect(server.requests.map((request) => request.path)).toContain(
      `/api/v1/workers/${ENCODED}/admin/key/list`,
    );
  });

  it('is selected in the worker switcher and lands on its keys page', async () => {
    visit('/ui/workers/us-east/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    await screen.findByText('No keys on this worker yet');
    const input = screen.getByRole('combobox', { name: 'Worker' });
    fireEvent.change(input, { target: { value: 'EU West prod' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.pathname).toBe(`/ui/workers/${ENCODED}/keys`));
    expect(await screen.findByText('awkward-worker-key')).toBeTruthy();
  });
});
