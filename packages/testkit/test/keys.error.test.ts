import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorker, startFakeWorker } from '../src/index.js';
import { type ApiClient, apiClient, json, proxyErrorOf } from './helpers.js';

describe('virtual key errors', () => {
  let worker: FakeWorker;
  let api: ApiClient;

  beforeAll(async () => {
    worker = await startFakeWorker({ masterKey: 'sk-master-key-errors' });
    api = apiClient(worker);
  });
  afterAll(() => worker.close());

  it('rejects duplicate aliases with a bad_request_error ProxyException', async () => {
    await api.post('/key/generate', { key_alias: 'unique' });
    const response = await api.post('/key/generate', { key_alias: 'unique' });
    expect(response.status).toBe(400);
    const error = proxyErrorOf(response);
    expect(error.type).toBe('bad_request_error');
    expect(error.param).toBe('key_alias');
    expect(error.message).toContain("Key with alias 'unique' already exists");
  });

  it('rejects custom keys without the sk- prefix and negative budgets', async () => {
    const badKey = await api.post('/key/generate', { key: 'abcdefghijklmnop' });
    expect(badKey.status).toBe(400);
    expect(proxyErrorOf(badKey).message).toContain('abcd****mnop');
    const negative = await api.post('/key/generate', { max_budget: -1 });
    expect(negative.status).toBe(400);
    expect(proxyErrorOf(negative).message).toBe("{'error': 'max_budget cannot be negative. Received: -1'}");
  });

  it('answers 422 pydantic details for wrongly typed fields and invalid JSON', async () => {
    const typed = await api.post('/key/generate', { models: 'gpt-4o', tpm_limit: 'many' });
    expect(typed.status).toBe(422);
    const locations = json(typed).detail.map((issue: { loc: unknown[] }) => issue.loc.join('.'));
    expect(locations).toEqual(expect.arrayContaining(['body.models', 'body.tpm_limit']));
    const invalid = await api.request('POST', '/key/generate', {
      rawBody: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(invalid.status).toBe(422);
    expect(json(invalid).detail[0].type).toBe('json_invalid');
  });

  it('answers 422 for /key/delete without keys or aliases and 404 when nothing matches', async () => {
    const empty = await api.post('/key/delete', {});
    expect(empty.status).toBe(422);
    expect(json(empty).detail[0].msg).toContain("At least one of 'keys' or 'key_aliases' must be provided");
    const missing = await api.post('/key/delete', { keys: ['sk-does-not-exist'] });
    expect(missing.status).toBe(404);
    proxyErrorOf(missing);
  });

  it('answers 404 for unknown keys on info, update, regenerate and block', async () => {
    const info = await api.get('/key/info', { query: { key: 'sk-unknown-key' } });
    expect(info.status).toBe(404);
    expect(proxyErrorOf(info)).toMatchObject({
      type: 'not_found_error',
      param: 'key',
      message: 'Key not found in database',
    });
    const update = await api.post('/key/update', { key: 'sk-unknown-key', tpm_limit: 1 });
    expect(update.status).toBe(404);
    expect(proxyErrorOf(update).type).toBe('auth_error');
    expect((await api.post('/key/regenerate', { key: 'sk-unknown-key' })).status).toBe(404);
    expect((await api.post('/key/block', { key: 'sk-unknown-key' })).status).toBe(404);
    const noKey = await api.post('/key/regenerate', {});
    expect(noKey.status).toBe(400);
    expect(proxyErrorOf(noKey).message).toBe("{'error': 'No key passed in.'}");
  });

  it('requires temp_budget_increase and temp_budget_expiry together', async () => {
    const created = json(await api.post('/key/generate', {}));
    const response = await api.post('/key/update', { key: created.key, temp_budget_increase: 10 });
    expect(response.status).toBe(422);
  });

  it('enforces /key/list size and page bounds and sort_by values', async () => {
    expect((await api.get('/key/list', { query: { size: 101 } })).status).toBe(422);
    expect((await api.get('/key/list', { query: { size: 0 } })).status).toBe(422);
    expect((await api.get('/key/list', { query: { page: 0 } })).status).toBe(422);
    expect(json(await api.get('/key/list', { query: { page: 'x' } })).detail[0].type).toBe('int_parsing');
    expect((await api.get('/key/list', { query: { size: 100 } })).status).toBe(200);
    expect((await api.get('/key/list', { query: { sort_by: 'nope' } })).status).toBe(400);
    expect((await api.get('/key/list', { query: { status: 'active' } })).status).toBe(400);
  });

  it('refuses /key/regenerate without the premium licence', async () => {
    await using community = await startFakeWorker({ masterKey: 'sk-community', premium: false });
    const communityApi = apiClient(community);
    const created = json(await communityApi.post('/key/generate', {}));
    const response = await communityApi.post('/key/regenerate', { key: created.key });
    expect(response.status).toBe(400);
    expect(proxyErrorOf(response).message).toContain('LiteLLM Enterprise');
  });
});
