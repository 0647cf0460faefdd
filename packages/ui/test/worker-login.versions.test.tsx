import { startFakeWorker } from '@llm-control-plane/testkit';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerView } from '../src/api/contract.js';
import { ControlPlaneApp } from '../src/index.js';
import { signedInFleetPerTest, visit, WORKERS, workerView } from './support/fleet-fixtures.js';

function browserDirect(url: string, version: string, browserLogin: WorkerView['browser_login']): WorkerView {
  const now = new Date().toISOString();
  return workerView(
    { worker_id: 'old-worker', name: 'Old Worker', url, region: null, labels: {}, has_credential: false },
    {
      status: 'healthy',
      latency_ms: 5,
      version,
      db: 'connected',
      last_seen_at: now,
      checked_at: now,
      since: now,
      reason: null,
      source: 'probe',
    },
    browserLogin,
  );
}

describe('logging in to a browser-direct worker of an older LiteLLM', () => {
  const server = signedInFleetPerTest();
  afterEach(() => sessionStorage.clear());

  it('says plainly that the version needs a server-held credential, with no login form', async () => {
    const note = 'LiteLLM 1.82.0 hands a browser on another origin no token (needs LiteLLM ≥ 1.83.10).';
    server.on('GET /api/v1/workers', {
      body: {
        workers: [...WORKERS, browserDirect('http://127.0.0.1:9', '1.82.0', { possible: false, note })],
      },
    });
    visit('/ui/workers/old-worker/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    expect(
      await screen.findByRole('heading', { name: 'Old Worker needs a credential held by the control plane' }),
    );
    expect(screen.getByText(note)).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('explains a login that gives the browser no token instead of failing obscurely', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-ui-old-worker', litellmVersion: '1.82.0' });
    server.on('GET /api/v1/workers', {
      body: { workers: [...WORKERS, browserDirect(worker.url, 'unknown', { possible: null, note: null })] },
    });
    visit('/ui/workers/old-worker/keys');
    render(<ControlPlaneApp apiBase={server.apiBase} basePath="/ui" />);
    fireEvent.change(await screen.findByLabelText('Password'), { target: { value: 'sk-ui-old-worker' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in to Old Worker' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('needs LiteLLM ≥ 1.83.10');
    expect(alert.textContent).toContain('worker_login_unsupported');
  });
});
