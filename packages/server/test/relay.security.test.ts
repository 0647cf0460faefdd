import { startFakeWorker } from '@llm-control-plane/testkit';
import { describe, expect, it } from 'vitest';
import { startControlPlane } from '../src/start.js';
import { MASTER_KEY, startHarness, workerKey } from './support/fixtures.js';
import { rawRequest } from './support/http.js';
import { createMemoryStore } from './support/memory-store.js';
import { startSocketControlPlane } from './support/socket.js';

const LLM_SPELLINGS = [
  '/chat/completions',
  '/CHAT/Completions',
  '//chat//completions',
  '/chat/completions/',
  '/v1/chat/completions',
  '/%63hat/completions',
  '/chat%2Fcompletions',
  '/completions',
  '/v1/completions',
  '/embeddings',
  '/v1/embeddings',
  '/responses',
  '/v1/responses',
  '/openai/deployments/gpt-4o/chat/completions',
  '/engines/gpt-4o/completions',
  '/v1/messages',
  '/audio/transcriptions',
  '/images/generations',
  '/moderations',
  '/rerank',
];

describe('relay refuses what is not management traffic', () => {
  it('refuses LLM routes in every spelling and the workers see no LLM request', async () => {
    await using harness = await startHarness({ workers: 2 });
    for (const spelling of LLM_SPELLINGS) {
      for (const method of ['POST', 'GET']) {
        const response = await harness.request(`/api/v1/workers/worker-a/admin${spelling}`, {
          method,
          ...(method === 'POST'
            ? {
                body: JSON.stringify({ model: 'gpt-4o', messages: [] }),
                headers: { 'content-type': 'application/json' },
              }
            : {}),
        });
        expect(response.status, `${method} ${spelling}`).toBe(403);
        const body = (await response.json()) as { error: { code: string } };
        expect(body.error.code, spelling).toBe('llm_route_refused');
      }
    }
    for (const worker of harness.workers) {
      expect(worker.state.counters.llmRequests).toBe(0);
    }
  });

  it('refuses non-management paths and an empty path', async () => {
    await using harness = await startHarness({ workers: 1 });
    const other = await harness.request('/api/v1/workers/worker-a/admin/metrics');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('not_a_management_route');
    const empty = await harness.request('/api/v1/workers/worker-a/admin');
    expect(empty.status).toBe(400);
    const slash = await harness.request('/api/v1/workers/worker-a/admin/');
    expect(slash.status).toBe(400);
  });

  it('refuses traversal over a real socket, in raw and encoded forms', async () => {
    const worker = await startFakeWorker({ masterKey: workerKey(0) });
    const running = await startSocketControlPlane(worker);
    try {
      const headers = { authorization: `Bearer ${MASTER_KEY}` };
      const attempts = [
        '/api/v1/workers/worker-a/admin/../../x',
        '/api/v1/workers/worker-a/admin/key/../../../health',
        '/api/v1/workers/worker-a/admin/%2e%2e/%2e%2e/x',
        '/api/v1/workers/worker-a/admin/%2E%2E/key/list',
        '/api/v1/workers/worker-a/admin/key/%252e%252e/list',
        '/api/v1/workers/worker-a/admin/key%2flist',
        '/api/v1/workers/worker-a/admin/key%5clist',
        '/api/v1/workers/worker-a/admin/..\\..\\x',
        '/api/v1/workers/worker-a/admin/./key/list',
      ];
      for (const path of attempts) {
        const response = await rawRequest(running.url, path, { headers });
        expect(response.status, path).toBe(400);
      }
      // Traversal into a spending route is refused as spending, whatever else is wrong with it.
      const intoLlm = await rawRequest(
        running.url,
        '/api/v1/workers/worker-a/admin/key%2f..%2fchat%2fcompletions',
        { headers },
      );
      expect(intoLlm.status).toBe(403);
      expect(JSON.parse(intoLlm.body).error.code).toBe('llm_route_refused');
      const fine = await rawRequest(running.url, '/api/v1/workers/worker-a/admin/key/list', { headers });
      expect(fine.status).toBe(200);
      expect(worker.state.counters.llmRequests).toBe(0);
    } finally {
      await running.close();
      await worker.close();
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a cross-site Origin on loopback', async () => {
    const running = await startControlPlane({
      config: { worker_registry: [], general_settings: { master_key: MASTER_KEY } },
      store: createMemoryStore(),
      port: 0,
      uiAssetsDir: false,
    });
    try {
      const port = running.port;
      const evil = await rawRequest(running.url, '/health/liveliness', {
        headers: { host: `evil.example:${port}` },
      });
      expect(evil.status).toBe(403);
      expect(JSON.parse(evil.body).error.code).toBe('host_refused');
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
        expect((await rawRequest(running.url, '/health/liveliness', { headers: { host } })).status).toBe(200);
      }
      const crossSite = await rawRequest(running.url, '/health/liveliness', {
        headers: { origin: 'http://evil.example' },
      });
      expect(crossSite.status).toBe(403);
      const sameSite = await rawRequest(running.url, '/health/liveliness', {
        headers: { origin: `http://localhost:${port}` },
      });
      expect(sameSite.status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('refused relay writes', () => {
  it('are audited with the refusal', async () => {
    await using harness = await startHarness({ workers: 1 });
    await harness.request('/api/v1/workers/worker-a/admin/chat/completions', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const audit = (await (await harness.request('/api/v1/audit')).json()) as {
      entries: { status: number; detail: { refused: string; requested_path: string } }[];
    };
    expect(audit.entries[0]).toMatchObject({
      status: 403,
      detail: { refused: 'llm_route_refused', requested_path: '/chat/completions' },
    });
  });
});
