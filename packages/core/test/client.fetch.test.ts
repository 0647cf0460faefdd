import { type FakeWorker, startFakeWorker } from '@llm-control-plane/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserWorkerClient,
  createBrowserWorkerClient,
  relayBaseUrl,
  WorkerAbortError,
  WorkerApiError,
  WorkerResponseError,
  WorkerTimeoutError,
  WorkerUnreachableError,
} from '../src/browser.js';

const MASTER_KEY = 'sk-testkit-master-0123456789';

describe('fetch-based worker client against the LiteLLM emulator', () => {
  let worker: FakeWorker;
  let client: BrowserWorkerClient;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: MASTER_KEY,
      controlPlaneUrl: 'http://127.0.0.1:1',
      seed: { keys: 4, teams: 2, users: 2, spendLogs: 5, seed: 5 },
    });
    client = createBrowserWorkerClient({
      baseUrl: `${worker.url}/`,
      credential: MASTER_KEY,
      workerId: 'fake-1',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await worker.close();
  });

  it('calls the typed resources with the bearer credential and validates the answers', async () => {
    const keys = await client.keys.list({ page: 1, size: 2 });
    expect(keys.keys).toHaveLength(2);
    expect(keys.total_count).toBe(4);
    const all: string[] = [];
    for await (const key of client.keys.listAll({ size: 3 })) all.push(key.token ?? '');
    expect(all).toHaveLength(4);
    const generated = await client.keys.generate({ key_alias: 'fetch-made' });
    expect(generated.key).toMatch(/^sk-/);
    const blocked = await client.keys.block(generated.key);
    expect(blocked.blocked).toBe(true);
  });

  it('turns a LiteLLM error into WorkerApiError and a wrong-shaped body into WorkerResponseError', async () => {
    const missing = await client.keys.info('sk-does-not-exist-999').catch((error: unknown) => error);
    expect(WorkerApiError.isInstance(missing)).toBe(true);
    expect((missing as WorkerApiError).workerId).toBe('fake-1');
    await worker.fault('garbage');
    try {
      await expect(client.teams.list()).rejects.toSatisfy(WorkerResponseError.isInstance);
    } finally {
      await worker.fault('none');
    }
  });

  it('keeps the credential out of errors even when the worker echoes it', async () => {
    const raw = await client.raw({ method: 'GET', path: '/key/info', query: { key: MASTER_KEY } });
    expect(raw.bodyText).not.toContain(MASTER_KEY);
    await expect(client.raw({ method: 'GET', path: '/key/../admin' })).rejects.toThrow(/dot segment|path/i);
  });

  it('times out, aborts and reports an unreachable worker with the shared error classes', async () => {
    await worker.fault('hang');
    try {
      const started = Date.now();
      const timedOut = await client.keys.list({}, { timeoutMs: 300 }).catch((error: unknown) => error);
      expect(WorkerTimeoutError.isInstance(timedOut)).toBe(true);
      expect(Date.now() - started).toBeLessThan(300 + 1_000);
      const controller = new AbortController();
      const pending = client.keys.list({}, { signal: controller.signal }).catch((error: unknown) => error);
      controller.abort();
      expect(WorkerAbortError.isInstance(await pending)).toBe(true);
    } finally {
      await worker.fault('none');
    }
    const offline = createBrowserWorkerClient({ baseUrl: 'http://127.0.0.1:1', workerId: 'gone' });
    const unreachable = await offline.health.liveliness().catch((error: unknown) => error);
    expect(WorkerUnreachableError.isInstance(unreachable)).toBe(true);
    expect((unreachable as WorkerUnreachableError).workerId).toBe('gone');
  });

  it('accepts a same-origin path as base and refuses URLs with credentials', () => {
    expect(createBrowserWorkerClient({ baseUrl: relayBaseUrl('w/1') }).baseUrl).toBe(
      '/api/v1/workers/w%2F1/admin',
    );
    expect(() => createBrowserWorkerClient({ baseUrl: 'http://user:pw@worker.example' })).toThrow(
      /credentials/,
    );
    expect(() => createBrowserWorkerClient({ baseUrl: 'ftp://worker.example' })).toThrow(/http or https/);
  });
});
