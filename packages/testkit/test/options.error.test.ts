import { describe, expect, it } from 'vitest';
import { startFakeWorker } from '../src/index.js';

describe('startFakeWorker options', () => {
  it('rejects master keys without the sk- prefix', async () => {
    await expect(startFakeWorker({ masterKey: 'master' })).rejects.toThrow(TypeError);
  });

  it('rejects invalid ports and latencies', async () => {
    await expect(startFakeWorker({ masterKey: 'sk-x', port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startFakeWorker({ masterKey: 'sk-x', latencyMs: -1 })).rejects.toThrow(RangeError);
  });

  it('reports a busy port', async () => {
    await using first = await startFakeWorker({ masterKey: 'sk-first' });
    await expect(startFakeWorker({ masterKey: 'sk-second', port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('exposes url, port, name and masterKey', async () => {
    await using worker = await startFakeWorker({ masterKey: 'sk-props', name: 'props' });
    expect(worker.url).toBe(`http://127.0.0.1:${worker.port}`);
    expect(worker.name).toBe('props');
    expect(worker.masterKey).toBe('sk-props');
    expect(worker.faultMode).toBe('none');
  });
});
