import { describe, expect, it } from 'vitest';
import { startFakeWorker } from '../src/index.js';

describe('startFakeWorker options', () => {
  it('rejects master keys without the sk- prefix', async () => {
    await expect(startFakeWorker({ masterKey: 'master' })).rejects.toThrow(TypeError);
  });

  it('rejects invalid ports and latencies', async () => {
    await expect(startFakeWorker({ masterKey: 'sk-x', port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startFakeWorker({ masterKey: 'sk-x', latencyMs: -1 })).rejects.toThrow(RangeError);
    await expect(startFakeWorker({ masterKey: 'sk-x', seed: { keys: -1 } })).rejects.toThrow(RangeError);
    await expect(startFakeWorker({ masterKey: 'sk-x', seed: 1.5 })).rejects.toThrow(RangeError);
  });

  it('reports a busy port', async () => {
    await using first = await startFakeWorker({ masterKey: 'sk-first' });
    await expect(startFakeWorker({ masterKey: 'sk-second', port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('names the worker after its port by default and serves HEAD and trailing slashes', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-default-name' });
    expect(worker.name).toBe(`fake-worker-${worker.port}`);
    const head = await fetch(`${worker.url}/health/readiness`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const slash = await fetch(`${worker.url}/health/readiness/`);
    expect(slash.status).toBe(200);
  });

  it('exposes url, port, name and masterKey', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-props', name: 'props' });
    expect(worker.url).toBe(`http://127.0.0.1:${worker.port}`);
    expect(worker.name).toBe('props');
    expect(worker.masterKey).toBe('sk-props');
    expect(worker.faultMode).toBe('none');
  });
});
