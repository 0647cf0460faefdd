import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerClient, WorkerAbortError, type WorkerError, WorkerTimeoutError } from '../src/index.js';
import { type StubWorker, startStubWorker } from './support/stub-worker.js';

const opened: { close(): Promise<void> }[] = [];
function track<T extends { close(): Promise<void> }>(value: T): T {
  opened.push(value);
  return value;
}
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

/** Never answers: the request is read and then left hanging. */
async function silentWorker(): Promise<StubWorker> {
  return track(await startStubWorker(() => undefined));
}

/** Sends headers and part of the body, then stalls. */
async function stallingWorker(): Promise<StubWorker> {
  return track(
    await startStubWorker((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys": [');
      return undefined;
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected failure');
    },
    (error: unknown) => error,
  );
}

describe('deadlines', () => {
  it('times out a worker that never answers (client default)', async () => {
    const worker = await silentWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 300, workerId: 'w-slow' }));
    const started = Date.now();
    const error = await failure(client.keys.list());
    expect(WorkerTimeoutError.isInstance(error)).toBe(true);
    const timeout = error as WorkerTimeoutError;
    expect(timeout.kind).toBe('timeout');
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.workerId).toBe('w-slow');
    expect(timeout.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(300 + 250);
    // The deadline covers retries too: a GET is not re-sent after its deadline passed.
    expect(worker.requests).toHaveLength(1);
  });

  it('per-call timeoutMs overrides the client default', async () => {
    const worker = await silentWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 60_000 }));
    const started = Date.now();
    const error = await failure(client.teams.list({}, { timeoutMs: 200 }));
    expect((error as WorkerTimeoutError).timeoutMs).toBe(200);
    expect(Date.now() - started).toBeLessThan(200 + 250);
  });

  it('the deadline covers the body, not only the headers', async () => {
    const worker = await stallingWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 300 }));
    const started = Date.now();
    const error = await failure(client.keys.list());
    expect(WorkerTimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(300 + 250);
  });

  it('a call still waiting for a connection ends at its own deadline', async () => {
    const worker = await silentWorker();
    // One connection, taken by a request the worker never answers: the second call waits in undici's queue.
    const dispatcher = track(new Agent({ connections: 1 }));
    const client = track(createWorkerClient({ baseUrl: worker.url, dispatcher, timeoutMs: 5_000 }));
    const first = failure(client.keys.list({}, { timeoutMs: 3_000 }));
    const started = Date.now();
    const error = await failure(client.teams.list({}, { timeoutMs: 200 }));
    expect(WorkerTimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(200 + 250);
    expect(WorkerTimeoutError.isInstance(await first)).toBe(true);
  });

  it('raw() honours its own timeoutMs and throws on a stalled body', async () => {
    const worker = await stallingWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    const error = await failure(client.raw({ method: 'GET', path: '/key/list', timeoutMs: 200 }));
    expect(WorkerTimeoutError.isInstance(error)).toBe(true);
  });
});

describe('caller abort', () => {
  it('aborting mid-request gives WorkerAbortError, not a timeout', async () => {
    const worker = await silentWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 5_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(client.keys.list({}, { signal: controller.signal }));
    expect(WorkerAbortError.isInstance(error)).toBe(true);
    expect(WorkerTimeoutError.isInstance(error)).toBe(false);
    expect((error as WorkerError).kind).toBe('aborted');
    expect((error as WorkerError).retryable).toBe(false);
    expect(Date.now() - started).toBeLessThan(100 + 250);
  });

  it('aborting while the body streams gives WorkerAbortError', async () => {
    const worker = await stallingWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url, timeoutMs: 5_000 }));
    const error = await failure(client.keys.list({}, { signal: AbortSignal.timeout(150) }));
    expect(WorkerAbortError.isInstance(error)).toBe(true);
  });

  it('an already-aborted signal fails without sending anything', async () => {
    const worker = await silentWorker();
    const client = track(createWorkerClient({ baseUrl: worker.url }));
    const error = await failure(
      client.raw({ method: 'POST', path: '/key/generate', signal: AbortSignal.abort() }),
    );
    expect(WorkerAbortError.isInstance(error)).toBe(true);
    expect(worker.requests).toHaveLength(0);
  });

  it('aborting during a retry backoff stops the retries', async () => {
    const worker = track(await startStubWorker(() => ({ status: 503, body: { detail: 'busy' } })));
    const client = track(createWorkerClient({ baseUrl: worker.url, maxRetries: 5, timeoutMs: 10_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.budgets.list({ signal: controller.signal }));
    expect(WorkerAbortError.isInstance(error)).toBe(true);
    expect(worker.requests.length).toBeLessThanOrEqual(2);
  });
});
