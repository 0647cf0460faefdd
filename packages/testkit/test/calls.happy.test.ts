import { describe, expect, it } from 'vitest';
import { startFakeWorker } from '../src/index.js';
import { apiClient } from './helpers.js';

const MASTER_KEY = 'sk-master-calls';

describe('call log', () => {
  it('records method and raw path of every request, routed or not, faulted or not', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    const api = apiClient(worker);
    expect(worker.calls).toEqual([]);
    await api.get('/key/list', { query: { size: 2 } });
    await api.post('/v1/mcp/server', { server_name: 'x' });
    const unmodelled = await api.get('/v1/mcp/server/oauth/srv%201/authorize');
    expect(unmodelled.status).toBe(404);
    expect(unmodelled.body).toEqual({ detail: 'Not Found' });
    await worker.fault('error500');
    await api.get('/team/list');
    await worker.fault('none');
    expect(worker.calls).toEqual([
      { method: 'GET', path: '/key/list' },
      { method: 'POST', path: '/v1/mcp/server' },
      { method: 'GET', path: '/v1/mcp/server/oauth/srv%201/authorize' },
      { method: 'GET', path: '/team/list' },
    ]);
    expect(worker.state.counters.requests).toBe(4);
    expect(worker.state.counters.llmRequests).toBe(0);
  });

  it('LLM calls are logged and still counted as LLM requests', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY, models: ['gpt-4o'] });
    const answer = await apiClient(worker).post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.status).toBe(200);
    expect(worker.calls).toEqual([{ method: 'POST', path: '/v1/chat/completions' }]);
    expect(worker.state.counters.llmRequests).toBe(1);
  });

  it('clearCalls empties the log, and the returned log is a snapshot', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY });
    await apiClient(worker).get('/health/liveliness');
    const snapshot = worker.calls;
    worker.clearCalls();
    expect(worker.calls).toEqual([]);
    expect(snapshot).toHaveLength(1);
  });

  it('keeps the most recent callLogLimit calls', async () => {
    await using worker = await startFakeWorker({ masterKey: MASTER_KEY, callLogLimit: 5 });
    const api = apiClient(worker);
    for (let index = 0; index < 23; index += 1) await api.get(`/key/info`, { query: { key: `k${index}` } });
    await api.get('/key/list');
    const calls = worker.calls;
    expect(calls).toHaveLength(5);
    expect(calls.at(-1)).toEqual({ method: 'GET', path: '/key/list' });
    expect(worker.state.counters.requests).toBe(24);
  });

  it('refuses a call log limit that is not a positive integer', async () => {
    for (const callLogLimit of [0, -1, 1.5, Number.NaN]) {
      await expect(startFakeWorker({ masterKey: MASTER_KEY, callLogLimit })).rejects.toThrow(
        /callLogLimit must be a positive integer/,
      );
    }
  });
});
