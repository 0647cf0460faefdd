import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('LLM routes', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({
      masterKey: 'sk-master-llm',
      name: 'llm-worker',
      models: [
        'gpt-4o',
        {
          model_name: 'embedder',
          litellm_params: { model: 'openai/text-embedding-3-small', api_key: 'sk-provider-secret' },
        },
      ],
    });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('answers fake OpenAI-shaped responses, counts requests and records spend', async () => {
    const before = worker.state.counters.llmRequests;
    const key = json(await api.post('/key/generate', { key_alias: 'llm-key' }));
    const chat = await api.post(
      '/v1/chat/completions',
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] },
      { key: key.key },
    );
    expect(chat.status).toBe(200);
    expect(json(chat)).toMatchObject({ object: 'chat.completion', model: 'gpt-4o' });
    expect(json(chat).choices[0].message.content).toContain('llm-worker');
    expect(json(chat).usage.total_tokens).toBeGreaterThan(0);
    const calls: [string, unknown][] = [
      ['/chat/completions', { model: 'gpt-4o', messages: [] }],
      ['/completions', { model: 'gpt-4o', prompt: 'hi' }],
      ['/v1/completions', { model: 'gpt-4o', prompt: 'hi' }],
      ['/embeddings', { model: 'embedder', input: ['a', 'b'] }],
      ['/v1/embeddings', { model: 'embedder', input: 'a' }],
      ['/responses', { model: 'gpt-4o', input: 'hi' }],
      ['/v1/responses', { model: 'gpt-4o', input: 'hi' }],
      ['/openai/deployments/gpt-4o/chat/completions', { messages: [] }],
      ['/engines/gpt-4o/chat/completions', { messages: [] }],
      ['/v1/messages', { model: 'gpt-4o', messages: [] }],
    ];
    for (const [path, body] of calls) {
      const response = await api.post(path, body, { key: key.key });
      expect(response.status, path).toBe(200);
    }
    expect(worker.state.counters.llmRequests - before).toBe(calls.length + 1);
    const rows = worker.state.spendLogs.filter((row) => row.api_key === key.token);
    expect(rows).toHaveLength(calls.length + 1);
    expect(rows[0]!.spend).toBeGreaterThan(0);
    expect(worker.state.keys.get(key.token)!.spend).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.spend, 0),
    );
    const embedding = json(await api.post('/embeddings', { model: 'embedder', input: ['a', 'b'] }));
    expect(embedding.data).toHaveLength(2);
  });

  it('counts LLM requests even when they are refused', async () => {
    const before = worker.state.counters.llmRequests;
    expect((await api.post('/chat/completions', { model: 'gpt-4o' }, { key: null })).status).toBe(401);
    expect(worker.state.counters.llmRequests).toBe(before + 1);
  });

  it('refuses unknown models, models outside the key and exceeded budgets', async () => {
    const unknown = await api.post('/chat/completions', { model: 'nope', messages: [] });
    expect(unknown.status).toBe(400);
    const restricted = json(await api.post('/key/generate', { models: ['embedder'] })).key;
    const denied = await api.post(
      '/chat/completions',
      { model: 'gpt-4o', messages: [] },
      { key: restricted },
    );
    expect(denied.status).toBe(401);
    expect(proxyErrorOf(denied).type).toBe('key_model_access_denied');
    const broke = json(await api.post('/key/generate', { max_budget: 0 })).key;
    const exceeded = await api.post('/chat/completions', { model: 'gpt-4o', messages: [] }, { key: broke });
    expect(exceeded.status).toBe(400);
    expect(proxyErrorOf(exceeded).type).toBe('budget_exceeded');
  });

  it('streams a single SSE chunk when stream is true', async () => {
    const response = await api.post('/chat/completions', { model: 'gpt-4o', messages: [], stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.text).toContain('data: [DONE]');
  });

  it('filters /v1/models by the key model list and hides provider credentials from info', async () => {
    const restricted = json(await api.post('/key/generate', { models: ['gpt-4o'] })).key;
    const models = json(await api.get('/v1/models', { key: restricted }));
    expect(models.data.map((model: { id: string }) => model.id)).toEqual(['gpt-4o']);
    const info = await api.get('/model/info');
    expect(info.text).not.toContain('sk-provider-secret');
  });
});
