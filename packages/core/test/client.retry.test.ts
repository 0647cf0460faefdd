import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkerClient,
  RETRY_AFTER_CAP_MS,
  WorkerApiError,
  WorkerUnreachableError,
} from '../src/index.js';
import { closedPort, detailError, type StubWorker, startStubWorker } from './support/stub-worker.js';

const opened: { close(): Promise<void> }[] = [];
function track<T extends { close(): Promise<void> }>(value: T): T {
  opened.push(value);
  return value;
}
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

/** Fails the first `failures` requests with `status`, then answers `body`. */
async function flakyWorker(failures: number, status: number, headers: Record<string, string> = {}) {
  let seen = 0;
  return track(
    await startStubWorker(() => {
      seen += 1;
      if (seen <= failures) return { ...detailError(status, 'temporarily unavailable'), headers };
      return { body: [] };
    }),
  );
}

/** Drops the connection without answering the first `failures` requests. */
async function resettingWorker(failures: number): Promise<StubWorker> {
  let seen = 0;
  return track(
    await startStubWorker((_request, response) => {
      seen += 1;
      if (seen <= failures) {
        response.socket?.destroy();
        return undefined;
      }
      return { body: { deleted_keys: [] } };
    }),
  );
}

describe('retries', () => {
  it('retries GET on 503 up to maxRetries (default 2) and then succeeds', async () => {
    const worker = await flakyWorker(2, 503);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    await expect(client.budgets.list()).resolves.toEqual([]);
    expect(worker.requests).toHaveLength(3);
  });

  it('gives up after maxRetries and throws the last API error', async () => {
    const worker = await flakyWorker(10, 502);
    const client = track(createWorkerClient({ baseUrl: worker.url, maxRetries: 1 }));
    const error = await client.budgets.list().catch((caught: unknown) => caught);
    expect(WorkerApiError.isInstance(error)).toBe(true);
    expect((error as WorkerApiError).status).toBe(502);
    expect((error as WorkerApiError).retryable).toBe(true);
    expect(worker.requests).toHaveLength(2);
  });

  it('never retries POST on an HTTP error', async () => {
    const worker = await flakyWorker(10, 503);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    await expect(client.budgets.info(['b1'])).rejects.toSatisfy(WorkerApiError.isInstance);
    expect(worker.requests).toHaveLength(1);
  });

  it('does not retry 4xx other than 408/429', async () => {
    const worker = await flakyWorker(10, 404);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    await expect(client.budgets.list()).rejects.toSatisfy(WorkerApiError.isInstance);
    expect(worker.requests).toHaveLength(1);
  });

  it('retries GET when the connection is reset', async () => {
    const worker = await resettingWorker(2);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    await expect(client.raw({ method: 'GET', path: '/key/list' })).resolves.toMatchObject({ status: 200 });
    expect(worker.requests).toHaveLength(3);
  });

  it('does not retry POST when the connection is reset after the request was sent', async () => {
    const worker = await resettingWorker(2);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    await expect(client.keys.delete({ keys: ['sk-a'] })).rejects.toSatisfy(WorkerUnreachableError.isInstance);
    expect(worker.requests).toHaveLength(1);
  });

  it('retries POST when the connection was refused (nothing was sent)', async () => {
    const port = await closedPort();
    const client = track(createWorkerClient({ baseUrl: `http://127.0.0.1:${port}` }));
    let received = 0;
    const server = createServer((_request, response) => {
      received += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ deleted_keys: ['sk-a'] }));
    });
    track({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    // The worker comes up while the client backs off (at least 100 ms) after the first refusal.
    setTimeout(() => server.listen(port, '127.0.0.1'), 20);
    await expect(client.keys.delete({ keys: ['sk-a'] })).resolves.toEqual({ deleted_keys: ['sk-a'] });
    expect(received).toBe(1);
  });

  it('retry:false disables retries for raw GET', async () => {
    const worker = await flakyWorker(10, 503);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    const response = await client.raw({ method: 'GET', path: '/budget/list', retry: false });
    expect(response.status).toBe(503);
    expect(worker.requests).toHaveLength(1);
  });

  it('raw POST returns the error status without retrying', async () => {
    const worker = await flakyWorker(10, 503);
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    const response = await client.raw({ method: 'POST', path: '/budget/new', body: { budget_id: 'b' } });
    expect(response.status).toBe(503);
    expect(JSON.parse(response.bodyText)).toEqual({ detail: { error: 'temporarily unavailable' } });
    expect(worker.requests).toHaveLength(1);
  });

  it('honours Retry-After but caps it', async () => {
    const worker = await flakyWorker(1, 429, { 'retry-after': '30' });
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 10_000 }));
    const started = Date.now();
    await expect(client.budgets.list()).resolves.toEqual([]);
    const elapsed = Date.now() - started;
    expect(worker.requests).toHaveLength(2);
    // 30 s were asked for; the cap keeps the wait at about RETRY_AFTER_CAP_MS.
    expect(elapsed).toBeLessThan(RETRY_AFTER_CAP_MS + 1_500);
  });

  it('does not wait for a Retry-After that would pass the deadline', async () => {
    const worker = await flakyWorker(1, 429, { 'retry-after': '2' });
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 500 }));
    const started = Date.now();
    const error = await client.budgets.list().catch((caught: unknown) => caught);
    expect(WorkerApiError.isInstance(error)).toBe(true);
    expect((error as WorkerApiError).status).toBe(429);
    expect(worker.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(500 + 250);
  });

  it('maxRetries: 0 makes a single attempt', async () => {
    const worker = await flakyWorker(10, 500);
    const client = track(createWorkerClient({ baseUrl: worker.url, maxRetries: 0 }));
    await expect(client.budgets.list()).rejects.toSatisfy(WorkerApiError.isInstance);
    expect(worker.requests).toHaveLength(1);
  });
});
