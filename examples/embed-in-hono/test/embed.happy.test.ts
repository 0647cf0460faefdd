import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeWorkers } from '@llm-control-plane/testkit';
import { describe, expect, it } from 'vitest';
import { createParentApp } from '../src/app.js';

const MASTER_KEY = 'sk-embedded-control-plane-key-000000';

describe('control plane mounted at /cp in a parent Hono app', () => {
  it('serves its API, discovery and errors under the prefix next to the parent routes', {
    timeout: 120_000,
  }, async () => {
    await using workers = await startFakeWorkers(2, (index) => ({
      masterKey: `sk-embedded-worker-${index}-secret`,
      seed: { keys: 2, teams: 1, users: 1, spendLogs: 5, seed: index + 1 },
    }));
    const dataDir = await mkdtemp(join(tmpdir(), 'embed-in-hono-'));
    const { app, controlPlane } = await createParentApp({
      config: {
        worker_registry: workers.map((worker, index) => ({
          worker_id: `worker-${index + 1}`,
          name: `Worker ${index + 1}`,
          url: worker.url,
          api_key: worker.masterKey,
        })),
        general_settings: { master_key: MASTER_KEY },
      },
      dataDir,
      uiAssetsDir: false,
    });
    const auth = { authorization: `Bearer ${MASTER_KEY}` };
    try {
      expect(await (await app.request('/status')).json()).toEqual({ app: 'ok' });
      expect(await (await app.request('/cp/health/liveliness')).text()).toBe("I'm alive!");

      const discovery = (await (await app.request('/cp/.well-known/litellm-ui-config')).json()) as {
        is_control_plane: boolean;
        workers: { worker_id: string }[];
      };
      expect(discovery.is_control_plane).toBe(true);
      expect(discovery.workers.map((worker) => worker.worker_id)).toEqual(['worker-1', 'worker-2']);

      const unauthenticated = await app.request('/cp/api/v1/workers');
      expect(unauthenticated.status).toBe(401);
      expect(((await unauthenticated.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

      const login = await app.request('/cp/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: MASTER_KEY }),
      });
      expect(login.status).toBe(200);
      const { access_token: token } = (await login.json()) as { access_token: string };
      const me = await app.request('/cp/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
      expect(((await me.json()) as { role: string }).role).toBe('admin');

      const created = await app.request('/cp/api/v1/workers/worker-2/admin/key/generate', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ key_alias: 'from-embedded-app' }),
      });
      expect(created.status).toBe(200);
      expect([...workers[1]!.state.keys.values()].some((key) => key.key_alias === 'from-embedded-app')).toBe(
        true,
      );
      expect([...workers[0]!.state.keys.values()].some((key) => key.key_alias === 'from-embedded-app')).toBe(
        false,
      );

      const overview = (await (await app.request('/cp/api/v1/fleet/overview', { headers: auth })).json()) as {
        workers: { counts: { keys: number } | null }[];
      };
      expect(overview.workers.map((row) => row.counts?.keys)).toEqual([2, 3]);

      const missing = await app.request('/cp/api/v1/nothing', { headers: auth });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');

      const refused = await app.request('/cp/api/v1/workers/worker-1/admin/chat/completions', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(403);
      expect(workers.every((worker) => worker.state.counters.llmRequests === 0)).toBe(true);
    } finally {
      await controlPlane.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
