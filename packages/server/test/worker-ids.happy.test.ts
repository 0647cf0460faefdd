import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningControlPlane, startControlPlane } from '../src/start.js';
import { MASTER_KEY, workerKey } from './support/fixtures.js';
import { rawRequest } from './support/http.js';
import { createMemoryStore } from './support/memory-store.js';

/** Ids LiteLLM accepts that need encoding in every URL: spaces, slash, unicode, %, ?, #, comma. */
const SPACED_ID = 'EU West (prod)/1';
const AWKWARD_ID = 'üst 東京 50%?#,2';
const RUNTIME_ID = 'runtime/ü #3?x=1';

type ErrorBody = { error: { code: string; message: string } };

describe('worker ids as lenient as LiteLLM, through the real server', () => {
  let workers: FakeWorker[];
  let running: RunningControlPlane;

  beforeAll(async () => {
    workers = [
      await startFakeWorker({ masterKey: workerKey(0), name: 'spaced', seed: { keys: 1, seed: 1 } }),
      await startFakeWorker({ masterKey: workerKey(1), name: 'awkward', seed: { keys: 1, seed: 2 } }),
    ];
    running = await startControlPlane({
      config: {
        worker_registry: [
          { worker_id: SPACED_ID, name: 'EU West', url: workers[0]!.url, api_key: workers[0]!.masterKey },
          { worker_id: AWKWARD_ID, name: 'Tokyo', url: workers[1]!.url, api_key: workers[1]!.masterKey },
        ],
        general_settings: { master_key: MASTER_KEY },
      },
      store: createMemoryStore(),
      port: 0,
      uiAssetsDir: false,
      monitorIntervalMs: 600_000,
    });
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await Promise.all((workers ?? []).map((worker) => worker.close()));
  });

  function call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${MASTER_KEY}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${running.url}${path}`, { ...init, headers });
  }

  const workerPath = (id: string) => `/api/v1/workers/${encodeURIComponent(id)}`;

  it('lists the workers with their ids as written and finds each by its encoded id', async () => {
    const listed = (await (await call('/api/v1/workers')).json()) as { workers: { worker_id: string }[] };
    expect(listed.workers.map((worker) => worker.worker_id)).toEqual([SPACED_ID, AWKWARD_ID]);
    for (const id of [SPACED_ID, AWKWARD_ID]) {
      const response = await call(workerPath(id));
      expect(response.status, await response.clone().text()).toBe(200);
      expect(((await response.json()) as { worker_id: string }).worker_id).toBe(id);
    }
  });

  it('relays to the worker the encoded id names, audits under that id and filters the audit by it', async () => {
    workers[0]!.clearCalls();
    workers[1]!.clearCalls();
    const response = await call(`${workerPath(SPACED_ID)}/admin/key/generate`, {
      method: 'POST',
      body: JSON.stringify({ key_alias: 'spaced-relay-key' }),
    });
    expect(response.status).toBe(200);
    expect(workers[0]!.calls.some((entry) => entry.method === 'POST' && entry.path === '/key/generate')).toBe(
      true,
    );
    expect(workers[1]!.calls.some((entry) => entry.path === '/key/generate')).toBe(false);

    const audit = await call(`/api/v1/audit?worker_id=${encodeURIComponent(SPACED_ID)}`);
    const { entries } = (await audit.json()) as { entries: { worker_id: string; path: string }[] };
    expect(entries.map((entry) => [entry.worker_id, entry.path])).toEqual([[SPACED_ID, '/key/generate']]);
    const other = await call(`/api/v1/audit?worker_id=${encodeURIComponent(AWKWARD_ID)}`);
    expect(((await other.json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('fans out to workers selected by ids encoded within the comma list', async () => {
    const selection = [SPACED_ID, AWKWARD_ID].map(encodeURIComponent).join(',');
    const query = new URLSearchParams({ q: 'spaced-relay-key', type: 'key', workers: selection });
    const search = await call(`/api/v1/fleet/search?${query}`);
    expect(search.status).toBe(200);
    const body = (await search.json()) as { matches: { worker_id: string }[]; failures: unknown[] };
    expect(body.failures).toEqual([]);
    expect(body.matches.map((match) => match.worker_id)).toEqual([SPACED_ID]);

    workers[0]!.clearCalls();
    workers[1]!.clearCalls();
    const only = new URLSearchParams({ workers: encodeURIComponent(AWKWARD_ID) });
    const health = await call(`/api/v1/fleet/health?${only}`);
    const rows = ((await health.json()) as { workers: { worker_id: string; status: string }[] }).workers;
    expect(rows.map((row) => [row.worker_id, row.status])).toEqual([[AWKWARD_ID, 'healthy']]);
    expect(workers[1]!.calls.length).toBeGreaterThan(0);
    expect(workers[0]!.calls).toEqual([]);
  });

  it('adds, updates, relays to and deletes a runtime worker whose id needs encoding', async () => {
    const created = await call('/api/v1/workers', {
      method: 'POST',
      body: JSON.stringify({
        worker_id: RUNTIME_ID,
        name: 'Runtime',
        url: `${workers[1]!.url.toUpperCase()}/`,
        api_key: workers[1]!.masterKey,
      }),
    });
    expect(created.status).toBe(201);
    // The url is shown as written; calls below go to its normalised form.
    expect(await created.json()).toMatchObject({
      worker_id: RUNTIME_ID,
      url: `${workers[1]!.url.toUpperCase()}/`,
    });

    const patched = await call(workerPath(RUNTIME_ID), {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Runtime renamed' }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { name: string }).name).toBe('Runtime renamed');

    workers[1]!.clearCalls();
    const relayed = await call(`${workerPath(RUNTIME_ID)}/admin/key/list`);
    expect(relayed.status).toBe(200);
    expect(workers[1]!.calls.some((entry) => entry.path.startsWith('/key/list'))).toBe(true);

    const audit = await call(`/api/v1/audit?worker_id=${encodeURIComponent(RUNTIME_ID)}`);
    const actions = ((await audit.json()) as { entries: { action: string }[] }).entries.map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['worker.create', 'worker.update']));

    const deleted = await call(workerPath(RUNTIME_ID), { method: 'DELETE' });
    expect(deleted.status).toBeLessThan(300);
    expect((await call(workerPath(RUNTIME_ID))).status).toBe(404);
  });

  it('refuses the dot-segment ids "." and ".." in the registry and in paths', async () => {
    for (const id of ['.', '..']) {
      const created = await call('/api/v1/workers', {
        method: 'POST',
        body: JSON.stringify({ worker_id: id, name: 'dots', url: workers[0]!.url }),
      });
      expect(created.status).toBe(400);
      expect(((await created.json()) as ErrorBody).error.message).toContain('must not be "." or ".."');
    }
    workers[0]!.clearCalls();
    // fetch would resolve these dot segments itself, so the raw request target is sent as written.
    for (const encoded of ['.', '..', '%2E', '%2E%2E', '%2e.', '%252e%252e']) {
      const response = await rawRequest(running.url, `/api/v1/workers/${encoded}/admin/key/list`, {
        headers: { authorization: `Bearer ${MASTER_KEY}` },
      });
      expect(response.status, encoded).toBe(400);
      expect((JSON.parse(response.body) as ErrorBody).error.code).toBe('invalid_path');
    }
    expect(workers[0]!.calls).toEqual([]);
  });
});
