import { describe, expect, it } from 'vitest';
import { startFakeWorker } from '../src/index.js';
import { apiClient, proxyErrorOf } from './helpers.js';

const MASTER_KEY = 'sk-master-faults';

async function connectionError(url: string): Promise<string | undefined> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
}

describe('fault injection', () => {
  it('down refuses connections and none recovers on the same port', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    const port = worker.port;
    const api = apiClient(worker);
    expect((await api.get('/health/liveliness')).status).toBe(200);
    await worker.fault('down');
    expect(worker.faultMode).toBe('down');
    expect(await connectionError(`${worker.url}/health/liveliness`)).toBe('ECONNREFUSED');
    await worker.fault('none');
    expect(worker.port).toBe(port);
    expect((await api.get('/health/liveliness')).status).toBe(200);
  });

  it('down without awaiting still takes effect before the next fault switch', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    void worker.fault('down');
    await worker.fault('none');
    expect((await apiClient(worker).get('/health/liveliness')).status).toBe(200);
  });

  it('hang accepts but never answers, and close() still returns promptly', async () => {
    const worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await worker.fault('hang');
    const pending = fetch(`${worker.url}/health/liveliness`).then(
      () => 'answered',
      () => 'failed',
    );
    const aborted = await fetch(`${worker.url}/health/readiness`, { signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(aborted).toBe('TimeoutError');
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe('failed');
    expect(worker.state.counters.requests).toBe(2);
  });

  it('slow adds latency to every response', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await worker.fault('slow', { latencyMs: 1_500 });
    const outcome = await fetch(`${worker.url}/health/liveliness`, { signal: AbortSignal.timeout(200) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    await worker.fault('slow', { latencyMs: 50 });
    expect((await apiClient(worker).get('/health/liveliness')).status).toBe(200);
  });

  it('setLatency and the latencyMs option delay every response', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY, latencyMs: 1_500 });
    const outcome = await fetch(`${worker.url}/health/liveliness`, { signal: AbortSignal.timeout(200) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    worker.setLatency(0);
    expect((await apiClient(worker).get('/health/liveliness')).status).toBe(200);
    expect(() => worker.setLatency(-1)).toThrow(RangeError);
  });

  it('error500 answers a 500 ProxyException on every route', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    const api = apiClient(worker);
    await worker.fault('error500');
    for (const path of ['/health/liveliness', '/key/list', '/no/such/route']) {
      const response = await api.get(path);
      expect(response.status).toBe(500);
      expect(proxyErrorOf(response).type).toBe('internal_server_error');
    }
    await worker.fault('none');
    expect((await api.get('/key/list')).status).toBe(200);
  });

  it('garbage answers 200 with a body that is not JSON', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await worker.fault('garbage');
    const response = await fetch(`${worker.url}/key/list`, {
      headers: { authorization: `Bearer ${MASTER_KEY}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('flaky fails every Nth request', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    const api = apiClient(worker);
    await worker.fault('flaky', { every: 3 });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await api.get('/health/liveliness')).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500]);
    await worker.fault('flaky');
    const defaults: number[] = [];
    for (let index = 0; index < 4; index += 1) defaults.push((await api.get('/health/liveliness')).status);
    expect(defaults).toEqual([200, 500, 200, 500]);
  });

  it('reports a port taken while down and recovers once it is free again', async () => {
    const { createServer } = await import('node:net');
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await worker.fault('down');
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(worker.port, '127.0.0.1', resolve));
    await expect(worker.fault('none')).rejects.toThrow(/EADDRINUSE/);
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    await worker.fault('none');
    expect((await apiClient(worker).get('/health/liveliness')).status).toBe(200);
  });

  it('rejects unknown fault modes and faults after close', async () => {
    const worker = await startFakeWorker({ masterKey: MASTER_KEY });
    expect(() => worker.fault('explode' as never)).toThrow(TypeError);
    await worker.close();
    await worker.close();
    await expect(worker.fault('none')).rejects.toThrow('closed');
  });

  it('close() terminates idle keep-alive connections and in-flight slow requests', async () => {
    const worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await apiClient(worker).get('/health/liveliness');
    await worker.fault('slow', { latencyMs: 10_000 });
    const pending = fetch(`${worker.url}/health/liveliness`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe('failed');
  });
});
